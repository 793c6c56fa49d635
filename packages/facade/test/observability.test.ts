import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FacadeEvent, type MismatchRecord, createEcgridFacade } from '@ecgrid-bridge/facade';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';

interface SeenRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
}

/** A pass-through HTTP proxy in front of the sandbox that keeps every request's headers, to see what went on the wire. */
async function recordingProxy(target: URL): Promise<{ url: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((done) => server.close(() => done())) };
}

function logSink(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join('');
  return { stream, text, lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('observability of one facade call: events, a pino log and OpenTelemetry spans', () => {
  let sandbox: RunningSandbox;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    proxy = await recordingProxy(new URL(sandbox.restUrl));
    // What an application does when it installs the SDK; without it the facade's spans are no-ops.
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(async () => {
    trace.disable();
    propagation.disable();
    await proxy?.close();
    await sandbox?.close();
  });

  it('ties the call to its SOAP and REST requests by one callId in events, log lines and spans, and sends traceparent on both', async () => {
    const events: FacadeEvent[] = [];
    const records: MismatchRecord[] = [];
    const log = logSink();
    const hooked: { transport: string; callId?: string }[] = [];
    const soapPath = new URL(sandbox.soapUrl).pathname;
    const ecgrid = createEcgridFacade({
      backend: 'parity',
      parity: { waitForCandidate: true, publishMatches: true, publish: (r) => void records.push(r) },
      credentials: { loginName: sandbox.credentials.email, password: sandbox.credentials.password },
      soap: { endpoint: `${proxy.url}${soapPath}` },
      rest: { baseUrl: proxy.url },
      onEvent: (e) => void events.push(e),
      logger: pino({ level: 'debug' }, log.stream),
      requestHook: (request) => {
        hooked.push({ transport: request.transport, callId: request.callId });
        return { 'X-Job': 'nightly' };
      },
      env: {},
    });
    try {
      await ecgrid.Login();
      // In parity mode REST logs in on its own time; its events belong to Login, not to the call below.
      await ecgrid.parityIdle();
      events.length = 0;
      exporter.reset();
      const before = proxy.seen.length;
      const mailbox = await ecgrid.MailboxInfo({ MailboxID: 5001 });
      expect(mailbox?.MailboxID).toBe(5001);

      // Events: one start, one end, and between them each backend's part and every HTTP request, all with one callId.
      const start = events[0];
      expect(start).toMatchObject({ type: 'call-start', operation: 'MailboxInfo' });
      const callId = start?.type === 'call-start' ? start.callId : '';
      expect(callId).toMatch(/^[0-9a-f-]{36}$/);
      expect(events.at(-1)).toMatchObject({ type: 'call-end', callId, operation: 'MailboxInfo', ok: true });
      const http = events.filter((e) => e.type === 'http');
      expect(http.map((e) => `${e.backend}:${e.event.type}`)).toEqual(expect.arrayContaining(['soap:request', 'soap:response', 'rest:request', 'rest:response']));
      expect(new Set(events.map((e) => ('callId' in e ? e.callId : 'none')))).toEqual(new Set([callId]));
      expect(events.filter((e) => e.type === 'call').map((e) => e.type === 'call' && e.backend).sort()).toEqual(['rest', 'soap']);

      // The parity record of the comparison names the same call.
      expect(records.filter((r) => r.operation === 'MailboxInfo').map((r) => r.callId)).toEqual([callId]);

      // The pino log: the same story, with the callId on every line of the call.
      const lines = log.lines().filter((l) => l['callId'] === callId);
      expect(lines.find((l) => l['msg'] === 'ecgrid call ended')).toMatchObject({ level: 30, operation: 'MailboxInfo', ok: true });
      expect(lines.filter((l) => l['backend'] === 'soap' && (l['http'] as { type?: string } | undefined)?.type === 'request')).toHaveLength(1);
      expect(lines.filter((l) => l['backend'] === 'rest' && (l['http'] as { type?: string } | undefined)?.type === 'request')).toHaveLength(1);

      // The spans: the call, and under it one client span per backend, with the HTTP exchanges as span events.
      const spans = exporter.getFinishedSpans();
      const root = spans.find((s) => s.name === 'ecgrid MailboxInfo');
      expect(root?.attributes).toMatchObject({ 'ecgrid.operation': 'MailboxInfo', 'ecgrid.call_id': callId });
      const children = spans.filter((s) => s.parentSpanContext?.spanId === root?.spanContext().spanId);
      expect(children.map((s) => s.name).sort()).toEqual(['ecgrid MailboxInfo rest', 'ecgrid MailboxInfo soap']);
      const soapSpan = children.find((s) => s.name.endsWith('soap')) as ReadableSpan;
      expect(soapSpan.events.map((e) => e.name)).toEqual(['soap.request', 'soap.response']);
      expect(soapSpan.spanContext().traceId).toBe(root?.spanContext().traceId);

      // On the wire: both requests carry the W3C trace context of their backend span, and the hook's own header.
      const sent = proxy.seen.slice(before);
      const soapRequest = sent.find((r) => r.path === soapPath);
      const restRequest = sent.find((r) => r.path.startsWith('/v2/'));
      const restSpan = children.find((s) => s.name.endsWith('rest')) as ReadableSpan;
      expect(soapRequest?.headers['traceparent']).toBe(`00-${soapSpan.spanContext().traceId}-${soapSpan.spanContext().spanId}-01`);
      expect(restRequest?.headers['traceparent']).toBe(`00-${restSpan.spanContext().traceId}-${restSpan.spanContext().spanId}-01`);
      expect(soapRequest?.headers['x-job']).toBe('nightly');
      expect(restRequest?.headers['x-job']).toBe('nightly');
      expect(soapRequest?.headers['soapaction']).toBe('"https://os.ecgrid.io/MailboxInfo"');
      expect(hooked.filter((h) => h.callId === callId).map((h) => h.transport).sort()).toEqual(['rest', 'soap']);

      // No secret anywhere: not the password, not the SOAP SessionID, not the REST bearer token.
      const sessionIds = [...sandbox.admin.state().sessions.keys()];
      const tokens = proxy.seen.flatMap((r) => (typeof r.headers['authorization'] === 'string' ? [r.headers['authorization'].replace(/^Bearer /, '')] : []));
      expect(sessionIds.length).toBeGreaterThan(0);
      expect(tokens.length).toBeGreaterThan(0);
      const telemetry = [log.text(), JSON.stringify(events), JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })))].join('\n');
      for (const secret of [sandbox.credentials.password, ...sessionIds, ...tokens]) expect(telemetry).not.toContain(secret);
    } finally {
      await ecgrid.close();
    }
  });

  it('marks a failed call in its end event, its log line and its span, with the error code only', async () => {
    const events: FacadeEvent[] = [];
    const log = logSink();
    const ecgrid = createEcgridFacade({
      backend: 'soap',
      credentials: { loginName: sandbox.credentials.email, password: sandbox.credentials.password },
      soap: { endpoint: sandbox.soapUrl },
      onEvent: (e) => void events.push(e),
      logger: pino({ level: 'info' }, log.stream),
      env: {},
    });
    exporter.reset();
    try {
      // Mailbox 5003 is outside the demo user's scope.
      await expect(ecgrid.MailboxInfo({ MailboxID: 5003 })).rejects.toMatchObject({ code: 'Forbidden' });
    } finally {
      await ecgrid.close();
    }
    const end = events.find((e) => e.type === 'call-end' && e.operation === 'MailboxInfo');
    expect(end).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(log.lines().find((l) => l['msg'] === 'ecgrid call failed')).toMatchObject({ level: 40, operation: 'MailboxInfo', code: 'Forbidden' });
    const span = exporter.getFinishedSpans().find((s) => s.name === 'ecgrid MailboxInfo');
    expect(span?.status).toEqual({ code: 2, message: 'Forbidden' });
  });

  it('lets a request hook add headers but never replace a protocol or credential header, and refuses a bad header before sending', async () => {
    const soapPath = new URL(sandbox.soapUrl).pathname;
    const facade = (hook: () => Record<string, string>) =>
      createEcgridFacade({
        backend: 'parity',
        parity: { waitForCandidate: true },
        credentials: { apiKey: sandbox.credentials.apiKey },
        soap: { endpoint: `${proxy.url}${soapPath}` },
        rest: { baseUrl: proxy.url },
        requestHook: hook,
        env: {},
      });
    const pushy = facade(() => ({ soapaction: '"https://os.ecgrid.io/Logout"', 'x-api-key': 'not-the-key', 'content-type': 'text/plain' }));
    const before = proxy.seen.length;
    try {
      await pushy.MailboxInfo({ MailboxID: 5001 });
    } finally {
      await pushy.close();
    }
    const sent = proxy.seen.slice(before);
    expect(sent.find((r) => r.path === soapPath)?.headers).toMatchObject({ soapaction: '"https://os.ecgrid.io/MailboxInfo"', 'content-type': 'text/xml; charset=utf-8' });
    expect(sent.find((r) => r.path.startsWith('/v2/'))?.headers).toMatchObject({ 'x-api-key': sandbox.credentials.apiKey });

    const broken = facade(() => ({ 'X-Bad\r\nInjected': 'x' }));
    const count = proxy.seen.length;
    try {
      await expect(broken.MailboxInfo({ MailboxID: 5001 })).rejects.toThrow(/invalid header name/);
    } finally {
      await broken.close();
    }
    expect(proxy.seen.length).toBe(count);
  });

  it('keeps the caller’s own SOAP and REST listeners working beside the stream', async () => {
    const soapEvents: string[] = [];
    const restEvents: string[] = [];
    const ecgrid = createEcgridFacade({
      backend: 'parity',
      parity: { waitForCandidate: true },
      credentials: { apiKey: sandbox.credentials.apiKey },
      soap: { endpoint: sandbox.soapUrl, onEvent: (e) => void soapEvents.push(e.type) },
      rest: { baseUrl: sandbox.restUrl, onEvent: (e) => void restEvents.push(e.type) },
      env: {},
    });
    try {
      await ecgrid.MailboxInfo({ MailboxID: 5001 });
    } finally {
      await ecgrid.close();
    }
    expect(soapEvents).toEqual(['request', 'response']);
    expect(restEvents).toEqual(['request', 'response']);
  });
});
