import { ConfigurationError, assertHttpUrl, isLoopbackHost, isSensitiveKey, type Redactor } from '@ecgrid-bridge/core';
import { RestRequestRefusedError } from './errors.js';
import type { RestRequest } from './types.js';

/**
 * Parses and checks the base URL: http(s) only, no credentials, no query or fragment, and plain http only to a
 * loopback host unless the caller explicitly accepts credentials in clear text.
 */
export function parseBaseUrl(baseUrl: string, allowInsecureHttp: boolean): URL {
  const url = assertHttpUrl(baseUrl, 'The REST base URL');
  if (url.search || url.hash) throw new ConfigurationError('The REST base URL must not have a query string or fragment.');
  assertSecureTransport(url, allowInsecureHttp);
  return url;
}

export function assertSecureTransport(url: URL, allowInsecureHttp: boolean): void {
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new RestRequestRefusedError(
      'insecure-http',
      `Refusing to send credentials over plain http:// to ${url.hostname}; use https://, a loopback host, or set allowInsecureHttp: true.`,
    );
  }
}

export interface ResolvedTarget {
  url: string;
  /** Path without query string, scrubbed of secrets. */
  displayPath: string;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:|^\/\//i;
const PLACEHOLDER = /\{([^{}/]+)\}/g;

/** Builds the absolute URL of a request, refusing anything that would put a credential in it. */
export function resolveTarget(
  base: URL,
  request: Pick<RestRequest, 'path' | 'pathParams' | 'query'>,
  redactor: Redactor,
): ResolvedTarget {
  const { path } = request;
  if (typeof path !== 'string' || path === '' || ABSOLUTE.test(path) || /[?#]/.test(path)) {
    throw new RestRequestRefusedError(
      'invalid-request',
      'A request path must be relative to the base URL, without query string or fragment (use `query`).',
      redactor,
    );
  }
  const filled = path.replace(PLACEHOLDER, (_m, name: string) => {
    const value = request.pathParams?.[name];
    if (value === undefined || value === null || value === '') {
      throw new RestRequestRefusedError('invalid-request', `Path parameter "${name}" is missing for ${path}.`, redactor);
    }
    return encodeURIComponent(String(value));
  });
  const prefix = base.href.endsWith('/') ? base.href.slice(0, -1) : base.href;
  const joinedPath = filled.startsWith('/') ? filled : `/${filled}`;
  const search = buildQuery(request.query, redactor);
  const url = prefix + joinedPath + search;
  if (redactor.redact(url) !== url) {
    throw new RestRequestRefusedError(
      'credential-in-url',
      'Refusing to send a request whose URL contains a credential; credentials only travel in headers.',
      redactor,
    );
  }
  return { url, displayPath: joinedPath };
}

function buildQuery(query: RestRequest['query'], redactor: Redactor): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, raw] of Object.entries(query)) {
    if (isSensitiveKey(name)) {
      throw new RestRequestRefusedError(
        'credential-in-url',
        `Refusing to put query parameter "${name}" in a URL: credentials only travel in headers.`,
        redactor,
      );
    }
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values as readonly unknown[]) {
      if (value === undefined || value === null) continue;
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
