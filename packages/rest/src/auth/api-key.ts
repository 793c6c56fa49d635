import { ConfigurationError, ENV, Redactor } from '@ecgrid-bridge/core';
import type { HttpRequest, HttpResponse, SendNext } from '../types.js';
import { withHeaders, type AuthStrategy, type AuthTransport } from './types.js';

export interface ApiKeyAuthOptions {
  /** Defaults to the `ECGrid__ApiKey` environment variable. */
  apiKey?: string | undefined;
  /** Where to read `ECGrid__ApiKey`; defaults to `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /** Defaults to `X-API-Key`. */
  headerName?: string | undefined;
}

export interface ApiKeyAuth extends AuthStrategy {
  readonly kind: 'api-key';
  /** Replaces the key (after a rotation); the old one stays known to the redactor. */
  setApiKey(apiKey: string): void;
}

/** A static key in a header on every request (`X-API-Key: <key>`). */
export function apiKeyAuth(options: ApiKeyAuthOptions = {}): ApiKeyAuth {
  const env = options.env ?? process.env;
  const headerName = options.headerName ?? 'X-API-Key';
  let apiKey = checkKey(options.apiKey ?? env[ENV.apiKey]?.trim());
  const redactor = new Redactor([apiKey]);

  return {
    kind: 'api-key',
    redactor,
    attach(_transport: AuthTransport): void {
      // Nothing to remember: the key needs no round trip.
    },
    async authenticate(): Promise<Record<string, string>> {
      return { [headerName]: apiKey };
    },
    hook(request: HttpRequest, next: SendNext): Promise<HttpResponse> {
      return next(withHeaders(request, { [headerName]: apiKey }));
    },
    invalidate(): void {
      // A static key has nothing cached.
    },
    setApiKey(next: string): void {
      apiKey = checkKey(next);
      redactor.add(apiKey);
    },
  };
}

function checkKey(apiKey: string | undefined): string {
  if (!apiKey) throw new ConfigurationError(`No ECGrid API key: pass apiKey or set ${ENV.apiKey}.`);
  if (/[\r\n]/.test(apiKey)) throw new ConfigurationError('The ECGrid API key must be a single line.');
  return apiKey;
}
