import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, PasswordRuleError } from '@ecgrid-bridge/core';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { restCall, soapCall, x12File } from './support/clients.js';

let sb: RunningSandbox;
const clock = new ManualClock(Date.parse('2025-06-01T12:00:00Z'));
const MINUTE = 60_000;
type Obj = Record<string, unknown>;

const login = async (body: Obj) => restCall(sb.restUrl, 'POST', '/v2/auth/login', { body });
const me = async (headers: Record<string, string>) => restCall(sb.restUrl, 'GET', '/v2/users/me', { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const tokens = async () => {
  const r = await login({ email: sb.credentials.email, password: sb.credentials.password });
  return r.json!.data as { token: string; expiresAt: string; userId: number };
};
const refresh = async (body: Obj, headers: Record<string, string>) => restCall(sb.restUrl, 'POST', '/v2/auth/refresh', { body, headers });

beforeAll(async () => {
  sb = await startSandbox({ clock, sessionTtlMs: 10 * MINUTE, tokenTtlMs: 5 * MINUTE });
});
afterAll(() => sb.close());

describe('API keys', () => {
  it('a bad X-API-Key is 401 InvalidAPIKey and is not echoed', async () => {
    const r = await me({ 'x-api-key': 'not-a-real-key-123456' });
    expect([r.status, r.json?.errorCode]).toEqual([401, 'InvalidAPIKey']);
    expect(r.text).not.toContain('not-a-real-key-123456');
  });

  it('no credential at all is 401 InvalidAPIKey with a challenge (appendix/error-codes.md: the key is missing)', async () => {
    const r = await me({});
    expect([r.status, r.json?.errorCode]).toEqual([401, 'InvalidAPIKey']);
    expect(r.headers.get('www-authenticate')).toMatch(/Bearer/);
  });

  it('the client key/secret header is no credential on /v2, where only X-API-Key and Bearer are documented', async () => {
    const eagle = JSON.stringify({ ClientKey: sb.credentials.clientKey, ClientSecret: sb.credentials.clientSecret });
    const r = await me({ 'eagle-api-key': eagle, 'api-version': '1.0' });
    expect([r.status, r.json?.errorCode]).toEqual([401, 'InvalidAPIKey']);
    expect(r.json?.message).toMatch(/X-API-Key or Authorization: Bearer/);
    expect(r.text).not.toContain(String(sb.credentials.clientSecret));
  });

  it('a bad SOAP SessionID is an Authentication fault', async () => {
    const r = await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: 'made-up-session' });
    expect(r.fault).toMatchObject({ code: 'soap:Client', detail: 'Authentication' });
    expect(r.text).not.toContain('made-up-session');
  });
});

