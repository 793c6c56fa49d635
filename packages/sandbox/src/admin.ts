import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertPasswordRule } from '@ecgrid-bridge/core';
import { ServiceError, invalidParameter, notFound } from './errors.js';
import { type FaultInjector, type FaultRule, type FaultRuleInput, type FaultScope } from './faults.js';
import { readBody, send } from './http.js';
import { hashPassword } from './auth/secrets.js';
import { type AuthActivity, type AuthService, type AuthSettings, sessionMaxCalls } from './service/auth.js';
import { type RateLimit, type RateLimiter, rateLimit } from './rate-limit.js';
import { type ListSettings, pageSizeCap } from './service/paging.js';
import type { StoreState } from './store/records.js';
import type { Store } from './store/store.js';
import type { Outbox, SentMessage } from './service/outbox.js';

/** Test and demo controls of a running sandbox; also served as JSON under `/__sandbox/`. */
export interface SandboxAdmin {
  /** Current lifetimes, limits and the REST page-size cap (read-only view). */
  readonly settings: Readonly<AuthSettings & ListSettings & { rateLimit: RateLimit | undefined }>;
  setSessionTtl(ms: number): void;
  setTokenTtl(ms: number): void;
  setRefreshTtl(ms: number): void;
  /** SOAP sessions expire after this many calls; undefined removes the limit. */
  setSessionMaxCalls(calls: number | undefined): void;
  /** Whether a token refresh invalidates the token it replaces. */
  setTokenRotation(rotate: boolean): void;
  /** Requests past the budget get 429 with `Retry-After`; undefined removes the limit. Starts a new window. */
  setRateLimit(limit: RateLimit | undefined): void;
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
  /** What the sandbox would have sent to people (SMS), oldest first; reset empties it. */
  messages(): SentMessage[];
  /** Logins, issued tokens, refreshes and refused credentials since the sandbox started (a copy). */
  authActivity(): AuthActivity;
}

const ttl = (ms: unknown, what: string): number => {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 1 || ms > 365 * 24 * 3600 * 1000) {
    throw invalidParameter(`${what} must be a number of milliseconds (1 ms – 1 year)`);
  }
  return ms;
};

export interface AdminParts {
  readonly store: Store;
  readonly auth: AuthService;
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  readonly lists: ListSettings;
  readonly seedState: () => StoreState;
  readonly outbox: Outbox;
}

export function createAdmin({ store, auth, faults, limiter, lists, seedState, outbox }: AdminParts): SandboxAdmin {
  return {
    get settings() {
      return { ...auth.settings, ...lists, rateLimit: limiter.limit };
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
    setSessionMaxCalls: (calls) => {
      auth.settings.sessionMaxCalls = sessionMaxCalls(calls);
    },
    setTokenRotation: (rotate) => {
      if (typeof rotate !== 'boolean') throw invalidParameter('rotateTokens must be true or false');
      auth.settings.rotateTokens = rotate;
    },
    setRateLimit: (limit) => {
      limiter.limit = rateLimit(limit);
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
      const { failedLogins: _count, lockedOut: _locked, ...unlocked } = user;
      store.commit((draft) => draft.users.set(user.userId, { ...unlocked, passwordHash: hash, modified: new Date().toISOString() }));
    },
    reset: () => {
      const fresh = seedState();
      store.commit((draft) => {
        draft.networks = new Map(fresh.networks);
        draft.mailboxes = new Map(fresh.mailboxes);
        draft.users = new Map(fresh.users);
        draft.tradingPartners = new Map(fresh.tradingPartners);
        draft.interconnects = new Map(fresh.interconnects);
        draft.interconnectNotes = new Map(fresh.interconnectNotes);
        draft.callbacks = new Map(fresh.callbacks);
        draft.callbackQueue = new Map(fresh.callbackQueue);
        draft.comms = new Map(fresh.comms);
        draft.certificates = new Map(fresh.certificates);
        draft.carbonCopies = new Map(fresh.carbonCopies);
        draft.keys = new Map(fresh.keys);
        draft.parcels = new Map(fresh.parcels);
        draft.interchanges = new Map(fresh.interchanges);
        draft.counters = { ...fresh.counters, nextSessionEventId: draft.counters.nextSessionEventId };
      });
      outbox.clear();
    },
    state: () => store.state,
    messages: () => outbox.list(),
    authActivity: () => ({ ...auth.activity }),
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

const invalidRotation = (): never => {
  throw invalidParameter('rotateTokens must be true or false');
};

/**
 * `/__sandbox/…`: GET state, GET auth-activity, GET messages, POST settings {sessionTtlMs?, tokenTtlMs?, refreshTtlMs?, pageSizeCap? (null: none)}, POST expire {sessions?, tokens?}, POST reset,
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
    if (route === 'GET /__sandbox/messages') return reply(200, { messages: admin.messages() });
    if (route === 'POST /__sandbox/settings') {
      if (body['sessionTtlMs'] !== undefined) admin.setSessionTtl(body['sessionTtlMs'] as number);
      if (body['tokenTtlMs'] !== undefined) admin.setTokenTtl(body['tokenTtlMs'] as number);
      if (body['refreshTtlMs'] !== undefined) admin.setRefreshTtl(body['refreshTtlMs'] as number);
      if ('pageSizeCap' in body) admin.setPageSizeCap(pageSizeCap(body['pageSizeCap']));
      if ('sessionMaxCalls' in body) admin.setSessionMaxCalls(sessionMaxCalls(body['sessionMaxCalls']));
      if (body['rotateTokens'] !== undefined) admin.setTokenRotation(body['rotateTokens'] === true ? true : body['rotateTokens'] === false ? false : invalidRotation());
      if ('rateLimit' in body) admin.setRateLimit(rateLimit(body['rateLimit']));
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
    if (route === 'GET /__sandbox/auth-activity') return reply(200, admin.authActivity());
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
