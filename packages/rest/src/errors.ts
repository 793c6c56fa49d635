import { EcgridError, type Redactor } from '@ecgrid-bridge/core';

/** The `errorCode` values ECGrid REST documents (appendix/error-codes.md and the troubleshooting guide). */
export const REST_ERROR_CODES = [
  'InvalidAPIKey',
  'InvalidSession',
  'AccessDenied',
  'ObjectNotFound',
  'InvalidParameter',
  'DuplicateObject',
  'RateLimitExceeded',
  'InternalError',
] as const;

export type RestErrorCode = (typeof REST_ERROR_CODES)[number];

/** The HTTP status ECGrid documents for each error code. */
export const REST_ERROR_HTTP_STATUS: Readonly<Record<RestErrorCode, number>> = {
  InvalidAPIKey: 401,
  InvalidSession: 401,
  AccessDenied: 403,
  ObjectNotFound: 404,
  InvalidParameter: 400,
  DuplicateObject: 400,
  RateLimitExceeded: 429,
  InternalError: 500,
};

const KNOWN_CODES: ReadonlySet<string> = new Set(REST_ERROR_CODES);

export function isRestErrorCode(value: unknown): value is RestErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

/**
 * What went wrong:
 * - `api`: the server answered with the envelope and `success: false`;
 * - `http`: a non-2xx status without an envelope error (or with `success: true`, which is contradictory);
 * - `bad-body`: the body is empty, not JSON, truncated, JSON without the envelope, or `data: null` where the
 *   endpoint documents a value;
 * - `redirect`: a 3xx answer (redirects are never followed, so credentials never reach another host);
 * - `network`, `timeout`, `aborted`: no response (status 0);
 * - `outcome-unknown`: see {@link RestOutcomeUnknownError};
 * - `auth`: a credential endpoint answered with something that is not a credential, or an API without the
 *   ECGrid envelope refused the credential (`{"error":"invalid_client",…}`: see `serverErrorCode`).
 */
export type RestFailureKind =
  | 'api'
  | 'http'
  | 'bad-body'
  | 'redirect'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'outcome-unknown'
  | 'auth';

export interface RestApiErrorDetails {
  kind: RestFailureKind;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  method: string;
  /** The request path without query string, scrubbed of secrets. */
  path: string;
  /** The envelope's `errorCode` as sent, if any. */
  serverErrorCode?: string | null;
  retryAfterMs?: number;
  /** For `network` failures: the system or TLS error code (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`, …). */
  networkCode?: string;
  cause?: unknown;
  redactor?: Redactor;
}

const KIND_CODES: Record<RestFailureKind, string> = {
  api: 'RestApi',
  http: 'RestHttp',
  'bad-body': 'RestBadBody',
  redirect: 'RestRedirect',
  network: 'RestNetwork',
  timeout: 'RestTimeout',
  aborted: 'RestAborted',
  'outcome-unknown': 'RestOutcomeUnknown',
  auth: 'RestAuth',
};

/** Every failure of a REST call that reached (or tried to reach) the server. */
export class RestApiError extends EcgridError {
  readonly kind: RestFailureKind;
  readonly status: number;
  /** The envelope's error code when it is one ECGrid documents, otherwise null (see `serverErrorCode`). */
  readonly errorCode: RestErrorCode | null;
  readonly serverErrorCode: string | null;
  readonly method: string;
  readonly path: string;
  /** For 429 answers: how long the server asked to wait, from `Retry-After`. */
  readonly retryAfterMs: number | undefined;
  /** For `network` failures: the system or TLS error code of the cause (`ECONNREFUSED`, `ENOTFOUND`, …). */
  readonly networkCode: string | undefined;

  constructor(message: string, details: RestApiErrorDetails) {
    const serverCode = details.serverErrorCode ?? null;
    const safeServerCode = serverCode === null ? null : scrub(serverCode, details.redactor);
    super(safeServerCode ?? KIND_CODES[details.kind], message, { cause: details.cause, redactor: details.redactor });
    this.kind = details.kind;
    this.status = details.status;
    this.serverErrorCode = safeServerCode;
    this.errorCode = isRestErrorCode(serverCode) ? serverCode : null;
    this.method = details.method;
    this.path = scrub(details.path, details.redactor);
    this.retryAfterMs = details.retryAfterMs;
    this.networkCode = details.networkCode === undefined ? undefined : scrub(details.networkCode, details.redactor);
  }
}

export type OutcomeUnknownTrigger = 'timeout' | 'network' | 'aborted';

/**
 * A request that is not safe to repeat (an upload, any POST not marked idempotent) failed after it may have
 * reached the server: it may or may not have taken effect. It is never retried automatically; check the server
 * state (e.g. the outbox) before sending it again.
 */
export class RestOutcomeUnknownError extends RestApiError {
  readonly trigger: OutcomeUnknownTrigger;

  constructor(message: string, details: Omit<RestApiErrorDetails, 'kind' | 'status'> & { trigger: OutcomeUnknownTrigger }) {
    super(message, { ...details, kind: 'outcome-unknown', status: 0 });
    this.trigger = details.trigger;
  }
}

/** A login, refresh or token request answered with something that is not a usable credential. */
export class RestAuthError extends RestApiError {
  constructor(message: string, details: Omit<RestApiErrorDetails, 'kind'>) {
    super(message, { ...details, kind: 'auth' });
  }
}

export type RefusalReason = 'credential-in-url' | 'insecure-http' | 'invalid-request';

/** A request refused before anything was sent, because sending it would leak a credential or it is malformed. */
export class RestRequestRefusedError extends EcgridError {
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason, message: string, redactor?: Redactor) {
    super('RestRequestRefused', message, { redactor });
    this.reason = reason;
  }
}

/** A streamed download could not be written to its destination (the transfer itself may have been fine). */
export class RestDestinationError extends EcgridError {
  constructor(message: string, cause: unknown, redactor?: Redactor) {
    super('RestDestination', message, { cause, redactor });
  }
}

function scrub(text: string, redactor: Redactor | undefined): string {
  return redactor ? redactor.redact(text) : text;
}
