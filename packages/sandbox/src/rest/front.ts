import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENDPOINTS, type HttpMethod } from '@ecgrid-bridge/catalog';
import { REST_STATUS, type RestErrorCode, ServiceError, invalidParameter } from '../errors.js';
import type { FaultDecision, FaultInjector } from '../faults.js';
import { BodyTooLarge, HTML_ERROR_PAGE, gatewayPage, readBody, send } from '../http.js';
import { restEndpoints } from '../operations/index.js';
import type { RestHandler } from '../operations/table.js';
import type { Caller } from '../service/auth.js';
import type { ListSettings } from '../service/paging.js';
import type { SandboxService } from '../service/service.js';
import { endpoint } from './endpoint.js';
import { type Json, optString } from './input.js';
import { matchPath } from './path.js';
import { CLIENT_KEY_API_VERSION, REST_API_VERSION } from './versions.js';

export { CLIENT_KEY_API_VERSION, REST_API_VERSION } from './versions.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const CREDENTIAL_IN_QUERY = /api[-_]?key|token|secret|password|session[-_]?id|client[-_]?key|^key$|^auth/i;

interface FrontRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operations: readonly string[];
  /**
   * `none`: no credential; `required`: the REST v2 credentials (X-API-Key or a Bearer token, rest-api/overview.md);
   * `client-key`: the client key/secret header (Eagle-Api-Key, seed 003) or a Bearer token;
   * `client-key-header`: only the client key/secret header (`api/request-token`).
   */
  readonly auth: 'none' | 'required' | 'client-key' | 'client-key-header';
  /** The client key/secret API of seed 003: plain JSON answers and `{error, message}` errors, no envelope. */
  readonly plain?: boolean;
  /** Answers with a raw text body (seed 003's token). */
  readonly raw?: boolean;
  readonly handle: RestHandler;
}

/** The OAuth-style error codes of the client key/secret API (RFC 6749 §5.2, RFC 6750 §3.1). */
type PlainErrorCode = 'invalid_client' | 'invalid_token' | 'invalid_request' | 'access_denied' | 'not_found' | 'rate_limited' | 'server_error';

const PLAIN_STATUS: Readonly<Record<PlainErrorCode, number>> = {
  invalid_client: 401,
  invalid_token: 401,
  invalid_request: 400,
  access_denied: 403,
  not_found: 404,
  rate_limited: 429,
  server_error: 500,
};

const PLAIN_BY_REST_CODE: Readonly<Record<RestErrorCode, PlainErrorCode>> = {
  InvalidAPIKey: 'invalid_client',
  InvalidSession: 'invalid_token',
  AccessDenied: 'access_denied',
  ObjectNotFound: 'not_found',
  InvalidParameter: 'invalid_request',
  RateLimitExceeded: 'rate_limited',
  InternalError: 'server_error',
};

/** The seed-003 API lives under `/api/`; everything there answers without the ECGrid envelope. */
const isPlainPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value : undefined);

