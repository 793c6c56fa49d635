import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSoapSession, type SoapEvent, type SoapSession } from '../src/index.js';
import { ENDPOINT, ORIGIN, PATH, fakeService, fault11, fault12, isolateNetwork, okEnvelope, rejectionOf, resetNetwork } from './support/wire.js';
import { sampleResultXml } from './support/sample-xml.js';

const PASSWORD = 'Canary-Passw0rd!';
const API_KEY = 'canary-api-key-7f3a9c';
const SESSION_ID = 'canary-session-5e1d2b';
const CANARIES = [PASSWORD, API_KEY, SESSION_ID];
const encodedForms = (s: string) => [s, Buffer.from(s).toString('base64'), encodeURIComponent(s)];

/** Every way an error (or anything else) can be shown: message, stack, JSON, inspect with causes. */
function exposures(value: unknown): string {
  const parts = [JSON.stringify(value), inspect(value, { depth: 10, showHidden: false })];
  if (value instanceof Error) parts.push(String(value), value.stack ?? '', inspect(value.cause, { depth: 10 }));
  return parts.join('\n');
}

function expectNoCanary(value: unknown): void {
  const text = exposures(value);
  for (const canary of CANARIES) for (const form of encodedForms(canary)) expect(text).not.toContain(form);
}

describe('secrets never leak', () => {
  let session: SoapSession;
  let events: SoapEvent[];
  beforeEach(() => {
    isolateNetwork();
    events = [];
  });
  afterEach(() => {
    session.client.close();
    resetNetwork();
  });
  const open = (credentials: { loginName: string; password: string } | { apiKey: string } = { loginName: 'ops@example.com', password: PASSWORD }) =>
    (session = createSoapSession({ endpoint: ENDPOINT, credentials, onEvent: (e) => events.push(e) }));

  it('not when a fault echoes the SessionID and the password back (SOAP 1.1 and 1.2, with and without re-login)', async () => {
    const echo = `Session ${SESSION_ID} (password ${PASSWORD}, b64 ${Buffer.from(PASSWORD).toString('base64')}) is not allowed`;
    fakeService({
      Login: () => okEnvelope('Login', SESSION_ID),
      WhoAmI: () => ({ status: 500, body: fault11(`soap:${SESSION_ID}`, echo, `Authentication`) }),
      ParcelDownloadConfirm: () => ({ status: 500, body: fault12('soap:Sender', echo, SESSION_ID) }),
    });
    open();
    const relogged = await rejectionOf(session.sessionInfo());
    expect(relogged).toMatchObject({ name: 'SoapFaultError', operation: 'WhoAmI' });
    expect((relogged as Error).message).toContain('[REDACTED]');
    expectNoCanary(relogged);
    const soap12 = await rejectionOf(session.call('ParcelDownloadConfirm', { ParcelID: 1 }));
    expect(soap12).toMatchObject({ name: 'SoapFaultError', soapVersion: '1.2' });
    expectNoCanary(soap12);
    expectNoCanary(events);
  });

  it('not when Login fails with a fault quoting the password', async () => {
    fakeService({ Login: () => ({ status: 500, body: fault11('soap:Client', `Wrong password ${PASSWORD}`, 'Authentication') }) });
    open();
    const err = await rejectionOf(session.login());
    expect(err).toMatchObject({ name: 'SoapFaultError', operation: 'Login' });
    expectNoCanary(err);
    expectNoCanary(events);
  });

  it('not when a response value echoing the SessionID fails to convert', async () => {
    fakeService({
      Login: () => okEnvelope('Login', SESSION_ID),
      WhoAmI: () => okEnvelope('WhoAmI', sampleResultXml('WhoAmI').replace(/<UserID>[^<]*<\/UserID>/, `<UserID>${SESSION_ID}</UserID>`)),
    });
    open();
    const err = await rejectionOf(session.sessionInfo());
    expect(err).toMatchObject({ name: 'SoapProtocolError', kind: 'invalid-value' });
    expectNoCanary(err);
  });

  it('not in a network error whose message quotes the SessionID', async () => {
    fakeService({ Login: () => okEnvelope('Login', SESSION_ID) });
    open();
    await session.login();
    nock.cleanAll();
    nock(ORIGIN)
      .post(PATH)
      .replyWithError(Object.assign(new Error(`connection reset while sending ${SESSION_ID} / ${PASSWORD}`), { code: 'ECONNRESET', config: { headers: { SessionID: SESSION_ID } } }));
    const err = await rejectionOf(session.sessionInfo());
    expect(err).toMatchObject({ name: 'SoapTransportError', kind: 'network' });
    expect((err as Error).message).toContain('connection reset');
    expectNoCanary(err);
    expectNoCanary(events);
  });

  it('not when an API key is used and the server echoes it', async () => {
    fakeService({ WhoAmI: (req) => ({ status: 500, body: fault11('soap:Client', `Unknown key ${req.params['SessionID']}`, 'Authentication') }) });
    open({ apiKey: API_KEY });
    const err = await rejectionOf(session.sessionInfo());
    expect(err).toMatchObject({ name: 'SoapFaultError', faultString: 'Unknown key [REDACTED]' });
    expectNoCanary(err);
    expectNoCanary(events);
  });

  it('not when the session or its client is logged', async () => {
    fakeService({ Login: () => okEnvelope('Login', SESSION_ID), WhoAmI: () => okEnvelope('WhoAmI', sampleResultXml('WhoAmI')) });
    open();
    await session.sessionInfo();
    expectNoCanary(session);
    expectNoCanary(session.client);
    session.client.close();
    open({ apiKey: API_KEY });
    expectNoCanary(session);
  });

  it('not in the password-rule error', async () => {
    const weak = 'canary-weak-password';
    session = createSoapSession({ endpoint: ENDPOINT, credentials: { loginName: 'ops@example.com', password: weak } });
    const err = await rejectionOf(session.login());
    expect(exposures(err)).not.toContain(weak);
  });

  it('not in events, and the default is silent', async () => {
    let logins = 0;
    const service = fakeService({
      Login: () => okEnvelope('Login', ++logins === 1 ? SESSION_ID : `${SESSION_ID}-${logins}`),
      WhoAmI: (req) =>
        req.params['SessionID'] === SESSION_ID
          ? { status: 500, body: fault11('soap:Client', 'expired', 'Authentication') }
          : okEnvelope('WhoAmI', sampleResultXml('WhoAmI')),
      Logout: () => okEnvelope('Logout', '0'),
    });
    const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) => vi.spyOn(console, m));
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const quiet = createSoapSession({ endpoint: ENDPOINT, credentials: { loginName: 'ops@example.com', password: PASSWORD } });
      await quiet.sessionInfo();
      await quiet.logout();
      quiet.client.close();
      for (const spy of [...spies, stdout, stderr]) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of [...spies, stdout, stderr]) spy.mockRestore();
    }
    expect(service.count('Login')).toBe(2);
    session = createSoapSession({ endpoint: ENDPOINT, credentials: { loginName: 'ops@example.com', password: PASSWORD }, onEvent: (e) => events.push(e) });
    await session.sessionInfo();
    expectNoCanary(events);
  });
});
