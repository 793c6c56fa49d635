import { ConfigurationError, ManualClock } from '@ecgrid-bridge/core';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RestApiError, RestAuthError, clientKeyAuth, createRestClient, tokenExchangeAuth, type RestEvent } from '../src/index.js';
import { CANARY, expectNoSecrets, makeJwt, ok, resetNock } from './helpers.js';

const BASE = 'https://acme-connect.eagle.test';
const HEADER_VALUE = `{"ClientKey":"${CANARY.clientKey}","ClientSecret":"${CANARY.clientSecret}"}`;
const SECRETS = [CANARY.clientSecret, HEADER_VALUE];
const T0 = Date.parse('2026-05-07T18:00:00Z');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

function headerOf(ctx: unknown, name: string): string | undefined {
  return (ctx as { req: { headers: Record<string, string> } }).req.headers[name];
}

describe('clientKeyAuth', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('sends the exact Eagle-Api-Key JSON and api-version 1.0 on every request', async () => {
    const seen: Array<[string | undefined, string | undefined]> = [];
    nock(BASE)
      .get('/api/api-info')
      .twice()
      .reply(function () {
        seen.push([headerOf(this, 'eagle-api-key'), headerOf(this, 'api-version')]);
        return [200, { name: 'info' }];
      });
    const client = createRestClient({
      baseUrl: BASE,
      auth: clientKeyAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret }),
    });
    expect(await client.api.clientKeyApi.apiInfo()).toEqual({ name: 'info' });
    expect(await client.requestPlain({ method: 'GET', path: '/api/api-info' })).toEqual({ name: 'info' });
    expect(seen).toEqual([
      [HEADER_VALUE, '1.0'],
      [HEADER_VALUE, '1.0'],
    ]);
  });

  it('lets the header name and api version be configured', async () => {
    const scope = nock(BASE, { reqheaders: { 'x-client-auth': HEADER_VALUE, 'api-version': '2.1' } })
      .get('/api/x')
      .reply(200, ok(1));
    const client = createRestClient({
      baseUrl: BASE,
      auth: clientKeyAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret, headerName: 'X-Client-Auth', apiVersion: '2.1' }),
    });
    await client.request({ method: 'GET', path: 'api/x' });
    expect(scope.isDone()).toBe(true);
  });

  it('escapes key and secret as JSON', async () => {
    const auth = clientKeyAuth({ clientKey: 'k"ey', clientSecret: 'se\\cret-value' });
    expect(await auth.authenticate()).toEqual({
      'Eagle-Api-Key': '{"ClientKey":"k\\"ey","ClientSecret":"se\\\\cret-value"}',
      'api-version': '1.0',
    });
  });

  it('refuses missing credentials', () => {
    expect(() => clientKeyAuth({ clientKey: '', clientSecret: 'x' })).toThrow(ConfigurationError);
    expect(() => clientKeyAuth({ clientKey: 'x', clientSecret: '' })).toThrow(ConfigurationError);
  });

  it('keeps the secret out of errors when the server echoes the header', async () => {
    nock(BASE).get('/api/x').reply(401, `<html>rejected Eagle-Api-Key ${HEADER_VALUE}</html>`, { 'Content-Type': 'text/html' });
    nock(BASE).get('/api/y').reply(400, { success: false, errorCode: 'InvalidParameter', message: `secret ${CANARY.clientSecret} wrong` });
    const client = createRestClient({
      baseUrl: BASE,
      auth: clientKeyAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret }),
    });
    expectNoSecrets(await rejection(client.request({ method: 'GET', path: 'api/x' })), SECRETS);
    expectNoSecrets(await rejection(client.request({ method: 'GET', path: 'api/y' })), SECRETS);
  });
});