export interface RestFront {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

function envelopeError(res: ServerResponse, code: RestErrorCode, message: string, status = REST_STATUS[code], headers: Record<string, string> = {}): void {
  send(res, status, JSON_TYPE, JSON.stringify({ success: false, data: null, errorCode: code, message }), headers);
}

function plainError(res: ServerResponse, code: PlainErrorCode, message: string, status = PLAIN_STATUS[code], headers: Record<string, string> = {}): void {
  const challenge: Record<string, string> =
    code === 'invalid_token' ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : code === 'invalid_client' ? { 'WWW-Authenticate': 'Eagle-Api-Key' } : {};
  send(res, status, JSON_TYPE, JSON.stringify({ error: code, message }), { ...challenge, ...headers });
}

/**
 * The REST v2 front: the `{success, data, errorCode, message}` envelope, ECGrid's error codes and statuses, and its
 * documented credentials (X-API-Key, Bearer JWT). Beside it, under `/api/`, the client key/secret API of seed 003
 * (Eagle-Api-Key, `api/request-token`, `api/api-info`), which answers plain JSON or plain text, never the envelope.
 */
export function createRestFront(
  service: SandboxService,
  faults: FaultInjector,
  delay: (ms: number) => Promise<void>,
  lists: Readonly<ListSettings> = { pageSizeCap: undefined },
): RestFront {
  const auth = service.auth;

  /** Endpoints outside the operation table: token refresh (no SOAP operation) and the client key/secret API. */
  const ownRoutes: FrontRoute[] = [
    {
      ...endpoint('auth.refreshToken'),
      operations: [],
      // rest-api/auth/refresh-token.md: {token} → a new token; like every endpoint but version, it needs a credential.
      auth: 'required',
      handle: (call) => {
        const token = nonEmpty(optString(call.body, 'token'));
        if (!token) throw invalidParameter('token is required: the current Bearer token to refresh');
        return auth.refresh(token, call.caller());
      },
    },
    {
      method: 'POST',
      path: '/api/request-token',
      operations: [],
      auth: 'client-key-header',
      plain: true,
      raw: true,
      handle: async (call) => (await auth.issueToken(call.caller().user)).token,
    },
    {
      method: 'GET',
      path: '/api/api-info',
      operations: [],
      auth: 'client-key',
      plain: true,
      handle: () => ({ name: 'ECGrid sandbox', apiVersion: CLIENT_KEY_API_VERSION, restVersion: REST_API_VERSION }),
    },
  ];
  /** The operation table's endpoints; the catalogue says which take no credential (`authRequired: false`). */
  const tableRoutes: FrontRoute[] = restEndpoints().map((e) => ({
    ...endpoint(e.endpoint),
    operations: e.operations,
    auth: ENDPOINTS[e.endpoint].authRequired ? 'required' : 'none',
    handle: e.handle,
  }));
  // Literal paths are matched before `{id}` paths whatever the order (see `handle`).
  const routes = [...tableRoutes, ...ownRoutes];

  async function bearerCaller(authorization: string): Promise<Caller> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!bearer) throw new ServiceError('Authentication', 'the Authorization header must be "Bearer <token>"', 'InvalidSession');
    return auth.authenticateBearer(bearer[1]!);
  }

  /** seed 003: `Eagle-Api-Key: {"ClientKey":…,"ClientSecret":…}` with `api-version: 1.0`. */
  function clientKeyCaller(req: IncomingMessage, eagle: string): Caller {
    const version = req.headers['api-version'];
    if (version === undefined) throw invalidParameter('the api-version header is required with Eagle-Api-Key');
    if (String(version).trim() !== CLIENT_KEY_API_VERSION) throw invalidParameter(`api-version ${String(version)} is not supported; use ${CLIENT_KEY_API_VERSION}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(eagle);
    } catch {
      throw new ServiceError('Authentication', 'Eagle-Api-Key must be a JSON object {"ClientKey":…,"ClientSecret":…}', 'InvalidAPIKey');
    }
    const key = (parsed as { ClientKey?: unknown } | null)?.ClientKey;
    const secret = (parsed as { ClientSecret?: unknown } | null)?.ClientSecret;
    if (typeof key !== 'string' || typeof secret !== 'string') {
      throw new ServiceError('Authentication', 'Eagle-Api-Key must hold ClientKey and ClientSecret strings', 'InvalidAPIKey');
    }
    return auth.authenticateClientKey(key, secret);
  }

  async function authenticate(req: IncomingMessage, route: FrontRoute): Promise<Caller> {
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return typeof value === 'string' && value.trim() !== '' ? value : undefined;
    };
    const authorization = header('authorization');
    const eagle = header('eagle-api-key');
    if (route.auth === 'client-key-header') {
      if (!eagle) throw new ServiceError('Authentication', 'send the client key and secret in the Eagle-Api-Key header', 'InvalidAPIKey');
      return clientKeyCaller(req, eagle);
    }
    if (route.auth === 'client-key') {
      if (authorization) return bearerCaller(authorization);
      if (eagle) return clientKeyCaller(req, eagle);
      throw new ServiceError('Authentication', 'send the client key and secret in the Eagle-Api-Key header, or Authorization: Bearer <token>', 'InvalidAPIKey');
    }
    // REST v2 (rest-api/overview.md, appendix/error-codes.md): X-API-Key or a Bearer token, nothing else. A missing
    // credential is InvalidAPIKey ("the API key in the X-API-Key header is missing, invalid, or has been revoked").
    if (authorization) return bearerCaller(authorization);
    const apiKey = header('x-api-key');
    if (apiKey) return auth.authenticateApiKey(apiKey);
    const hint = eagle ? ' (Eagle-Api-Key belongs to the client key/secret API under /api/, not to /v2)' : '';
    throw new ServiceError('Authentication', `authentication required: send X-API-Key or Authorization: Bearer <token>${hint}`, 'InvalidAPIKey');
  }

  function sendInjected(res: ServerResponse, fault: Required<FaultDecision>['fault'], plain: boolean): void {
    if (plain && fault.kind === 'rate-limit') {
      return plainError(res, 'rate_limited', `Rate limit exceeded; retry after ${fault.retryAfterSeconds} s`, 429, { 'Retry-After': String(fault.retryAfterSeconds) });
    }
    if (plain && fault.kind === 'server-error' && fault.status === 500) return plainError(res, 'server_error', 'An internal error occurred.');
    switch (fault.kind) {
      case 'rate-limit':
        return envelopeError(res, 'RateLimitExceeded', `Rate limit exceeded; retry after ${fault.retryAfterSeconds} s`, 429, {
          'Retry-After': String(fault.retryAfterSeconds),
        });
      case 'server-error':
        if (fault.status === 500) return envelopeError(res, 'InternalError', 'An internal error occurred.');
        return send(res, fault.status, 'text/html; charset=utf-8', gatewayPage(fault.status));
      case 'malformed':
        if (fault.body === 'html') return send(res, 200, 'text/html; charset=utf-8', HTML_ERROR_PAGE);
        if (fault.body === 'empty') return send(res, 200, JSON_TYPE, '');
        return send(res, 200, JSON_TYPE, '{"success":true,"data":{"items":[{"id":');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const plain = isPlainPath(path);
    const refuse = (code: RestErrorCode, message: string, status = REST_STATUS[code], headers: Record<string, string> = {}): void =>
      plain ? plainError(res, PLAIN_BY_REST_CODE[code], message, status, headers) : envelopeError(res, code, message, status, headers);
    try {
      for (const key of url.searchParams.keys()) {
        if (CREDENTIAL_IN_QUERY.test(key)) throw invalidParameter('credentials must not be sent in the URL query string');
      }
      const matching = routes.map((r) => ({ r, params: matchPath(r.path, path) })).filter((m) => m.params !== undefined);
      // A literal path (e.g. /v2/parcels/inbox-list) is never read as a value of another route's {id}.
      const literal = matching.filter((m) => !m.r.path.includes('{'));
      const candidates = literal.length > 0 ? literal : matching;
      const match = candidates.find((m) => m.r.method === req.method);
      if (!match) {
        if (candidates.length > 0) {
          return refuse('InvalidParameter', `${req.method ?? ''} is not allowed on ${path}`, 405, {
            Allow: [...new Set(candidates.map((m) => m.r.method))].join(', '),
          });
        }
        return refuse('ObjectNotFound', `no endpoint ${req.method ?? ''} ${path}`);
      }
      const route = match.r;
      const decision = faults.decide({ protocol: 'rest', operations: route.operations, paths: [path, route.path] });
      if (decision.delayMs > 0) await delay(decision.delayMs);
      if (decision.fault) return sendInjected(res, decision.fault, plain);

      let body: Json = {};
      const raw = await readBody(req);
      if ((req.method === 'POST' || req.method === 'PUT') && raw.length > 0) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw.toString('utf8'));
        } catch {
          throw invalidParameter('the request body is not valid JSON');
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidParameter('the request body must be a JSON object');
        body = parsed as Json;
      }
      const caller = route.auth === 'none' ? undefined : await authenticate(req, route);
      const data = await route.handle({
        service,
        body,
        params: match.params!,
        lists,
        caller: () => {
          if (!caller) throw new ServiceError('SystemError', `${route.path} takes no credential`);
          return caller;
        },
      });
      if (route.raw) return send(res, 200, 'text/plain; charset=utf-8', String(data));
      if (route.plain) return send(res, 200, JSON_TYPE, JSON.stringify(data ?? null));
      send(res, 200, JSON_TYPE, JSON.stringify({ success: true, data: data ?? null, errorCode: null, message: null }));
    } catch (err) {
      if (err instanceof BodyTooLarge) return refuse('InvalidParameter', err.message, 413);
      if (err instanceof ServiceError) {
        const status = REST_STATUS[err.restCode];
        const headers: Record<string, string> = status === 401 && !plain ? { 'WWW-Authenticate': 'Bearer realm="ECGrid"' } : {};
        return refuse(err.restCode, err.message, status, headers);
      }
      refuse('InternalError', 'An internal error occurred.');
    }
  }

  return { handle };
}
