import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { ConfigurationError, DEFAULT_REST_URL, ENV, systemClock, type Clock, type EventListener, type RequestHook } from '@ecgrid-bridge/core';
import type { AuthStrategy, AuthTransport, BareRequest } from './auth/types.js';
import { CallEngine } from './call.js';
import { DOWNLOAD_ACCEPT, downloadFinisher, type DownloadDestination, type DownloadOptions, type DownloadResult } from './download.js';
import { createEndpoints, type RestEndpoints } from './endpoints/index.js';
import type { ParcelIdRequest } from './endpoints/parcels.js';
import { resolvePaths, type EndpointName, type RestPaths } from './endpoints/paths.js';
import { decodeEnvelope } from './envelope.js';
import { createAxios } from './http.js';
import { decodePlain, type PlainFormat } from './plain.js';
import { DEFAULT_RETRY, timerSleep, type RetryOptions, type Sleep } from './retry.js';
import type { BufferedResponse, RestEvent, RestRequest } from './types.js';
import { parseBaseUrl } from './url.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RestClientOptions<A extends AuthStrategy = AuthStrategy> {
  /** Defaults to `ECGrid__RestUrl`, then `https://rest.ecgrid.io`. */
  baseUrl?: string | undefined;
  auth: A;
  /** Bounds each whole call, retries and credential refreshes included; default 30 s. */
  timeoutMs?: number | undefined;
  /** Retries of idempotent requests; `false` disables them. */
  retry?: Partial<RetryOptions> | false | undefined;
  /** Receives request/response/retry/refresh/login events (scrubbed); nothing is emitted by default. */
  onEvent?: EventListener<RestEvent> | undefined;
  /**
   * Adds headers to every request, credential requests included (`traceparent`, say); the headers the protocol and
   * the auth strategy set always win over them.
   */
  requestHook?: RequestHook | undefined;
  /** Send credentials over plain http:// to a non-loopback host. Only for trusted networks. */
  allowInsecureHttp?: boolean | undefined;
  /** Waits between retries; inject a fake one in tests. */
  sleep?: Sleep | undefined;
  /** Used to read `Retry-After` dates. */
  clock?: Clock | undefined;
  /** Replaces endpoint paths where a deployment differs from the REST reference. */
  paths?: Partial<Record<EndpointName, string>> | undefined;
  /** Where to read `ECGrid__RestUrl`; defaults to `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /** Largest buffered response accepted; unlimited by default. */
  maxResponseBytes?: number | undefined;
  /** Connection pooling or an explicit proxy agent; environment proxies are not used. */
  httpAgent?: HttpAgent | undefined;
  httpsAgent?: HttpsAgent | undefined;
}

export interface RestClient<A extends AuthStrategy = AuthStrategy> {
  readonly baseUrl: string;
  readonly auth: A;
  readonly paths: RestPaths;
  /** Typed helpers per group of the REST reference (`client.api.parcels.inboxList(…)`). */
  readonly api: RestEndpoints;
  /** Sends a request and returns the envelope's `data`. `T` is not validated. */
  request<T>(request: RestRequest): Promise<T>;
  /**
   * Sends a request to an API that answers without the ECGrid envelope (the client key/secret API of seed 003:
   * `api/api-info`, `api/request-token`): `format: 'json'` (default) returns the parsed JSON body, `'text'` the body
   * text (e.g. a raw JWT). Auth, retries, deadlines and redaction are those of `request`; an error body such as
   * `{"error":"invalid_client","message":…}` becomes a typed error with `serverErrorCode` set, a
   * {@link RestAuthError} when the credential was refused. `T` is not validated.
   */
  requestPlain<T>(request: PlainRequest): Promise<T>;
  /**
   * Streams a parcel (`POST /v2/parcels/download`) into `destination`. A binary body (what this asks for first)
   * is never held in memory; the JSON envelope with base64 `content` (what the reference documents) is
   * accepted up to `maxJsonBytes`. Retried like a read until the first byte reaches the destination.
   */
  downloadToStream(body: ParcelIdRequest, destination: DownloadDestination, options?: DownloadOptions): Promise<DownloadResult>;
}

