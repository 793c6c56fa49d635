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
  return r.json!.data as { token: string; refreshToken: string; expiresAt: string; userId: number };
};

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

  it('no credential at all is 401 InvalidSession with a challenge', async () => {
    const r = await me({});
    expect([r.status, r.json?.errorCode]).toEqual([401, 'InvalidSession']);
    expect(r.headers.get('www-authenticate')).toMatch(/Bearer/);
  });

  it('a bad SOAP SessionID is an Authentication fault', async () => {
    const r = await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: 'made-up-session' });
    expect(r.fault).toMatchObject({ code: 'soap:Client', detail: 'Authentication' });
    expect(r.text).not.toContain('made-up-session');
  });
});

describe('JWT login, refresh, session and logout', () => {
  it('accepts {email, password} and {login, password}', async () => {
    const a = await tokens();
    expect(a).toMatchObject({ userId: 2006, expiresAt: new Date(clock.now() + 5 * MINUTE).toISOString() });
    expect(a.token.split('.')).toHaveLength(3);
    expect(a.refreshToken.length).toBeGreaterThan(20);
    const b = await login({ login: 'acme.clerk', password: 'Clerk#Sandbox25' });
    expect((b.json!.data as Obj)['userId']).toBe(2007);
    expect((await me(bearer(a.token))).json?.data).toMatchObject({ userId: 2006 });
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

  it('refresh rotates: the new token works, the old token and refresh token do not', async () => {
    const t = await tokens();
    const r = await restCall(sb.restUrl, 'POST', '/v2/auth/refresh', { body: { refreshToken: t.refreshToken } });
    const next = r.json!.data as { token: string; refreshToken: string };
    expect(next.token).not.toBe(t.token);
    expect((await me(bearer(next.token))).status).toBe(200);
    const old = await me(bearer(t.token));
    expect([old.status, old.json?.message]).toEqual([401, expect.stringMatching(/replaced/)]);
    const reuse = await restCall(sb.restUrl, 'POST', '/v2/auth/refresh', { body: { refreshToken: t.refreshToken } });
    expect(reuse.status).toBe(401);
    const byToken = await restCall(sb.restUrl, 'POST', '/v2/auth/refresh', { body: { token: next.token } });
    const third = byToken.json!.data as { token: string };
    expect((await me(bearer(third.token))).status).toBe(200);
    expect((await me(bearer(next.token))).status).toBe(401);
    expect((await restCall(sb.restUrl, 'POST', '/v2/auth/refresh', { body: {} })).status).toBe(400);
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
    expect((await restCall(sb.restUrl, 'POST', '/v2/auth/refresh', { body: { refreshToken: t.refreshToken } })).status).toBe(401);
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

describe('client key and secret (Eagle-Api-Key)', () => {
  const eagle = () => JSON.stringify({ ClientKey: sb.credentials.clientKey, ClientSecret: sb.credentials.clientSecret });

  it('authenticates each request with the JSON header and api-version', async () => {
    expect((await me({ 'eagle-api-key': eagle(), 'api-version': '1.0' })).json?.data).toMatchObject({ userId: 2006 });
    expect((await me({ 'eagle-api-key': eagle() })).status).toBe(400);
    expect((await me({ 'eagle-api-key': eagle(), 'api-version': '2.0' })).status).toBe(400);
    const wrong = await me({ 'eagle-api-key': JSON.stringify({ ClientKey: sb.credentials.clientKey, ClientSecret: 'guess-secret-000' }), 'api-version': '1.0' });
    expect([wrong.status, wrong.json?.errorCode]).toEqual([401, 'InvalidAPIKey']);
    expect(wrong.text).not.toContain('guess-secret-000');
    expect((await me({ 'eagle-api-key': 'not json', 'api-version': '1.0' })).status).toBe(401);
  });

  it('POST /api/request-token returns the raw JWT as the whole body', async () => {
    const r = await fetch(`${sb.restUrl}/api/request-token`, { method: 'POST', headers: { 'eagle-api-key': eagle(), 'api-version': '1.0' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const token = await r.text();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await me(bearer(token))).json?.data).toMatchObject({ userId: 2006 });
    expect((await restCall(sb.restUrl, 'GET', '/api/api-info', { headers: bearer(token) })).status).toBe(200);
    const denied = await fetch(`${sb.restUrl}/api/request-token`, { method: 'POST', headers: { 'x-api-key': sb.credentials.apiKey } });
    expect(denied.status).toBe(401);
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
