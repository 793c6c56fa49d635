import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SoapTransportError, createSoapClient } from '../src/index.js';
import { PATH, okEnvelope } from './support/envelopes.js';

/**
 * A keep-alive server closes idle connections on its own clock, so a pooled socket can be dead when the next request
 * is written to it. This raw TCP server answers the first request of each connection and resets the connection on
 * any later request, which is what the client meets when its pooled socket was closed under it.
 */
interface ResettingServer {
  readonly origin: string;
  /** Requests seen, as `connection#:request#`. */
  readonly seen: string[];
  close(): Promise<void>;
}

async function resettingServer(options: { resetFirstRequest?: boolean } = {}): Promise<ResettingServer> {
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
      const length = Number(/content-length:\s*(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      buffered = buffered.slice(end + 4 + length);
      requests += 1;
      seen.push(`${connection}:${requests}`);
      if (requests > 1 || options.resetFirstRequest) {
        socket.resetAndDestroy();
        return;
      }
      const body = Buffer.from(okEnvelope('Version', '4.1'), 'utf8');
      socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`);
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

describe('a pooled socket the server has closed', () => {
  it('is replaced: the request is sent again on a new connection, once, and the call succeeds', async () => {
    server = await resettingServer();
    const client = createSoapClient({ endpoint: `${server.origin}${PATH}`, timeoutMs: 5_000 });
    try {
      expect(await client.call('Version', {})).toBe('4.1');
      expect(await client.call('Version', {})).toBe('4.1');
      expect(server.seen).toEqual(['1:1', '1:2', '2:1']);
    } finally {
      client.close();
    }
  });

  it('is not a reason to resend when the connection was new: the reset is a typed network error', async () => {
    server = await resettingServer({ resetFirstRequest: true });
    const client = createSoapClient({ endpoint: `${server.origin}${PATH}`, timeoutMs: 5_000 });
    try {
      const err = await client.call('Version', {}).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(SoapTransportError);
      expect(err).toMatchObject({ kind: 'network', operation: 'Version' });
      expect(server.seen).toEqual(['1:1']);
    } finally {
      client.close();
    }
  });
});
