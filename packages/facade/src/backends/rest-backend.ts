import { ENDPOINTS, type EndpointName, type HttpMethod } from '@ecgrid-bridge/catalog';
import { MappingError, NotAvailableOnBackendError } from '../errors.js';
import { MAPPINGS, ShapeError, UnsupportedOnRest, type RestRequestParts } from '../mapping/index.js';
import { normalizeError } from '../normalize-error.js';
import type { FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';
import { type Backend, type InvokeOptions, sessionResultOf } from './backend.js';
import { readAllPages } from './paging.js';

export interface RestPortRequest {
  /** The endpoint by its catalogue name; the port resolves its path (with any override the client was given). */
  endpoint: EndpointName;
  method: HttpMethod;
  pathParams?: Record<string, string | number>;
  query?: RestRequestParts['query'];
  body?: unknown;
  /** A request that only reads and may be retried. */
  idempotent: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What the REST backend needs from a REST client: requests that return `data`, and the session lifecycle. */
export interface RestPort {
  request(req: RestPortRequest): Promise<unknown>;
  /** Starts a session; with explicit credentials, replaces the configured ones. A no-op for key-based auth. */
  login(credentials?: { loginName: string; password: string }): Promise<void>;
  /** Ends the session; never throws. */
  logout(): Promise<void>;
  /** Lets go of the session when the facade closes (default: `logout`); never throws. */
  close?(): Promise<void>;
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];
const methodOf = (endpoint: EndpointName): HttpMethod => {
  const m = ENDPOINTS[endpoint].method;
  const known = METHODS.find((x) => x === m);
  if (!known) throw new Error(`${endpoint}: unsupported method ${m}`);
  return known;
};

/** Serves facade calls over REST: each call goes through its mapping entry, in and out. */
export function createRestBackend(port: RestPort): Backend {
  async function invoke<Op extends FacadeOperation>(
    operation: Op,
    params: FacadeParams<Op>,
    options: InvokeOptions = {},
  ): Promise<FacadeResult<Op>> {
    const entry = MAPPINGS[operation];
    try {
      if (entry.kind === 'login') {
        const loginName = Reflect.get(params, 'LoginName');
        const password = Reflect.get(params, 'Password');
        await port.login(typeof loginName === 'string' && loginName && typeof password === 'string' && password ? { loginName, password } : undefined);
        return sessionResultOf(operation);
      }
      if (entry.kind === 'logout') {
        await port.logout();
        return sessionResultOf(operation);
      }
      const route = entry.rest;
      if (route === null) throw new NotAvailableOnBackendError(operation, 'rest', entry.noRestReason ?? 'no REST route');
      let parts: RestRequestParts;
      try {
        parts = route.request(params);
      } catch (err) {
        if (err instanceof UnsupportedOnRest) throw new NotAvailableOnBackendError(operation, 'rest', err.message);
        throw err;
      }
      const method = methodOf(route.endpoint);
      const send = (body: unknown) =>
        port.request({
          endpoint: route.endpoint,
          method,
          pathParams: parts.path,
          query: parts.query,
          body,
          idempotent: method === 'GET' || entry.kind === 'read',
          timeoutMs: options.timeoutMs,
          signal: options.signal,
        });
      const paging = ENDPOINTS[route.endpoint].paging;
      try {
        const data = route.wholeList && paging ? await readAllPages(paging, parts.body, send) : await send(parts.body);
        return route.response(data, params);
      } catch (err) {
        if (err instanceof ShapeError) throw new MappingError(operation, err.message);
        throw err;
      }
    } catch (err) {
      throw normalizeError(err, operation, 'rest');
    }
  }

  return { name: 'rest', invoke, close: () => (port.close ? port.close() : port.logout()) };
}

