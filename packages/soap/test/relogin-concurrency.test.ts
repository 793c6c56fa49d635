import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSoapSession, type SoapEvent, type SoapSession } from '../src/index.js';
import { ENDPOINT, fakeService, fault11, isolateNetwork, okEnvelope, resetNetwork } from './support/wire.js';

const CALLS = 1_000;

describe('re-login under load', () => {
  let session: SoapSession;
  beforeEach(() => isolateNetwork());
  afterEach(() => {
    session.client.close();
    resetNetwork();
  });

  it(`${CALLS} concurrent calls hit an expired session: exactly one Login is sent and every call gets its own result`, async () => {
    let issued = 0;
    let live = '';
    const service = fakeService({
      Login: () => {
        live = `session-${++issued}`;
        return okEnvelope('Login', live);
      },
      ParcelDownload: (req) => {
        if (req.params['SessionID'] !== live) return { status: 500, body: fault11('soap:Client', 'Session expired', 'Authentication') };
        const id = req.params['ParcelID']!;
        return okEnvelope(
          'ParcelDownload',
          `<ParcelID>${id}</ParcelID><FileName>parcel-${id}.edi</FileName><FileDate>2026-01-01T00:00:00Z</FileDate>` +
            `<Bytes>4</Bytes><Standard>X12</Standard><Content>${Buffer.from(`#${id}`).toString('base64')}</Content><routerArchive>false</routerArchive>`,
        );
      },
    });
    const events: SoapEvent[] = [];
    session = createSoapSession({
      endpoint: ENDPOINT,
      credentials: { loginName: 'ops@example.com', password: 'Str0ng-Passw0rd!' },
      onEvent: (e) => events.push(e),
    });
    await session.login();
    expect(service.count('Login')).toBe(1);
    live = 'expired-on-the-server';

    const results = await Promise.all(Array.from({ length: CALLS }, (_, i) => session.call('ParcelDownload', { ParcelID: i + 1 })));

    expect(service.count('Login') - 1).toBe(1);
    expect(results).toHaveLength(CALLS);
    results.forEach((file, i) => {
      expect(file?.ParcelID).toBe(i + 1);
      expect(file?.FileName).toBe(`parcel-${i + 1}.edi`);
      expect(file?.Content?.toString()).toBe(`#${i + 1}`);
    });
    const downloads = service.requests.filter((r) => r.operation === 'ParcelDownload');
    expect(downloads).toHaveLength(2 * CALLS);
    expect(downloads.filter((r) => r.params['SessionID'] === 'session-2')).toHaveLength(CALLS);
    expect(events.filter((e) => e.type === 'relogin')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'login').map((e) => e.type === 'login' && e.reason)).toEqual(['initial', 'session-expired']);
  });
});
