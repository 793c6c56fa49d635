import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '@ecgrid-bridge/sandbox';
import { startSandbox } from '@ecgrid-bridge/sandbox';
import { COMPLEX_TYPES } from '@ecgrid-bridge/soap';
import type { RunningGateway } from '../src/index.js';
import { gatewayOn, metricValue } from './support/harness.js';
import { rawCall } from './support/raw.js';

let sb: RunningSandbox;
let gw: RunningGateway;
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  gw = await gatewayOn(sb, { backend: 'rest' }, { logger: { level: 'info', destination: logSink }, limits: { maxBodyBytes: 64 * 1024 } });
});
afterAll(async () => {
  await gw.close();
  await sb.close();
});

const login = async (url = gw.url): Promise<string> => {
  const r = await rawCall(url, 'Login', { LoginName: sb.credentials.loginName, Password: sb.credentials.password });
  expect(r.fault).toBeUndefined();
  return String(r.result);
};

describe('the WSDL', () => {
  it('declares both SOAP bindings with soap:address pointing at the gateway', async () => {
    const res = await fetch(`${gw.url}?WSDL`);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    const wsdl = await res.text();
    expect(wsdl).toContain(`<soap:address location="${gw.url}" />`);
    expect(wsdl).toContain(`<soap12:address location="${gw.url}" />`);
    expect(wsdl).toContain('<soap12:operation soapAction="https://os.ecgrid.io/ParcelInBox" style="document" />');
    expect(wsdl.match(/<soap:operation /g)?.length).toBe(221);
  });
});

describe('SOAP 1.1 and 1.2 as ASMX serves them', () => {
  it('answers a SOAP 1.2 request in a SOAP 1.2 envelope, and a 1.2 fault with Sender and the ECGridOS detail', async () => {
    const sid = await login();
    const ok = await rawCall(gw.url, 'WhoAmI', { SessionID: sid }, { version: '1.2' });
    expect(ok.headers.get('content-type')).toMatch(/^application\/soap\+xml/);
    expect(ok.text).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(ok.result).toMatchObject({ SessionID: sid, LoginName: 'acme.demo' });
    const bad = await rawCall(gw.url, 'WhoAmI', { SessionID: '00000000-0000-0000-0000-000000000000' }, { version: '1.2' });
    expect(bad.status).toBe(500);
    expect(bad.fault).toMatchObject({ code: 'soap:Sender', detail: 'Authentication' });
  });

  it('refuses a missing or unknown SOAPAction, a wrong namespace, and a 1.2 envelope sent as text/xml', async () => {
    expect((await rawCall(gw.url, 'WhoAmI', { SessionID: 'x' }, { soapAction: null })).fault?.string).toMatch(/SOAPAction/);
    expect((await rawCall(gw.url, 'WhoAmI', { SessionID: 'x' }, { soapAction: 'http://www.ecgridos.net/WhoAmI' })).fault).toMatchObject({ code: 'soap:Client', detail: 'InvalidParameter' });
    expect((await rawCall(gw.url, 'WhoAmI', { SessionID: 'x' }, { requestNs: 'http://www.ecgridos.net/' })).fault?.string).toMatch(/namespace/);
    const mixed = await rawCall(gw.url, 'WhoAmI', {}, {
      body: '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><WhoAmI xmlns="https://os.ecgrid.io/"/></soap:Body></soap:Envelope>',
    });
    expect(mixed.fault?.code).toBe('soap:VersionMismatch');
    const html = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(html.status).toBe(415);
  });

  it('writes results in WSDL order with ArrayOfX wrappers, ISO dates and base64', async () => {
    const sid = await login();
    const inbox = await rawCall(gw.url, 'ParcelInBox', { SessionID: sid });
    const body = inbox.text.slice(inbox.text.indexOf('<ParcelInBoxResult>'));
    const childrenOf = (xml: string) => [...xml.matchAll(/<([A-Za-z]+)>(?:[^<]*<\/\1>|<)/g)].map((m) => m[1]);
    const first = /<ParcelIDInfo>(.*?)<\/ParcelIDInfo>/.exec(body)?.[1] ?? '';
    expect(childrenOf(first)).toEqual(COMPLEX_TYPES['ParcelIDInfo']!.fields.map((f) => f.name).filter((n) => first.includes(`<${n}>`)));
    expect(childrenOf(first).length).toBeGreaterThan(10);
    expect(body).toMatch(/^<ParcelInBoxResult><PageSize>\d+<\/PageSize>.*<ParcelIDInfoList><ParcelIDInfo>/);
    expect(body).toMatch(/<ParcelDate>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z<\/ParcelDate>/);
    const id = /<ParcelID>(\d+)<\/ParcelID>/.exec(body)?.[1];
    const file = await rawCall(gw.url, 'ParcelDownload', { SessionID: sid, ParcelID: Number(id) });
    const content = (file.result as Record<string, string>)['Content']!;
    expect(Buffer.from(content, 'base64').toString('utf8')).toMatch(/^ISA\*/);
  });
});

