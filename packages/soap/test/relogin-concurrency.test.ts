import http from 'node:http';
import { types } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createSoapSession, type SoapEvent, type SoapSession } from '../src/index.js';
import { PATH, type SeenRequest, fault11, okEnvelope, readRequest } from './support/envelopes.js';
import { type LoopbackServer, startLoopback } from './support/loopback.js';

const CALLS = 1_000;
/** The client's keep-alive pool (createSoapClient: maxSockets 64). */
const POOL = 64;

// A real node:http server on 127.0.0.1 rather than nock: the 2,000 requests go through real keep-alive sockets.
// Nock must not be loaded in this file, not even through support/wire.ts: once loaded it replaces http.request, and
// its pass-through sends every request on a new connection with "Connection: close". 2,000 connections opened in
// bursts of 1,000 overflow the server's listen queue under load (the kernel's ListenOverflows counter rises by
// thousands per run), and now and then one is reset: the ECONNRESET this test used to fail with.
describe('re-login under load', () => {
  let session: SoapSession;
  let server: LoopbackServer;
  afterEach(async () => {
    session.client.close();
    await server.close();
  });

  it(`${CALLS} concurrent calls hit an expired session: exactly one Login is sent and every call gets its own result`, async () => {
    let issued = 0;
    let live = '';
    const requests: SeenRequest[] = [];
    const answer = (req: SeenRequest): { status: number; body: string } => {
      if (req.operation === 'Login') {
        live = `session-${++issued}`;
        return { status: 200, body: okEnvelope('Login', live) };
      }
      if (req.params['SessionID'] !== live) return { status: 500, body: fault11('soap:Client', 'Session expired', 'Authentication') };
      const id = req.params['ParcelID']!;
      return {
        status: 200,
        body: okEnvelope(
          'ParcelDownload',
          `<ParcelID>${id}</ParcelID><FileName>parcel-${id}.edi</FileName><FileDate>2026-01-01T00:00:00Z</FileDate>` +
            `<Bytes>4</Bytes><Standard>X12</Standard><Content>${Buffer.from(`#${id}`).toString('base64')}</Content><routerArchive>false</routerArchive>`,
        ),
      };
    };
    server = await startLoopback((req, res, body) => {
      const seen = readRequest(body, req.headers);
      requests.push(seen);
      const { status, body: reply } = answer(seen);
      res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8' }).end(reply);
    });
    expect(types.isProxy(http.request), 'nock (or another interceptor) is loaded: the keep-alive pool is bypassed').toBe(false);
    const count = (op: string) => requests.filter((r) => r.operation === op).length;
    const events: SoapEvent[] = [];
    session = createSoapSession({
      endpoint: `${server.origin}${PATH}`,
      credentials: { loginName: 'ops@example.com', password: 'Str0ng-Passw0rd!' },
      onEvent: (e) => events.push(e),
    });
    await session.login();
    expect(count('Login')).toBe(1);
    live = 'expired-on-the-server';

    const results = await Promise.all(Array.from({ length: CALLS }, (_, i) => session.call('ParcelDownload', { ParcelID: i + 1 })));

    expect(count('Login') - 1).toBe(1);
    expect(results).toHaveLength(CALLS);
    results.forEach((file, i) => {
      expect(file?.ParcelID).toBe(i + 1);
      expect(file?.FileName).toBe(`parcel-${i + 1}.edi`);
      expect(file?.Content?.toString()).toBe(`#${i + 1}`);
    });
    const downloads = requests.filter((r) => r.operation === 'ParcelDownload');
    expect(downloads).toHaveLength(2 * CALLS);
    expect(downloads.filter((r) => r.params['SessionID'] === 'session-2')).toHaveLength(CALLS);
    expect(events.filter((e) => e.type === 'relogin')).toHaveLength(1);
    // 2,001 requests over the client's pool, not one connection each.
    expect(server.connections).toBeLessThanOrEqual(POOL);
    expect(events.filter((e) => e.type === 'login').map((e) => e.type === 'login' && e.reason)).toEqual(['initial', 'session-expired']);
  });
});
