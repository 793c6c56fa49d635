import type { Redactor } from '@ecgrid-bridge/core';
import { RestApiError } from './errors.js';
import { parseRetryAfter } from './retry.js';
import type { BufferedResponse } from './types.js';

/** The shape of every ECGrid REST answer. */
export interface RestEnvelope<T> {
  success: boolean;
  data: T | null;
  errorCode: string | null;
  message: string | null;
}

export interface DecodeContext {
  method: string;
  path: string;
  redactor: Redactor;
  nowMs: number;
  /**
   * The caller was promised a value: `success: true` with `data: null` (or no `data`) is a `bad-body` error rather
   * than a null result. Off for endpoints that document null data (logout) and for the untyped `request`.
   */
  requireData?: boolean;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The body as text, without the UTF-8 byte order mark some servers (IIS, .NET) put in front of JSON. */
export function bodyText(body: Buffer): string {
  const start = body.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  const text = body.toString('utf8', start);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseJson(body: Buffer, contentType: string | undefined): Parsed {
  if (body.length === 0) return { ok: false, reason: 'an empty body' };
  const text = bodyText(body);
  if (text.trim() === '') return { ok: false, reason: 'an empty body' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const type = contentType ? contentType.split(';')[0]!.trim() : 'no content type';
    return { ok: false, reason: `a body that is not valid JSON (${type}, ${body.length} bytes)` };
  }
}

function isEnvelope(value: unknown): value is RestEnvelope<unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { success?: unknown }).success === 'boolean';
}

/** The envelope's `errorCode` of a buffered response, if it has one; never throws. */
export function peekErrorCode(response: BufferedResponse): string | null {
  const parsed = parseJson(response.body, response.headers['content-type']);
  if (!parsed.ok || !isEnvelope(parsed.value)) return null;
  const code = parsed.value.errorCode;
  return typeof code === 'string' ? code : null;
}

/**
 * Returns the envelope's `data` for a 2xx answer with `success: true`; any other answer becomes one
 * {@link RestApiError}. The server's message is kept (scrubbed of known secrets); bodies are never copied into
 * errors, since an HTML error page may echo anything.
 */
export function decodeEnvelope<T>(response: BufferedResponse, ctx: DecodeContext): T {
  const { status } = response;
  const where = `${ctx.method} ${ctx.path}`;
  const fail = (kind: 'api' | 'http' | 'bad-body' | 'redirect', message: string, serverErrorCode?: string | null): RestApiError =>
    new RestApiError(message, {
      kind,
      status,
      method: ctx.method,
      path: ctx.path,
      serverErrorCode: serverErrorCode ?? null,
      retryAfterMs: status === 429 ? parseRetryAfter(response.headers['retry-after'], ctx.nowMs) : undefined,
      redactor: ctx.redactor,
    });

  if (status >= 300 && status < 400) {
    throw fail('redirect', `${where} answered HTTP ${status} (a redirect); redirects are not followed so that credentials stay with the configured host.`);
  }
  const parsed = parseJson(response.body, response.headers['content-type']);
  if (!parsed.ok) throw fail('bad-body', `${where} answered HTTP ${status} with ${parsed.reason}.`);
  if (!isEnvelope(parsed.value)) {
    throw fail('bad-body', `${where} answered HTTP ${status} with JSON that is not an ECGrid envelope (no boolean "success").`);
  }
  const envelope = parsed.value;
  const code = typeof envelope.errorCode === 'string' && envelope.errorCode !== '' ? envelope.errorCode : null;
  const serverMessage = typeof envelope.message === 'string' && envelope.message !== '' ? envelope.message : null;
  if (!envelope.success) {
    const detail = serverMessage ? `: ${serverMessage}` : '';
    throw fail('api', `${where} failed with ${code ?? 'no error code'} (HTTP ${status})${detail}`, code);
  }
  if (status < 200 || status >= 300) {
    throw fail('http', `${where} answered HTTP ${status} although its envelope says success.`, code);
  }
  const data = envelope.data ?? null;
  if (data === null && ctx.requireData) {
    throw fail('bad-body', `${where} answered success with no data (data: null), where the endpoint documents a value.`, code);
  }
  return data as T;
}
