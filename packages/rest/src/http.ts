import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { HttpRequest, HttpResponse } from './types.js';

/** Error bodies of streamed requests are read up to this size (an error page needs no more). */
const MAX_ERROR_BODY_BYTES = 1024 * 1024;

/**
 * Network error codes that prove the request never reached the server: no connection, no address, or a TLS
 * certificate refused during the handshake (before any byte of the request was written).
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * One attempt that produced no response. Internal: the client turns it into a RestApiError (or a
 * RestOutcomeUnknownError) once it knows whether the request may be repeated. Holds no axios object.
 */
export class AttemptFailure extends Error {
  constructor(
    readonly reason: 'network' | 'interrupted',
    /** False only when the request provably never reached the server. */
    readonly maybeSent: boolean,
    readonly original: unknown,
    /**
     * The request was written to a pooled keep-alive socket the server had already closed, and the connection was
     * reset before any response: the server never read it, so it may be sent again on a new connection.
     */
    readonly staleSocket = false,
  ) {
    super(reason);
    this.name = 'AttemptFailure';
  }
}

export interface TransportOptions {
  maxResponseBytes?: number | undefined;
  httpAgent?: HttpAgent | undefined;
  httpsAgent?: HttpsAgent | undefined;
}

/**
 * A plain axios instance: no interceptors, no redirects (a 3xx comes back as a response), no proxy from the
 * environment (axios would send https requests through a plain-http proxy in clear text), every status returned
 * as a response, bodies kept as bytes so that the envelope decoder sees exactly what was sent.
 */
export function createAxios(options: TransportOptions): AxiosInstance {
  return axios.create({
    maxRedirects: 0,
    proxy: false,
    validateStatus: () => true,
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    maxContentLength: options.maxResponseBytes ?? -1,
    maxBodyLength: -1,
    httpAgent: options.httpAgent,
    httpsAgent: options.httpsAgent,
  });
}

/** Sends one request; resolves with any HTTP response, rejects with an {@link AttemptFailure} when none came. */
export async function sendOnce(http: AxiosInstance, request: HttpRequest): Promise<HttpResponse> {
  if (request.signal.aborted) throw new AttemptFailure('interrupted', false, request.signal.reason);
  let response: AxiosResponse<unknown>;
  try {
    response = await http.request({
      method: request.method,
      url: request.url,
      // Without a body, axios would still label a POST as form-urlencoded; `false` keeps the header out.
      headers: request.body === undefined ? { ...request.headers, 'Content-Type': false } : request.headers,
      data: request.body,
      responseType: request.responseType === 'stream' ? 'stream' : 'arraybuffer',
      signal: request.signal,
    });
  } catch (error) {
    throw toAttemptFailure(error, request.signal);
  }
  const headers = normalizeHeaders(response.headers as Record<string, unknown>);
  const status = response.status;
  if (request.responseType === 'stream') {
    const stream = response.data as Readable;
    if (status >= 200 && status < 300) return { status, headers, body: stream };
    try {
      return { status, headers, body: await readCapped(stream, MAX_ERROR_BODY_BYTES) };
    } catch (error) {
      throw toAttemptFailure(error, request.signal);
    }
  }
  return { status, headers, body: toBuffer(response.data) };
}

function toAttemptFailure(error: unknown, signal: AbortSignal): AttemptFailure {
  if (signal.aborted) return new AttemptFailure('interrupted', true, error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNRESET' && onReusedSocket(error)) return new AttemptFailure('network', false, error, true);
  const notSent = typeof code === 'string' && NOT_SENT_CODES.has(code);
  return new AttemptFailure('network', !notSent, error);
}

/** Whether the failed request went out on a pooled socket (Node's ClientRequest.reusedSocket) and got no response. */
function onReusedSocket(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const request: unknown = Reflect.get(error, 'request');
  const response: unknown = Reflect.get(error, 'response');
  return response === undefined && typeof request === 'object' && request !== null && Reflect.get(request, 'reusedSocket') === true;
}

function normalizeHeaders(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const source = typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): Record<string, unknown> }).toJSON() : raw;
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  return Buffer.alloc(0);
}

async function readCapped(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    const room = limit - size;
    if (room <= 0) break;
    chunks.push(buffer.length > room ? buffer.subarray(0, room) : buffer);
    size += Math.min(buffer.length, room);
    if (size >= limit) break;
  }
  stream.destroy();
  return Buffer.concat(chunks);
}
