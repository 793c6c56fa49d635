import type { HttpMethod } from '@ecgrid-bridge/catalog';
import { endpoint } from './endpoint.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REST_STATUS, type RestErrorCode, ServiceError, invalidParameter } from '../errors.js';
import type { FaultDecision, FaultInjector } from '../faults.js';
import { BodyTooLarge, HTML_ERROR_PAGE, gatewayPage, readBody, send } from '../http.js';
import type { Caller } from '../service/auth.js';
import type { SandboxService } from '../service/service.js';
import { type Json, optString } from './input.js';
import { REST_ROUTES, type RestRoute, matchPath } from './routes.js';

/** The REST API version the sandbox reports. */
export const REST_API_VERSION = '2.6';
/** The only `api-version` the client key/secret scheme accepts. */
export const CLIENT_KEY_API_VERSION = '1.0';

const JSON_TYPE = 'application/json; charset=utf-8';
const CREDENTIAL_IN_QUERY = /api[-_]?key|token|secret|password|session[-_]?id|client[-_]?key|^key$|^auth/i;

interface FrontRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operations: readonly string[];
  /** `none`: no credential; `required`: any credential; `client-key`: the client key/secret header or a token. */
  readonly auth: 'none' | 'required' | 'client-key';
  /** Answers with a raw text body instead of the envelope. */
  readonly raw?: boolean;
  handle(ctx: { body: Json; params: Record<string, string>; caller: Caller | undefined }): unknown;
}

export interface RestFront {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

function envelopeError(res: ServerResponse, code: RestErrorCode, message: string, status = REST_STATUS[code], headers: Record<string, string> = {}): void {
  send(res, status, JSON_TYPE, JSON.stringify({ success: false, data: null, errorCode: code, message }), headers);
}

/**
 * The REST v2 front: the `{success, data, errorCode, message}` envelope, ECGrid's error codes and statuses, and the
 * credentials of both seed documents (X-API-Key, Bearer JWT, Eagle-Api-Key client key/secret).
 */
export function createRestFront(service: SandboxService, faults: FaultInjector, delay: (ms: number) => Promise<void>): RestFront {
  const auth = service.auth;

  const authRoutes: FrontRoute[] = [
    { ...endpoint('auth.version'), operations: ['Version'], auth: 'none', handle: () => ({ version: REST_API_VERSION }) },
    {
      ...endpoint('auth.login'),
      operations: ['Login'],
      auth: 'none',
      handle: async ({ body }) => {
        const login = optString(body, 'login') ?? optString(body, 'email');
        const password = optString(body, 'password');
        if (!login || !password) throw invalidParameter('login (or email) and password are required');
        return auth.issueToken(auth.checkPassword(login, password), true);
      },
    },
    {
      ...endpoint('auth.refreshToken'),
      operations: [],
      auth: 'none',
      handle: ({ body }) => {
        const refreshToken = optString(body, 'refreshToken');
        const token = optString(body, 'token');
        return auth.refresh(refreshToken ? { refreshToken } : token ? { token } : {});
      },
    },
    {
      ...endpoint('auth.session'),
      operations: ['WhoAmI'],
      auth: 'required',
      handle: ({ caller }) => ({
        userId: caller!.user.userId,
        login: caller!.user.loginName,
        networkId: caller!.user.networkId,
        mailboxId: caller!.user.mailboxId,
        authLevel: caller!.user.authLevel,
        expiresAt: caller!.expiresAt ?? null,
      }),
    },
    {
      ...endpoint('auth.logout'),
      operations: ['Logout'],
      auth: 'required',
      handle: ({ caller }) => {
        auth.logoutToken(caller!);
        return null;
      },
    },
    {
      method: 'POST',
      path: '/api/request-token',
      operations: [],
      auth: 'client-key',
      raw: true,
      handle: async ({ caller }) => (await auth.issueToken(caller!.user, false)).token,
    },
    {
      method: 'GET',
      path: '/api/api-info',
      operations: [],
      auth: 'client-key',
      handle: () => ({ name: 'ECGrid sandbox', apiVersion: CLIENT_KEY_API_VERSION, restVersion: REST_API_VERSION }),
    },
  ];
  const v2Routes: FrontRoute[] = REST_ROUTES.map((r: RestRoute) => ({
    method: r.method,
    path: r.path,
    operations: r.operations,
    auth: 'required' as const,
    handle: ({ body, params, caller }) => r.handle({ service, body, params, caller: caller! }),
  }));
  const routes = [...authRoutes, ...v2Routes];

  async function authenticate(req: IncomingMessage, route: FrontRoute): Promise<Caller> {
    const authorization = req.headers['authorization'];
    if (typeof authorization === 'string' && authorization.trim() !== '') {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!bearer) throw new ServiceError('Authentication', 'the Authorization header must be "Bearer <token>"', 'InvalidSession');
      return auth.authenticateBearer(bearer[1]!);
    }
    const eagle = req.headers['eagle-api-key'];
    if (typeof eagle === 'string' && eagle.trim() !== '') {
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
    if (route.auth === 'client-key') {
      throw new ServiceError('Authentication', 'send the client key and secret in the Eagle-Api-Key header', 'InvalidAPIKey');
    }
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey.trim() !== '') return auth.authenticateApiKey(apiKey);
    throw new ServiceError('Authentication', 'authentication required: send X-API-Key, Authorization: Bearer <token> or Eagle-Api-Key', 'InvalidSession');
  }

  function sendInjected(res: ServerResponse, fault: Required<FaultDecision>['fault']): void {
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
          return envelopeError(res, 'InvalidParameter', `${req.method ?? ''} is not allowed on ${path}`, 405, {
            Allow: [...new Set(candidates.map((m) => m.r.method))].join(', '),
          });
        }
        return envelopeError(res, 'ObjectNotFound', `no endpoint ${req.method ?? ''} ${path}`);
      }
      const route = match.r;
      const decision = faults.decide({ protocol: 'rest', operations: route.operations, paths: [path, route.path] });
      if (decision.delayMs > 0) await delay(decision.delayMs);
      if (decision.fault) return sendInjected(res, decision.fault);

      let body: Json = {};
      const raw = await readBody(req);
      if (req.method === 'POST' && raw.length > 0) {
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
      const data = await route.handle({ body, params: match.params!, caller });
      if (route.raw) return send(res, 200, 'text/plain; charset=utf-8', String(data));
      send(res, 200, JSON_TYPE, JSON.stringify({ success: true, data: data ?? null, errorCode: null, message: null }));
    } catch (err) {
      if (err instanceof BodyTooLarge) return envelopeError(res, 'InvalidParameter', err.message, 413);
      if (err instanceof ServiceError) {
        const headers: Record<string, string> = err.restCode === 'InvalidSession' ? { 'WWW-Authenticate': 'Bearer realm="ECGrid"' } : {};
        return envelopeError(res, err.restCode, err.message, REST_STATUS[err.restCode], headers);
      }
      envelopeError(res, 'InternalError', 'An internal error occurred.');
    }
  }

  return { handle };
}
