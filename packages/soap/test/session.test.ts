import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, PASSWORD_PATTERN, PasswordRuleError } from '@ecgrid-bridge/core';
import {
  OPERATIONS,
  SoapFaultError,
  SoapProtocolError,
  createSoapSession,
  type SoapEvent,
  type SoapSession,
  type SoapSessionOptions,
} from '../src/index.js';
import { ENDPOINT, type FakeService, type Handler, fakeService, fault11, isolateNetwork, okEnvelope, rejectionOf, resetNetwork } from './support/wire.js';
import { sampleResultXml } from './support/sample-xml.js';

const LOGIN = { loginName: 'ops@example.com', password: 'Str0ng-Passw0rd!' };
const expired = () => ({ status: 500, body: fault11('soap:Client', 'Session expired', 'Authentication') });

/** Login hands out session-1, session-2, …; `valid` decides which SessionIDs the other operations accept. */
function sessionService(valid: (sessionId: string) => boolean, extra: Partial<Record<string, Handler>> = {}): FakeService {
  let issued = 0;
  const guarded = (handler: Handler): Handler => (req) => (valid(req.params['SessionID'] ?? '') ? handler(req) : expired());
  return fakeService({
    Login: () => okEnvelope('Login', `session-${++issued}`),
    Logout: () => okEnvelope('Logout', '0'),
    WhoAmI: guarded(() => okEnvelope('WhoAmI', sampleResultXml('WhoAmI'))),
    SessionLog: guarded(() => okEnvelope('SessionLog', '')),
    ParcelDownloadConfirm: guarded(() => okEnvelope('ParcelDownloadConfirm', 'true')),
    ParcelInBoxArchiveEx: guarded(() => okEnvelope('ParcelInBoxArchiveEx')),
    Version: () => okEnvelope('Version', 'v4.1'),
    ...extra,
  });
}

