import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Redactor } from '@ecgrid-bridge/core';
import { FinalFailure, type Finish, type FinishContext } from './call.js';
import { decodeEnvelope } from './envelope.js';
import { RestApiError, RestDestinationError } from './errors.js';
import type { CallOptions } from './endpoints/common.js';
import type { ParcelDownloadData } from './endpoints/parcels.js';
import { AttemptFailure } from './http.js';
import type { BufferedResponse, HttpResponse } from './types.js';

/** A writable stream, or a file path (written to a temporary file next to it and renamed when complete). */
export type DownloadDestination = Writable | string;

export interface DownloadOptions extends CallOptions {
  /**
   * A JSON answer (the file base64-encoded in `data.content`) has to be read whole before it can be decoded;
   * it is accepted up to this many bytes (default 64 MiB). Binary answers are streamed whatever their size.
   */
  maxJsonBytes?: number | undefined;
  /** End a Writable destination when done (default true). */
  end?: boolean | undefined;
}

export interface DownloadResult {
  /** `binary`: the body was the file itself; `json-base64`: the ECGrid envelope with base64 `content`. */
  format: 'binary' | 'json-base64';
  /** Bytes written to the destination. */
  bytes: number;
  fileName: string | undefined;
  contentType: string | undefined;
}

/** What the streaming download asks for: the raw file first, the documented JSON envelope as a fallback. */
export const DOWNLOAD_ACCEPT = 'application/octet-stream, application/json;q=0.5';

export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;

class TooLarge extends Error {}

/**
 * The end of a streamed parcel download. A binary (`application/octet-stream` or any non-JSON type) 2xx body is
 * piped to the destination without being held in memory, and checked against `Content-Length`. A JSON body is
 * the documented envelope: it is read (bounded by `maxJsonBytes`), its base64 `content` decoded and written.
 * Once bytes have gone to the destination a failure is final: the call is not retried.
 */
export function downloadFinisher(destination: DownloadDestination, options: DownloadOptions = {}): Finish<DownloadResult> {
  const maxJsonBytes = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  return async (response, ctx) => {
    const contentType = response.headers['content-type'];
    if (Buffer.isBuffer(response.body) || response.status < 200 || response.status >= 300) {
      return writeJson(await toBuffered(response, ctx, maxJsonBytes), destination, options, ctx, contentType);
    }
    if (isJson(contentType)) {
      return writeJson(await toBuffered(response, ctx, maxJsonBytes), destination, options, ctx, contentType);
    }
    return writeBinary(response, response.body as Readable, destination, options, ctx);
  };
}

/** The bytes of a non-streamed download's base64 `content`; a malformed value is a `bad-body` error. */
export function parcelContentBytes(data: ParcelDownloadData, path = '/v2/parcels/download'): Buffer {
  const bytes = typeof data?.content === 'string' ? decodeBase64(data.content) : undefined;
  if (!bytes) {
    throw new RestApiError(`POST ${path} returned a parcel whose content is not base64.`, {
      kind: 'bad-body',
      status: 200,
      method: 'POST',
      path,
    });
  }
  return bytes;
}

async function toBuffered(response: HttpResponse, ctx: FinishContext, limit: number): Promise<BufferedResponse> {
  if (Buffer.isBuffer(response.body)) return { ...response, body: response.body };
  try {
    return { ...response, body: await readAll(response.body, limit) };
  } catch (error) {
    if (error instanceof TooLarge) {
      throw new FinalFailure(
        new RestApiError(`${ctx.method} ${ctx.path} answered with a JSON body over ${limit} bytes; ask the server for application/octet-stream or raise maxJsonBytes.`, {
          kind: 'bad-body',
          status: response.status,
          method: ctx.method,
          path: ctx.path,
          redactor: ctx.redactor,
        }),
      );
    }
    // Nothing has been written yet, so this failure is as retryable as any other.
    throw new AttemptFailure(ctx.deadline.aborted ? 'interrupted' : 'network', true, error);
  }
}

