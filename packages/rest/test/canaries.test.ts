import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RestApiError,
  apiKeyAuth,
  clientKeyAuth,
  createRestClient,
  jwtAuth,
  tokenExchangeAuth,
  type AuthStrategy,
  type RestEvent,
} from '../src/index.js';
import { BASE, CANARY, expectNoSecrets, fail, makeJwt, netError, ok, resetNock } from './helpers.js';

// Canary secrets that a server echoes back, in every way a server can: the envelope's message and errorCode, an
// HTML page, a plain-JSON error, a network error's message. Whatever sent them (an auth strategy, the caller's own
// body or headers, the typed helpers), they must not appear in any error or event.

const TOKEN = makeJwt({ sub: 'canary', n: 'canary-token-W4c9' });
const FOREIGN_JWT = makeJwt({ sub: 'someone-else', n: 'not-ours-J7q1' });
const FOREIGN_BEARER = 'foreign-opaque-bearer-8Hd2Kq0Zr5';
const NEW_PASSWORD = 'Canary-NewPass-3#y';
const CALLER_HEADER_TOKEN = 'caller-header-token-5Tg8Wm';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

/** Every secret of the test, in one sentence a server might send back. */
const ECHO = [
  `password=${CANARY.password}`,
  `new=${NEW_PASSWORD}`,
  `key=${CANARY.apiKey}`,
  `client=${CANARY.clientKey}/${CANARY.clientSecret}`,
  `token=${TOKEN}`,
  `header=${CALLER_HEADER_TOKEN}`,
  `Authorization: Bearer ${FOREIGN_BEARER}`,
  `jwt=${FOREIGN_JWT}`,
].join(' ');
/** What every client below sends or meets whatever its auth: its body and header secrets, and foreign token shapes. */
const COMMON = [CANARY.password, NEW_PASSWORD, CALLER_HEADER_TOKEN, FOREIGN_BEARER, FOREIGN_JWT];

/** Each strategy, the credentials it sends (which it must mask), and the exchange it needs first. */
const STRATEGIES: Array<[string, () => AuthStrategy, readonly string[], () => void]> = [
  ['api key', () => apiKeyAuth({ apiKey: CANARY.apiKey }), [CANARY.apiKey], () => undefined],
  [
    'jwt',
    () => jwtAuth({ email: 'ops@example.com', password: CANARY.password, env: {} }),
    [CANARY.password, TOKEN],
    () => void nock(BASE).post('/v2/auth/login').reply(200, ok({ token: TOKEN, expiresAt: '2099-01-01T00:00:00Z' })),
  ],
  ['client key', () => clientKeyAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret }), [CANARY.clientKey, CANARY.clientSecret], () => undefined],
  [
    'token exchange',
    () => tokenExchangeAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret }),
    [CANARY.clientKey, CANARY.clientSecret, TOKEN],
    () => void nock(BASE).post('/api/request-token').reply(200, TOKEN, { 'Content-Type': 'text/plain' }),
  ],
];

/** The ways a server answers with an echo. */
const ECHOES: Array<[string, () => void]> = [
  ['an envelope error (message and errorCode)', () => void nock(BASE).post('/v2/x').reply(400, fail(`Invalid ${CANARY.password}`, ECHO))],
  ['an HTML page', () => void nock(BASE).post('/v2/x').reply(500, `<html>${ECHO}</html>`, { 'Content-Type': 'text/html' })],
  ['a plain-JSON error', () => void nock(BASE).post('/v2/x').reply(401, { error: `bad ${CANARY.clientSecret}`, message: ECHO })],
  ['a network error', () => void nock(BASE).post('/v2/x').replyWithError(Object.assign(netError('ECONNRESET', `reset: ${ECHO}`), { config: { headers: { 'X-API-Key': CANARY.apiKey } } }))],
];

describe('secrets a server echoes back never reach an error or an event', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  for (const [strategy, auth, own, prepare] of STRATEGIES) {
    for (const [echo, reply] of ECHOES) {
      it(`${strategy} auth, ${echo}, through request() and requestPlain()`, async () => {
        prepare();
        reply();
        reply();
        const events: RestEvent[] = [];
        const client = createRestClient({ baseUrl: BASE, auth: auth(), retry: false, onEvent: (e) => events.push(e) });
        const body = { password: CANARY.password, newPassword: NEW_PASSWORD };
        const headers = { 'X-Caller-Token': CALLER_HEADER_TOKEN };
        const first = await rejection(client.request({ method: 'POST', path: '/v2/x', body, headers, idempotent: true }));
        const second = await rejection(client.requestPlain({ method: 'POST', path: '/v2/x', body, headers, idempotent: true }));
        for (const error of [first, second]) {
          expect(error).toBeInstanceOf(RestApiError);
          expectNoSecrets(error, [...COMMON, ...own]);
        }
        expectNoSecrets(events, [...COMMON, ...own]);
      });
    }
  }

  it('a login through client.request() whose error echoes the password', async () => {
    nock(BASE).post('/v2/auth/login').reply(401, fail('InvalidSession', `wrong password ${CANARY.password} for ops@example.com`));
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    const error = await rejection(
      client.request({ method: 'POST', path: '/v2/auth/login', body: { login: 'ops@example.com', password: CANARY.password } }),
    );
    expect(error).toMatchObject({ status: 401, errorCode: 'InvalidSession' });
    expect((error as Error).message).toContain('wrong password [REDACTED]');
    expectNoSecrets(error, [CANARY.password, CANARY.apiKey]);
  });

  it('a login through client.api.auth.login() whose error echoes the password, in message and errorCode', async () => {
    nock(BASE).post('/v2/auth/login').reply(401, fail(`Bad:${CANARY.password}`, `wrong password ${CANARY.password}`));
    const events: RestEvent[] = [];
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), onEvent: (e) => events.push(e) });
    const error = await rejection(client.api.auth.login({ login: 'ops@example.com', password: CANARY.password }));
    expectNoSecrets(error, [CANARY.password]);
    expectNoSecrets(events, [CANARY.password]);
  });

  it('a refresh through client.api.auth.refresh() whose error echoes the token it sent, in the body and the header', async () => {
    nock(BASE).post('/v2/auth/refresh').reply(401, fail('InvalidSession', `token ${TOKEN} expired`));
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    const error = await rejection(client.api.auth.refresh({ token: TOKEN }, { bearer: TOKEN }));
    expectNoSecrets(error, [TOKEN]);
  });

  it('a 2xx body that breaks decoding, echoing the request', async () => {
    nock(BASE).post('/v2/auth/login').reply(200, `{"success":true,"data":{"echo":"${CANARY.password}"`);
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    expectNoSecrets(await rejection(client.api.auth.login({ email: 'a@b.c', password: CANARY.password })), [CANARY.password]);
  });

  it('masks bearer tokens and JWT-shaped strings that are not the client’s own', async () => {
    nock(BASE)
      .get('/v2/users/me')
      .reply(403, fail('AccessDenied', `Authorization: Bearer ${FOREIGN_BEARER} and ${FOREIGN_JWT} are not valid here`));
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    const error = await rejection(client.api.users.me());
    expect((error as Error).message).toContain('Bearer [REDACTED] and [REDACTED] are not valid here');
    expectNoSecrets(error, [FOREIGN_BEARER, FOREIGN_JWT]);
  });
});
