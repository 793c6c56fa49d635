import { EcgridError, emitSafely, hookHeaders, isSensitiveKey, withHookHeaders, type Clock, type EventListener, type Redactor, type RequestHook } from '@ecgrid-bridge/core';
import type { AxiosInstance } from 'axios';
import type { AuthStrategy, BareRequest } from './auth/types.js';
import { Deadline } from './deadline.js';
import { decodeEnvelope } from './envelope.js';
import { RestApiError, RestOutcomeUnknownError, type OutcomeUnknownTrigger } from './errors.js';
import { AttemptFailure, sendOnce } from './http.js';
import { backoffDelay, retryAfterDelay, retryReason, type RetryOptions, type Sleep } from './retry.js';
import type { BufferedResponse, HttpMethod, HttpRequest, HttpResponse, RestEvent, RestRequest, SendNext } from './types.js';
import { resolveTarget } from './url.js';

export interface CallEngineOptions {
  base: URL;
  auth: AuthStrategy;
  /** For requests through the auth hook. */
  apiHttp: AxiosInstance;
  /** A separate instance for credential requests, which never pass through the hook. */
  authHttp: AxiosInstance;
  timeoutMs: number;
  retry: RetryOptions | false;
  sleep: Sleep;
  clock: Clock;
  onEvent?: EventListener<RestEvent> | undefined;
  requestHook?: RequestHook | undefined;
}

export interface FinishContext {
  deadline: Deadline;
  method: HttpMethod;
  /** Scrubbed path for messages. */
  path: string;
  redactor: Redactor;
  clock: Clock;
}

/** How many times one call sends a request again after finding its pooled socket closed by the server. */
const MAX_STALE_RESENDS = 3;

/** Turns a response into the call's result; throws a RestApiError (retried if retryable) or a FinalFailure. */
export type Finish<T> = (response: HttpResponse, ctx: FinishContext) => Promise<T> | T;

/** Wraps an error that must reach the caller as is, without any retry (e.g. a download that already wrote bytes). */
export class FinalFailure extends Error {
  constructor(readonly error: EcgridError) {
    super(error.message);
    this.name = 'FinalFailure';
  }
}

const JSON_HEADERS = { Accept: 'application/json' } as const;

/** Runs calls: URL checks, the deadline, the auth hook, the wire, and retries of what is safe to repeat. */
export class CallEngine {
  constructor(private readonly options: CallEngineOptions) {}

  get redactor(): Redactor {
    return this.options.auth.redactor;
  }

  emit(event: RestEvent): void {
    emitSafely(this.options.onEvent, event);
  }

  async run<T>(request: RestRequest, responseType: 'buffer' | 'stream', finish: Finish<T>, extraHeaders?: Record<string, string>): Promise<T> {
    const { auth, retry, sleep, clock } = this.options;
    const redactor = callRedactor(auth.redactor, request);
    const method = request.method;
    const idempotent = request.idempotent ?? method === 'GET';
    const target = resolveTarget(this.options.base, request, redactor);
    const prepared = this.prepare(request, extraHeaders);
    const deadline = new Deadline(request.timeoutMs ?? this.options.timeoutMs, request.signal);
    const ctx: FinishContext = { deadline, method, path: target.displayPath, redactor, clock };
    let staleResends = 0;
    try {
      for (let attempt = 1; ; attempt += 1) {
        let failure: RestApiError;
        try {
          const httpRequest: HttpRequest = {
            method,
            url: target.url,
            displayPath: target.displayPath,
            headers: prepared.headers,
            body: prepared.body,
            responseType,
            signal: deadline.signal,
          };
          const response = await auth.hook(httpRequest, this.wire(this.options.apiHttp, attempt, redactor));
          return await finish(response, ctx);
        } catch (caught) {
          // Not a retry in the backoff sense: the server never read the request, whatever its method.
          if (caught instanceof AttemptFailure && caught.staleSocket && staleResends < MAX_STALE_RESENDS && !deadline.signal.aborted) {
            staleResends += 1;
            this.emit({ type: 'retry', method, path: target.displayPath, attempt, delayMs: 0, status: 0, reason: 'network' });
            continue;
          }
          failure = this.classify(caught, ctx, idempotent);
        }
        const reason = idempotent && retry ? retryReason(failure) : null;
        if (!retry || !reason || attempt > retry.retries) throw failure;
        const delayMs =
          reason === 'rate-limited' && failure.retryAfterMs !== undefined
            ? retryAfterDelay(failure.retryAfterMs, retry)
            : backoffDelay(attempt, retry);
        if (delayMs >= deadline.remainingMs()) throw failure;
        this.emit({ type: 'retry', method, path: target.displayPath, attempt, delayMs, status: failure.status, reason });
        try {
          await sleep(delayMs, deadline.signal);
        } catch {
          // The pause was cut short; what made the last attempt fail is still the most useful cause.
          throw this.noResponseError(ctx, deadline.timedOut ? 'timeout' : 'aborted', failure.kind === 'network' ? failure.cause : undefined);
        }
      }
    } finally {
      deadline.dispose();
    }
  }

