import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RestApiError, apiKeyAuth, createRestClient } from '../src/index.js';
import { CANARY, recordingSleep } from './fixtures.js';
import { startLocalServer, type LocalServer } from './local-server.js';

// Real sockets on 127.0.0.1, in a file without nock (loaded, nock replaces http.request even for loopback).

describe('downloadToStream over a real socket', () => {
  let dir: string;
  let server: LocalServer | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rest-download-socket-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a body cut short and leaves no partial file', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '100000' });
      res.write(Buffer.alloc(5_000, 1));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const client = createRestClient({ baseUrl: server.url, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), sleep: recordingSleep() });
    const target = join(dir, 'cut.edi');
    const error = await client.downloadToStream({ parcelId: 1 }, target).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RestApiError);
    expect(error).toMatchObject({ kind: 'network', status: 0 });
    expect(await readdir(dir)).toEqual([]);
  });
});
