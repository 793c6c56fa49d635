import { ConfigurationError } from '@ecgrid-bridge/core';
import { MappingError, NotAvailableOnBackendError } from '../errors.js';
import { MAPPINGS, ShapeError, UnsupportedOnRest, type HttpMethod, type RestRoute } from '../mapping/index.js';
import { normalizeError } from '../normalize-error.js';
import type { FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';
import { type Backend, type InvokeOptions, SESSION_HANDLE } from './backend.js';

export interface RestPortRequest {
  method: HttpMethod;
  path: string;
  body?: unknown;
  /** A POST that only reads and may be retried. */
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
}

function fillPath(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new ConfigurationError(`no value for {${name}} in ${template}`);
    return encodeURIComponent(String(value));
  });
}

/** Serves facade calls over REST: each call goes through its mapping entry, in and out. */
export function createRestBackend(port: RestPort): Backend {
  async function invoke<Op extends FacadeOperation>(
    operation: Op,
    params: FacadeParams<Op>,
    options: InvokeOptions = {},
  ): Promise<FacadeResult<Op>> {
    try {
      if (operation === 'Login') {
        const p = params as FacadeParams<'Login'>;
        await port.login(p.LoginName && p.Password ? { loginName: p.LoginName, password: p.Password } : undefined);
        return SESSION_HANDLE as FacadeResult<Op>;
      }
      if (operation === 'Logout') {
        await port.logout();
        return 0 as FacadeResult<Op>;
      }
      const entry = MAPPINGS[operation];
      if (entry.rest === null) throw new NotAvailableOnBackendError(operation, 'rest', entry.noRestReason);
      const route = entry.rest as unknown as RestRoute<Op>;
      let parts;
      try {
        parts = route.request(params);
      } catch (err) {
        if (err instanceof UnsupportedOnRest) throw new NotAvailableOnBackendError(operation, 'rest', err.message);
        throw err;
      }
      const data = await port.request({
        method: route.method,
        path: fillPath(route.path, parts.path),
        body: parts.body,
        idempotent: route.method === 'GET' || route.idempotent === true,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      try {
        return route.response(data, params);
      } catch (err) {
        if (err instanceof ShapeError) throw new MappingError(operation, err.message);
        throw err;
      }
    } catch (err) {
      throw normalizeError(err, operation, 'rest');
    }
  }

  return { name: 'rest', invoke, close: () => port.logout() };
}
