import { ManualClock, PasswordRuleError } from '@ecgrid-bridge/core';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RestApiError, RestAuthError, createRestClient, jwtAuth, type JwtAuthOptions, type RestEvent } from '../src/index.js';
import { BASE, CANARY, expectNoSecrets, fail, makeJwt, ok, recordingSleep, resetNock } from './helpers.js';

const T0 = Date.parse('2026-05-07T18:00:00Z');
const TEN_MIN = 10 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const TOKEN_A = makeJwt({ sub: 'a', n: 'token-a' });
const TOKEN_B = makeJwt({ sub: 'b', n: 'token-b' });
const TOKEN_C = makeJwt({ sub: 'c', n: 'token-c' });
const REFRESH_A = 'refresh-token-aaaa-1111';

function setup(options: Partial<JwtAuthOptions> = {}) {
  const clock = new ManualClock(T0);
  const events: RestEvent[] = [];
  const auth = jwtAuth({ email: 'ops@example.com', password: CANARY.password, clock, env: {}, ...options });
  const client = createRestClient({ baseUrl: BASE, auth, sleep: recordingSleep(), onEvent: (e) => events.push(e) });
  return { clock, auth, client, events };
}

function authHeaders(this: unknown): string | undefined {
  return (this as { req: { headers: Record<string, string> } }).req.headers.authorization;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('jwtAuth', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('logs in with {email, password} by default, without any auth header, and sends the bearer token', async () => {
    const login = nock(BASE, { badheaders: ['authorization', 'x-api-key'] })
      .post('/v2/auth/login', { email: 'ops@example.com', password: CANARY.password })
      .reply(200, ok({ token: TOKEN_A, refreshToken: REFRESH_A, expiresAt: iso(T0 + TEN_MIN) }));
    const api = nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN_A}` } })
      .get('/v2/users/me')
      .twice()
      .reply(200, ok({ userId: 1 }));
    const { client, events } = setup();
    await client.api.users.me();
    await client.api.users.me();
    expect(login.isDone()).toBe(true);
    expect(api.isDone()).toBe(true);
    expect(events.filter((e) => e.type === 'login')).toEqual([{ type: 'login', strategy: 'jwt', outcome: 'ok' }]);
  });

  it('logs in with {login, password} when configured (the reference form)', async () => {
    nock(BASE)
      .post('/v2/auth/login', { login: 'jsmith', password: CANARY.password })
      .twice()
      .reply(200, ok({ token: TOKEN_A, expiresAt: iso(T0 + TEN_MIN), userId: 4821 }));
    nock(BASE).get('/v2/users/me').twice().reply(200, ok({}));
    const a = setup({ email: undefined, login: 'jsmith' });
    await a.client.api.users.me();
    expect(a.auth.current()).toEqual({ expiresAtMs: T0 + TEN_MIN, userId: 4821 });
    const b = setup({ email: 'jsmith', loginField: 'login' });
    await b.client.api.users.me();
  });

  it('checks the password rule before sending anything', () => {
    expect(() => jwtAuth({ email: 'a@b.c', password: 'alllowercase', env: {} })).toThrow(PasswordRuleError);
  });

  it('reads ECGrid__Email and ECGrid__Password', async () => {
    nock(BASE)
      .post('/v2/auth/login', { email: 'env@example.com', password: CANARY.password })
      .reply(200, ok({ token: TOKEN_A, expiresAt: iso(T0 + TEN_MIN) }));
    nock(BASE).get('/v2/users/me').reply(200, ok({}));
    const auth = jwtAuth({ env: { ECGrid__Email: 'env@example.com', ECGrid__Password: CANARY.password } });
    await createRestClient({ baseUrl: BASE, auth }).api.users.me();
  });

  it('refreshes with {refreshToken} inside the refresh window, before expiresAt', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, refreshToken: REFRESH_A, expiresAt: iso(T0 + TEN_MIN) }));
    const refresh = nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN_A}` } })
      .post('/v2/auth/refresh', { refreshToken: REFRESH_A })
      .reply(200, ok({ token: TOKEN_B, refreshToken: 'refresh-token-bbbb', expiresAt: iso(T0 + 2 * TEN_MIN) }));
    const seen: (string | undefined)[] = [];
    nock(BASE)
      .get('/v2/users/me')
      .times(3)
      .reply(function () {
        seen.push(authHeaders.call(this));
        return [200, ok({})];
      });
    const { client, clock, events } = setup({ refreshWindowMs: 60_000 });
    await client.api.users.me();
    clock.advance(TEN_MIN - 120_000);
    await client.api.users.me();
    clock.advance(90_000); // 30 s before expiry: inside the window
    await client.api.users.me();
    expect(refresh.isDone()).toBe(true);
    expect(seen).toEqual([`Bearer ${TOKEN_A}`, `Bearer ${TOKEN_A}`, `Bearer ${TOKEN_B}`]);
    expect(events.filter((e) => e.type === 'refresh')).toEqual([{ type: 'refresh', strategy: 'jwt', outcome: 'ok', cause: 'expiring' }]);
  });

  it('refreshes with {token} when no refresh token was issued', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, expiresAt: iso(T0 + TEN_MIN), userId: 7 }));
    const refresh = nock(BASE)
      .post('/v2/auth/refresh', { token: TOKEN_A })
      .reply(200, ok({ token: TOKEN_B, expiresAt: iso(T0 + 2 * TEN_MIN), userId: 7 }));
    nock(BASE).get('/v2/users/me').twice().reply(200, ok({}));
    const { client, clock } = setup();
    await client.api.users.me();
    clock.advance(TEN_MIN);
    await client.api.users.me();
    expect(refresh.isDone()).toBe(true);
  });

  it('takes the expiry from the JWT exp claim when expiresAt is missing', async () => {
    const token = makeJwt({ exp: (T0 + TEN_MIN) / 1000 });
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token }));
    nock(BASE).get('/v2/users/me').reply(200, ok({}));
    const { client, auth } = setup();
    await client.api.users.me();
    expect(auth.current()?.expiresAtMs).toBe(T0 + TEN_MIN);
  });

  it('runs exactly one refresh for 1,000 concurrent calls across a token expiry', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, refreshToken: REFRESH_A, expiresAt: iso(T0 + TEN_MIN) }));
    let refreshes = 0;
    nock(BASE)
      .post('/v2/auth/refresh')
      .times(5)
      .reply(() => {
        refreshes += 1;
        return [200, ok({ token: TOKEN_B, refreshToken: 'refresh-token-bbbb', expiresAt: iso(T0 + 3 * TEN_MIN) })];
      });
    const seen = new Map<string | undefined, number>();
    nock(BASE)
      .post('/v2/parcels/inbox-list')
      .times(1_001)
      .reply(function () {
        const header = authHeaders.call(this);
        seen.set(header, (seen.get(header) ?? 0) + 1);
        return [200, ok([])];
      });
    const { client, clock } = setup();
    await client.api.parcels.inboxList();
    clock.advance(TEN_MIN + 1);
    const results = await Promise.all(Array.from({ length: 1_000 }, () => client.api.parcels.inboxList({ mailboxId: 1 })));
    expect(results).toHaveLength(1_000);
    expect(refreshes).toBe(1);
    expect(seen.get(`Bearer ${TOKEN_B}`)).toBe(1_000);
    expect(seen.get(`Bearer ${TOKEN_A}`)).toBe(1);
  });

  it('refreshes and replays once on 401 InvalidSession, and does not loop', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, refreshToken: REFRESH_A, expiresAt: iso(T0 + TEN_MIN) }));
    let refreshes = 0;
    nock(BASE)
      .post('/v2/auth/refresh')
      .times(5)
      .reply(() => {
        refreshes += 1;
        return [200, ok({ token: TOKEN_B, refreshToken: 'refresh-token-bbbb', expiresAt: iso(T0 + TEN_MIN) })];
      });
    const seen: (string | undefined)[] = [];
    nock(BASE)
      .get('/v2/users/me')
      .times(5)
      .reply(function () {
        seen.push(authHeaders.call(this));
        return [401, fail('InvalidSession')];
      });
    const { client } = setup();
    const error = await rejection(client.api.users.me());
    expect(error).toMatchObject({ status: 401, errorCode: 'InvalidSession' });
    expect(seen).toEqual([`Bearer ${TOKEN_A}`, `Bearer ${TOKEN_B}`]);
    expect(refreshes).toBe(1);
  });

  it('recovers when the replay succeeds', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, expiresAt: iso(T0 + TEN_MIN) }));
    nock(BASE).post('/v2/auth/refresh').reply(200, ok({ token: TOKEN_B, expiresAt: iso(T0 + TEN_MIN) }));
    nock(BASE).post('/v2/parcels/upload').reply(401, fail('InvalidSession'));
    nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN_B}` } })
      .post('/v2/parcels/upload')
      .reply(200, ok(987654322));
    const { client } = setup();
    expect(await client.api.parcels.upload({ fileName: 'f.edi', content: 'SVNB' })).toBe(987654322);
  });

  it('renews once when many concurrent calls are rejected with the same token', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, refreshToken: REFRESH_A, expiresAt: iso(T0 + TEN_MIN) }));
    let refreshes = 0;
    nock(BASE)
      .post('/v2/auth/refresh')
      .times(5)
      .reply(() => {
        refreshes += 1;
        return [200, ok({ token: TOKEN_B, expiresAt: iso(T0 + TEN_MIN) })];
      });
    nock(BASE)
      .get('/v2/users/me')
      .times(200)
      .reply(function () {
        return authHeaders.call(this) === `Bearer ${TOKEN_B}` ? [200, ok({ userId: 1 })] : [401, fail('InvalidSession')];
      });
    const { client, auth } = setup();
    await auth.authenticate();
    const results = await Promise.all(Array.from({ length: 50 }, () => client.api.users.me()));
    expect(results.every((r) => r.userId === 1)).toBe(true);
    expect(refreshes).toBe(1);
  });

  it('falls back to one login when the refresh fails', async () => {
    let logins = 0;
    nock(BASE)
      .post('/v2/auth/login')
      .times(5)
      .reply(() => {
        logins += 1;
        return [200, ok({ token: logins === 1 ? TOKEN_A : TOKEN_C, expiresAt: iso(T0 + TEN_MIN) })];
      });
    const refresh = nock(BASE).post('/v2/auth/refresh').reply(401, fail('InvalidSession'));
    const seen: (string | undefined)[] = [];
    nock(BASE)
      .get('/v2/users/me')
      .times(3)
      .reply(function () {
        seen.push(authHeaders.call(this));
        return [200, ok({})];
      });
    const { client, clock, events } = setup();
    await client.api.users.me();
    clock.advance(TEN_MIN);
    await client.api.users.me();
    expect(refresh.isDone()).toBe(true);
    expect(logins).toBe(2);
    expect(seen).toEqual([`Bearer ${TOKEN_A}`, `Bearer ${TOKEN_C}`]);
    expect(events.filter((e) => e.type === 'refresh' || e.type === 'login').map((e) => `${e.type}:${e.outcome}`)).toEqual([
      'login:ok',
      'refresh:failed',
      'login:ok',
    ]);
  });

  it('surfaces the login error when both refresh and login fail', async () => {
    let logins = 0;
    nock(BASE)
      .post('/v2/auth/login')
      .times(5)
      .reply(() => {
        logins += 1;
        return logins === 1 ? [200, ok({ token: TOKEN_A, expiresAt: iso(T0 + TEN_MIN) })] : [403, fail('AccessDenied', 'locked')];
      });
    nock(BASE).post('/v2/auth/refresh').reply(500, 'oops');
    nock(BASE).get('/v2/users/me').reply(200, ok({}));
    const { client, clock } = setup();
    await client.api.users.me();
    clock.advance(TEN_MIN);
    const error = await rejection(client.api.users.me());
    expect(error).toBeInstanceOf(RestApiError);
    expect(error).toMatchObject({ status: 403, errorCode: 'AccessDenied', path: '/v2/auth/login' });
    expect(logins).toBe(2);
  });

  it('does not renew on a 401 that is not InvalidSession', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, expiresAt: iso(T0 + TEN_MIN) }));
    const refresh = nock(BASE).post('/v2/auth/refresh').reply(200, ok({ token: TOKEN_B, expiresAt: iso(T0 + TEN_MIN) }));
    nock(BASE).get('/v2/users/me').reply(401, fail('InvalidAPIKey'));
    const { client } = setup();
    expect(await rejection(client.api.users.me())).toMatchObject({ errorCode: 'InvalidAPIKey' });
    expect(refresh.isDone()).toBe(false);
  });

  it('rejects a login answer without a token with a typed error', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ expiresAt: iso(T0) }));
    const { client } = setup();
    const error = await rejection(client.api.users.me());
    expect(error).toBeInstanceOf(RestAuthError);
    expect(error).toMatchObject({ kind: 'auth', path: '/v2/auth/login' });
  });

  it('invalidates locally on logout even when the server call fails', async () => {
    let logins = 0;
    nock(BASE)
      .post('/v2/auth/login')
      .times(2)
      .reply(() => {
        logins += 1;
        return [200, ok({ token: logins === 1 ? TOKEN_A : TOKEN_B, expiresAt: iso(T0 + TEN_MIN) })];
      });
    const logout = nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN_A}` } })
      .post('/v2/auth/logout')
      .reply(503, 'down');
    const seen: (string | undefined)[] = [];
    nock(BASE)
      .get('/v2/users/me')
      .twice()
      .reply(function () {
        seen.push(authHeaders.call(this));
        return [200, ok({})];
      });
    const { client, auth } = setup();
    await client.api.users.me();
    await expect(auth.logout()).rejects.toMatchObject({ status: 503 });
    expect(logout.isDone()).toBe(true);
    expect(auth.current()).toBeUndefined();
    await client.api.users.me();
    expect(seen).toEqual([`Bearer ${TOKEN_A}`, `Bearer ${TOKEN_B}`]);
  });

  it('logs out on the server with the current token', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, expiresAt: iso(T0 + TEN_MIN) }));
    const logout = nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN_A}` } })
      .post('/v2/auth/logout')
      .reply(200, ok(null));
    const { auth } = setup();
    await auth.authenticate();
    await auth.logout();
    expect(logout.isDone()).toBe(true);
    await auth.logout(); // nothing held: no request
  });

  it('returns the session context', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, expiresAt: iso(T0 + TEN_MIN) }));
    const context = {
      userId: 4821,
      login: 'jsmith@example.com',
      networkId: 1,
      mailboxId: 101,
      authLevel: 'MailboxAdmin',
      expiresAt: iso(T0 + TEN_MIN),
    };
    nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN_A}` } })
      .post('/v2/auth/session')
      .reply(200, ok(context));
    const { auth } = setup();
    expect(await auth.session()).toEqual(context);
  });

  it('keeps password and tokens out of errors and events, even when the server echoes them', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN_A, refreshToken: REFRESH_A, expiresAt: iso(T0 + TEN_MIN) }));
    nock(BASE)
      .get('/v2/users/me')
      .reply(403, fail('AccessDenied', `token ${TOKEN_A} (refresh ${REFRESH_A}) for password ${CANARY.password} denied`));
    const { client, events } = setup();
    const error = await rejection(client.api.users.me());
    expect(error).toMatchObject({ errorCode: 'AccessDenied' });
    expectNoSecrets(error, [TOKEN_A, REFRESH_A, CANARY.password]);
    expectNoSecrets(events, [TOKEN_A, REFRESH_A, CANARY.password]);
  });

  it('keeps the password out of a failed login error', async () => {
    nock(BASE).post('/v2/auth/login').reply(401, fail('InvalidParameter', `bad password ${CANARY.password}`));
    const { client } = setup();
    const error = await rejection(client.api.users.me());
    expectNoSecrets(error, [CANARY.password]);
  });
});