/** A request to an API without the ECGrid envelope; see {@link RestClient.requestPlain}. */
export interface PlainRequest extends RestRequest {
  /** How to read a 2xx body: parsed JSON (default) or the text itself. */
  format?: PlainFormat;
}

const PLAIN_ACCEPT: Readonly<Record<PlainFormat, string>> = {
  json: 'application/json',
  text: 'text/plain, application/json;q=0.5',
};

export function createRestClient<A extends AuthStrategy>(options: RestClientOptions<A>): RestClient<A> {
  const { auth } = options;
  if (!auth || typeof auth.hook !== 'function') throw new ConfigurationError('createRestClient needs an auth strategy.');
  const env = options.env ?? process.env;
  const baseUrl = options.baseUrl ?? env[ENV.restUrl]?.trim() ?? DEFAULT_REST_URL;
  const base = parseBaseUrl(baseUrl || DEFAULT_REST_URL, options.allowInsecureHttp === true);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new ConfigurationError('timeoutMs must be a positive number.');
  const retry = options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry };
  if (
    retry &&
    (!(retry.retries >= 0) || !(retry.baseDelayMs >= 0) || !(retry.maxDelayMs >= 0) || !((retry.minDelayMs ?? 0) >= 0))
  ) {
    throw new ConfigurationError('retry.retries, retry.baseDelayMs, retry.maxDelayMs and retry.minDelayMs must be zero or more.');
  }
  const paths = resolvePaths(options.paths);
  const clock = options.clock ?? systemClock;
  const transportOptions = {
    maxResponseBytes: options.maxResponseBytes,
    httpAgent: options.httpAgent,
    httpsAgent: options.httpsAgent,
  };
  const engine = new CallEngine({
    base,
    auth,
    apiHttp: createAxios(transportOptions),
    authHttp: createAxios(transportOptions),
    timeoutMs,
    retry,
    sleep: options.sleep ?? timerSleep,
    clock,
    onEvent: options.onEvent,
    requestHook: options.requestHook,
  });

  const envelopeCall =
    (requireData: boolean) =>
    <T>(req: RestRequest): Promise<T> =>
      engine.run<T>(req, 'buffer', (response, ctx) =>
        decodeEnvelope<T>(response as BufferedResponse, {
          method: ctx.method,
          path: ctx.path,
          redactor: ctx.redactor,
          nowMs: clock.now(),
          requireData,
        }),
      );
  const request = envelopeCall(false);
  /** For typed helpers that promise a value: `data: null` is an error at the call, not a null result. */
  const requestData = envelopeCall(true);

  const callBare = <T>(req: BareRequest): Promise<T> => engine.callBare<T>(req);
  const callBareData = <T>(req: BareRequest): Promise<T> => engine.callBare<T>(req, true);

  const requestPlain = <T>(req: PlainRequest): Promise<T> => {
    const { format = 'json', ...rest } = req;
    return engine.run<T>(
      rest,
      'buffer',
      (response, ctx) =>
        decodePlain<T>(response as BufferedResponse, { method: ctx.method, path: ctx.path, redactor: ctx.redactor, nowMs: clock.now() }, format),
      { Accept: PLAIN_ACCEPT[format] },
    );
  };

  const transport: AuthTransport = {
    paths,
    baseUrl: base.href,
    sendBare: (req) => engine.sendBare(req),
    callBare,
    request,
    emit: (event) => engine.emit(event),
  };
  auth.attach(transport);

  return {
    baseUrl: base.href,
    auth,
    paths,
    api: createEndpoints({ call: requestData, callBare: callBareData, callAllowingNull: request, plain: requestPlain }, paths),
    request,
    requestPlain,
    downloadToStream: (body, destination, downloadOptions = {}) =>
      engine.run<DownloadResult>(
        {
          method: 'POST',
          path: paths['parcels.download'],
          body,
          idempotent: true,
          timeoutMs: downloadOptions.timeoutMs,
          signal: downloadOptions.signal,
        },
        'stream',
        downloadFinisher(destination, downloadOptions),
        { Accept: DOWNLOAD_ACCEPT },
      ),
  };
}
