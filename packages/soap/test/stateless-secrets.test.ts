import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSoapClient, type SoapClient, type SoapEvent } from '../src/index.js';
import { sampleResultXml } from './support/sample-xml.js';
import { ENDPOINT, ORIGIN, PATH, fakeService, fault11, fault12, isolateNetwork, okEnvelope, rejectionOf, resetNetwork } from './support/wire.js';

// The stateless client (`createSoapClient().call`) with credentials the caller passes itself: a SessionID (or an
// API key in its place), a Login's password, a new password. Its doc comment promises that they never reach an
// error; a server that echoes them must not make it lie.

const SESSION_ID = 'canary-stateless-session-4Kd8';
const PASSWORD = 'Canary-Stateless-Pw1!';
const NEW_PASSWORD = 'Canary-New-Pw2?x';
const ISSUED = 'canary-issued-session-9Rm3';
const FOREIGN_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.c2lnbmF0dXJlLWZvcmVpZ24';
const FOREIGN_BEARER = 'foreign-soap-bearer-6Yp1Vt';
/** Credentials of nobody in particular: masked by their shape alone. */
const FOREIGN = [FOREIGN_JWT, FOREIGN_BEARER];
const encodedForms = (s: string) => [s, Buffer.from(s).toString('base64'), encodeURIComponent(s)];

/** Message, stack, String, JSON, inspect with hidden fields, and every own field down the cause chain. */
function exposures(value: unknown): string[] {
  const out: string[] = [String(value), inspect(value, { depth: 10, showHidden: true })];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // circular: walked below
  }
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if (typeof v === 'string') out.push(v);
    if (v === null || typeof v !== 'object' || depth > 8 || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Error) out.push(v.message, v.stack ?? '');
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) visit(d.value, depth + 1);
    }
  };
  visit(value, 0);
  return out;
}

/** Asserts that none of the credentials a call sent (nor a foreign token shape) shows in `value`. */
function expectNoCanary(value: unknown, sent: readonly string[]): void {
  const canaries = [...sent, ...FOREIGN];
  for (const text of exposures(value)) for (const canary of canaries) for (const form of encodedForms(canary)) expect(text).not.toContain(form);
}

const ECHO = `session ${SESSION_ID} password ${PASSWORD} new ${NEW_PASSWORD} b64 ${Buffer.from(PASSWORD).toString('base64')} Authorization: Bearer ${FOREIGN_BEARER} jwt ${FOREIGN_JWT}`;

