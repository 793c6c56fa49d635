import type { Logger } from 'pino';
import type { BreakerOptions, FacadeOptions, MismatchRecord, ParityOptions, RestPortOptions } from '@ecgrid-bridge/facade';
import type { SoapBackendOptions } from '@ecgrid-bridge/facade';
import type { GatewaySessionStore } from './session-store.js';

/** The routing and backends every client session's facade gets (see `createEcgridFacade`). */
export interface GatewayFacadeOptions {
  backend?: FacadeOptions['backend'] | undefined;
  routes?: FacadeOptions['routes'] | undefined;
  rollout?: FacadeOptions['rollout'] | undefined;
  stages?: FacadeOptions['stages'] | undefined;
  fallback?: boolean | BreakerOptions | undefined;
  soap?: Omit<SoapBackendOptions, 'credentials' | 'session' | 'redactor' | 'onEvent'> | undefined;
  rest?: Omit<RestPortOptions, 'credentials' | 'auth' | 'onEvent'> | undefined;
  parity?: Omit<ParityOptions, 'publish' | 'publishMatches' | 'keepRecords'> | undefined;
  /** Ready-made backends shared by every session instead of SOAP and REST clients (tests and benchmarks). */
  backends?: FacadeOptions['backends'] | undefined;
}

export interface GatewayLimits {
  /** Largest request body, bytes (default 64 MiB: a parcel upload travels as base64 inside the envelope). */
  maxBodyBytes?: number;
  /** Bounds each call through the facade, ms (default 60 s); the client gets a SystemError fault past it. */
  callTimeoutMs?: number;
  /** Time a client has to send its whole request, ms (default 30 s); slower clients are cut off. */
  requestTimeoutMs?: number;
  /** Time a client has to send its headers, ms (default 10 s). */
  headersTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this, ms (default 5 s). */
  keepAliveTimeoutMs?: number;
  /** Open connections at most (default 1,024); more are refused by the server socket. */
  maxConnections?: number;
  /** Deepest element nesting accepted in a request (default 32). */
  maxDepth?: number;
  /** How long `close()` waits for calls in flight before it cuts them, ms (default 30 s). */
  drainTimeoutMs?: number;
}

export interface GatewayOptions {
  /** 0 (default): a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1; use 0.0.0.0 to serve other hosts. */
  host?: string | undefined;
  /** The service path, as ECGridOS has it (default `/v4.1/prod/ECGridOS.asmx`). */
  path?: string | undefined;
  /**
   * The service URL written into the WSDL's `soap:address` (behind a proxy or TLS terminator, its public URL).
   * Default: the URL the client used to fetch the WSDL, when its Host header is a plain host name; else the listening URL.
   */
  publicUrl?: string | undefined;
  facade?: GatewayFacadeOptions | undefined;
  sessions?: {
    store?: GatewaySessionStore | undefined;
    /** Inactivity limit of a client session, ms (default 20 minutes, as ECGridOS). */
    ttlMs?: number | undefined;
    /** Key for telling gateway SessionIDs from API keys; share it among instances sharing a store (default: random). */
    secret?: string | undefined;
  };
  limits?: GatewayLimits | undefined;
  /** Serve HTTPS with this key and certificate (PEM); otherwise plain HTTP, for a TLS terminator in front. */
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer };
  /** A pino logger, or a level for the gateway's own JSON logger on stdout (default `info`; `silent` for none). */
  logger?: Logger | { level?: string; destination?: NodeJS.WritableStream };
  /** Receives every parity record (matches included), redacted. */
  onParityRecord?: ((record: MismatchRecord) => void) | undefined;
  /** How many recent parity records `parityRecords()` keeps (default 1,000). */
  keepParityRecords?: number | undefined;
  /** Node's process metrics (memory, event loop, GC) in /metrics (default true). */
  processMetrics?: boolean | undefined;
  /** Where `ECGrid__*` and `ECGRID_GATEWAY_*` variables are read (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
}
