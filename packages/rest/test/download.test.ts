import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DOWNLOAD_ACCEPT,
  RestApiError,
  RestDestinationError,
  apiKeyAuth,
  createRestClient,
  parcelContentBytes,
  type RestClient,
} from '../src/index.js';
import { BASE, CANARY, fail, ok, recordingSleep, resetNock } from './helpers.js';

function collector(): Writable & { bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk);
      cb();
    },
  }) as Writable & { bytes(): Buffer };
  sink.bytes = () => Buffer.concat(chunks);
  return sink;
}

function client(baseUrl = BASE): RestClient {
  return createRestClient({ baseUrl, auth: apiKeyAuth({ apiKey: CANARY.apiKey }), sleep: recordingSleep() });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

const FILE = Buffer.from('ISA*00*          *00*          *ZZ*SENDER~GS*IN~ST*810*0001~SE*2*0001~GE*1*1~IEA*1*000000001~');

describe('downloadToStream', () => {
  let dir: string;

  beforeEach(async () => {
    resetNock();
    dir = await mkdtemp(join(tmpdir(), 'rest-download-'));
  });
  afterEach(async () => {
    nock.cleanAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a binary body, asking for octet-stream first', async () => {
    const scope = nock(BASE, { reqheaders: { accept: DOWNLOAD_ACCEPT, 'x-api-key': CANARY.apiKey } })
      .post('/v2/parcels/download', { parcelId: 987654321 })
      .reply(200, FILE, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(FILE.length),
        'Content-Disposition': 'attachment; filename="invoice_batch_20260507.edi"',
      });
    const sink = collector();
    const result = await client().downloadToStream({ parcelId: 987654321 }, sink);
    expect(result).toEqual({
      format: 'binary',
      bytes: FILE.length,
      fileName: 'invoice_batch_20260507.edi',
      contentType: 'application/octet-stream',
    });
    expect(sink.bytes().equals(FILE)).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('decodes the documented JSON envelope with base64 content', async () => {
    nock(BASE)
      .post('/v2/parcels/download')
      .reply(200, ok({ parcelId: 5, fileName: 'f.edi', content: FILE.toString('base64'), bytes: FILE.length }));
    const sink = collector();
    const result = await client().downloadToStream({ parcelId: 5 }, sink);
    expect(result).toMatchObject({ format: 'json-base64', bytes: FILE.length, fileName: 'f.edi' });
    expect(sink.bytes().equals(FILE)).toBe(true);
  });

  it('writes a file path through a temporary file', async () => {
    nock(BASE).post('/v2/parcels/download').reply(200, FILE, { 'Content-Type': 'application/octet-stream' });
    const target = join(dir, 'parcel.edi');
    await client().downloadToStream({ parcelId: 1 }, target);
    expect((await readFile(target)).equals(FILE)).toBe(true);
    expect(await readdir(dir)).toEqual(['parcel.edi']);
  });

  it('retries a 5xx before anything was written', async () => {
    nock(BASE)
      .post('/v2/parcels/download')
      .reply(503, 'busy')
      .post('/v2/parcels/download')
      .reply(200, FILE, { 'Content-Type': 'application/octet-stream' });
    const sink = collector();
    await client().downloadToStream({ parcelId: 1 }, sink);
    expect(sink.bytes().equals(FILE)).toBe(true);
  });

  it('surfaces an error envelope as a typed error', async () => {
    nock(BASE).post('/v2/parcels/download').reply(404, fail('ObjectNotFound', 'no parcel'));
    const error = await rejection(client().downloadToStream({ parcelId: 1 }, collector()));
    expect(error).toMatchObject({ kind: 'api', status: 404, errorCode: 'ObjectNotFound' });
  });

  it('rejects a JSON answer over maxJsonBytes without retrying', async () => {
    let calls = 0;
    nock(BASE)
      .post('/v2/parcels/download')
      .times(3)
      .reply(() => {
        calls += 1;
        return [200, ok({ content: 'A'.repeat(4_000) }), { 'Content-Type': 'application/json' }];
      });
    const error = await rejection(client().downloadToStream({ parcelId: 1 }, collector(), { maxJsonBytes: 1_000 }));
    expect(error).toMatchObject({ kind: 'bad-body', status: 200 });
    expect(calls).toBe(1);
  });

  it('rejects content that is not base64', async () => {
    nock(BASE).post('/v2/parcels/download').reply(200, ok({ parcelId: 1, fileName: 'x', content: '***not base64***', bytes: 3 }));
    expect(await rejection(client().downloadToStream({ parcelId: 1 }, collector()))).toMatchObject({ kind: 'bad-body' });
  });

  it('reports a destination that fails as a destination error', async () => {
    nock(BASE).post('/v2/parcels/download').reply(200, FILE, { 'Content-Type': 'application/octet-stream' });
    const broken = new Writable({
      write(_chunk, _e, cb) {
        cb(new Error('disk full'));
      },
    });
    const error = await rejection(client().downloadToStream({ parcelId: 1 }, broken));
    expect(error).toBeInstanceOf(RestDestinationError);
  });

  it('reports a file path in a missing folder as a destination error', async () => {
    nock(BASE).post('/v2/parcels/download').reply(200, FILE, { 'Content-Type': 'application/octet-stream' });
    const error = await rejection(client().downloadToStream({ parcelId: 1 }, join(dir, 'missing', 'p.edi')));
    expect(error).toBeInstanceOf(RestDestinationError);
  });

  it('leaves a Writable open when end is false', async () => {
    nock(BASE).post('/v2/parcels/download').reply(200, FILE, { 'Content-Type': 'application/octet-stream' });
    const sink = collector();
    await client().downloadToStream({ parcelId: 1 }, sink, { end: false });
    expect(sink.writableEnded).toBe(false);
  });
});

describe('non-streaming download', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('returns the documented data and decodes its content', async () => {
    const data = { parcelId: 987654321, fileName: 'f.edi', content: FILE.toString('base64'), bytes: FILE.length };
    nock(BASE).post('/v2/parcels/download', { parcelId: 987654321 }).reply(200, ok(data));
    const result = await client().api.parcels.download({ parcelId: 987654321 });
    expect(result).toEqual(data);
    expect(parcelContentBytes(result).equals(FILE)).toBe(true);
  });

  it('refuses a content that is not base64', () => {
    expect(() => parcelContentBytes({ parcelId: 1, fileName: 'f', content: '%%%', bytes: 1 })).toThrow(RestApiError);
  });
});