describe('the stateless SOAP client keeps the credentials it is given out of its errors', () => {
  let client: SoapClient;
  let events: SoapEvent[];
  beforeEach(() => {
    isolateNetwork();
    events = [];
    client = createSoapClient({ endpoint: ENDPOINT, onEvent: (e) => events.push(e) });
  });
  afterEach(() => {
    client.close();
    resetNetwork();
  });

  it('a SOAP 1.1 fault echoing the SessionID in faultcode, faultstring and detail', async () => {
    fakeService({ WhoAmI: () => ({ status: 500, body: fault11(`soap:${SESSION_ID}`, ECHO, SESSION_ID) }) });
    const err = await rejectionOf(client.call('WhoAmI', { SessionID: SESSION_ID }));
    expect(err).toMatchObject({ name: 'SoapFaultError', operation: 'WhoAmI' });
    expect((err as { faultString: string }).faultString).toContain('[REDACTED]');
    expectNoCanary(err, [SESSION_ID]);
    expectNoCanary(events, [SESSION_ID]);
  });

  it('a SOAP 1.2 fault echoing the SessionID', async () => {
    fakeService({ ParcelDownloadConfirm: () => ({ status: 500, body: fault12('soap:Sender', ECHO, SESSION_ID) }) });
    const err = await rejectionOf(client.call('ParcelDownloadConfirm', { SessionID: SESSION_ID, ParcelID: 1 }));
    expect(err).toMatchObject({ name: 'SoapFaultError', soapVersion: '1.2' });
    expectNoCanary(err, [SESSION_ID]);
  });

  it('Login through it: a fault quoting the password', async () => {
    fakeService({ Login: () => ({ status: 500, body: fault11('soap:Client', `Wrong password ${PASSWORD} (${ECHO})`, 'Authentication') }) });
    const err = await rejectionOf(client.call('Login', { LoginName: 'ops@example.com', Password: PASSWORD }));
    expect(err).toMatchObject({ name: 'SoapFaultError', operation: 'Login', errorCode: 'Authentication' });
    expectNoCanary(err, [PASSWORD]);
    expectNoCanary(events, [PASSWORD]);
  });

  it('Login through it: the SessionID it returns is masked in later errors of the same client', async () => {
    fakeService({
      Login: () => okEnvelope('Login', ISSUED),
      WhoAmI: (req) => ({ status: 500, body: fault11('soap:Client', `session ${req.params['SessionID']} and ${ISSUED} expired`, 'Authentication') }),
      Version: () => ({ status: 500, body: fault11('soap:Server', `last login gave ${ISSUED}`) }),
    });
    expect(await client.call('Login', { LoginName: 'ops@example.com', Password: PASSWORD })).toBe(ISSUED);
    expectNoCanary(await rejectionOf(client.call('WhoAmI', { SessionID: ISSUED })), [ISSUED]);
    expectNoCanary(await rejectionOf(client.call('Version', {})), [ISSUED]);
  });

  it('a password change quoting the old and the new password', async () => {
    fakeService({ ChangePassword: () => ({ status: 500, body: fault11('soap:Client', ECHO, 'InvalidParameter') }) });
    const err = await rejectionOf(client.call('ChangePassword', { SessionID: SESSION_ID, OldPassword: PASSWORD, NewPassword: NEW_PASSWORD }));
    expectNoCanary(err, [SESSION_ID, PASSWORD, NEW_PASSWORD]);
  });

  it('an HTML error page and a result over HTTP 500', async () => {
    fakeService({
      WhoAmI: () => ({ status: 502, body: `<html><body>${ECHO}</body></html>`, headers: { 'Content-Type': 'text/html' } }),
      Version: () => ({ status: 500, body: okEnvelope('Version', ECHO) }),
    });
    expectNoCanary(await rejectionOf(client.call('WhoAmI', { SessionID: SESSION_ID })), [SESSION_ID]);
    expectNoCanary(await rejectionOf(client.call('Version', {})), []);
  });

  it('a value that fails to convert, quoting the SessionID', async () => {
    fakeService({
      WhoAmI: () => okEnvelope('WhoAmI', sampleResultXml('WhoAmI').replace(/<UserID>[^<]*<\/UserID>/, `<UserID>${SESSION_ID}</UserID>`)),
    });
    const err = await rejectionOf(client.call('WhoAmI', { SessionID: SESSION_ID }));
    expect(err).toMatchObject({ name: 'SoapProtocolError', kind: 'invalid-value' });
    expectNoCanary(err, [SESSION_ID]);
  });

  it('a network error whose message and attached request quote the SessionID and the password', async () => {
    nock(ORIGIN)
      .post(PATH)
      .replyWithError(Object.assign(new Error(`socket hang up after ${ECHO}`), { code: 'ECONNRESET', config: { data: `<SessionID>${SESSION_ID}</SessionID>` } }));
    const err = await rejectionOf(client.call('ChangePassword', { SessionID: SESSION_ID, OldPassword: PASSWORD, NewPassword: NEW_PASSWORD }));
    expect(err).toMatchObject({ name: 'SoapTransportError', kind: 'network' });
    expectNoCanary(err, [SESSION_ID, PASSWORD, NEW_PASSWORD]);
    expectNoCanary(events, [SESSION_ID, PASSWORD, NEW_PASSWORD]);
  });

  it('an API key passed as the SessionID, echoed in a fault', async () => {
    const apiKey = SESSION_ID;
    fakeService({ WhoAmI: (req) => ({ status: 500, body: fault11('soap:Client', `Unknown key ${req.params['SessionID']}`, 'Authentication') }) });
    const err = await rejectionOf(client.call('WhoAmI', { SessionID: apiKey }));
    expect(err).toMatchObject({ faultString: 'Unknown key [REDACTED]' });
    expectNoCanary(err, [apiKey]);
  });

  it('does not keep a call’s credentials after the call: the client’s own redactor is not widened by them', async () => {
    fakeService({ WhoAmI: () => ({ status: 500, body: fault11('soap:Client', 'nope', 'Authentication') }) });
    await rejectionOf(client.call('WhoAmI', { SessionID: SESSION_ID }));
    expect(client.redactor.redact(`x ${SESSION_ID} y`)).toBe(`x ${SESSION_ID} y`);
  });
});