  /** One request around the auth hook, without retries, bounded by its own deadline. */
  async sendBare(request: BareRequest): Promise<BufferedResponse> {
    return (await this.bare(request)).response;
  }

  /** `sendBare`, then the envelope's `data`. */
  async callBare<T>(request: BareRequest, requireData = false): Promise<T> {
    const { response, path, redactor } = await this.bare(request);
    return decodeEnvelope<T>(response, { method: request.method, path, redactor, nowMs: this.options.clock.now(), requireData });
  }

  private async bare(request: BareRequest): Promise<{ response: BufferedResponse; path: string; redactor: Redactor }> {
    const redactor = callRedactor(this.options.auth.redactor, request);
    const target = resolveTarget(this.options.base, request, redactor);
    const prepared = this.prepare(request);
    const deadline = new Deadline(request.timeoutMs ?? this.options.timeoutMs, request.signal);
    const ctx: FinishContext = { deadline, method: request.method, path: target.displayPath, redactor, clock: this.options.clock };
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const response = await this.wire(this.options.authHttp, attempt, redactor)({
            method: request.method,
            url: target.url,
            displayPath: target.displayPath,
            headers: prepared.headers,
            body: prepared.body,
            responseType: 'buffer',
            signal: deadline.signal,
          });
          return { response: response as BufferedResponse, path: target.displayPath, redactor };
        } catch (caught) {
          // A login or refresh after a long pause meets a pooled socket the server closed more often than any call.
          if (caught instanceof AttemptFailure && caught.staleSocket && attempt <= MAX_STALE_RESENDS && !deadline.signal.aborted) continue;
          throw this.classify(caught, ctx, true);
        }
      }
    } finally {
      deadline.dispose();
    }
  }

  private prepare(request: BareRequest, extraHeaders?: Record<string, string>): { headers: Record<string, string>; body?: string } {
    const headers: Record<string, string> = { ...JSON_HEADERS, ...extraHeaders, ...request.headers };
    if (request.body === undefined) return { headers };
    headers['Content-Type'] = 'application/json';
    return { headers, body: JSON.stringify(request.body) };
  }

  /**
   * The last step before the socket. Whatever credential the request carries by now (the auth hook's headers
   * included) joins the call's redactor, so that no error or event of this call can repeat it.
   */
  private wire(http: AxiosInstance, attempt: number, redactor: Redactor): SendNext {
    const { onEvent: listener, requestHook } = this.options;
    return async (prepared) => {
      // The hook's headers go under everything the auth strategy and the protocol set, so they can never replace a credential.
      const request = requestHook
        ? {
            ...prepared,
            headers: withHookHeaders(
              prepared.headers,
              hookHeaders(requestHook, { transport: 'rest', method: prepared.method, path: redactor.redact(prepared.displayPath) }),
            ),
          }
        : prepared;
      addHeaderSecrets(redactor, request.headers);
      if (!listener) return sendOnce(http, request);
      const path = redactor.redact(request.displayPath);
      emitSafely(listener, { type: 'request', method: request.method, path, attempt });
      const started = Date.now();
      const response = await sendOnce(http, request);
      emitSafely(listener, { type: 'response', method: request.method, path, attempt, status: response.status, durationMs: Date.now() - started });
      return response;
    };
  }

  /** Maps whatever an attempt threw to the error the caller would get; rethrows what must never be retried. */
  private classify(caught: unknown, ctx: FinishContext, idempotent: boolean): RestApiError {
    if (caught instanceof FinalFailure) throw caught.error;
    if (caught instanceof RestApiError) return caught;
    const trigger: OutcomeUnknownTrigger = ctx.deadline.timedOut ? 'timeout' : ctx.deadline.aborted ? 'aborted' : 'network';
    if (caught instanceof AttemptFailure) {
      if (!idempotent && caught.maybeSent) {
        throw new RestOutcomeUnknownError(
          `${ctx.method} ${ctx.path} ${describe(trigger)} after the request may have reached the server; it may or may not have taken effect and is not repeated automatically.`,
          { method: ctx.method, path: ctx.path, trigger, cause: caught.original, redactor: ctx.redactor },
        );
      }
      return this.noResponseError(ctx, trigger, caught.original);
    }
    // Anything else was thrown before the request went out (e.g. while waiting for a token).
    if (ctx.deadline.aborted) throw this.noResponseError(ctx, trigger, undefined);
    if (caught instanceof EcgridError) throw caught;
    throw new EcgridError('RestUnexpected', `${ctx.method} ${ctx.path} failed unexpectedly.`, {
      cause: caught,
      redactor: ctx.redactor,
    });
  }

  private noResponseError(ctx: FinishContext, trigger: OutcomeUnknownTrigger, cause: unknown): RestApiError {
    const detail = trigger === 'timeout' ? ` within ${ctx.deadline.timeoutMs} ms` : '';
    const reason = trigger === 'network' ? networkReason(cause) : undefined;
    const because = reason ? ` (${reason.code ? `${reason.code}: ` : ''}${reason.message})` : '';
    return new RestApiError(`${ctx.method} ${ctx.path} ${describe(trigger)}${detail}${because}; no complete response arrived.`, {
      kind: trigger,
      status: 0,
      method: ctx.method,
      path: ctx.path,
      networkCode: reason?.code,
      cause,
      redactor: ctx.redactor,
    });
  }
}

