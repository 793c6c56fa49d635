import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { restCall, soapCall } from './support/clients.js';

let sb: RunningSandbox;
const delays: number[] = [];
const key = () => ({ 'x-api-key': sb.credentials.apiKey });
const restMe = () => restCall(sb.restUrl, 'GET', '/v2/users/me', { headers: key() });
const soapWho = () => soapCall(sb.soapUrl, 'WhoAmI', { SessionID: sb.credentials.apiKey });

beforeAll(async () => {
  sb = await startSandbox({
    delay: async (ms) => {
      delays.push(ms);
    },
    faults: [{ kind: 'server-error', operation: 'Version', count: 1 }],
  });
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.admin.clearFaults();
  delays.length = 0;
});

describe('fault injection', () => {
  it('applies rules given at start', async () => {
    const fresh = await startSandbox({ faults: [{ kind: 'rate-limit', protocol: 'soap', operation: 'Version', retryAfterSeconds: 7 }] });
    try {
      const r = await soapCall(fresh.soapUrl, 'Version');
      expect([r.status, r.headers.get('retry-after')]).toEqual([429, '7']);
      expect((await soapCall(fresh.soapUrl, 'Version')).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('rate-limits the next N calls with 429 and Retry-After on both protocols', async () => {
    sb.admin.injectFault({ kind: 'rate-limit', count: 2, retryAfterSeconds: 3 });
    const rest = await restMe();
    expect([rest.status, rest.headers.get('retry-after'), rest.json?.errorCode, rest.json?.success]).toEqual([429, '3', 'RateLimitExceeded', false]);
    const soap = await soapWho();
    expect([soap.status, soap.headers.get('retry-after'), soap.fault?.code]).toEqual([429, '3', 'soap:Server']);
    expect((await restMe()).status).toBe(200);
    expect(sb.admin.faults()).toHaveLength(0);
  });

  it('scopes a rule to one protocol', async () => {
    sb.admin.injectFault({ kind: 'rate-limit', protocol: 'soap', count: 1 });
    expect((await restMe()).status).toBe(200);
    expect((await soapWho()).status).toBe(429);
  });

  it('scopes a rule to one operation, which covers its REST endpoints', async () => {
    sb.admin.injectFault({ kind: 'server-error', operation: 'ParcelInBox', count: 2 });
    expect((await soapWho()).status).toBe(200);
    const soap = await soapCall(sb.soapUrl, 'ParcelInBox', { SessionID: sb.credentials.apiKey });
    expect([soap.status, soap.fault?.code, soap.fault?.detail]).toEqual([500, 'soap:Server', 'SystemError']);
    const rest = await restCall(sb.restUrl, 'POST', '/v2/parcels/inbox-list', { headers: key(), body: {} });
    expect([rest.status, rest.json?.errorCode]).toEqual([500, 'InternalError']);
    expect((await restCall(sb.restUrl, 'POST', '/v2/parcels/inbox-list', { headers: key(), body: {} })).status).toBe(200);
  });

  it('scopes a rule to a REST path, as called or as documented', async () => {
    sb.admin.injectFault({ kind: 'malformed', body: 'truncated', operation: '/v2/parcels/{id}', count: 1 });
    expect((await restMe()).status).toBe(200);
    const r = await restCall(sb.restUrl, 'GET', '/v2/parcels/987650002', { headers: key() });
    expect(r.status).toBe(200);
    expect(r.json).toBeUndefined();
    expect(() => JSON.parse(r.text)).toThrow();
    sb.admin.injectFault({ kind: 'server-error', status: 503, operation: '/v2/users/me' });
    const gw = await restMe();
    expect([gw.status, gw.headers.get('content-type')]).toEqual([503, 'text/html; charset=utf-8']);
  });

  it('sends malformed bodies: truncated XML, an HTML page, an empty 200', async () => {
    sb.admin.injectFault({ kind: 'malformed', body: 'truncated', protocol: 'soap' });
    const truncated = await soapWho();
    expect(truncated.status).toBe(200);
    expect(truncated.text).toMatch(/^<\?xml/);
    expect(XMLValidator.validate(truncated.text)).not.toBe(true);
    sb.admin.injectFault({ kind: 'malformed', body: 'html' });
    const html = await restMe();
    expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(html.text).toMatch(/<html/);
    sb.admin.injectFault({ kind: 'malformed', body: 'empty', count: 2 });
    const emptyRest = await restMe();
    const emptySoap = await soapWho();
    expect([emptyRest.status, emptyRest.text, emptySoap.status, emptySoap.text]).toEqual([200, '', 200, '']);
  });

  it('adds latency to matching calls until removed', async () => {
    const rule = sb.admin.setLatency(250, { protocol: 'rest' });
    await restMe();
    await soapWho();
    await restMe();
    expect(delays).toEqual([250, 250]);
    sb.admin.injectFault({ kind: 'latency', ms: 40, operation: 'WhoAmI', count: 2 });
    await soapWho();
    await restMe();
    expect(delays).toEqual([250, 250, 40, 290]);
    expect(sb.admin.removeFault(rule.id)).toBe(true);
    await restMe();
    expect(delays).toHaveLength(4);
  });

  it('an injected fault changes nothing in the store', async () => {
    sb.admin.injectFault({ kind: 'rate-limit', operation: 'ParcelDownload' });
    const r = await restCall(sb.restUrl, 'POST', '/v2/parcels/download', { headers: key(), body: { parcelId: 987650004 } });
    expect(r.status).toBe(429);
    expect(sb.admin.state().parcels.get(987650004)?.status).toBe('InBoxReady');
  });

  it('is controlled over HTTP under /__sandbox', async () => {
    const added = await restCall(sb.adminUrl, 'POST', '/faults', { body: { kind: 'server-error', protocol: 'rest', count: 1 } });
    expect(added.status).toBe(201);
    const rule = JSON.parse(added.text) as { id: string; remaining: number };
    expect(rule.remaining).toBe(1);
    const listed = JSON.parse((await restCall(sb.adminUrl, 'GET', '/faults')).text) as { faults: { id: string }[] };
    expect(listed.faults.map((f) => f.id)).toEqual([rule.id]);
    expect((await restMe()).status).toBe(500);
    await restCall(sb.adminUrl, 'POST', '/faults', { body: { kind: 'rate-limit', count: 5 } });
    const cleared = await restCall(sb.adminUrl, 'DELETE', '/faults');
    expect(JSON.parse(cleared.text)).toEqual({ cleared: 1 });
    expect((await restMe()).status).toBe(200);
    const bad = await restCall(sb.adminUrl, 'POST', '/faults', { body: { kind: 'explode' } });
    expect(bad.status).toBe(400);
    expect((await restCall(sb.adminUrl, 'POST', '/faults', { body: { kind: 'server-error', status: 404 } })).status).toBe(400);
    expect((await restCall(sb.adminUrl, 'GET', '/state')).status).toBe(200);
  });
});
