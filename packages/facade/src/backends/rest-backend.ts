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

/** Enough for any real mailbox; a server that never ends its pages cannot keep the call going forever. */
const MAX_PAGES = 1000;

/** Reads every page of a listing and returns what one page would look like if it held them all. */
async function readAllPages(key: string | undefined, body: unknown, send: (body: unknown) => Promise<unknown>): Promise<unknown> {
  const base = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const pageSize = typeof base['recordsPerPage'] === 'number' ? base['recordsPerPage'] : 25;
  const listOf = (page: unknown): unknown[] | undefined => {
    const list = key === undefined ? page : typeof page === 'object' && page !== null ? (page as Record<string, unknown>)[key] : undefined;
    return Array.isArray(list) ? list : undefined;
  };
  const first = await send({ ...base, pageNo: 1 });
  const items = listOf(first);
  if (!items) return first;
  const total = key !== undefined ? (first as Record<string, unknown>)['totalRecords'] : undefined;
  const more = (last: unknown[]) =>
    key !== undefined ? typeof total === 'number' && items.length < total && last.length > 0 : last.length >= pageSize;
  let last = items;
  for (let pageNo = 2; more(last) && pageNo <= MAX_PAGES; pageNo += 1) {
    const page = listOf(await send({ ...base, pageNo }));
    if (!page) break;
    items.push(...page);
    last = page;
  }
  return key === undefined ? items : { ...(first as Record<string, unknown>), [key]: items };
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
      const path = fillPath(route.path, parts.path);
      const send = (body: unknown) =>
        port.request({
          method: route.method,
          path,
          body,
          idempotent: route.method === 'GET' || route.idempotent === true,
          timeoutMs: options.timeoutMs,
          signal: options.signal,
        });
      const data = route.wholeList ? await readAllPages(route.wholeList.key, parts.body, send) : await send(parts.body);
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
