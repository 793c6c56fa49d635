import {
  ConfigurationError,
  type CredentialStore,
  ENV,
  Redactor,
  assertPasswordRule,
  credentialKey,
  systemClock,
  type Clock,
} from '@ecgrid-bridge/core';
import { peekErrorCode } from '../envelope.js';
import { RestAuthError } from '../errors.js';
import type { LoginData, LoginRequest, RefreshRequest, SessionData } from '../endpoints/auth.js';
import type { BufferedResponse, HttpRequest, HttpResponse, SendNext } from '../types.js';
import { Attachment } from './attachment.js';
import { jwtExpiryMs } from './jwt-expiry.js';
import { DEFAULT_REFRESH_WINDOW_MS, TokenKeeper, bearerHook, type HeldToken, type RenewCause } from './token-keeper.js';
import type { AuthStrategy, AuthTransport } from './types.js';

export interface JwtAuthOptions {
  /** The login name sent as `email` (the authentication guide's field). Defaults to `ECGrid__Email`. */
  email?: string | undefined;
  /** The login name sent as `login` (the REST reference's field). */
  login?: string | undefined;
  /** Defaults to `ECGrid__Password`. Checked against ECGrid's password rule before anything is sent. */
  password?: string | undefined;
  /**
   * The login body's field for the login name. Defaults to `email` (the guide), or to `login` when only
   * `login` is given.
   */
  loginField?: 'email' | 'login' | undefined;
  /** Refresh this long before `expiresAt`; default 60 s. */
  refreshWindowMs?: number | undefined;
  clock?: Clock | undefined;
  /** Where to read `ECGrid__Email` / `ECGrid__Password`; defaults to `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /**
   * Where the token pair lives. Default: this strategy alone. A shared store (`@ecgrid-bridge/redis-store`) gives
   * every process with the same base URL and login one session and one refresh for all of them.
   */
  credentialStore?: CredentialStore | undefined;
}

export interface JwtSession extends HeldToken {
  refreshToken: string | undefined;
  userId: number | undefined;
}

export interface JwtAuth extends AuthStrategy {
  readonly kind: 'jwt';
  /** Invalidates the session locally, then on the server (`POST /v2/auth/logout`); rethrows a server failure. */
  logout(): Promise<void>;
  /** `POST /v2/auth/session`: the current session's context. */
  session(): Promise<SessionData>;
  /** The current session's expiry and user, without the token; undefined before login. */
  current(): { expiresAtMs: number | undefined; userId: number | undefined } | undefined;
}

/**
 * Bearer JWT sessions: `POST /v2/auth/login`, then `Authorization: Bearer <token>`. The token is refreshed
 * before `expiresAt` (one refresh at a time, shared by all callers); a 401 `InvalidSession` triggers one
 * refresh-and-resend; a failed refresh falls back to one new login. Login, refresh and logout never pass through
 * the auth hook.
 */
