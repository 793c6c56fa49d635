import { ConfigurationError } from './errors.js';

/** What a request hook learns about an HTTP request about to be sent. It never holds a body or a credential. */
export interface OutgoingRequest {
  readonly transport: 'soap' | 'rest';
  readonly method: string;
  /** The URL path, scrubbed of secrets (REST: the resolved endpoint path; SOAP: the service path). */
  readonly path: string;
  /** The SOAP operation; absent on REST. */
  readonly operation?: string;
  /** The facade call this request serves, when it serves one (see the facade's events). */
  readonly callId?: string;
}

/**
 * Adds headers to every HTTP request a client sends (`traceparent`, a proxy's routing header, …). The headers a
 * protocol or an auth strategy sets (Content-Type, SOAPAction, Authorization, X-API-Key, …) always win over them.
 */
export type RequestHook = (request: OutgoingRequest) => Readonly<Record<string, string>> | undefined | void;

// RFC 9110 token characters for a field name; a value must not break the header line.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Runs the hook and returns its headers, checked; a bad name or value is a ConfigurationError, nothing is sent. */
export function hookHeaders(hook: RequestHook | undefined, request: OutgoingRequest): Record<string, string> {
  if (!hook) return {};
  const headers = hook(request) ?? {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new ConfigurationError(`the request hook returned an invalid header name ${JSON.stringify(name)}`);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw new ConfigurationError(`the request hook returned an invalid value for header ${name}`);
    }
    out[name] = value;
  }
  return out;
}

/** `base` with the hook's headers added where `base` has no header of the same name (any case). */
export function withHookHeaders(base: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>>): Record<string, string> {
  const taken = new Set(Object.keys(base).map((k) => k.toLowerCase()));
  const out: Record<string, string> = { ...base };
  for (const [name, value] of Object.entries(extra)) {
    if (!taken.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}
