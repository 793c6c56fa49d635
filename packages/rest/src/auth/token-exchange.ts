import { ConfigurationError, type CredentialStore, credentialKey, systemClock, type Clock } from '@ecgrid-bridge/core';
import { RestAuthError } from '../errors.js';
import { decodePlain } from '../plain.js';
import type { HttpRequest, HttpResponse, SendNext } from '../types.js';
import { Attachment } from './attachment.js';
import { clientKeyCredentials, type ClientKeyOptions } from './client-key.js';
import { isJwt, jwtExpiryMs } from './jwt-expiry.js';
import { DEFAULT_REFRESH_WINDOW_MS, TokenKeeper, bearerHook, type HeldToken } from './token-keeper.js';
import type { AuthStrategy, AuthTransport } from './types.js';

export interface TokenExchangeAuthOptions extends ClientKeyOptions {
  /** Relative to the base URL; default `api/request-token`. */
  tokenPath?: string | undefined;
  /** Request a new token this long before the token's `exp`; default 60 s. */
  refreshWindowMs?: number | undefined;
  clock?: Clock | undefined;
  /** Where the token lives. Default: this strategy alone; a shared store gives every process one token. */
  credentialStore?: CredentialStore | undefined;
}

export const DEFAULT_TOKEN_PATH = 'api/request-token';

export interface TokenExchangeAuth extends AuthStrategy {
  readonly kind: 'token-exchange';
}

/**
 * Exchanges the client key/secret header for a JWT (`POST api/request-token`, whose body is the raw token), then
 * sends `Authorization: Bearer <token>` and `api-version`. The token's `exp` claim decides when a new one is
 * requested (one request at a time, shared by all callers); a 401 triggers one new token and one resend.
 */
export function tokenExchangeAuth(options: TokenExchangeAuthOptions): TokenExchangeAuth {
  const creds = clientKeyCredentials(options);
  const { redactor } = creds;
  const tokenPath = options.tokenPath ?? DEFAULT_TOKEN_PATH;
  if (tokenPath === '' || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(tokenPath)) {
    throw new ConfigurationError('tokenPath must be a path relative to the base URL.');
  }
  const refreshWindowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  if (!(refreshWindowMs >= 0)) throw new ConfigurationError('refreshWindowMs must be zero or more.');
  const attachment = new Attachment('token-exchange');
  const displayPath = tokenPath.startsWith('/') ? tokenPath : `/${tokenPath}`;
  const clock = options.clock ?? systemClock;

  const requestToken = async (transport: AuthTransport): Promise<HeldToken> => {
    const response = await transport.sendBare({
      method: 'POST',
      path: tokenPath,
      headers: { [creds.headerName]: creds.headerValue, 'api-version': creds.apiVersion, Accept: 'text/plain, application/json' },
    });
    const { status } = response;
    // A refusal is plain JSON (`{"error":"invalid_client",…}`): a typed auth error that keeps the server's code.
    const body = decodePlain<string>(response, { method: 'POST', path: displayPath, redactor, nowMs: clock.now() }, 'text');
    const token = unwrapToken(body);
    if (token === undefined || !isJwt(token)) {
      throw new RestAuthError(`POST ${displayPath} answered HTTP ${status} with a body that is not a JWT.`, {
        status,
        method: 'POST',
        path: displayPath,
        redactor,
      });
    }
    redactor.add(token);
    return { token, expiresAtMs: jwtExpiryMs(token) };
  };

  const keeper = new TokenKeeper<HeldToken>({
    clock,
    refreshWindowMs,
    store: options.credentialStore,
    key: () => credentialKey('rest-token', attachment.peek()?.baseUrl ?? '', tokenPath, creds.headerValue),
    adopt: (held) => redactor.add(held.token),
    acquire: async (current, cause) => {
      const transport = attachment.get();
      try {
        const token = await requestToken(transport);
        transport.emit(
          current
            ? { type: 'refresh', strategy: 'token-exchange', outcome: 'ok', cause: cause === 'rejected' ? 'rejected' : 'expiring' }
            : { type: 'login', strategy: 'token-exchange', outcome: 'ok' },
        );
        return token;
      } catch (error) {
        transport.emit(
          current
            ? { type: 'refresh', strategy: 'token-exchange', outcome: 'failed', cause: cause === 'rejected' ? 'rejected' : 'expiring' }
            : { type: 'login', strategy: 'token-exchange', outcome: 'failed' },
        );
        throw error;
      }
    },
  });

  const headersFor = (held: HeldToken): Record<string, string> => ({
    Authorization: `Bearer ${held.token}`,
    'api-version': creds.apiVersion,
  });

  return {
    kind: 'token-exchange',
    redactor,
    sharesCredential: keeper.shared,
    attach(transport: AuthTransport): void {
      attachment.set(transport);
    },
    async authenticate(signal?: AbortSignal): Promise<Record<string, string>> {
      return headersFor(await keeper.get(signal));
    },
    hook(request: HttpRequest, next: SendNext): Promise<HttpResponse> {
      return bearerHook(keeper, request, next, headersFor, (response) => response.status === 401);
    },
    invalidate(): void {
      keeper.clear();
    },
  };
}

/** The token is the whole body; a JSON string literal (`"eyJ…"`) is tolerated too. */
function unwrapToken(body: string): string | undefined {
  const text = body.trim();
  if (!text.startsWith('"')) return text;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}
