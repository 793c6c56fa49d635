import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, ConfigurationError, systemClock } from '@ecgrid-bridge/core';
import { type SandboxAdmin, createAdmin, handleAdmin } from './admin.js';
import { FaultInjector, type FaultRuleInput } from './faults.js';
import { type RateLimit, RateLimiter, rateLimit } from './rate-limit.js';
import { send, sleep } from './http.js';
import { createRestFront } from './rest/front.js';
import { AuthService } from './service/auth.js';
import { sessionMaxCalls } from './service/auth.js';
import { type ListSettings, pageSizeCap } from './service/paging.js';
import { SandboxService } from './service/service.js';
import { createSoapFront } from './soap/front.js';
import { type SandboxSeed, demoCredentials, readSeedFile, stateFromSeed } from './store/seed.js';
import { Store, readStateFile } from './store/store.js';

export const DEFAULT_SOAP_PATH = '/v4.1/prod/ECGridOS.asmx';

export interface SandboxOptions {
  /** Default 0 (a free port). */
  port?: number | undefined;
  /** Default `127.0.0.1`: the sandbox listens on loopback only unless told otherwise. */
  host?: string | undefined;
  /** A seed document or the path of one; default `packages/sandbox/seed/sandbox-seed.json`. */
  seed?: SandboxSeed | string | undefined;
  /** SOAP session inactivity timeout; default 20 minutes. */
  sessionTtlMs?: number | undefined;
  /** JWT lifetime; default 1 hour. */
  tokenTtlMs?: number | undefined;
  /** Unused: rest-api/auth/login.md issues no refresh token. Kept for compatibility. */
  refreshTtlMs?: number | undefined;
  /** A SOAP session expires after this many calls (besides its inactivity timeout); default no limit. */
  sessionMaxCalls?: number | undefined;
  /** Whether refreshing a JWT invalidates the token it replaces; default true. */
  rotateTokens?: boolean | undefined;
  /**
   * A request budget: past `calls` requests in a `windowMs` window, requests are refused with 429 and `Retry-After`
   * (the seconds until the window ends), on `protocol` (default both). Default none; `admin.setRateLimit` changes it.
   */
  rateLimit?: RateLimit | undefined;
  /** Keep the store in this JSON file: loaded at start when it exists, rewritten (atomically) on every change. */
  persistPath?: string | undefined;
  /** Time source for expiry and timestamps; default the system clock. */
  clock?: Clock | undefined;
  /** SOAP endpoint path; default `/v4.1/prod/ECGridOS.asmx`. */
  soapPath?: string | undefined;
  /** How injected latency is waited out; default a timer. */
  delay?: ((ms: number) => Promise<void>) | undefined;
  /**
   * REST lists return at most this many records a page even when the client asks for more, reporting the size used
   * (as a real server may); default none. Changeable later with `admin.setPageSizeCap`.
   */
  pageSizeCap?: number | undefined;
  /** Fault rules active from the start. */
  faults?: readonly FaultRuleInput[] | undefined;
}

/** The seed's demo login; these are sandbox demo credentials, not real secrets. */
export interface SandboxCredentials {
  readonly loginName: string;
  readonly email: string;
  readonly password: string;
  readonly apiKey: string;
  readonly clientKey: string | undefined;
  readonly clientSecret: string | undefined;
  readonly userId: number;
}

export interface RunningSandbox {
  /** The SOAP 1.1 endpoint. */
  readonly soapUrl: string;
  /** The REST base URL (endpoints are under `/v2`). */
  readonly restUrl: string;
  readonly wsdlUrl: string;
  /** Base URL of the JSON admin endpoints. */
  readonly adminUrl: string;
  readonly admin: SandboxAdmin;
  readonly credentials: SandboxCredentials;
  close(): Promise<void>;
}

const MINUTE = 60_000;

/** Starts a local ECGrid: SOAP (node-soap) and REST on one HTTP server over one store. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const soapPath = options.soapPath ?? DEFAULT_SOAP_PATH;
  if (!soapPath.startsWith('/') || soapPath.startsWith('/v2/') || soapPath.startsWith('/__sandbox')) {
    throw new ConfigurationError('soapPath must be an absolute path outside /v2 and /__sandbox');
  }
  const seed = typeof options.seed === 'object' ? options.seed : readSeedFile(options.seed);
  const credentials = demoCredentials(seed);
  const persisted = options.persistPath ? readStateFile(options.persistPath) : undefined;
  const store = new Store(persisted ?? stateFromSeed(seed), options.persistPath);
  if (!persisted) store.flush();

  const clock = options.clock ?? systemClock;
  const auth = new AuthService(store, clock, {
    sessionTtlMs: options.sessionTtlMs ?? 20 * MINUTE,
    tokenTtlMs: options.tokenTtlMs ?? 60 * MINUTE,
    refreshTtlMs: options.refreshTtlMs ?? 24 * 60 * MINUTE,
    sessionMaxCalls: sessionMaxCalls(options.sessionMaxCalls),
    rotateTokens: options.rotateTokens ?? true,
  });
  const service = new SandboxService(store, auth, clock);
  const limiter = new RateLimiter(clock, rateLimit(options.rateLimit));
  const faults = new FaultInjector(limiter);
  for (const rule of options.faults ?? []) faults.add(rule);
  const lists: ListSettings = { pageSizeCap: pageSizeCap(options.pageSizeCap) };
  const admin = createAdmin({ store, auth, faults, limiter, lists, seedState: () => stateFromSeed(seed), outbox: service.outbox });
  const delay = options.delay ?? sleep;
  const rest = createRestFront(service, faults, delay, lists);

  let soap: Awaited<ReturnType<typeof createSoapFront>> | undefined;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const done = (p: Promise<void>) =>
      p.catch(() => {
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
        else res.destroy();
      });
    if (path.toLowerCase() === soapPath.toLowerCase() && soap) return void done(soap.handle(req, res, url));
    if (path === '/v2' || path.startsWith('/v2/') || path.startsWith('/api/')) return void done(rest.handle(req, res, url));
    if (path.startsWith('/__sandbox/')) return void done(handleAdmin(admin, req, res, url));
    send(res, 404, 'application/json; charset=utf-8', JSON.stringify({ error: `nothing at ${path}`, soap: soapPath, rest: '/v2' }));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  const origin = `http://${hostPart}:${address.port}`;
  const soapUrl = `${origin}${soapPath}`;
  try {
    soap = await createSoapFront({ service, faults, path: soapPath, address: soapUrl, delay });
  } catch (err) {
    server.close();
    throw err;
  }

  let closed: Promise<void> | undefined;
  return {
    soapUrl,
    restUrl: origin,
    wsdlUrl: `${soapUrl}?wsdl`,
    adminUrl: `${origin}/__sandbox`,
    admin,
    credentials,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => store.flush())),
  };
}
