import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSoapClient, createSoapSession, type SoapEvent } from '../src/index.js';
import { ENDPOINT, fakeService, fault11, isolateNetwork, okEnvelope, rejectionOf, resetNetwork } from './support/wire.js';
import { sampleResultXml } from './support/sample-xml.js';

describe('observability hooks', () => {
  beforeEach(() => isolateNetwork());
  afterEach(() => resetNetwork());

  it('reports request, response, fault, error, login, relogin and logout', async () => {
    let issued = 0;
    fakeService({
      Login: () => okEnvelope('Login', `session-${++issued}`),
      WhoAmI: (req) =>
        req.params['SessionID'] === 'session-1'
          ? { status: 500, body: fault11('soap:Client', 'Session expired', 'Authentication') }
          : okEnvelope('WhoAmI', sampleResultXml('WhoAmI')),
      SessionLog: () => 'not xml',
      Logout: () => okEnvelope('Logout', '0'),
    });
    const events: SoapEvent[] = [];
    const session = createSoapSession({
      endpoint: ENDPOINT,
      credentials: { loginName: 'ops@example.com', password: 'Str0ng-Passw0rd!' },
      onEvent: (e) => events.push(e),
    });
    await session.sessionInfo();
    await rejectionOf(session.sessionLog(5));
    await session.logout();
    session.client.close();

    const shape = events.map((e) => (e.type === 'request' || e.type === 'response' || e.type === 'fault' || e.type === 'error' ? `${e.type}:${e.operation}` : e.type));
    expect(shape).toEqual([
      'login',
      'request:Login',
      'response:Login',
      'request:WhoAmI',
      'fault:WhoAmI',
      'login',
      'request:Login',
      'response:Login',
      'relogin',
      'request:WhoAmI',
      'response:WhoAmI',
      'request:SessionLog',
      'error:SessionLog',
      'request:Logout',
      'response:Logout',
      'logout',
    ]);
    expect(events[2]).toMatchObject({ type: 'response', httpStatus: 200, durationMs: expect.any(Number) });
    expect(events[4]).toMatchObject({ type: 'fault', faultCode: 'soap:Client', errorCode: 'Authentication', durationMs: expect.any(Number) });
    expect(events[8]).toEqual({ type: 'relogin', operation: 'WhoAmI', sharedBy: 1 });
    expect(events[12]).toMatchObject({ type: 'error', error: 'SoapProtocolError' });
    expect(events.at(-1)).toEqual({ type: 'logout', serverConfirmed: true });
  });

  it('a throwing listener does not change the outcome of a call', async () => {
    fakeService({
      Version: () => okEnvelope('Version', 'v4.1'),
      NowUTC: () => ({ status: 500, body: fault11('soap:Server', 'Clock broken', 'SystemError') }),
    });
    let calls = 0;
    const client = createSoapClient({
      endpoint: ENDPOINT,
      onEvent: () => {
        calls += 1;
        throw new Error('listener bug');
      },
    });
    await expect(client.call('Version', {})).resolves.toBe('v4.1');
    expect(await rejectionOf(client.call('NowUTC', {}))).toMatchObject({ name: 'SoapFaultError', errorCode: 'SystemError' });
    expect(calls).toBe(4);
    client.close();
  });
});
