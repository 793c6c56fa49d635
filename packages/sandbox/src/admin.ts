import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertPasswordRule } from '@ecgrid-bridge/core';
import { ServiceError, invalidParameter, notFound } from './errors.js';
import { type FaultInjector, type FaultRule, type FaultRuleInput, type FaultScope } from './faults.js';
import { readBody, send } from './http.js';
import { hashPassword } from './auth/secrets.js';
import type { AuthService, AuthSettings } from './service/auth.js';
import { type ListSettings, pageSizeCap } from './service/paging.js';
import type { StoreState } from './store/records.js';
import type { Store } from './store/store.js';

/** Test and demo controls of a running sandbox; also served as JSON under `/__sandbox/`. */
export interface SandboxAdmin {
  /** Current lifetimes and the REST page-size cap (read-only view). */
  readonly settings: Readonly<AuthSettings & ListSettings>;
  setSessionTtl(ms: number): void;
  setTokenTtl(ms: number): void;
  setRefreshTtl(ms: number): void;
  /** REST lists return at most this many records a page, whatever the client asks for; undefined removes the cap. */
  setPageSizeCap(records: number | undefined): void;
  /** Ends every open SOAP session now; returns how many there were. */
  expireSessions(): number;
  /** Makes every JWT and refresh token unusable now; returns how many tokens were live. */
  expireTokens(): number;
  injectFault(rule: FaultRuleInput): FaultRule;
  /** Adds latency to every matching call until removed. */
  setLatency(ms: number, scope?: FaultScope): FaultRule;
  faults(): FaultRule[];
  removeFault(id: string): boolean;
  clearFaults(): void;
  /** Sets a user's password (login name or email); the ECGrid password rule applies. */
  setPassword(login: string, password: string): void;
  /**
   * Puts every record back as the seed has it (parcels, interchanges, users, counters…). SOAP sessions, tokens,
   * lifetimes and fault rules are kept, so clients stay signed in.
   */
  reset(): void;
  /** The store as it is now (read-only). */
  state(): StoreState;
}

const ttl = (ms: unknown, what: string): number => {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 1 || ms > 365 * 24 * 3600 * 1000) {
    throw invalidParameter(`${what} must be a number of milliseconds (1 ms – 1 year)`);
  }
  return ms;
};

export function createAdmin(
  store: Store,
  auth: AuthService,
  faults: FaultInjector,
  seedState: () => StoreState,
  lists: ListSettings = { pageSizeCap: undefined },
): SandboxAdmin {
  return {
    get settings() {
      return { ...auth.settings, ...lists };
    },
    setSessionTtl: (ms) => {
      auth.settings.sessionTtlMs = ttl(ms, 'sessionTtlMs');
    },
    setTokenTtl: (ms) => {
      auth.settings.tokenTtlMs = ttl(ms, 'tokenTtlMs');
    },
    setRefreshTtl: (ms) => {
      auth.settings.refreshTtlMs = ttl(ms, 'refreshTtlMs');
    },
    setPageSizeCap: (records) => {
      lists.pageSizeCap = pageSizeCap(records);
    },
    expireSessions: () => auth.expireAllSessions(),
    expireTokens: () => auth.expireAllTokens(),
    injectFault: (rule) => faults.add(rule),
    setLatency: (ms, scope = {}) => faults.add({ ...scope, kind: 'latency', ms }),
    faults: () => faults.list(),
    removeFault: (id) => faults.remove(id),
    clearFaults: () => faults.clear(),
    setPassword: (login, password) => {
      assertPasswordRule(password);
      const wanted = login.trim().toLowerCase();
      const user = [...store.state.users.values()].find((u) => u.loginName.toLowerCase() === wanted || u.email.toLowerCase() === wanted);
      if (!user) throw notFound('user', login);
      const hash = hashPassword(password);
      store.commit((draft) => draft.users.set(user.userId, { ...user, passwordHash: hash, modified: new Date().toISOString() }));
    },
    reset: () => {
      const fresh = seedState();
      store.commit((draft) => {
        draft.networks = new Map(fresh.networks);
        draft.mailboxes = new Map(fresh.mailboxes);
        draft.users = new Map(fresh.users);
        draft.tradingPartners = new Map(fresh.tradingPartners);
        draft.interconnects = new Map(fresh.interconnects);
        draft.parcels = new Map(fresh.parcels);
        draft.interchanges = new Map(fresh.interchanges);
        draft.counters = { ...fresh.counters, nextSessionEventId: draft.counters.nextSessionEventId };
      });
    },
    state: () => store.state,
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `/__sandbox/…`: GET state, POST settings {sessionTtlMs?, tokenTtlMs?, refreshTtlMs?, pageSizeCap? (null: none)}, POST expire {sessions?, tokens?}, POST reset,
 * GET/POST/DELETE faults, DELETE faults/{id}. Plain JSON; errors are `{ "error": message }` with HTTP 400/404.
 */
export async function handleAdmin(admin: SandboxAdmin, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const reply = (status: number, value: unknown) => send(res, status, JSON_TYPE, JSON.stringify(value));
  try {
    const raw = await readBody(req, 1024 * 1024);
    let body: Record<string, unknown> = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw invalidParameter('the request body is not valid JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidParameter('the request body must be a JSON object');
    }
    const route = `${req.method ?? ''} ${url.pathname.replace(/\/+$/, '')}`;
    if (route === 'GET /__sandbox/state') return reply(200, { settings: admin.settings, faults: admin.faults() });
    if (route === 'POST /__sandbox/settings') {
      if (body['sessionTtlMs'] !== undefined) admin.setSessionTtl(body['sessionTtlMs'] as number);
      if (body['tokenTtlMs'] !== undefined) admin.setTokenTtl(body['tokenTtlMs'] as number);
      if (body['refreshTtlMs'] !== undefined) admin.setRefreshTtl(body['refreshTtlMs'] as number);
      if ('pageSizeCap' in body) admin.setPageSizeCap(pageSizeCap(body['pageSizeCap']));
      return reply(200, { settings: admin.settings });
    }
    if (route === 'POST /__sandbox/reset') {
      admin.reset();
      return reply(200, { reset: true });
    }
    if (route === 'POST /__sandbox/expire') {
      const both = body['sessions'] === undefined && body['tokens'] === undefined;
      return reply(200, {
        sessions: both || body['sessions'] === true ? admin.expireSessions() : 0,
        tokens: both || body['tokens'] === true ? admin.expireTokens() : 0,
      });
    }
    if (route === 'GET /__sandbox/faults') return reply(200, { faults: admin.faults() });
    if (route === 'POST /__sandbox/faults') return reply(201, admin.injectFault(body as unknown as FaultRuleInput));
    if (route === 'DELETE /__sandbox/faults') {
      const count = admin.faults().length;
      admin.clearFaults();
      return reply(200, { cleared: count });
    }
    const one = /^DELETE \/__sandbox\/faults\/([\w-]+)$/.exec(route);
    if (one) return admin.removeFault(one[1]!) ? reply(200, { removed: one[1] }) : reply(404, { error: 'no such fault rule' });
    return reply(404, { error: `no admin endpoint ${route}` });
  } catch (err) {
    if (err instanceof ServiceError) return reply(err.kind === 'ObjectNotFound' ? 404 : 400, { error: err.message });
    return reply(500, { error: 'internal error' });
  }
}