describe('sessions', () => {
  it('Login returns a gateway SessionID, WhoAmI answers for it, Logout ends it', async () => {
    const sid = await login();
    expect(sid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect((await rawCall(gw.url, 'WhoAmI', { SessionID: sid })).result).toMatchObject({ SessionID: sid });
    expect((await rawCall(gw.url, 'Logout', { SessionID: sid })).result).toBe('0');
    const after = await rawCall(gw.url, 'WhoAmI', { SessionID: sid });
    expect(after.fault).toMatchObject({ code: 'soap:Client', detail: 'Authentication' });
  });

  it('a wrong password is the ECGridOS Authentication fault, and nothing secret is echoed', async () => {
    const r = await rawCall(gw.url, 'Login', { LoginName: sb.credentials.loginName, Password: 'Wrong#Pass123456' });
    expect(r.fault).toMatchObject({ code: 'soap:Client', detail: 'Authentication' });
    expect(r.text).not.toContain('Wrong#Pass123456');
  });

  it('uses an API key sent as the SessionID as X-API-Key on REST, and never echoes it', async () => {
    const r = await rawCall(gw.url, 'WhoAmI', { SessionID: sb.credentials.apiKey });
    expect(r.result).toMatchObject({ LoginName: 'acme.demo' });
    expect(r.text).not.toContain(sb.credentials.apiKey);
    const wrong = await rawCall(gw.url, 'MailboxInfo', { SessionID: '0f3b6c1e-7a52-4d0b-9e6a-000000000000', MailboxID: 5001 });
    expect(wrong.fault?.detail).toBe('Authentication');
    expect(wrong.text).not.toContain('0f3b6c1e-7a52-4d0b-9e6a-000000000000');
  });

  it('passes an API key through to the SOAP backend as its SessionID', async () => {
    const soapGw = await gatewayOn(sb, { backend: 'soap' });
    try {
      const r = await rawCall(soapGw.url, 'MailboxInfo', { SessionID: sb.credentials.apiKey, MailboxID: 5001 });
      expect(r.result).toMatchObject({ MailboxID: '5001' });
      expect(r.text).not.toContain(sb.credentials.apiKey);
    } finally {
      await soapGw.close();
    }
  });

  it('renews expired backend sessions inside: the client sees nothing, the metric counts it', async () => {
    const sid = await login();
    const before = await metricValue(gw, 'ecgrid_gateway_backend_relogins_total', { backend: 'rest' });
    sb.admin.expireTokens();
    expect((await rawCall(gw.url, 'MailboxInfo', { SessionID: sid, MailboxID: 5001 })).fault).toBeUndefined();
    expect(await metricValue(gw, 'ecgrid_gateway_backend_relogins_total', { backend: 'rest' })).toBeGreaterThan(before);

    const soapGw = await gatewayOn(sb, { backend: 'soap' });
    try {
      const soapSid = await login(soapGw.url);
      sb.admin.expireSessions();
      expect((await rawCall(soapGw.url, 'MailboxInfo', { SessionID: soapSid, MailboxID: 5001 })).fault).toBeUndefined();
      expect(await metricValue(soapGw, 'ecgrid_gateway_backend_relogins_total', { backend: 'soap' })).toBe(1);
    } finally {
      await soapGw.close();
    }
  });

  it('an expired gateway session is the session fault until the client logs in again', async () => {
    const sid = await login();
    expect(await gw.expireSessions()).toBeGreaterThan(0);
    expect((await rawCall(gw.url, 'WhoAmI', { SessionID: sid })).fault?.detail).toBe('Authentication');
    const again = await login();
    expect((await rawCall(gw.url, 'WhoAmI', { SessionID: again })).fault).toBeUndefined();
  });
});

describe('faults', () => {
  it('turns backend errors into the ECGridOS categories', async () => {
    const sid = await login();
    const missing = await rawCall(gw.url, 'MailboxInfo', { SessionID: sid, MailboxID: 987654 });
    expect(missing.fault).toMatchObject({ code: 'soap:Client', detail: 'ObjectNotFound' });
    const bad = await rawCall(gw.url, 'MailboxInfo', { SessionID: sid, MailboxID: 'abc' });
    expect(bad.fault).toMatchObject({ code: 'soap:Client', detail: 'InvalidParameter' });
    expect(missing.text + bad.text).not.toContain(sid);
  });

  it('a SOAP-only operation routed to REST without fallback names the reason; with fallback SOAP serves it', async () => {
    const sid = await login();
    const r = await rawCall(gw.url, 'SessionLog', { SessionID: sid, MaxRecords: 5 });
    expect(r.fault).toMatchObject({ code: 'soap:Server', detail: 'SystemError' });
    expect(r.fault?.string).toMatch(/NotAvailableOnBackend: SessionLog is not available on REST: the REST API has no session log/);

    const withFallback = await gatewayOn(sb, { backend: 'rest', fallback: true });
    try {
      const fsid = await login(withFallback.url);
      const served = await rawCall(withFallback.url, 'SessionLog', { SessionID: fsid, MaxRecords: 5 });
      expect(served.fault).toBeUndefined();
      expect(await metricValue(withFallback, 'ecgrid_gateway_fallbacks_total', { operation: 'SessionLog' })).toBe(1);
    } finally {
      await withFallback.close();
    }
  });
});

describe('hostile requests', () => {
  it('refuses a DOCTYPE and never expands its entities', async () => {
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lolololololol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><WhoAmI xmlns="https://os.ecgrid.io/"><SessionID>&lol2;</SessionID></WhoAmI></soap:Body></soap:Envelope>';
    const r = await rawCall(gw.url, 'WhoAmI', {}, { body: lol });
    expect(r.fault).toMatchObject({ code: 'soap:Client', detail: 'InvalidParameter' });
    expect(r.fault?.string).toMatch(/DTD/);
    expect(r.text).not.toContain('lolololololol');
    const undeclared = await rawCall(gw.url, 'WhoAmI', {}, {
      body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><WhoAmI xmlns="https://os.ecgrid.io/"><SessionID>&xxe;</SessionID></WhoAmI></soap:Body></soap:Envelope>',
    });
    expect(undeclared.fault?.detail).toBe('InvalidParameter');
  });

  it('bounds nesting and body size', async () => {
    const deep = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</soap:Body></soap:Envelope>`;
    expect((await rawCall(gw.url, 'WhoAmI', {}, { body: deep })).fault?.string).toMatch(/deeper than 32/);
    const huge = await rawCall(gw.url, 'WhoAmI', { SessionID: 'x'.repeat(100 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.fault?.detail).toBe('InvalidParameter');
  });

  it('answers a malformed envelope with a SOAP fault, never a stack trace', async () => {
    for (const body of ['<soap:Envelope><soap:Body>', 'not xml at all', '', '<a/>', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>']) {
      const r = await rawCall(gw.url, 'WhoAmI', {}, { body });
      expect(r.status).toBe(500);
      expect(r.fault?.code).toBe('soap:Client');
      expect(r.text).not.toMatch(/\bat \S+ \(|node:internal|\.ts:\d+/);
    }
  });

  it('bounds the time of each call: a backend slower than callTimeoutMs is a SystemError fault', async () => {
    const quick = await gatewayOn(sb, { backend: 'rest' }, { limits: { callTimeoutMs: 200 } });
    const rule = sb.admin.setLatency(1_000, { protocol: 'rest', operation: 'MailboxInfo' });
    try {
      const r = await rawCall(quick.url, 'MailboxInfo', { SessionID: sb.credentials.apiKey, MailboxID: 5001 });
      expect(r.fault).toMatchObject({ code: 'soap:Server', detail: 'SystemError' });
      expect(r.fault?.string).toMatch(/^Timeout: /);
    } finally {
      sb.admin.removeFault(rule.id);
      await quick.close();
    }
  });

  it('bounds open connections', async () => {
    const small = await gatewayOn(sb, { backend: 'rest' }, { limits: { maxConnections: 2 } });
    try {
      const { port } = new URL(small.url);
      const sockets = await Promise.all([0, 1].map(() => new Promise<ReturnType<typeof connect>>((resolve) => {
        const s = connect(Number(port), '127.0.0.1', () => resolve(s));
      })));
      await new Promise((r) => setTimeout(r, 50));
      const third = await new Promise<string>((resolve) => {
        let got = '';
        const s = connect(Number(port), '127.0.0.1', () => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
        s.on('data', (d: Buffer) => (got += d.toString('utf8')));
        s.on('close', () => resolve(got));
        s.on('error', () => resolve(got));
        setTimeout(() => s.destroy(), 3_000).unref();
      });
      expect(third).toBe('');
      for (const s of sockets) s.destroy();
    } finally {
      await small.close();
    }
  });

  it('times out a client that sends its body too slowly', async () => {
    const slowGw = await gatewayOn(sb, { backend: 'rest' }, { limits: { requestTimeoutMs: 300, headersTimeoutMs: 300 } });
    try {
      const { port } = new URL(slowGw.url);
      const answer = await new Promise<string>((resolve) => {
        let got = '';
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`POST /v4.1/prod/ECGridOS.asmx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nSOAPAction: "https://os.ecgrid.io/Version"\r\nContent-Length: 1000\r\n\r\n<soap:Env`);
        });
        socket.on('data', (d: Buffer) => (got += d.toString('utf8')));
        socket.on('close', () => resolve(got));
        setTimeout(() => socket.destroy(), 10_000).unref();
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await slowGw.close();
    }
  });
});

describe('running it for real', () => {
  it('serves /healthz, /readyz and Prometheus /metrics without secrets', async () => {
    expect(await (await fetch(new URL('/healthz', gw.url))).json()).toEqual({ status: 'ok' });
    expect((await fetch(new URL('/readyz', gw.url))).status).toBe(200);
    const sid = await login();
    await rawCall(gw.url, 'WhoAmI', { SessionID: sid });
    const text = await (await fetch(new URL('/metrics', gw.url))).text();
    expect(text).toMatch(/ecgrid_gateway_requests_total\{operation="WhoAmI",soap_version="1.1",outcome="ok"\} \d+/);
    expect(text).toMatch(/ecgrid_gateway_backend_calls_total\{operation="WhoAmI",backend="rest",outcome="ok"\} \d+/);
    expect(text).toContain('ecgrid_gateway_backend_call_duration_seconds_bucket');
    expect(text).toContain('ecgrid_gateway_breaker_open');
    expect(text).toContain('ecgrid_gateway_sessions');
    for (const secret of [sid, sb.credentials.password, sb.credentials.apiKey]) expect(text).not.toContain(secret);
  });

  it('logs JSON lines with a request id and no secret', async () => {
    const sid = await login();
    await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', SOAPAction: '"https://os.ecgrid.io/WhoAmI"', 'X-Request-Id': 'job-42.a' },
      body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><WhoAmI xmlns="https://os.ecgrid.io/"><SessionID>${sid}</SessionID></WhoAmI></soap:Body></soap:Envelope>`,
    });
    await rawCall(gw.url, 'Login', { LoginName: sb.credentials.loginName, Password: 'Wrong#Pass123456' });
    const entries = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.find((e) => e['requestId'] === 'job-42.a')).toMatchObject({ operation: 'WhoAmI', outcome: 'ok', soapVersion: '1.1' });
    expect(entries.every((e) => typeof e['requestId'] === 'string' || e['msg'] !== 'call')).toBe(true);
    const all = logLines.join('\n');
    for (const secret of [sid, sb.credentials.password, 'Wrong#Pass123456', sb.credentials.apiKey]) expect(all).not.toContain(secret);
  });

  it('drains calls in flight on close, then refuses new ones', async () => {
    const drainGw = await gatewayOn(sb, { backend: 'rest' });
    const sid = await login(drainGw.url);
    const rule = sb.admin.setLatency(400, { protocol: 'rest' });
    try {
      const inFlight = rawCall(drainGw.url, 'MailboxInfo', { SessionID: sid, MailboxID: 5001 });
      await new Promise((r) => setTimeout(r, 100));
      const closed = drainGw.close();
      const answer = await inFlight;
      expect(answer.fault).toBeUndefined();
      expect(answer.result).toMatchObject({ MailboxID: '5001' });
      await closed;
      await expect(fetch(new URL('/healthz', drainGw.url))).rejects.toThrow();
    } finally {
      sb.admin.removeFault(rule.id);
    }
  });
});