describe('JWT login, refresh, session and logout', () => {
  it('answers login with exactly {token, expiresAt, userId} (rest-api/auth/login.md): no refresh token', async () => {
    const r = await login({ login: sb.credentials.loginName, password: sb.credentials.password });
    expect(r.status).toBe(200);
    const data = r.json!.data as Obj;
    expect(Object.keys(data).sort()).toEqual(['expiresAt', 'token', 'userId']);
    expect(data).toMatchObject({ userId: 2006, expiresAt: new Date(clock.now() + 5 * MINUTE).toISOString() });
    expect(String(data['token']).split('.')).toHaveLength(3);
  });

  it('accepts the reference field login and the guide field email, each with a login name or an email address', async () => {
    const { loginName, email, password } = sb.credentials;
    for (const body of [{ login: loginName }, { login: email }, { email }, { email: loginName }]) {
      const r = await login({ ...body, password });
      expect([r.status, (r.json?.data as Obj | undefined)?.['userId']], JSON.stringify(body)).toEqual([200, 2006]);
    }
    const clerk = await login({ login: 'acme.clerk', password: 'Clerk#Sandbox25' });
    expect((clerk.json!.data as Obj)['userId']).toBe(2007);
    expect((await me(bearer((clerk.json!.data as { token: string }).token))).json?.data).toMatchObject({ userId: 2007 });
    expect((await login({ login: '', email, password })).status).toBe(200);
    expect((await login({ password })).status).toBe(400);
  });

  it('a wrong password is 401 and is not echoed', async () => {
    const r = await login({ email: sb.credentials.email, password: 'Nope#Wrong123' });
    expect([r.status, r.json?.errorCode]).toEqual([401, 'InvalidSession']);
    expect(r.text).not.toContain('Nope#Wrong123');
    expect((await login({ email: sb.credentials.email })).status).toBe(400);
  });

  it('POST /v2/auth/session describes the credential', async () => {
    const t = await tokens();
    const r = await restCall(sb.restUrl, 'POST', '/v2/auth/session', { headers: bearer(t.token) });
    expect(r.json?.data).toEqual({ userId: 2006, login: 'acme.demo', networkId: 1001, mailboxId: 5001, authLevel: 'MailboxAdmin', expiresAt: t.expiresAt });
    const byKey = await restCall(sb.restUrl, 'POST', '/v2/auth/session', { headers: { 'x-api-key': sb.credentials.apiKey } });
    expect(byKey.json?.data).toMatchObject({ userId: 2006, expiresAt: null });
  });

  it('an expired token is refused', async () => {
    const t = await tokens();
    clock.advance(5 * MINUTE + 1);
    const r = await me(bearer(t.token));
    expect([r.status, r.json?.errorCode]).toEqual([401, 'InvalidSession']);
    expect(r.json?.message).toMatch(/expired/);
  });

  it('refresh takes {token} (rest-api/auth/refresh-token.md) and rotates: the new token works, the old one does not', async () => {
    const t = await tokens();
    const r = await refresh({ token: t.token }, bearer(t.token));
    expect(r.status).toBe(200);
    const next = r.json!.data as { token: string; expiresAt: string; userId: number };
    expect(Object.keys(next).sort()).toEqual(['expiresAt', 'token', 'userId']);
    expect(next.token).not.toBe(t.token);
    expect((await me(bearer(next.token))).status).toBe(200);
    const old = await me(bearer(t.token));
    expect([old.status, old.json?.message]).toEqual([401, expect.stringMatching(/replaced/)]);
    expect((await refresh({ token: t.token }, bearer(next.token))).status).toBe(401);
    // Any documented credential of the same user will do.
    const byKey = await refresh({ token: next.token }, { 'x-api-key': sb.credentials.apiKey });
    expect((await me(bearer((byKey.json!.data as { token: string }).token))).status).toBe(200);
  });

  it('refresh needs a credential, a token in the body, and the token of the same user', async () => {
    const t = await tokens();
    const anonymous = await refresh({ token: t.token }, {});
    expect([anonymous.status, anonymous.json?.errorCode]).toEqual([401, 'InvalidAPIKey']);
    expect((await me(bearer(t.token))).status).toBe(200);
    const noToken = await refresh({ refreshToken: 'whatever-refresh-token' }, bearer(t.token));
    expect([noToken.status, noToken.json?.errorCode]).toEqual([400, 'InvalidParameter']);
    const clerkKey = { 'x-api-key': '6f7a8b9c-0d1e-4f2a-9b3c-5d6e7f8a9b07' };
    const foreign = await refresh({ token: t.token }, clerkKey);
    expect([foreign.status, foreign.json?.errorCode]).toEqual([403, 'AccessDenied']);
    clock.advance(5 * MINUTE + 1);
    const expired = await refresh({ token: t.token }, { 'x-api-key': sb.credentials.apiKey });
    expect([expired.status, expired.json?.errorCode]).toEqual([401, 'InvalidSession']);
  });

  it('logout ends the token; a forged token is refused', async () => {
    const t = await tokens();
    expect((await restCall(sb.restUrl, 'POST', '/v2/auth/logout', { headers: bearer(t.token) })).json).toMatchObject({ success: true, data: null });
    expect((await me(bearer(t.token))).status).toBe(401);
    const [h, p] = t.token.split('.');
    expect((await me(bearer(`${h}.${p}.forgedsignature`))).status).toBe(401);
    expect((await me({ authorization: 'Basic abc' })).status).toBe(401);
  });

  it('expireTokens (admin) ends every token and refresh token now', async () => {
    const t = await tokens();
    expect(sb.admin.expireTokens()).toBeGreaterThanOrEqual(1);
    expect((await me(bearer(t.token))).json?.message).toMatch(/expired/);
    expect((await refresh({ token: t.token }, { 'x-api-key': sb.credentials.apiKey })).status).toBe(401);
  });
});