describe('the session manager', () => {
  let session: SoapSession | undefined;
  const open = (options: Partial<SoapSessionOptions> = {}): SoapSession =>
    (session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN, ...options }));
  beforeEach(() => isolateNetwork());
  afterEach(() => {
    session?.client.close();
    session = undefined;
    resetNetwork();
  });

  it('login() sends the wire parameters LoginName and Password, in that order', async () => {
    const service = sessionService(() => true);
    await open().login();
    expect(service.requests).toHaveLength(1);
    expect(service.requests[0]).toMatchObject({ operation: 'Login', order: ['LoginName', 'Password'], params: { LoginName: LOGIN.loginName, Password: LOGIN.password } });
    expect(session!.sessionId()).toBe('session-1');
  });

  it('checks the password rule before sending anything', async () => {
    const service = sessionService(() => true);
    for (const password of ['alllowercase1!', 'NoDigits!!', 'NoSymbol123', 'SHOUT123!']) {
      expect(PASSWORD_PATTERN.test(password)).toBe(false);
      const s = createSoapSession({ endpoint: ENDPOINT, credentials: { loginName: 'ops@example.com', password } });
      expect(await rejectionOf(s.login())).toBeInstanceOf(PasswordRuleError);
      expect(await rejectionOf(s.sessionInfo())).toBeInstanceOf(PasswordRuleError);
      s.client.close();
    }
    expect(service.requests).toEqual([]);
  });

  it('logs in lazily on the first call and injects the SessionID as the first parameter, in WSDL order', async () => {
    const service = sessionService(() => true);
    open();
    await session!.call('ParcelInBoxArchiveEx', {
      RecordsPerPage: 10,
      PageNo: 2,
      NetworkID: 1,
      MailboxID: 2,
      BeginDate: new Date('2026-01-01T00:00:00Z'),
      EndDate: new Date('2026-02-01T00:00:00Z'),
      ECGridIDFrom: 3,
      ECGridIDTo: 4,
    });
    await session!.call('ParcelDownloadConfirm', { ParcelID: 77 });
    expect(service.requests.map((r) => r.operation)).toEqual(['Login', 'ParcelInBoxArchiveEx', 'ParcelDownloadConfirm']);
    const archive = service.requests[1]!;
    expect(archive.order).toEqual(OPERATIONS.ParcelInBoxArchiveEx.params.map((p) => p.name).filter((n) => n !== 'MailbagControlID'));
    expect(archive.order[0]).toBe('SessionID');
    expect(archive.params['SessionID']).toBe('session-1');
    expect(service.requests[2]).toMatchObject({ order: ['SessionID', 'ParcelID'], params: { SessionID: 'session-1', ParcelID: '77' } });
  });

  it('sessionInfo() sends WhoAmI and sessionLog(n) sends SessionLog with MaxRecords', async () => {
    const service = sessionService(() => true);
    open();
    const info = await session!.sessionInfo();
    expect(info?.LastLogin).toEqual(new Date('2026-03-04T05:06:07.000Z'));
    expect(await session!.sessionLog(25)).toEqual([]);
    expect(service.requests.map((r) => r.operation)).toEqual(['Login', 'WhoAmI', 'SessionLog']);
    expect(service.requests[1]).toMatchObject({ order: ['SessionID'], params: { SessionID: 'session-1' } });
    expect(service.requests[2]).toMatchObject({ order: ['SessionID', 'MaxRecords'], params: { SessionID: 'session-1', MaxRecords: '25' } });
  });

  it('passes operations without a SessionID straight through, without logging in', async () => {
    const service = sessionService(() => true);
    expect(await open().callUnauthenticated('Version', {})).toBe('v4.1');
    expect(service.requests.map((r) => r.operation)).toEqual(['Version']);
  });

  it('logout() sends Logout with the SessionID, once; a second logout and a logout before login send nothing', async () => {
    const service = sessionService(() => true);
    const events: SoapEvent[] = [];
    open({ onEvent: (e) => events.push(e) });
    await session!.logout();
    expect(service.requests).toEqual([]);
    await session!.login();
    await session!.logout();
    await session!.logout();
    expect(service.requests.map((r) => r.operation)).toEqual(['Login', 'Logout']);
    expect(service.requests[1]).toMatchObject({ order: ['SessionID'], params: { SessionID: 'session-1' } });
    expect(session!.sessionId()).toBeUndefined();
    expect(events.filter((e) => e.type === 'logout')).toEqual([{ type: 'logout', serverConfirmed: true }]);
  });

  it.each([
    ['a fault', () => ({ status: 500, body: fault11('soap:Server', 'Logout failed', 'SystemError') })],
    ['an HTML error page', () => ({ status: 502, body: '<html><body>Bad Gateway</body></html>', headers: { 'Content-Type': 'text/html' } })],
    ['an empty body', () => ({ status: 200, body: '' })],
  ])('logout() never throws, even when the server answers with %s, so it is safe in finally', async (_name, reply) => {
    sessionService(() => true, { Logout: reply as Handler });
    const events: SoapEvent[] = [];
    open({ onEvent: (e) => events.push(e) });
    let reached = false;
    try {
      await session!.sessionInfo();
    } finally {
      await session!.logout();
      reached = true;
    }
    expect(reached).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'logout', serverConfirmed: false });
    await expect(session!.logout()).resolves.toBeUndefined();
  });

  it('logout() also survives a network failure and a timeout', async () => {
    sessionService(() => true, { Logout: () => ({ status: 200, body: okEnvelope('Logout', '0') }) });
    open({ timeoutMs: 100 });
    await session!.login();
    resetNetwork();
    isolateNetwork(); // now nothing answers: nock refuses the connection
    await expect(session!.logout()).resolves.toBeUndefined();
  });

  it('logout() waits for a login in flight and ends the session it opens', async () => {
    const service = sessionService(() => true);
    open();
    const pending = session!.sessionInfo();
    await session!.logout();
    await pending;
    expect(service.requests.filter((r) => r.operation === 'Logout').map((r) => r.params)).toEqual([{ SessionID: 'session-1' }]);
    expect(session!.sessionId()).toBeUndefined();
  });

  it('uses an API key in place of a SessionID: no Login, no Logout, and a session fault surfaces without a re-login', async () => {
    const service = sessionService((id) => id === 'api-key-1234567890');
    open({ credentials: { apiKey: 'api-key-1234567890' } });
    expect(session!.usesApiKey).toBe(true);
    await session!.login();
    await session!.sessionInfo();
    await session!.logout();
    expect(service.requests.map((r) => r.operation)).toEqual(['WhoAmI']);
    expect(service.requests[0]!.params['SessionID']).toBe('api-key-1234567890');

    resetNetwork();
    isolateNetwork();
    const revoked = sessionService(() => false);
    const err = await rejectionOf(session!.call('ParcelDownloadConfirm', { ParcelID: 1 }));
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toMatchObject({ errorCode: 'Authentication' });
    expect(revoked.count('Login')).toBe(0);
    expect(revoked.requests.map((r) => r.operation)).toEqual(['ParcelDownloadConfirm']);
  });

  it('reads credentials and the endpoint from the env option', async () => {
    const service = sessionService(() => true);
    open({ endpoint: undefined, credentials: undefined, env: { ECGrid__Email: 'env@example.com', ECGrid__Password: 'Env-Passw0rd!', ECGrid__SoapUrl: ENDPOINT } });
    await session!.login();
    expect(service.requests[0]!.params).toEqual({ LoginName: 'env@example.com', Password: 'Env-Passw0rd!' });
    session!.client.close();

    open({ credentials: undefined, env: { ECGrid__ApiKey: 'env-api-key-123456', ECGrid__Email: 'ignored@example.com', ECGrid__Password: 'Ignored-Pa55!' } });
    expect(session!.usesApiKey).toBe(true);
    await session!.sessionInfo();
    expect(service.requests.at(-1)!.params['SessionID']).toBe('env-api-key-123456');

    expect(() => createSoapSession({ endpoint: ENDPOINT, env: {} })).toThrow(ConfigurationError);
    expect(() => createSoapSession({ endpoint: ENDPOINT, env: { ECGrid__Email: 'only@example.com' } })).toThrow(ConfigurationError);
    expect(() => createSoapSession({ credentials: LOGIN, env: {} })).toThrow(/ECGrid__SoapUrl/);
  });

  it('refuses plain http to a non-loopback host', () => {
    expect(() => createSoapSession({ endpoint: 'http://soap.ecgrid.example/x.asmx', credentials: LOGIN })).toThrow(/plain http/);
  });
});

