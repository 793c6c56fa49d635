import type { Redactor } from '@ecgrid-bridge/core';
import type { RestPaths } from '../endpoints/paths.js';
import type { BufferedResponse, HttpRequest, HttpResponse, RestEvent, RestRequest, SendNext } from '../types.js';

export type AuthKind = 'api-key' | 'jwt' | 'client-key' | 'token-exchange';

/** A request sent around the auth hook: for credential endpoints (login, refresh, token). */
export type BareRequest = Pick<RestRequest, 'method' | 'path' | 'pathParams' | 'query' | 'body' | 'headers' | 'timeoutMs' | 'signal'>;

/** What a client offers the strategy attached to it. */
export interface AuthTransport {
  readonly paths: RestPaths;
  /** The client's base URL: part of a stored credential's key, so that two services never share a token. */
  readonly baseUrl?: string;
  /** One request straight to the wire: no auth hook, no retries, bounded by the client's timeout. */
  sendBare(request: BareRequest): Promise<BufferedResponse>;
  /** Like `sendBare`, and unwraps the ECGrid envelope. */
  callBare<T>(request: BareRequest): Promise<T>;
  /** A request through the whole client, this strategy's hook included. */
  request<T>(request: RestRequest): Promise<T>;
  emit(event: RestEvent): void;
}

/**
 * One shape for every way of authenticating. A strategy is built by a factory (which validates its input and
 * registers its secrets with `redactor`), attached to exactly one client, and then signs each request in `hook`.
 */
export interface AuthStrategy {
  readonly kind: AuthKind;
  /** Knows every secret this strategy holds or has received; the client scrubs errors and events with it. */
  readonly redactor: Redactor;
  /** Called once by the client the strategy belongs to. */
  attach(transport: AuthTransport): void;
  /** The credential headers a request would carry now (logging in or refreshing first if needed). */
  authenticate(signal?: AbortSignal): Promise<Record<string, string>>;
  /** Signs `request` and sends it with `next`; may renew the credential and resend once. */
  hook(request: HttpRequest, next: SendNext): Promise<HttpResponse>;
  /** Forgets any cached credential; the next request obtains a new one. */
  invalidate(): void;
  /** Ends the server-side session where there is one (for every process, when the credential is shared). */
  logout?(): Promise<void>;
  /** True when the credential lives in a store other processes share. */
  readonly sharesCredential?: boolean;
}

export function withHeaders(request: HttpRequest, headers: Record<string, string>): HttpRequest {
  return { ...request, headers: { ...request.headers, ...headers } };
}
