import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { RestApiError, RestOutcomeUnknownError, apiKeyAuth, createRestClient } from '../src/index.js';
import { CANARY, ok } from './fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

let server: LocalServer | undefined;
const timers = new Set<ReturnType<typeof setInterval>>();

afterEach(async () => {
  for (const t of timers) clearInterval(t);
  timers.clear();
  await server?.close();
  server = undefined;
});

/** Answers 200 at once, then sends one byte every 10 ms, forever. */
async function drippingServer(contentType: string): Promise<LocalServer> {
  return startLocalServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType });
    res.write(contentType.includes('json') ? '{"success":true,"data":"' : 'x');
    const timer = setInterval(() => res.write('a'), 10);
    timers.add(timer);
    res.on('close', () => clearInterval(timer));
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('the timeout bounds the whole call', () => {
  it('cuts off a JSON body that drips forever', async () => {
    server = await drippingServer('application/json');
    const client = createRestClient({ baseUrl: server.url, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), timeoutMs: 250 });
    const error = await rejection(client.api.users.me());
    expect(error).toBeInstanceOf(RestApiError);
    expect(error).toMatchObject({ kind: 'timeout', status: 0 });
  });

  it('cuts off a streamed download that drips forever', async () => {
    server = await drippingServer('application/octet-stream');
    const client = createRestClient({ baseUrl: server.url, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), timeoutMs: 250 });
    let received = 0;
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        received += chunk.length;
        cb();
      },
    });
    const error = await rejection(client.downloadToStream({ parcelId: 1 }, sink));
    expect(error).toMatchObject({ kind: 'timeout', status: 0 });
    expect(received).toBeGreaterThan(0);
  });

  it('cuts off an upload whose answer drips forever as outcome-unknown', async () => {
    let requests = 0;
    server = await startLocalServer((req, res) => {
      requests += 1;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 10);
        timers.add(timer);
        res.on('close', () => clearInterval(timer));
      });
    });
    const client = createRestClient({ baseUrl: server.url, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), timeoutMs: 250 });
    const error = await rejection(client.api.parcels.upload({ fileName: 'a.edi', content: 'SVNB' }));
    expect(error).toBeInstanceOf(RestOutcomeUnknownError);
    expect(requests).toBe(1);
  });

  it('cuts off a server that never answers', async () => {
    server = await startLocalServer(() => {
      // Never responds.
    });
    const client = createRestClient({ baseUrl: server.url, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), timeoutMs: 150, retry: false });
    expect(await rejection(client.api.auth.version())).toMatchObject({ kind: 'timeout' });
  });

  it('works end to end against a real loopback server', async () => {
    server = await startLocalServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(ok({ key: req.headers['x-api-key'] === CANARY.apiKey })));
    });
    const client = createRestClient({ baseUrl: server.url, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    expect(await client.request({ method: 'GET', path: '/v2/anything' })).toEqual({ key: true });
  });
});
