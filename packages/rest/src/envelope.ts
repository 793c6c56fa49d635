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
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function parseJson(body: Buffer, contentType: string | undefined): Parsed {
  if (body.length === 0) return { ok: false, reason: 'an empty body' };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
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
  return (envelope.data ?? null) as T;
}
