import { ConfigurationError, Redactor } from '@ecgrid-bridge/core';
import type { HttpRequest, HttpResponse, SendNext } from '../types.js';
import { withHeaders, type AuthStrategy, type AuthTransport } from './types.js';

export interface ClientKeyOptions {
  clientKey: string;
  clientSecret: string;
  /** Header carrying the key/secret JSON; defaults to `Eagle-Api-Key`. */
  headerName?: string | undefined;
  /** Value of the `api-version` header; defaults to `1.0`. */
  apiVersion?: string | undefined;
}

export const DEFAULT_CLIENT_KEY_HEADER = 'Eagle-Api-Key';
export const DEFAULT_API_VERSION = '1.0';

export interface ClientKeyCredentials {
  headerName: string;
  /** Exactly `{"ClientKey":"…","ClientSecret":"…"}`. */
  headerValue: string;
  apiVersion: string;
  redactor: Redactor;
}

/** Validates the key/secret pair and builds the header value shared by the header and token-exchange strategies. */
export function clientKeyCredentials(options: ClientKeyOptions): ClientKeyCredentials {
  const { clientKey, clientSecret } = options;
  if (typeof clientKey !== 'string' || clientKey === '') throw new ConfigurationError('clientKey is required.');
  if (typeof clientSecret !== 'string' || clientSecret === '') throw new ConfigurationError('clientSecret is required.');
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  if (/[\r\n]/.test(apiVersion)) throw new ConfigurationError('apiVersion must be a single line.');
  const headerValue = JSON.stringify({ ClientKey: clientKey, ClientSecret: clientSecret });
  return {
    headerName: options.headerName ?? DEFAULT_CLIENT_KEY_HEADER,
    headerValue,
    apiVersion,
    redactor: new Redactor([clientSecret, clientKey, headerValue]),
  };
}

export interface ClientKeyAuth extends AuthStrategy {
  readonly kind: 'client-key';
}

/** The client key/secret JSON in a header (`Eagle-Api-Key`) plus `api-version`, on every request. */
export function clientKeyAuth(options: ClientKeyOptions): ClientKeyAuth {
  const creds = clientKeyCredentials(options);
  const headers = { [creds.headerName]: creds.headerValue, 'api-version': creds.apiVersion };
  return {
    kind: 'client-key',
    redactor: creds.redactor,
    attach(_transport: AuthTransport): void {
      // Nothing to remember: the header needs no round trip.
    },
    async authenticate(): Promise<Record<string, string>> {
      return { ...headers };
    },
    hook(request: HttpRequest, next: SendNext): Promise<HttpResponse> {
      return next(withHeaders(request, headers));
    },
    invalidate(): void {
      // Nothing cached.
    },
  };
}
