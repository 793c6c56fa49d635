import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoapProtocolError, SoapTransportError, createSoapClient } from '../src/index.js';
import { PATH, fault11, okEnvelope } from './support/envelopes.js';
import { type LoopbackServer, startLoopback } from './support/loopback.js';
import { rejectionOf } from './support/outcome.js';

// Compressed answers over real loopback sockets (no nock in this file: the bytes are exactly what the server sent).

type Reply = { status?: number; encoding?: string; body: Buffer };

describe('compressed SOAP answers', () => {
  let server: LoopbackServer;
  let next: Reply = { body: Buffer.alloc(0) };
  let acceptEncoding: string | undefined;
  beforeAll(async () => {
    server = await startLoopback((req, res) => {
      acceptEncoding = req.headers['accept-encoding'];
      res.writeHead(next.status ?? 200, {
        'Content-Type': 'text/xml; charset=utf-8',
        ...(next.encoding ? { 'Content-Encoding': next.encoding } : {}),
      });
      res.end(next.body);
    });
  });
  afterAll(() => server.close());

  const call = async (reply: Reply, maxResponseBytes?: number) => {
    next = reply;
    const client = createSoapClient({ endpoint: `${server.origin}${PATH}`, maxResponseBytes });
    try {
      return await client.call('Version', {});
    } finally {
      client.close();
    }
  };
  const version = Buffer.from(okEnvelope('Version', 'v4.1 gzip'));

  it('asks for gzip and deflate', async () => {
    await call({ body: version });
    expect(acceptEncoding).toBe('gzip, deflate');
  });

  it.each([
    ['gzip', gzipSync(version)],
    ['x-gzip', gzipSync(version)],
    ['deflate', deflateSync(version)],
    ['deflate (raw, as some servers send it)', deflateRawSync(version)],
  ])('decodes a %s body', async (name, body) => {
    expect(await call({ encoding: name.split(' ')[0], body })).toBe('v4.1 gzip');
  });

  it('decodes a compressed fault', async () => {
    const err = await rejectionOf(call({ status: 500, encoding: 'gzip', body: gzipSync(fault11('soap:Client', 'Invalid Session ID', 'Authentication')) }));
    expect(err).toMatchObject({ name: 'SoapFaultError', errorCode: 'Authentication', faultString: 'Invalid Session ID' });
  });

  it('refuses a decompression bomb with a typed too-large error, bounded after decompression', async () => {
    // 64 MiB of zeros inside a SOAP body: about 64 KiB on the wire.
    const bomb = gzipSync(Buffer.concat([Buffer.from(okEnvelope('Version', '').slice(0, 200)), Buffer.alloc(64 * 1024 * 1024, 0x20)]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const err = await rejectionOf(call({ encoding: 'gzip', body: bomb }, 1024 * 1024));
    expect(err).toBeInstanceOf(SoapTransportError);
    expect(err).toMatchObject({ kind: 'too-large', operation: 'Version' });
    expect((err as Error).message).toMatch(/1048576 bytes once decompressed/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('bounds the compressed bytes on the wire too', async () => {
    const random = gzipSync(Buffer.from(Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('')));
    const err = await rejectionOf(call({ encoding: 'gzip', body: random }, 64 * 1024));
    expect(err).toMatchObject({ name: 'SoapTransportError', kind: 'too-large' });
  });

  it('refuses a corrupt gzip body as a protocol error', async () => {
    const broken = gzipSync(version).subarray(0, 40);
    const err = await rejectionOf(call({ encoding: 'gzip', body: broken }));
    expect(err).toBeInstanceOf(SoapProtocolError);
    expect(err).toMatchObject({ kind: 'bad-encoding' });
  });

  it('refuses an encoding it did not ask for', async () => {
    const err = await rejectionOf(call({ encoding: 'br', body: version }));
    expect(err).toMatchObject({ name: 'SoapProtocolError', kind: 'bad-encoding' });
    expect((err as Error).message).toContain('br');
  });
});
