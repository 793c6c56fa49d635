import type { RestPaths } from './paths.js';
import { callOptions, type AuthLevel, type CallOptions, type EndpointCall, type IsoDateTime, type OpenString } from './common.js';

/** rest-api/auth/*.md */
/** POST /v2/auth/login as getting-started/authentication.md sends it. */
export interface EmailLoginRequest {
  email: string;
  password: string;
}

/** POST /v2/auth/login as rest-api/auth/login.md documents it. */
export interface NameLoginRequest {
  login: string;
  password: string;
}

export type LoginRequest = EmailLoginRequest | NameLoginRequest;

/**
 * Login and refresh `data`. The reference returns `{token, expiresAt, userId}`; the authentication guide
 * returns `{token, refreshToken, expiresAt}` (DISCREPANCIES 7, 8).
 */
export interface LoginData {
  token: string;
  expiresAt: IsoDateTime;
  userId?: number;
  refreshToken?: string;
}

/** POST /v2/auth/refresh: `{token}` per the reference, `{refreshToken}` per the guide. */
export type RefreshRequest = { token: string } | { refreshToken: string };

export type RefreshData = LoginData;

/** POST /v2/auth/session `data`: the session's context. */
export interface SessionData {
  userId: number;
  login: string;
  networkId: number;
  mailboxId: number;
  authLevel: OpenString<AuthLevel>;
  expiresAt: IsoDateTime;
}

/** GET /v2/auth/version `data`. */
export interface VersionData {
  version: string;
}

export interface AuthEndpoints {
  /** Sent without the auth hook. Prefer `jwtAuth`, which keeps the session for you. */
  login(body: LoginRequest, options?: CallOptions): Promise<LoginData>;
  /** Sent without the auth hook. */
  refresh(body: RefreshRequest, options?: CallOptions & { bearer?: string }): Promise<RefreshData>;
  session(options?: CallOptions): Promise<SessionData>;
  /** Ends the server session of the credential the client sends; with `jwtAuth` use `client.auth.logout()`. */
  logout(options?: CallOptions): Promise<void>;
  version(options?: CallOptions): Promise<VersionData>;
}

/**
 * `call` and `callBare` refuse `data: null` (every helper here promises a value); logout, whose reference answer is
 * `data: null`, goes through `callAllowingNull`.
 */
export function authEndpoints(call: EndpointCall, callBare: EndpointCall, paths: RestPaths, callAllowingNull: EndpointCall = call): AuthEndpoints {
  return {
    login: (body, options) => callBare<LoginData>({ method: 'POST', path: paths['auth.login'], body, ...callOptions(options) }),
    refresh: (body, options) =>
      callBare<RefreshData>({
        method: 'POST',
        path: paths['auth.refreshToken'],
        body,
        headers: options?.bearer ? { Authorization: `Bearer ${options.bearer}` } : undefined,
        ...callOptions(options),
      }),
    session: (options) =>
      call<SessionData>({ method: 'POST', path: paths['auth.session'], idempotent: true, ...callOptions(options) }),
    logout: async (options) => {
      await callAllowingNull<unknown>({ method: 'POST', path: paths['auth.logout'], ...callOptions(options) });
    },
    version: (options) => call<VersionData>({ method: 'GET', path: paths['auth.version'], ...callOptions(options) }),
  };
}
