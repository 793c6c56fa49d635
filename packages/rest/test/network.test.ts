import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RestApiError, RestOutcomeUnknownError, apiKeyAuth, createRestClient } from '../src/index.js';
import { CANARY } from './fixtures.js';
import { startLocalServer } from './local-server.js';

// Real sockets on 127.0.0.1 (no nock in this file): what a network failure leaves in the typed error.

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<RestApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RestApiError);
  return error as RestApiError;
}

const client = (baseUrl: string) =>
  createRestClient({ baseUrl, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), retry: false, allowInsecureHttp: true, timeoutMs: 10_000 });

/** The sanitized cause chain, outermost first. */
function causes(error: unknown): Array<Error & { code?: string }> {
  const out: Array<Error & { code?: string }> = [];
  for (let c = (error as { cause?: unknown }).cause; c instanceof Error && out.length < 5; c = (c as { cause?: unknown }).cause) out.push(c);
  return out;
}

describe('a REST network failure keeps its reason', () => {
  it('ECONNREFUSED: in the message, in networkCode and in the sanitized cause', async () => {
    const port = await closedPort();
    const error = await failure(client(`http://127.0.0.1:${port}`).api.users.me());
    expect(error).toMatchObject({ kind: 'network', status: 0, networkCode: 'ECONNREFUSED' });
    expect(error.message).toMatch(/failed on the network \(ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
    expect(causes(error)[0]).toMatchObject({ code: 'ECONNREFUSED' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ networkCode: 'ECONNREFUSED' });
  });

  it('ECONNREFUSED on a POST that is not idempotent: nothing was sent, so no outcome-unknown', async () => {
    const port = await closedPort();
    const error = await failure(client(`http://127.0.0.1:${port}`).api.parcels.upload({ fileName: 'f.edi', content: 'SVNB' }));
    expect(error).not.toBeInstanceOf(RestOutcomeUnknownError);
    expect(error).toMatchObject({ kind: 'network', networkCode: 'ECONNREFUSED' });
  });

  it('ENOTFOUND (or EAI_AGAIN without a resolver)', async () => {
    const error = await failure(client('http://no-such-host.invalid').api.users.me());
    expect(error.kind).toBe('network');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(error.networkCode);
    expect(error.message).toContain(`(${error.networkCode}: `);
    expect(causes(error)[0]?.code).toBe(error.networkCode);
  });

  it('a TLS failure: https to a server that speaks plain http', async () => {
    const server = await startLocalServer((_req, res) => res.end('plain'));
    try {
      const error = await failure(client(server.url.replace('http:', 'https:')).api.users.me());
      expect(error.kind).toBe('network');
      expect(error.networkCode).toMatch(/^(EPROTO|ERR_SSL_)/);
      expect(error.message).toMatch(/SSL|TLS|wrong version/i);
      expect(causes(error).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('keeps the last network reason when the deadline ends a retry pause', async () => {
    const port = await closedPort();
    const c = createRestClient({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: apiKeyAuth({ apiKey: CANARY.apiKey }),
      retry: { retries: 5, baseDelayMs: 10, maxDelayMs: 10 },
      timeoutMs: 500,
      sleep: (_ms, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    });
    const error = await failure(c.api.users.me());
    expect(error.kind).toBe('timeout');
    expect(causes(error)[0]).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
