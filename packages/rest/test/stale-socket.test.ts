import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@ecgrid-bridge/core';
import { RestOutcomeUnknownError, type RestEvent, apiKeyAuth, createRestClient, jwtAuth } from '../src/index.js';

/**
 * Node 20 pools HTTP connections (keep-alive) and a server closes idle ones on its own clock, so a request can be
 * written to a socket the server already closed. This raw TCP server answers the first request of each connection
 * and resets the connection on any later one: what a client meets when its pooled socket was closed under it.
 */
interface ResettingServer {
  readonly origin: string;
  /** Requests seen, as `connection#:request# METHOD path`. */
  readonly seen: string[];
  close(): Promise<void>;
}

async function resettingServer(options: { resetFirstRequest?: boolean; data?: (path: string) => unknown } = {}): Promise<ResettingServer> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const connection = ++connections;
    let requests = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffered.slice(0, end);
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      buffered = buffered.slice(end + 4 + length);
      requests += 1;
      const [method = '', path = ''] = head.split(' ');
      seen.push(`${connection}:${requests} ${method} ${path}`);
      if (requests > 1 || options.resetFirstRequest) {
        socket.resetAndDestroy();
        return;
      }
      const body = Buffer.from(JSON.stringify({ success: true, data: options.data ? options.data(path) : true, errorCode: null, message: null }), 'utf8');
      socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`);
      socket.write(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let server: ResettingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clientOf = (origin: string, events: RestEvent[] = []) =>
  createRestClient({ baseUrl: origin, auth: apiKeyAuth({ apiKey: 'test-key-0123456789' }), allowInsecureHttp: true, retry: false, timeoutMs: 5_000, onEvent: (e) => events.push(e) });

describe('a pooled socket the server has closed', () => {
  it('is replaced for a write too: the POST is sent again on a new connection, once, and succeeds', async () => {
    server = await resettingServer();
    const events: RestEvent[] = [];
    const client = clientOf(server.origin, events);
    const write = () => client.request({ method: 'POST', path: '/v2/parcels/confirm', body: { parcelId: 1 } });
    expect(await write()).toBe(true);
    expect(await write()).toBe(true);
    expect(server.seen).toEqual(['1:1 POST /v2/parcels/confirm', '1:2 POST /v2/parcels/confirm', '2:1 POST /v2/parcels/confirm']);
    expect(events.filter((e) => e.type === 'retry')).toMatchObject([{ delayMs: 0, reason: 'network' }]);
  });

  it('is not a reason to resend a write whose connection was new: the outcome is unknown and it says so', async () => {
    server = await resettingServer({ resetFirstRequest: true });
    const client = clientOf(server.origin);
    const error = await client.request({ method: 'POST', path: '/v2/parcels/confirm', body: { parcelId: 1 } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RestOutcomeUnknownError);
    expect(server.seen).toEqual(['1:1 POST /v2/parcels/confirm']);
  });

  it('is replaced for a token refresh after a pause as well', async () => {
    const clock = new ManualClock(Date.parse('2026-05-07T10:00:00Z'));
    const expiresAt = (ms: number) => new Date(ms + 10 * 60_000).toISOString();
    server = await resettingServer({ data: (path) => (path.startsWith('/v2/auth/') ? { token: `t${clock.now()}`, expiresAt: expiresAt(clock.now()), userId: 7 } : true) });
    const auth = jwtAuth({ email: 'ops@example.com', password: 'Sandbox#Pass-2026', clock, env: {} });
    const client = createRestClient({ baseUrl: server.origin, auth, allowInsecureHttp: true, retry: false, timeoutMs: 5_000, clock });
    expect(await client.request({ method: 'GET', path: '/v2/users/me' })).toBe(true);
    clock.advance(11 * 60_000);
    expect(await client.request({ method: 'GET', path: '/v2/users/me' })).toBe(true);
    const refresh = server.seen.findIndex((s) => s.includes('/v2/auth/refresh'));
    expect(refresh).toBeGreaterThan(0);
    expect(server.seen.filter((s) => s.includes('/v2/auth/refresh')).map((s) => s.split(':')[1]?.startsWith('1 '))).toEqual([false, true]);
  });
});