describe('SOAP sessions', () => {
  const soapLogin = async () =>
    String((await soapCall(sb.soapUrl, 'Login', { LoginName: sb.credentials.loginName, Password: sb.credentials.password })).result);

  it('expire after inactivity; every call moves the expiry', async () => {
    const sid = await soapLogin();
    clock.advance(8 * MINUTE);
    expect((await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: sid })).fault).toBeUndefined();
    clock.advance(8 * MINUTE);
    expect((await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: sid })).fault).toBeUndefined();
    clock.advance(10 * MINUTE + 1);
    const r = await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: sid });
    expect(r.fault).toMatchObject({ detail: 'Authentication' });
    expect(r.fault?.string).toMatch(/expired/);
    const log = await soapCall(sb.soapUrl, 'SessionLog', { SessionID: sb.credentials.apiKey, MaxRecords: 0 });
    expect(r.text).not.toContain(sid);
    expect(log.text).toContain(`${sid.slice(0, 8)}…`);
    expect(log.text).toContain('<Status>Expired</Status>');
  });

  it('expireSessions (admin) ends open sessions; the API key keeps working', async () => {
    const sid = await soapLogin();
    expect(sb.admin.expireSessions()).toBeGreaterThanOrEqual(1);
    expect((await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: sid })).fault?.detail).toBe('Authentication');
    expect((await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: sb.credentials.apiKey })).fault).toBeUndefined();
  });

  it('a suspended user cannot log in on either protocol', async () => {
    expect((await soapCall(sb.soapUrl, 'Login', { LoginName: 'acme.former', Password: 'Former#Sandbox25' })).fault?.detail).toBe('Authentication');
    expect((await login({ login: 'acme.former', password: 'Former#Sandbox25' })).status).toBe(401);
  });
});

