import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH, type RunningSandbox, type SandboxSeed, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo, restCall, soapCall } from './support/clients.js';

/** User writes (rest-api/users/update-user.md, set-role.md, terminate-user.md) on both protocols over one store. */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);
const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SandboxSeed;
const keyOf = (userId: number) => seed.users.find((u) => u.userId === userId)?.apiKey ?? '';
const restUser = async (id: number) => (await rest('GET', `/v2/users/${id}`)).json?.data as Record<string, unknown>;
const soapUser = async (id: number) => (await soap('UserInfo', { UserID: id })).result as XmlNode;
const UPDATE = { CellCarrier: 'NoChange', AuthLevel: 'NoChange' };

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('user writes', () => {
  it('UserUpdate on SOAP is read on REST; PUT /v2/users answers the updated user and SOAP reads it; empty values change nothing', async () => {
    expect((await soap('UserUpdate', { UserID: 2007, FirstName: 'Jó', LastName: 'Müller', EMail: '', ...UPDATE })).result).toBe('true');
    expect(await restUser(2007)).toMatchObject({ firstName: 'Jó', lastName: 'Müller', email: seed.users.find((u) => u.userId === 2007)?.email });
    const answer = await rest('PUT', '/v2/users', { userId: 2007, email: 'jo@acme.example' });
    expect(answer.json?.data).toMatchObject({ userId: 2007, email: 'jo@acme.example', firstName: 'Jó' });
    expect(await soapUser(2007)).toMatchObject({ EMail: 'jo@acme.example', LastName: 'Müller' });
  });

  it('refuses a malformed email, and another mailbox’s user, with the documented error codes', async () => {
    expect((await rest('PUT', '/v2/users', { userId: 2007, email: 'not-an-address' })).json?.errorCode).toBe('InvalidParameter');
    expect((await soap('UserUpdate', { UserID: 2007, EMail: 'not-an-address', ...UPDATE })).fault).toBeDefined();
    const foreign = await rest('PUT', '/v2/users', { userId: 2011, firstName: 'X' });
    expect(foreign.json?.success).toBe(false);
    const asRoot = await soapCall(sb.soapUrl, 'UserInfo', { SessionID: keyOf(2001), UserID: 2011 });
    expect((asRoot.result as XmlNode)['FirstName']).toBe('Sam');
  });

  it('a user updates its own profile without being an administrator', async () => {
    const own = await rest('PUT', '/v2/users', { userId: 2009, lastName: 'Ödegaard' }, keyOf(2009));
    expect(own.json?.data).toMatchObject({ userId: 2009, lastName: 'Ödegaard' });
    expect((await rest('PUT', '/v2/users', { userId: 2007, lastName: 'X' }, keyOf(2009))).json?.errorCode).toBe('AccessDenied');
  });

  it('UserSetAuthLevel and POST /v2/users/role set a level up to the caller’s own, never above it, never its own', async () => {
    expect((await soap('UserSetAuthLevel', { UserID: 2009, AuthLevel: 'MailboxUser' })).result).toBe('true');
    expect((await restUser(2009))['authLevel']).toBe('MailboxUser');
    expect((await rest('POST', '/v2/users/role', { userId: 2009, authLevel: 'MailboxAdmin' })).json?.data).toMatchObject({ authLevel: 'MailboxAdmin' });
    expect((await rest('POST', '/v2/users/role', { userId: 2007, authLevel: 'NetworkAdmin' })).json?.errorCode).toBe('AccessDenied');
    expect((await rest('POST', '/v2/users/role', { userId: 2007, authLevel: 'Wizard' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/users/role', { userId: 2006, authLevel: 'MailboxUser' })).json?.success).toBe(false);
    expect((await soapUser(2007))['AuthLevel']).toBe('MailboxUser');
  });

  it('UserTerminate ends the user for good: its key stops working on both protocols, and a second terminate is refused', async () => {
    expect((await rest('GET', '/v2/users/me', undefined, keyOf(2008))).json?.success).toBe(true);
    expect((await soap('UserTerminate', { UserID: 2008 })).result).toBe('true');
    expect((await restUser(2008))['status']).toBe('Terminated');
    expect((await rest('GET', '/v2/users/me', undefined, keyOf(2008))).json?.success).toBe(false);
    expect((await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: keyOf(2008) })).fault).toBeDefined();
    expect((await rest('DELETE', '/v2/users/2008')).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('DELETE', '/v2/users/2007')).json?.data).toBe(true);
    expect((await soapUser(2007))['Status']).toBe('Terminated');
  });

  it('UserAdd on SOAP and POST /v2/users add a user the other protocol reads, in the caller’s mailbox by default', async () => {
    const added = await soap('UserAdd', { MailboxID: 5001, LoginName: 'acme.neu', Password: 'Grüße-2026!', FirstName: 'Zoë', EMail: 'zoe@acme.example', CellCarrier: 'NoChange', AuthLevel: 'MailboxUser' });
    const userId = Number(added.result);
    expect(userId).toBeGreaterThan(2013);
    expect(await restUser(userId)).toMatchObject({ login: 'acme.neu', firstName: 'Zoë', mailboxId: 5001, networkId: 1001, authLevel: 'MailboxUser', status: 'Active' });
    const created = await rest('POST', '/v2/users', { login: 'acme.rest', password: 'Passw0rd!', email: 'rest@acme.example' });
    expect(created.json?.data).toMatchObject({ login: 'acme.rest', mailboxId: 5001, authLevel: 'MailboxUser' });
    const id = (created.json?.data as { userId: number }).userId;
    expect(await soapUser(id)).toMatchObject({ LoginName: 'acme.rest', MailboxID: String(5001) });
  });

  it('refuses a weak password without repeating it, a login already in use, a level above the caller’s and a user outside its mailbox', async () => {
    const weak = await rest('POST', '/v2/users', { login: 'acme.weak', password: 'weakpassword', email: 'w@acme.example' });
    expect(weak.json?.errorCode).toBe('InvalidParameter');
    expect(weak.text).not.toContain('weakpassword');
    const soapWeak = await soap('UserAdd', { MailboxID: 5001, LoginName: 'acme.weak', Password: 'weakpassword', EMail: 'w@acme.example', CellCarrier: 'NoChange', AuthLevel: 'MailboxUser' });
    expect(soapWeak.fault).toBeDefined();
    expect(soapWeak.text).not.toContain('weakpassword');
    expect((await rest('POST', '/v2/users', { login: 'ACME.CLERK', password: 'Passw0rd!', email: 'c@acme.example' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/users', { login: 'acme.boss', password: 'Passw0rd!', email: 'b@acme.example', authLevel: 'NetworkAdmin' })).json?.errorCode).toBe('AccessDenied');
    expect((await rest('POST', '/v2/users', { login: 'acme.net', password: 'Passw0rd!', email: 'n@acme.example', mailboxId: 0 })).json?.errorCode).toBe('AccessDenied');
    expect((await rest('POST', '/v2/users', { login: 'acme.other', password: 'Passw0rd!', email: 'o@acme.example', mailboxId: 5003 })).json?.success).toBe(false);
  });

  it('UserPassword needs NetworkAdmin or higher (update-password.md) and the documented pattern', async () => {
    const netAdmin = keyOf(2004);
    expect((await rest('POST', '/v2/users/password', { userId: 2007, newPassword: 'Neu-Passwort-1' })).json?.errorCode).toBe('AccessDenied');
    const weak = await rest('POST', '/v2/users/password', { userId: 2007, newPassword: 'alllowercase' }, netAdmin);
    expect(weak.json?.errorCode).toBe('InvalidParameter');
    expect(weak.text).not.toContain('alllowercase');
    expect((await rest('POST', '/v2/users/password', { userId: 2007, newPassword: 'Neu-Passwort-1' }, netAdmin)).json?.data).toBe(true);
    const login = await rest('POST', '/v2/auth/login', { login: 'acme.clerk', password: 'Neu-Passwort-1' }, '');
    expect(login.json?.success).toBe(true);
  });

  it('GenerateAPIKey answers a new key and the old one stops working at once', async () => {
    const old = keyOf(2007);
    const renewed = (await soap('GenerateAPIKey', { UserID: 2007 })).result;
    expect(renewed).toMatch(/^[0-9a-f-]{36}$/);
    expect((await rest('GET', '/v2/users/me', undefined, old)).json?.success).toBe(false);
    expect((await rest('GET', '/v2/users/me', undefined, String(renewed))).json?.data).toMatchObject({ userId: 2007 });
    const again = (await rest('POST', '/v2/users/key-generate/2007')).json?.data;
    expect(again).not.toBe(renewed);
  });

  it('UserSetNetworkMailbox moves a user only within what the caller administers', async () => {
    expect((await rest('POST', '/v2/users/set-network-mailbox', { userId: 2007, mailboxId: 5002 })).json?.errorCode).toBe('AccessDenied');
    const moved = await rest('POST', '/v2/users/set-network-mailbox', { userId: 2007, networkId: 1001, mailboxId: 5002 }, keyOf(2004));
    expect(moved.json?.data).toMatchObject({ userId: 2007, networkId: 1001, mailboxId: 5002 });
    expect((await rest('POST', '/v2/users/set-network-mailbox', { userId: 2007, networkId: 1002, mailboxId: 5002 }, keyOf(2004))).json?.success).toBe(false);
  });

  it('ChangePassword and PUT /v2/auth/password need the current password and never repeat either one', async () => {
    const current = sb.credentials.password;
    const wrong = await restCall(sb.restUrl, 'PUT', '/v2/auth/password', { headers: { 'x-api-key': sb.credentials.apiKey }, body: { currentPassword: 'Falsch-123!', newPassword: 'Neu-Passwort-9' } });
    expect(wrong.json?.errorCode).toBe('InvalidParameter');
    expect(wrong.text).not.toContain('Falsch-123!');
    expect(wrong.text).not.toContain('Neu-Passwort-9');
    const weak = await soap('ChangePassword', { OldPassword: current, NewPassword: 'weak' });
    expect(weak.fault).toBeDefined();
    expect(weak.text).not.toContain(current);
    const changed = await restCall(sb.restUrl, 'PUT', '/v2/auth/password', { headers: { 'x-api-key': sb.credentials.apiKey }, body: { currentPassword: current, newPassword: 'Neu-Passwort-9' } });
    expect(changed.json).toMatchObject({ success: true, data: null });
    expect((await rest('POST', '/v2/auth/login', { login: sb.credentials.loginName, password: 'Neu-Passwort-9' }, '')).json?.success).toBe(true);
    expect((await rest('POST', '/v2/auth/login', { login: sb.credentials.loginName, password: current }, '')).json?.success).toBe(false);
  });
});