function describe(trigger: OutcomeUnknownTrigger): string {
  if (trigger === 'timeout') return 'did not complete';
  if (trigger === 'aborted') return 'was aborted';
  return 'failed on the network';
}

/**
 * What a network failure says about itself: the system or TLS error code (`ECONNREFUSED`, `ENOTFOUND`,
 * `CERT_HAS_EXPIRED`, …) and message, looked up through the causes axios wraps around it.
 */
export function networkReason(cause: unknown): { code: string | undefined; message: string } | undefined {
  let code: string | undefined;
  let message = '';
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const own = (current as { code?: unknown }).code;
    // axios's own codes (ERR_NETWORK, ECONNABORTED…) say less than the system error they wrap.
    if (typeof own === 'string' && own !== '' && (code === undefined || /^ERR_(NETWORK|BAD_RESPONSE)$/.test(code))) code = own;
    if (current.message && !message) message = current.message.replace(/\s+/g, ' ').trim();
    const inner: unknown = (current as { cause?: unknown }).cause;
    current = inner;
  }
  if (!code && !message) return undefined;
  return { code, message: message || code || 'network error' };
}

/** A redactor for one call: the strategy's secrets plus every credential this request carries in its body or headers. */
function callRedactor(base: Redactor, request: Pick<RestRequest, 'body' | 'headers'>): Redactor {
  const redactor = base.derive();
  redactor.addSensitiveFields(request.body);
  if (request.headers) addHeaderSecrets(redactor, request.headers);
  return redactor;
}

function addHeaderSecrets(redactor: Redactor, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (isSensitiveKey(name)) redactor.addCredential(value);
  }
}
