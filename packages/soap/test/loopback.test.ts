import http from 'node:http';
import { types } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoapTransportError, createSoapClient } from '../src/index.js';
import { type LoopbackServer, drip, startLoopback } from './support/loopback.js';
import { STILL_PENDING, rejectionOf, rejectionWithin } from './support/outcome.js';

// Real node:http servers on 127.0.0.1 and ephemeral ports. Nock must not be loaded in this file (not even through
// support/wire.ts): it intercepts loopback requests too and answers them through its own socket stand-in, on which a
// whole-call deadline and an idle-socket timeout look alike.
const PATH = '/v4.1/prod/ECGridOS.asmx';

describe('over real loopback sockets', () => {
  let dripping: LoopbackServer;
  let silent: LoopbackServer;
  beforeAll(async () => {
    dripping = await startLoopback(drip(50));
    silent = await startLoopback(() => undefined);
  });
  afterAll(async () => {
    await Promise.all([dripping.close(), silent.close()]);
  });

  it('runs with node’s own http.request, not one wrapped by an interceptor', () => {
    expect(types.isProxy(http.request)).toBe(false);
    expect(types.isProxy(http.ClientRequest)).toBe(false);
  });

  it('bounds the whole call: a server dripping a byte every 50 ms hits the timeout', async () => {
    // A byte every 50 ms keeps the socket busy, so an idle-socket timeout of 300 ms would never fire; only a deadline
    // on the whole exchange ends this call. Give up after 2 s so a broken deadline fails here instead of hanging.
    const client = createSoapClient({ endpoint: `${dripping.origin}${PATH}`, timeoutMs: 300 });
    try {
      const started = performance.now();
      const err = await rejectionWithin(client.call('Version', {}), 2_000);
      const elapsed = performance.now() - started;
      expect(err, 'the call was still running after 2 s: the timeout is not a whole-call deadline').not.toBe(STILL_PENDING);
      expect(err).toBeInstanceOf(SoapTransportError);
      expect(err).toMatchObject({ kind: 'timeout', operation: 'Version', httpStatus: 0 });
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1_500);
      expect(dripping.hits).toBe(1);
    } finally {
      client.close();
    }
  }, 5_000);

  it('applies a per-call timeout to a server that never answers', async () => {
    const client = createSoapClient({ endpoint: `${silent.origin}${PATH}` });
    try {
      const err = await rejectionWithin(client.call('Version', {}, { timeoutMs: 150 }), 2_000);
      expect(err).toMatchObject({ name: 'SoapTransportError', kind: 'timeout' });
    } finally {
      client.close();
    }
  }, 5_000);

  it('stops on an AbortSignal, before sending or while waiting', async () => {
    const client = createSoapClient({ endpoint: `${silent.origin}${PATH}` });
    try {
      expect(await rejectionOf(client.call('Version', {}, { signal: AbortSignal.abort() }))).toMatchObject({ kind: 'aborted' });
      const controller = new AbortController();
      const pending = client.call('Version', {}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      expect(await rejectionWithin(pending, 2_000)).toMatchObject({ name: 'SoapTransportError', kind: 'aborted' });
    } finally {
      client.close();
    }
  }, 5_000);

  it('turns a connection cut in the middle of the answer into a network error', async () => {
    const cut = await startLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': '5000' });
      res.write('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>', () =>
        res.destroy(),
      );
    });
    const client = createSoapClient({ endpoint: `${cut.origin}${PATH}` });
    try {
      expect(await rejectionWithin(client.call('Version', {}), 2_000)).toMatchObject({ name: 'SoapTransportError', kind: 'network' });
    } finally {
      client.close();
      await cut.close();
    }
  }, 5_000);

  it('turns a refused connection into a network error', async () => {
    const closed = await startLoopback(() => undefined);
    const endpoint = `${closed.origin}${PATH}`;
    await closed.close();
    const client = createSoapClient({ endpoint });
    try {
      expect(await rejectionWithin(client.call('Version', {}), 2_000)).toMatchObject({ name: 'SoapTransportError', kind: 'network' });
    } finally {
      client.close();
    }
  }, 5_000);
});