describe('fault-driven re-login', () => {
  let session: SoapSession | undefined;
  beforeEach(() => isolateNetwork());
  afterEach(() => {
    session?.client.close();
    session = undefined;
    resetNetwork();
  });

  it('logs in again once on an Authentication fault and retries the call with the new SessionID', async () => {
    const service = sessionService((id) => id !== 'session-1');
    const events: SoapEvent[] = [];
    session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN, onEvent: (e) => events.push(e) });
    await expect(session.call('ParcelDownloadConfirm', { ParcelID: 5 })).resolves.toBe(true);
    expect(service.requests.map((r) => `${r.operation}:${r.params['SessionID'] ?? ''}`)).toEqual([
      'Login:',
      'ParcelDownloadConfirm:session-1',
      'Login:',
      'ParcelDownloadConfirm:session-2',
    ]);
    expect(events.filter((e) => e.type === 'login')).toEqual([
      { type: 'login', reason: 'initial' },
      { type: 'login', reason: 'session-expired' },
    ]);
    expect(events).toContainEqual({ type: 'relogin', operation: 'ParcelDownloadConfirm', sharedBy: 1 });
  });

  it('20 concurrent calls on an expired session share one re-login: exactly one Login is sent', async () => {
    const CALLS = 20;
    const service = sessionService((id) => id !== 'session-1');
    const events: SoapEvent[] = [];
    session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN, onEvent: (e) => events.push(e) });
    await session.login();
    expect(service.count('Login')).toBe(1);
    const open = session;

    const results = await Promise.all(Array.from({ length: CALLS }, (_, i) => open.call('ParcelDownloadConfirm', { ParcelID: i + 1 })));

    expect(results).toEqual(Array.from({ length: CALLS }, () => true));
    expect(service.count('Login') - 1).toBe(1);
    const confirms = service.requests.filter((r) => r.operation === 'ParcelDownloadConfirm');
    const parcelsOn = (sessionId: string) =>
      confirms
        .filter((r) => r.params['SessionID'] === sessionId)
        .map((r) => Number(r.params['ParcelID']))
        .sort((a, b) => a - b);
    const all = Array.from({ length: CALLS }, (_, i) => i + 1);
    expect(parcelsOn('session-1')).toEqual(all);
    expect(parcelsOn('session-2')).toEqual(all);
    expect(confirms).toHaveLength(2 * CALLS);
    expect(events.filter((e) => e.type === 'relogin')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'login').map((e) => e.type === 'login' && e.reason)).toEqual(['initial', 'session-expired']);
  });

  it('20 concurrent first calls share one lazy login', async () => {
    const CALLS = 20;
    const service = sessionService(() => true);
    const open = (session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN }));

    const results = await Promise.all(Array.from({ length: CALLS }, (_, i) => open.call('ParcelDownloadConfirm', { ParcelID: i + 1 })));

    expect(results).toEqual(Array.from({ length: CALLS }, () => true));
    expect(service.count('Login')).toBe(1);
    expect(service.requests.filter((r) => r.operation === 'ParcelDownloadConfirm').map((r) => r.params['SessionID'])).toEqual(
      Array.from({ length: CALLS }, () => 'session-1'),
    );
  });

  it('surfaces a second session fault after the re-login as an error (no loop)', async () => {
    const service = sessionService(() => false);
    session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN });
    const err = await rejectionOf(session.sessionInfo());
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toMatchObject({ operation: 'WhoAmI', errorCode: 'Authentication' });
    expect(service.count('Login')).toBe(2);
    expect(service.count('WhoAmI')).toBe(2);
  });

  it('never re-logs in because Login itself failed', async () => {
    const service = sessionService(() => true, { Login: () => ({ status: 500, body: fault11('soap:Client', 'Bad credentials', 'Authentication') }) });
    session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN });
    expect(await rejectionOf(session.sessionInfo())).toMatchObject({ name: 'SoapFaultError', operation: 'Login', errorCode: 'Authentication' });
    expect(await rejectionOf(session.login())).toMatchObject({ operation: 'Login' });
    expect(service.requests.map((r) => r.operation)).toEqual(['Login', 'Login']);
  });

  it('does not re-login on other faults, other errors, or numeric codes by default', async () => {
    const service = sessionService(() => true, {
      ParcelDownloadConfirm: () => ({ status: 500, body: fault11('soap:Client', 'Not yours', 'Authorization') }),
      WhoAmI: () => ({ status: 500, body: fault11('soap:Client', 'Session expired', '5') }),
      SessionLog: () => ({ status: 200, body: 'garbage' }),
    });
    session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN });
    expect(await rejectionOf(session.call('ParcelDownloadConfirm', { ParcelID: 1 }))).toMatchObject({ errorCode: 'Authorization' });
    expect(await rejectionOf(session.sessionInfo())).toMatchObject({ errorCode: '5' });
    expect(await rejectionOf(session.sessionLog(1))).toBeInstanceOf(SoapProtocolError);
    expect(service.count('Login')).toBe(1);
  });

  it('uses a custom isSessionExpired predicate (here: numeric code 5 means the session expired)', async () => {
    let issued = 0;
    const service = fakeService({
      Login: () => okEnvelope('Login', `session-${++issued}`),
      WhoAmI: (req) =>
        req.params['SessionID'] === 'session-1'
          ? { status: 500, body: fault11('soap:Client', 'Session expired', '5') }
          : okEnvelope('WhoAmI', sampleResultXml('WhoAmI')),
    });
    session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN, isSessionExpired: (f) => f.errorCode === '5' });
    expect(await session.sessionInfo()).toMatchObject({ UserID: expect.any(Number) });
    expect(service.count('Login')).toBe(2);

    // …and with that predicate, Authentication no longer triggers a re-login.
    resetNetwork();
    isolateNetwork();
    const strict = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN, isSessionExpired: () => false });
    const auth = sessionService(() => false);
    expect(await rejectionOf(strict.sessionInfo())).toMatchObject({ errorCode: 'Authentication' });
    expect(auth.count('Login')).toBe(1);
    strict.client.close();
  });

  it('a protocol error during the call is not a session fault', async () => {
    const service = sessionService(() => true, { WhoAmI: () => ({ status: 503, body: 'Service Unavailable' }) });
    session = createSoapSession({ endpoint: ENDPOINT, credentials: LOGIN });
    expect(await rejectionOf(session.sessionInfo())).toBeInstanceOf(SoapProtocolError);
    expect(service.count('Login')).toBe(1);
  });
});
