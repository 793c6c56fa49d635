import type { Readable } from 'node:stream';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export type QueryValue = string | number | boolean | null | undefined;

/** One REST call as a caller describes it. */
export interface RestRequest {
  method: HttpMethod;
  /** A path relative to the base URL, e.g. `/v2/parcels/{id}`; `{name}` segments are filled from `pathParams`. */
  path: string;
  pathParams?: Record<string, string | number>;
  /** Query parameters. Credentials are refused here: they never go in a URL. */
  query?: Record<string, QueryValue | readonly QueryValue[]>;
  /** Sent as JSON. */
  body?: unknown;
  /** Extra headers (not credentials: the auth strategy sets those). */
  headers?: Record<string, string>;
  /**
   * True when repeating the request is harmless (lists, searches). GET requests are idempotent by default,
   * everything else is not. Only idempotent requests are retried.
   */
  idempotent?: boolean;
  /** Bounds the whole call (every attempt, retry pause and credential refresh); defaults to the client's. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A request ready to go on the wire; what auth hooks see and pass on. */
export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  /** The path without query string, scrubbed of secrets: for errors and events. */
  displayPath: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  responseType: 'buffer' | 'stream';
  /** Aborts when the call's deadline passes or the caller aborts. */
  signal: AbortSignal;
  /** Set on a request resent after its credential was renewed: a second rejection is final. */
  replay?: boolean;
}

/**
 * A response as it came off the wire. The body is a stream only for a successful (2xx) answer to a
 * `responseType: 'stream'` request; error answers are always buffered.
 */
export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer | Readable;
}

export interface BufferedResponse extends HttpResponse {
  body: Buffer;
}

/** Sends a request to the next step of the chain (for an auth hook: the wire). */
export type SendNext = (request: HttpRequest) => Promise<HttpResponse>;

/** Observability events. They never carry headers, bodies or secrets; paths are scrubbed. */
export type RestEvent =
  | { type: 'request'; method: HttpMethod; path: string; attempt: number }
  | { type: 'response'; method: HttpMethod; path: string; attempt: number; status: number; durationMs: number }
  | {
      type: 'retry';
      method: HttpMethod;
      path: string;
      attempt: number;
      delayMs: number;
      status: number;
      reason: 'rate-limited' | 'server-error' | 'network';
    }
  | { type: 'refresh'; strategy: string; outcome: 'ok' | 'failed'; cause: 'expiring' | 'rejected' }
  | { type: 'login'; strategy: string; outcome: 'ok' | 'failed' };
