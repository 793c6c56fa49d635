import { ManualClock, type Clock } from '@ecgrid-bridge/core';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RestAuthError,
  clientKeyAuth,
  createRestClient,
  tokenExchangeAuth,
  type AuthStrategy,
  type RestClient,
  type RestEvent,
} from '../src/index.js';
import { expectNoSecrets } from './fixtures.js';

// The client key/secret API of seed 003 over real HTTP, against the sandbox on 127.0.0.1 (no nock in this file).
// It answers plain JSON (api/api-info), the raw JWT as a text/plain body (api/request-token), and errors as
// {"error":"invalid_client","message":…}: nothing here has the ECGrid envelope.

const MINUTE = 60_000;
const WRONG_SECRET = 'canary-wrong-secret-Q8v2Lx';
const WRONG_KEY = 'canary-wrong-key-Z3n7Pc';

let sb: RunningSandbox;
const clock = new ManualClock(Date.parse('2026-05-07T18:00:00Z'));

beforeAll(async () => {
  sb = await startSandbox({ clock, tokenTtlMs: 10 * MINUTE });
});
afterAll(() => sb.close());

const key = (): string => String(sb.credentials.clientKey);
const secret = (): string => String(sb.credentials.clientSecret);

function clientWith<A extends AuthStrategy>(auth: A): { client: RestClient<A>; events: RestEvent[] } {
  const events: RestEvent[] = [];
  const client = createRestClient({ baseUrl: sb.restUrl, auth, retry: false, clock, onEvent: (e) => events.push(e) });
  return { client, events };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

const API_INFO = { name: 'ECGrid sandbox', apiVersion: '1.0', restVersion: '2.6' };

describe('header mode (clientKeyAuth): Eagle-Api-Key and api-version on every request', () => {
  it('succeeds: api/api-info is read as plain JSON', async () => {
    const { client } = clientWith(clientKeyAuth({ clientKey: key(), clientSecret: secret() }));
    expect(await client.api.clientKeyApi.apiInfo()).toEqual(API_INFO);
    expect(await client.requestPlain({ method: 'GET', path: 'api/api-info' })).toEqual(API_INFO);
  });

  it('reads the raw token of api/request-token as text', async () => {
    const { client } = clientWith(clientKeyAuth({ clientKey: key(), clientSecret: secret() }));
    const token = await client.requestPlain<string>({ method: 'POST', path: 'api/request-token', format: 'text' });
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it.each([
    ['a wrong key', () => ({ clientKey: WRONG_KEY, clientSecret: secret() })],
    ['a wrong secret', () => ({ clientKey: key(), clientSecret: WRONG_SECRET })],
  ])('refuses %s with a typed auth error that keeps invalid_client', async (_what, credentials) => {
    const { client, events } = clientWith(clientKeyAuth(credentials()));
    const error = await rejection(client.api.clientKeyApi.apiInfo());
    expect(error).toBeInstanceOf(RestAuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, serverErrorCode: 'invalid_client', path: '/api/api-info', method: 'GET' });
    expect((error as Error).message).toContain('invalid_client');
    expectNoSecrets(error, [WRONG_SECRET, secret(), credentials().clientKey]);
    expectNoSecrets(events, [WRONG_SECRET, secret()]);
  });

  it('has no token to expire: tokens expiring on the server leave it working', async () => {
    const { client } = clientWith(clientKeyAuth({ clientKey: key(), clientSecret: secret() }));
    await client.api.clientKeyApi.apiInfo();
    clock.advance(30 * MINUTE);
    sb.admin.expireTokens();
    expect(await client.api.clientKeyApi.apiInfo()).toEqual(API_INFO);
  });
});

describe('exchange mode (tokenExchangeAuth): the key/secret header buys a JWT, sent as a Bearer token', () => {
  it('succeeds: one exchange, then the token on every request', async () => {
    const { client, events } = clientWith(tokenExchangeAuth({ clientKey: key(), clientSecret: secret(), clock }));
    expect(await client.api.clientKeyApi.apiInfo()).toEqual(API_INFO);
    expect(await client.api.clientKeyApi.apiInfo()).toEqual(API_INFO);
    expect(events.filter((e) => e.type === 'login')).toEqual([{ type: 'login', strategy: 'token-exchange', outcome: 'ok' }]);
    expect(events.filter((e) => e.type === 'request').map((e) => e.path)).toEqual(['/api/request-token', '/api/api-info', '/api/api-info']);
  });

  it.each([
    ['a wrong key', () => ({ clientKey: WRONG_KEY, clientSecret: secret() })],
    ['a wrong secret', () => ({ clientKey: key(), clientSecret: WRONG_SECRET })],
  ])('refuses %s at the exchange with a typed auth error that keeps invalid_client', async (_what, credentials) => {
    const { client, events } = clientWith(tokenExchangeAuth({ ...credentials(), clock }));
    const error = await rejection(client.api.clientKeyApi.apiInfo());
    expect(error).toBeInstanceOf(RestAuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, serverErrorCode: 'invalid_client', path: '/api/request-token', method: 'POST' });
    expectNoSecrets(error, [WRONG_SECRET, secret(), credentials().clientKey]);
    expectNoSecrets(events, [WRONG_SECRET, secret()]);
    expect(events.filter((e) => e.type === 'login')).toEqual([{ type: 'login', strategy: 'token-exchange', outcome: 'failed' }]);
  });

  it('replaces a token the server says has expired, once, and the call succeeds', async () => {
    const { client, events } = clientWith(tokenExchangeAuth({ clientKey: key(), clientSecret: secret(), clock }));
    await client.api.clientKeyApi.apiInfo();
    sb.admin.expireTokens();
    expect(await client.api.clientKeyApi.apiInfo()).toEqual(API_INFO);
    expect(events.filter((e) => e.type === 'refresh')).toEqual([{ type: 'refresh', strategy: 'token-exchange', outcome: 'ok', cause: 'rejected' }]);
    expect(events.filter((e) => e.type === 'response').map((e) => e.status)).toEqual([200, 200, 401, 200, 200]);
  });

  it('surfaces invalid_token as a typed auth error when even a fresh token is expired on arrival', async () => {
    // A server whose clock runs ahead: every token it issues (1 ms lifetime) has expired when it comes back.
    const start = Date.parse('2026-05-07T18:00:00Z');
    let tick = 0;
    const racing: Clock = { now: () => start + 10 * ++tick };
    const fast = await startSandbox({ clock: racing, tokenTtlMs: 1 });
    try {
      const events: RestEvent[] = [];
      const client = createRestClient({
        baseUrl: fast.restUrl,
        auth: tokenExchangeAuth({ clientKey: key(), clientSecret: secret(), clock: new ManualClock(start - 3_600_000) }),
        retry: false,
        onEvent: (e) => events.push(e),
      });
      const error = await rejection(client.api.clientKeyApi.apiInfo());
      expect(error).toBeInstanceOf(RestAuthError);
      expect(error).toMatchObject({ kind: 'auth', status: 401, serverErrorCode: 'invalid_token', path: '/api/api-info' });
      expect((error as Error).message).toMatch(/expired/);
      // One new token and one resend, no loop.
      expect(events.filter((e) => e.type === 'request').map((e) => e.path)).toEqual([
        '/api/request-token',
        '/api/api-info',
        '/api/request-token',
        '/api/api-info',
      ]);
    } finally {
      await fast.close();
    }
  });
});