describe('tokenExchangeAuth', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  function setup(extra: { tokenPath?: string; refreshWindowMs?: number } = {}) {
    const clock = new ManualClock(T0);
    const events: RestEvent[] = [];
    const auth = tokenExchangeAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret, clock, ...extra });
    const client = createRestClient({ baseUrl: BASE, auth, onEvent: (e) => events.push(e) });
    return { clock, auth, client, events };
  }

  it('exchanges the key header for a raw-body JWT and sends it as a bearer token with api-version', async () => {
    const token = makeJwt({ sub: 'client', exp: (T0 + 3_600_000) / 1000 });
    const exchange = nock(BASE, { reqheaders: { 'eagle-api-key': HEADER_VALUE, 'api-version': '1.0' }, badheaders: ['authorization'] })
      .post('/api/request-token')
      .reply(200, token, { 'Content-Type': 'text/plain' });
    const seen: Array<[string | undefined, string | undefined, string | undefined]> = [];
    nock(BASE)
      .get('/api/api-info')
      .twice()
      .reply(function () {
        seen.push([headerOf(this, 'authorization'), headerOf(this, 'api-version'), headerOf(this, 'eagle-api-key')]);
        return [200, ok({})];
      });
    const { client, events } = setup();
    await client.request({ method: 'GET', path: 'api/api-info' });
    await client.request({ method: 'GET', path: 'api/api-info' });
    expect(exchange.isDone()).toBe(true);
    expect(seen).toEqual([
      [`Bearer ${token}`, '1.0', undefined],
      [`Bearer ${token}`, '1.0', undefined],
    ]);
    expect(events.filter((e) => e.type === 'login')).toEqual([{ type: 'login', strategy: 'token-exchange', outcome: 'ok' }]);
  });

  it('accepts the token as a JSON string literal and on a configured path', async () => {
    const token = makeJwt({ sub: 'client' });
    nock(BASE).post('/auth/token').reply(200, JSON.stringify(token), { 'Content-Type': 'application/json' });
    nock(BASE, { reqheaders: { authorization: `Bearer ${token}` } })
      .get('/api/x')
      .reply(200, ok(1));
    const { client } = setup({ tokenPath: 'auth/token' });
    expect(await client.request({ method: 'GET', path: 'api/x' })).toBe(1);
  });

  it.each([
    ['an HTML page', '<html>Welcome</html>'],
    ['an empty body', ''],
    ['a JSON envelope', JSON.stringify(ok({ token: 'x' }))],
    ['a non-JWT string', 'not-a-token'],
    ['a JWT with a broken payload', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln'],
  ])('rejects %s with a typed error', async (_what, body) => {
    nock(BASE).post('/api/request-token').reply(200, body);
    const { client } = setup();
    const error = await rejection(client.request({ method: 'GET', path: 'api/x' }));
    expect(error).toBeInstanceOf(RestAuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 200, path: '/api/request-token' });
  });

  it('reports a refused exchange as a typed auth error with its status and without the secret', async () => {
    nock(BASE).post('/api/request-token').reply(401, `invalid client ${HEADER_VALUE}`);
    const { client } = setup();
    const error = await rejection(client.request({ method: 'GET', path: 'api/x' }));
    expect(error).toBeInstanceOf(RestAuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, serverErrorCode: null, path: '/api/request-token' });
    expectNoSecrets(error, SECRETS);
  });

  it('keeps the server error code of a refused exchange ({"error":"invalid_client"}), echoed secrets removed', async () => {
    nock(BASE)
      .post('/api/request-token')
      .reply(401, { error: 'invalid_client', message: `no client with secret ${CANARY.clientSecret}` });
    const { client, events } = setup();
    const error = await rejection(client.requestPlain({ method: 'GET', path: 'api/api-info' }));
    expect(error).toBeInstanceOf(RestAuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, serverErrorCode: 'invalid_client', errorCode: null });
    expect((error as Error).message).toContain('invalid_client');
    expect((error as Error).message).toContain('[REDACTED]');
    expectNoSecrets(error, SECRETS);
    expectNoSecrets(events, SECRETS);
  });

  it('reads a token sent with a byte order mark', async () => {
    const token = makeJwt({ sub: 'client' });
    nock(BASE).post('/api/request-token').reply(200, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(token)]), { 'Content-Type': 'text/plain' });
    nock(BASE, { reqheaders: { authorization: `Bearer ${token}` } })
      .get('/api/api-info')
      .reply(200, { ok: true });
    const { client } = setup();
    expect(await client.api.clientKeyApi.apiInfo()).toEqual({ ok: true });
  });

  it('requests a new token before exp, once for many concurrent callers', async () => {
    const first = makeJwt({ n: 1, exp: (T0 + 600_000) / 1000 });
    const second = makeJwt({ n: 2, exp: (T0 + 1_200_000) / 1000 });
    let exchanges = 0;
    nock(BASE)
      .post('/api/request-token')
      .times(5)
      .reply(() => {
        exchanges += 1;
        return [200, exchanges === 1 ? first : second];
      });
    const seen: (string | undefined)[] = [];
    nock(BASE)
      .get('/api/x')
      .times(101)
      .reply(function () {
        seen.push(headerOf(this, 'authorization'));
        return [200, 1];
      });
    const { client, clock } = setup({ refreshWindowMs: 30_000 });
    await client.requestPlain({ method: 'GET', path: 'api/x' });
    clock.advance(600_000 - 20_000);
    await Promise.all(Array.from({ length: 100 }, () => client.requestPlain({ method: 'GET', path: 'api/x' })));
    expect(exchanges).toBe(2);
    expect(seen.filter((h) => h === `Bearer ${second}`)).toHaveLength(100);
  });

  it('gets a new token and resends once on 401, without looping', async () => {
    const first = makeJwt({ n: 1 });
    const second = makeJwt({ n: 2 });
    let exchanges = 0;
    nock(BASE)
      .post('/api/request-token')
      .times(5)
      .reply(() => {
        exchanges += 1;
        return [200, exchanges === 1 ? first : second];
      });
    let apiCalls = 0;
    nock(BASE)
      .get('/api/x')
      .times(5)
      .reply(() => {
        apiCalls += 1;
        return [401, 'expired'];
      });
    const { client } = setup();
    expect(await rejection(client.request({ method: 'GET', path: 'api/x' }))).toMatchObject({ status: 401 });
    expect(exchanges).toBe(2);
    expect(apiCalls).toBe(2);
  });

  it('keeps the token out of errors', async () => {
    const token = makeJwt({ n: 'secret-token' });
    nock(BASE).post('/api/request-token').reply(200, token);
    nock(BASE).get('/api/x').reply(500, `token was ${token}`);
    const client = createRestClient({
      baseUrl: BASE,
      auth: tokenExchangeAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret }),
      retry: false,
    });
    expectNoSecrets(await rejection(client.request({ method: 'GET', path: 'api/x' })), [token, ...SECRETS]);
  });

  it('belongs to one client only', () => {
    const auth = tokenExchangeAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret });
    createRestClient({ baseUrl: BASE, auth });
    expect(() => createRestClient({ baseUrl: BASE, auth })).toThrow(ConfigurationError);
  });
});

