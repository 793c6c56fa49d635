import { RestApiError, RestAuthError, type RestFailureKind } from './errors.js';
import { bodyText, parseJson, type DecodeContext } from './envelope.js';
import { parseRetryAfter } from './retry.js';
import type { BufferedResponse } from './types.js';

/**
 * How an API without the ECGrid envelope answers (the client key/secret API of seed 003: `api/api-info`,
 * `api/request-token`): plain JSON, or a `text/plain` body that is the whole answer (the raw JWT).
 */
export type PlainFormat = 'json' | 'text';

/**
 * Error codes of such APIs that mean "this credential is refused" (OAuth 2.0, RFC 6749 §5.2 and RFC 6750 §3.1, which
 * the seed-003 API follows): the failure is classified as `auth` whatever the status.
 */
export const PLAIN_AUTH_ERROR_CODES: ReadonlySet<string> = new Set([
  'invalid_client',
  'invalid_token',
  'invalid_grant',
  'unauthorized_client',
  'access_denied',
  'insufficient_scope',
  'invalid_api_key',
  'unauthorized',
]);

interface PlainErrorBody {
  code: string | null;
  message: string | null;
}

function stringField(value: Record<string, unknown>, ...names: string[]): string | null {
  for (const name of names) {
    const field = value[name];
    if (typeof field === 'string' && field.trim() !== '') return field.trim();
  }
  return null;
}

/**
 * The error an answer carries: `{"error":"invalid_client","message":…}` (also `error_description`, and the ECGrid
 * envelope's `errorCode`, so that the same path reads both kinds of server).
 */
function readErrorBody(response: BufferedResponse): PlainErrorBody {
  const parsed = parseJson(response.body, response.headers['content-type']);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { code: null, message: null };
  }
  const value = parsed.value as Record<string, unknown>;
  const nested = value['error'];
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    const inner = nested as Record<string, unknown>;
    return { code: stringField(inner, 'code', 'error'), message: stringField(inner, 'message', 'error_description') };
  }
  return {
    code: stringField(value, 'error', 'errorCode', 'code'),
    message: stringField(value, 'message', 'error_description', 'detail', 'title'),
  };
}

/**
 * Decodes the answer of an API without the ECGrid envelope. A 2xx answer is the value itself: parsed JSON for
 * `json`, the body text (byte order mark removed) for `text`. Anything else becomes a typed error that keeps the
 * server's `error` code in `serverErrorCode`; a refused credential (401, 403 or an OAuth-style code such as
 * `invalid_client`) is a {@link RestAuthError}. Bodies are never copied into errors, only the server's message,
 * scrubbed of secrets.
 */
export function decodePlain<T>(response: BufferedResponse, ctx: DecodeContext, format: PlainFormat): T {
  const { status } = response;
  const where = `${ctx.method} ${ctx.path}`;
  const details = (serverErrorCode: string | null) => ({
    status,
    method: ctx.method,
    path: ctx.path,
    serverErrorCode,
    retryAfterMs: status === 429 ? parseRetryAfter(response.headers['retry-after'], ctx.nowMs) : undefined,
    redactor: ctx.redactor,
  });
  const fail = (kind: Exclude<RestFailureKind, 'auth' | 'outcome-unknown'>, message: string, code: string | null = null): RestApiError =>
    new RestApiError(message, { kind, ...details(code) });

  if (status >= 300 && status < 400) {
    throw fail('redirect', `${where} answered HTTP ${status} (a redirect); redirects are not followed so that credentials stay with the configured host.`);
  }
  if (status < 200 || status >= 300) {
    const { code, message } = readErrorBody(response);
    const detail = message ? `: ${message}` : '';
    const text = `${where} failed with ${code ?? 'no error code'} (HTTP ${status})${detail}`;
    if (status === 401 || status === 403 || (code !== null && PLAIN_AUTH_ERROR_CODES.has(code.toLowerCase()))) {
      throw new RestAuthError(text, details(code));
    }
    if (code !== null) throw fail('api', text, code);
    const type = response.headers['content-type']?.split(';')[0]?.trim() ?? 'no content type';
    throw fail('http', `${where} answered HTTP ${status} (${type}, ${response.body.length} bytes) without an error code.`);
  }
  if (format === 'text') return bodyText(response.body) as T;
  const parsed = parseJson(response.body, response.headers['content-type']);
  if (!parsed.ok) throw fail('bad-body', `${where} answered HTTP ${status} with ${parsed.reason}.`);
  return parsed.value as T;
}