async function writeJson(
  response: BufferedResponse,
  destination: DownloadDestination,
  options: DownloadOptions,
  ctx: FinishContext,
  contentType: string | undefined,
): Promise<DownloadResult> {
  const data = decodeEnvelope<ParcelDownloadData | null>(response, { ...ctx, nowMs: ctx.clock.now() });
  if (!data || typeof data !== 'object') {
    throw new RestApiError(`${ctx.method} ${ctx.path} succeeded but returned no parcel.`, {
      kind: 'bad-body',
      status: response.status,
      method: ctx.method,
      path: ctx.path,
      redactor: ctx.redactor,
    });
  }
  const bytes = parcelContentBytes(data, ctx.path);
  const sink = openSink(destination, options.end ?? true);
  try {
    await pipeline(Readable.from([bytes]), sink.stream, { end: sink.end });
    await sink.commit();
  } catch (error) {
    await sink.discard();
    throw new FinalFailure(destinationError(ctx, error, ctx.redactor));
  }
  return { format: 'json-base64', bytes: bytes.length, fileName: typeof data.fileName === 'string' ? data.fileName : undefined, contentType };
}

async function writeBinary(
  response: HttpResponse,
  body: Readable,
  destination: DownloadDestination,
  options: DownloadOptions,
  ctx: FinishContext,
): Promise<DownloadResult> {
  const sink = openSink(destination, options.end ?? true);
  // pipeline() passes a source failure on to the destination, so only a destination error seen while the
  // source was still healthy is the destination's fault.
  let sourceFailed = false;
  let sinkFailure: unknown;
  body.once('error', () => {
    sourceFailed = true;
  });
  sink.stream.once('error', (error) => {
    if (!sourceFailed) sinkFailure ??= error;
  });
  let written = 0;
  // Counted by a listener beside the pipe rather than by an extra stream stage, which would add its own buffer.
  body.on('data', (chunk: Buffer) => {
    written += chunk.length;
  });
  try {
    await pipeline(body, sink.stream, { end: sink.end });
  } catch (error) {
    await sink.discard();
    if (sinkFailure !== undefined && !ctx.deadline.aborted) {
      throw new FinalFailure(destinationError(ctx, sinkFailure, ctx.redactor));
    }
    const kind = ctx.deadline.timedOut ? 'timeout' : ctx.deadline.aborted ? 'aborted' : 'network';
    const what = kind === 'timeout' ? `did not complete within ${ctx.deadline.timeoutMs} ms` : kind === 'aborted' ? 'was aborted' : 'broke off';
    throw new FinalFailure(
      new RestApiError(`${ctx.method} ${ctx.path} ${what} after ${written} bytes of the parcel; the destination is incomplete.`, {
        kind,
        status: 0,
        method: ctx.method,
        path: ctx.path,
        cause: error,
        redactor: ctx.redactor,
      }),
    );
  }
  const declared = response.headers['content-length'];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) !== written) {
    await sink.discard();
    throw new FinalFailure(
      new RestApiError(`${ctx.method} ${ctx.path} delivered ${written} of ${declared} declared bytes; the parcel is truncated.`, {
        kind: 'bad-body',
        status: response.status,
        method: ctx.method,
        path: ctx.path,
        redactor: ctx.redactor,
      }),
    );
  }
  try {
    await sink.commit();
  } catch (error) {
    await sink.discard();
    throw new FinalFailure(destinationError(ctx, error, ctx.redactor));
  }
  return {
    format: 'binary',
    bytes: written,
    fileName: fileNameFrom(response.headers['content-disposition']),
    contentType: response.headers['content-type'],
  };
}

interface Sink {
  stream: Writable;
  end: boolean;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

function openSink(destination: DownloadDestination, end: boolean): Sink {
  if (typeof destination !== 'string') {
    return { stream: destination, end, commit: async () => undefined, discard: async () => undefined };
  }
  const partial = `${destination}.${randomUUID()}.partial`;
  return {
    stream: createWriteStream(partial, { flags: 'wx' }),
    end: true,
    commit: () => rename(partial, destination),
    discard: () => unlink(partial).catch(() => undefined),
  };
}

function destinationError(ctx: FinishContext, cause: unknown, redactor: Redactor): RestDestinationError {
  return new RestDestinationError(`${ctx.method} ${ctx.path}: the parcel could not be written to its destination.`, cause, redactor);
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > limit) throw new TooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

function fileNameFrom(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  return plain ? (plain[2] ?? plain[1]!.trim()) : undefined;
}
