import { ManualClock } from '@ecgrid-bridge/core';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestClient, jwtAuth, type RestEvent } from '../src/index.js';
import { expectNoSecrets } from './fixtures.js';

// jwtAuth against the sandbox over real HTTP (no nock in this file), which follows rest-api/auth/login.md and
// refresh-token.md: login answers {token, expiresAt, userId} without a refresh token, and a token is refreshed by
// presenting it (`{token}`) with a credential.

const MINUTE = 60_000;
let sb: RunningSandbox;
const clock = new ManualClock(Date.parse('2026-05-07T18:00:00Z'));

beforeAll(async () => {
  sb = await startSandbox({ clock, tokenTtlMs: 10 * MINUTE });
});
afterAll(() => sb.close());

function setup(loginField?: 'email' | 'login') {
  const events: RestEvent[] = [];
  const { loginName, email, password } = sb.credentials;
  const auth = jwtAuth({ ...(loginField === 'login' ? { login: loginName } : { email }), password, clock, env: {} });
  const client = createRestClient({ baseUrl: sb.restUrl, auth, clock, onEvent: (e) => events.push(e) });
  const renewals = () => events.filter((e) => e.type === 'login' || e.type === 'refresh').map((e) => `${e.type}:${e.outcome}${e.type === 'refresh' ? `:${e.cause}` : ''}`);
  return { auth, client, events, renewals };
}

describe('jwtAuth with the documented login and refresh', () => {
  it.each(['email', 'login'] as const)('logs in with {%s, password} and keeps the userId of the answer', async (field) => {
    const { client, auth } = setup(field);
    expect(await client.api.users.me()).toMatchObject({ userId: 2006 });
    expect(auth.current()).toEqual({ expiresAtMs: clock.now() + 10 * MINUTE, userId: 2006 });
  });

  it('refreshes with {token} inside the window: the new token works and replaced the old one', async () => {
    const { client, auth, renewals, events } = setup();
    await client.api.users.me();
    const before = auth.current()!.expiresAtMs!;
    clock.advance(10 * MINUTE - 30_000);
    expect(await client.api.users.me()).toMatchObject({ userId: 2006 });
    expect(auth.current()!.expiresAtMs).toBe(clock.now() + 10 * MINUTE);
    expect(auth.current()!.expiresAtMs).toBeGreaterThan(before);
    expect(renewals()).toEqual(['login:ok', 'refresh:ok:expiring']);
    expect(events.filter((e) => e.type === 'response').map((e) => (e as { status: number }).status)).toEqual([200, 200, 200, 200]);
  });

  it('falls back to one login when the server has ended the token (a refresh of it is refused too)', async () => {
    const { client, renewals } = setup();
    await client.api.users.me();
    sb.admin.expireTokens();
    expect(await client.api.users.me()).toMatchObject({ userId: 2006 });
    expect(renewals()).toEqual(['login:ok', 'refresh:failed:rejected', 'login:ok']);
  });

  it('logs in again once the token has expired outright', async () => {
    const { client, renewals } = setup();
    await client.api.users.me();
    clock.advance(11 * MINUTE);
    expect(await client.api.users.me()).toMatchObject({ userId: 2006 });
    expect(renewals()).toEqual(['login:ok', 'refresh:failed:expiring', 'login:ok']);
  });

  it('keeps the password out of a failed login', async () => {
    const auth = jwtAuth({ email: sb.credentials.email, password: 'Wr0ng-Canary-Pass!', clock, env: {} });
    const events: RestEvent[] = [];
    const client = createRestClient({ baseUrl: sb.restUrl, auth, onEvent: (e) => events.push(e) });
    const error = await client.api.users.me().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 401, path: '/v2/auth/login' });
    expectNoSecrets(error, ['Wr0ng-Canary-Pass!']);
    expectNoSecrets(events, ['Wr0ng-Canary-Pass!']);
  });
});