export function jwtAuth(options: JwtAuthOptions = {}): JwtAuth {
  const env = options.env ?? process.env;
  const loginName = options.email ?? options.login ?? env[ENV.email]?.trim();
  const password = options.password ?? env[ENV.password];
  if (!loginName) throw new ConfigurationError(`No ECGrid login: pass email (or login) or set ${ENV.email}.`);
  if (!password) throw new ConfigurationError(`No ECGrid password: pass password or set ${ENV.password}.`);
  assertPasswordRule(password);
  const loginField = options.loginField ?? (options.email === undefined && options.login !== undefined ? 'login' : 'email');
  const refreshWindowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  if (!(refreshWindowMs >= 0)) throw new ConfigurationError('refreshWindowMs must be zero or more.');
  const clock = options.clock ?? systemClock;
  const redactor = new Redactor([password]);
  const attachment = new Attachment('jwt');

  const toSession = (data: LoginData | null, previous: JwtSession | undefined, path: string): JwtSession => {
    const token = data?.token;
    if (typeof token !== 'string' || token === '' || /\s/.test(token)) {
      throw new RestAuthError(`POST ${path} succeeded but returned no usable token.`, {
        status: 200,
        method: 'POST',
        path,
        redactor,
      });
    }
    redactor.add(token);
    const refreshToken = typeof data?.refreshToken === 'string' && data.refreshToken !== '' ? data.refreshToken : previous?.refreshToken;
    redactor.add(refreshToken);
    const parsedExpiry = typeof data?.expiresAt === 'string' ? Date.parse(data.expiresAt) : Number.NaN;
    return {
      token,
      refreshToken,
      expiresAtMs: Number.isNaN(parsedExpiry) ? jwtExpiryMs(token) : parsedExpiry,
      userId: typeof data?.userId === 'number' ? data.userId : previous?.userId,
    };
  };

  const login = async (transport: AuthTransport): Promise<JwtSession> => {
    const path = transport.paths['auth.login'];
    const body = { [loginField]: loginName, password } as unknown as LoginRequest;
    try {
      const session = toSession(await transport.callBare<LoginData>({ method: 'POST', path, body }), undefined, path);
      transport.emit({ type: 'login', strategy: 'jwt', outcome: 'ok' });
      return session;
    } catch (error) {
      transport.emit({ type: 'login', strategy: 'jwt', outcome: 'failed' });
      throw error;
    }
  };

  const refresh = async (transport: AuthTransport, from: JwtSession, cause: RenewCause): Promise<JwtSession> => {
    const path = transport.paths['auth.refreshToken'];
    const body: RefreshRequest = from.refreshToken ? { refreshToken: from.refreshToken } : { token: from.token };
    try {
      const data = await transport.callBare<LoginData>({
        method: 'POST',
        path,
        body,
        headers: { Authorization: `Bearer ${from.token}` },
      });
      const session = toSession(data, from, path);
      transport.emit({ type: 'refresh', strategy: 'jwt', outcome: 'ok', cause: cause === 'rejected' ? 'rejected' : 'expiring' });
      return session;
    } catch (error) {
      transport.emit({ type: 'refresh', strategy: 'jwt', outcome: 'failed', cause: cause === 'rejected' ? 'rejected' : 'expiring' });
      throw error;
    }
  };

  const keeper = new TokenKeeper<JwtSession>({
    clock,
    refreshWindowMs,
    store: options.credentialStore,
    key: () => credentialKey('rest-jwt', attachment.peek()?.baseUrl ?? '', loginName.toLowerCase()),
    adopt: (session) => {
      redactor.add(session.token);
      redactor.add(session.refreshToken);
    },
    acquire: async (current, cause) => {
      const transport = attachment.get();
      if (current) {
        try {
          return await refresh(transport, current, cause);
        } catch {
          // A refresh that fails (expired refresh token, session ended on the server) is followed by one login.
        }
      }
      return login(transport);
    },
  });

  const bearer = (session: JwtSession): Record<string, string> => ({ Authorization: `Bearer ${session.token}` });
  const isRejection = (response: HttpResponse): boolean =>
    response.status === 401 && Buffer.isBuffer(response.body) && peekErrorCode(response as BufferedResponse) === 'InvalidSession';

  return {
    kind: 'jwt',
    redactor,
    sharesCredential: keeper.shared,
    attach(transport: AuthTransport): void {
      attachment.set(transport);
    },
    async authenticate(signal?: AbortSignal): Promise<Record<string, string>> {
      return bearer(await keeper.get(signal));
    },
    hook(request: HttpRequest, next: SendNext): Promise<HttpResponse> {
      return bearerHook(keeper, request, next, bearer, isRejection);
    },
    invalidate(): void {
      keeper.clear();
    },
    async logout(): Promise<void> {
      const held = keeper.token;
      keeper.clear();
      if (!held) return;
      const transport = attachment.get();
      await transport.callBare<unknown>({
        method: 'POST',
        path: transport.paths['auth.logout'],
        headers: bearer(held),
      });
    },
    session(): Promise<SessionData> {
      const transport = attachment.get();
      return transport.request<SessionData>({ method: 'POST', path: transport.paths['auth.session'], idempotent: true });
    },
    current() {
      const held = keeper.token;
      return held ? { expiresAtMs: held.expiresAtMs, userId: held.userId } : undefined;
    },
  };
}