describe('auth levels', () => {
  const viewer = { 'x-api-key': '8b9c0d1e-2f3a-4b4c-9d5e-7f8a9b0c1d09' };
  const clerk = { 'x-api-key': '6f7a8b9c-0d1e-4f2a-9b3c-5d6e7f8a9b07' };

  it('General users may read but not upload or download', async () => {
    expect((await restCall(sb.restUrl, 'POST', '/v2/parcels/inbox-list', { headers: viewer, body: {} })).status).toBe(200);
    const content = Buffer.from(x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL'])).toString('base64');
    const up = await restCall(sb.restUrl, 'POST', '/v2/parcels/upload', { headers: viewer, body: { fileName: 'x.x12', content } });
    expect([up.status, up.json?.errorCode]).toEqual([403, 'AccessDenied']);
    const dl = await soapCall(sb.soapUrl, 'ParcelDownload', { SessionID: viewer['x-api-key'], ParcelID: 987650002 });
    expect(dl.fault).toMatchObject({ code: 'soap:Client', detail: 'Authorization' });
  });

  it('MailboxUsers cannot list users or read other users\' keys; admins cannot read a higher level\'s key', async () => {
    const list = await restCall(sb.restUrl, 'POST', '/v2/users/list', { headers: clerk, body: {} });
    expect([list.status, list.json?.errorCode]).toEqual([403, 'AccessDenied']);
    expect((await soapCall(sb.soapUrl, 'UserList', { SessionID: clerk['x-api-key'], Name: '' })).fault?.detail).toBe('Authorization');
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/key/2006', { headers: clerk })).status).toBe(403);
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/key/2007', { headers: clerk })).status).toBe(200);
    const netUser = { 'x-api-key': '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f05' };
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/key/2007', { headers: netUser })).status).toBe(403);
    const netAdmin = { 'x-api-key': '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e04' };
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/key/2007', { headers: netAdmin })).status).toBe(200);
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/key/2001', { headers: netAdmin })).status).toBe(403);
  });
});

describe('client key and secret (seed 003): plain JSON and plain text, never the envelope', () => {
  const eagle = (secret = String(sb.credentials.clientSecret), key = String(sb.credentials.clientKey)) =>
    JSON.stringify({ ClientKey: key, ClientSecret: secret });
  const info = (headers: Record<string, string>) => restCall(sb.restUrl, 'GET', '/api/api-info', { headers });
  const requestToken = (headers: Record<string, string>) => fetch(`${sb.restUrl}/api/request-token`, { method: 'POST', headers });
  const plainError = (r: { text: string }) => JSON.parse(r.text) as { error: string; message: string };

  it('GET /api/api-info answers plain JSON with the header and api-version 1.0', async () => {
    const r = await info({ 'eagle-api-key': eagle(), 'api-version': '1.0' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(r.text)).toEqual({ name: 'ECGrid sandbox', apiVersion: '1.0', restVersion: '2.6' });
  });

  it('POST /api/request-token returns the raw JWT as the whole text/plain body; the token opens /api', async () => {
    const r = await requestToken({ 'eagle-api-key': eagle(), 'api-version': '1.0' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const token = await r.text();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await info(bearer(token))).status).toBe(200);
  });

  it.each([
    ['a wrong key', () => ({ 'eagle-api-key': eagle(undefined, 'no-such-client-key'), 'api-version': '1.0' })],
    ['a wrong secret', () => ({ 'eagle-api-key': eagle('guess-secret-000'), 'api-version': '1.0' })],
    ['a header that is not JSON', () => ({ 'eagle-api-key': 'not json', 'api-version': '1.0' })],
    ['no credential', () => ({})],
    ['an X-API-Key, which this API does not take', () => ({ 'x-api-key': sb.credentials.apiKey })],
  ])('refuses %s with 401 {"error":"invalid_client"} on both endpoints, echoing nothing', async (_what, headers) => {
    for (const r of [await info(headers()), await (async () => {
      const res = await requestToken(headers());
      return { status: res.status, text: await res.text() };
    })()]) {
      expect(r.status).toBe(401);
      expect(plainError(r)).toEqual({ error: 'invalid_client', message: expect.any(String) });
      expect(r.text).not.toContain('guess-secret-000');
      expect(r.text).not.toContain('success');
    }
  });

  it('refuses a missing or unknown api-version with 400 {"error":"invalid_request"}', async () => {
    const variants: Array<Record<string, string>> = [{ 'eagle-api-key': eagle() }, { 'eagle-api-key': eagle(), 'api-version': '2.0' }];
    for (const headers of variants) {
      const r = await info(headers);
      expect([r.status, plainError(r).error]).toEqual([400, 'invalid_request']);
    }
  });

  it('refuses an expired or forged token with 401 {"error":"invalid_token"} and a Bearer challenge', async () => {
    const token = await (await requestToken({ 'eagle-api-key': eagle(), 'api-version': '1.0' })).text();
    clock.advance(5 * MINUTE + 1);
    const expired = await info(bearer(token));
    expect([expired.status, plainError(expired).error]).toEqual([401, 'invalid_token']);
    expect(plainError(expired).message).toMatch(/expired/);
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    const [h, p] = token.split('.');
    expect(plainError(await info(bearer(`${h}.${p}.forged`))).error).toBe('invalid_token');
  });

  it('issues a token only for the key/secret header, not for a token', async () => {
    const token = await (await requestToken({ 'eagle-api-key': eagle(), 'api-version': '1.0' })).text();
    const r = await requestToken(bearer(token));
    expect([r.status, (JSON.parse(await r.text()) as { error: string }).error]).toEqual([401, 'invalid_client']);
  });

  it('answers an unknown /api path in the same plain form', async () => {
    const r = await restCall(sb.restUrl, 'GET', '/api/nothing-here', { headers: { 'eagle-api-key': eagle(), 'api-version': '1.0' } });
    expect([r.status, plainError(r).error]).toEqual([404, 'not_found']);
  });
});

describe('admin controls', () => {
  it('lifetimes change through the admin endpoint', async () => {
    const r = await restCall(sb.adminUrl, 'POST', '/settings', { body: { tokenTtlMs: 2 * MINUTE } });
    expect(r.status).toBe(200);
    expect((await tokens()).expiresAt).toBe(new Date(clock.now() + 2 * MINUTE).toISOString());
    expect((await restCall(sb.adminUrl, 'POST', '/settings', { body: { sessionTtlMs: -5 } })).status).toBe(400);
    const expire = await restCall(sb.adminUrl, 'POST', '/expire', { body: { tokens: true } });
    expect(expire.json).toMatchObject({ sessions: 0 });
    sb.admin.setTokenTtl(5 * MINUTE);
  });

  it('setPassword enforces the password rule and replaces the password', async () => {
    expect(() => sb.admin.setPassword('acme.tpuser', 'weakpassword')).toThrow(PasswordRuleError);
    sb.admin.setPassword('tpuser@acme-supply.example', 'Changed#Pass99');
    expect((await login({ login: 'acme.tpuser', password: 'TpUser#Sandbox25' })).status).toBe(401);
    expect((await login({ login: 'acme.tpuser', password: 'Changed#Pass99' })).status).toBe(200);
  });
});
