import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REST_ERROR_CODES,
  REST_ERROR_HTTP_STATUS,
  RestApiError,
  apiKeyAuth,
  createRestClient,
  type RestClient,
} from '../src/index.js';
import { BASE, CANARY, fail, netError, ok, resetNock } from './helpers.js';

function client(): RestClient {
  return createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), retry: false });
}

async function caught(promise: Promise<unknown>): Promise<RestApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RestApiError);
  return error as RestApiError;
}

describe('envelope decoding', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('returns data for success:true, including null data', async () => {
    nock(BASE).get('/v2/parcels/5').reply(200, ok({ parcelId: 5 })).post('/v2/auth/logout').reply(200, ok(null));
    const c = client();
    expect(await c.api.parcels.get(5)).toEqual({ parcelId: 5 });
    await expect(c.api.auth.logout()).resolves.toBeUndefined();
  });

  it('reads JSON that starts with a UTF-8 byte order mark (as IIS and .NET write it)', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    nock(BASE)
      .get('/v2/users/me')
      .reply(200, Buffer.concat([bom, Buffer.from(JSON.stringify(ok({ userId: 7 })))]), { 'Content-Type': 'application/json; charset=utf-8' })
      .get('/v2/users/8')
      .reply(404, Buffer.concat([bom, Buffer.from(JSON.stringify(fail('ObjectNotFound', 'no user 8')))]), { 'Content-Type': 'application/json' });
    const c = client();
    expect(await c.api.users.me()).toEqual({ userId: 7 });
    expect(await caught(c.api.users.get(8))).toMatchObject({ kind: 'api', status: 404, errorCode: 'ObjectNotFound' });
  });

  it('refuses success:true with data:null from a typed helper that promises a value, with a typed error at the call', async () => {
    nock(BASE)
      .get('/v2/users/me')
      .reply(200, ok(null))
      .post('/v2/parcels/inbox-list')
      .reply(200, { success: true, errorCode: '', message: '' })
      .post('/v2/auth/login')
      .reply(200, ok(null))
      .post('/v2/parcels/confirm')
      .reply(200, ok(null));
    const c = client();
    const error = await caught(c.api.users.me());
    expect(error).toMatchObject({ kind: 'bad-body', status: 200, method: 'GET', path: '/v2/users/me' });
    expect(error.message).toContain('data: null');
    expect(await caught(c.api.parcels.inboxList())).toMatchObject({ kind: 'bad-body', path: '/v2/parcels/inbox-list' });
    expect(await caught(c.api.auth.login({ login: 'a', password: 'Passw0rd!' }))).toMatchObject({ kind: 'bad-body', path: '/v2/auth/login' });
    expect(await caught(c.api.parcels.confirm({ parcelId: 1 }))).toMatchObject({ kind: 'bad-body' });
  });

  it('keeps data:null where it is documented (logout) and for the untyped request()', async () => {
    nock(BASE).post('/v2/auth/logout').reply(200, ok(null)).get('/v2/anything').reply(200, ok(null));
    const c = client();
    await expect(c.api.auth.logout()).resolves.toBeUndefined();
    await expect(c.request({ method: 'GET', path: '/v2/anything' })).resolves.toBeNull();
  });

  it('turns an HTML 502 page into a bad-body error with the status', async () => {
    nock(BASE).get('/v2/users/me').reply(502, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
    const error = await caught(client().api.users.me());
    expect(error).toMatchObject({ kind: 'bad-body', status: 502, method: 'GET', path: '/v2/users/me', errorCode: null });
    expect(error.message).toContain('text/html');
    expect(error.message).not.toContain('Bad Gateway');
  });

  it('turns an empty body into a bad-body error', async () => {
    nock(BASE).get('/v2/users/me').reply(200, '');
    const error = await caught(client().api.users.me());
    expect(error).toMatchObject({ kind: 'bad-body', status: 200 });
    expect(error.message).toContain('empty body');
  });

  it('turns truncated JSON into a bad-body error', async () => {
    nock(BASE).get('/v2/users/me').reply(200, '{"success":true,"data":{"userId":1', { 'Content-Type': 'application/json' });
    const error = await caught(client().api.users.me());
    expect(error).toMatchObject({ kind: 'bad-body', status: 200 });
    expect(error.message).toContain('not valid JSON');
  });

  it('turns JSON without the envelope into a bad-body error', async () => {
    nock(BASE).get('/v2/users/me').reply(200, { userId: 1 }).get('/v2/users/7').reply(200, [1, 2]);
    const c = client();
    expect(await caught(c.api.users.me())).toMatchObject({ kind: 'bad-body', status: 200 });
    expect(await caught(c.api.users.get(7))).toMatchObject({ kind: 'bad-body', status: 200 });
  });

  it.each(REST_ERROR_CODES)('maps success:false with %s to a typed error', async (code) => {
    const status = REST_ERROR_HTTP_STATUS[code];
    nock(BASE).post('/v2/parcels/confirm').reply(status, fail(code, `server says ${code}`));
    const error = await caught(client().api.parcels.confirm({ parcelId: 9 }));
    expect(error).toMatchObject({
      kind: 'api',
      status,
      errorCode: code,
      serverErrorCode: code,
      code,
      method: 'POST',
      path: '/v2/parcels/confirm',
    });
    expect(error.message).toContain(`server says ${code}`);
  });

  it('keeps an undocumented error code as serverErrorCode only', async () => {
    nock(BASE).get('/v2/users/me').reply(400, fail('SomethingNew'));
    const error = await caught(client().api.users.me());
    expect(error).toMatchObject({ kind: 'api', status: 400, errorCode: null, serverErrorCode: 'SomethingNew' });
  });

  it('treats success:false with HTTP 200 as an error', async () => {
    nock(BASE).get('/v2/users/me').reply(200, fail('AccessDenied'));
    expect(await caught(client().api.users.me())).toMatchObject({ kind: 'api', status: 200, errorCode: 'AccessDenied' });
  });

  it('treats a non-2xx status with success:true as an error', async () => {
    nock(BASE).get('/v2/users/me').reply(404, ok({ userId: 1 }));
    expect(await caught(client().api.users.me())).toMatchObject({ kind: 'http', status: 404 });
  });

  it('reports a network error as status 0 and keeps a sanitized cause', async () => {
    nock(BASE).get('/v2/users/me').replyWithError(netError('ECONNRESET', 'socket hang up'));
    const error = await caught(client().api.users.me());
    expect(error).toMatchObject({ kind: 'network', status: 0, code: 'RestNetwork', networkCode: 'ECONNRESET' });
    expect(error.message).toContain('(ECONNRESET: socket hang up)');
    const cause = (error as { cause?: unknown }).cause as Error & { code?: string };
    expect(cause).toBeInstanceOf(Error);
    expect(cause.code).toBe('ECONNRESET');
    expect(Object.keys(error)).not.toContain('cause');
    expect(JSON.stringify(cause)).not.toContain('config');
  });
});