describe('requestPlain: answers without the ECGrid envelope', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  const client = () =>
    createRestClient({ baseUrl: BASE, auth: clientKeyAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret }), retry: false });

  it('returns plain JSON as is, a byte order mark removed, and an envelope-shaped body untouched', async () => {
    nock(BASE)
      .get('/api/api-info')
      .reply(200, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"x"}')]), { 'Content-Type': 'application/json' })
      .get('/api/other')
      .reply(200, ok(5));
    expect(await client().api.clientKeyApi.apiInfo()).toEqual({ name: 'x' });
    expect(await client().requestPlain({ method: 'GET', path: 'api/other' })).toEqual(ok(5));
  });

  it('returns text as is with format text', async () => {
    nock(BASE, { reqheaders: { accept: /text\/plain/ } })
      .post('/api/request-token')
      .reply(200, 'abc.def.ghi', { 'Content-Type': 'text/plain' });
    expect(await client().requestPlain({ method: 'POST', path: 'api/request-token', format: 'text' })).toBe('abc.def.ghi');
  });

  it.each([
    ['401 invalid_client', 401, { error: 'invalid_client', message: 'bad secret' }, RestAuthError, 'auth', 'invalid_client'],
    ['401 invalid_token', 401, { error: 'invalid_token', error_description: 'expired' }, RestAuthError, 'auth', 'invalid_token'],
    ['400 invalid_grant (auth by its code)', 400, { error: 'invalid_grant' }, RestAuthError, 'auth', 'invalid_grant'],
    ['403 without a body', 403, '', RestAuthError, 'auth', null],
    ['400 invalid_request', 400, { error: 'invalid_request', message: 'api-version' }, RestApiError, 'api', 'invalid_request'],
    ['404 not_found', 404, { error: 'not_found' }, RestApiError, 'api', 'not_found'],
    ['an HTML 502', 502, '<html>Bad Gateway</html>', RestApiError, 'http', null],
  ] as const)('types %s', async (_name, status, body, type, kind, code) => {
    nock(BASE).get('/api/api-info').reply(status, typeof body === 'string' ? body : JSON.stringify(body), { 'Content-Type': 'application/json' });
    const error = await rejection(client().api.clientKeyApi.apiInfo());
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ kind, status, serverErrorCode: code, path: '/api/api-info' });
  });

  it('turns a 2xx body that is not JSON into a bad-body error', async () => {
    nock(BASE).get('/api/api-info').reply(200, '<html>hi</html>', { 'Content-Type': 'text/html' });
    expect(await rejection(client().api.clientKeyApi.apiInfo())).toMatchObject({ kind: 'bad-body', status: 200 });
  });
});
