import { type Clock, type CredentialStore, type HeldCredential, type RenewCause, SharedCredential } from '@ecgrid-bridge/core';
import type { HttpRequest, HttpResponse, SendNext } from '../types.js';
import { withHeaders } from './types.js';

export type { RenewCause };

/** Bearer strategies renew this long before a token expires unless told otherwise. */
export const DEFAULT_REFRESH_WINDOW_MS = 60_000;
/** How long a shared store keeps a token whose expiry is unknown (only a rejection renews such a token). */
const UNKNOWN_EXPIRY_TTL_MS = 60 * 60_000;

export interface HeldToken {
  token: string;
  /** Epoch ms; undefined when the expiry is unknown (then only a rejection triggers a renewal). */
  expiresAtMs: number | undefined;
}

export interface TokenKeeperOptions<T extends HeldToken> {
  clock: Clock;
  /** Renew this long before `expiresAtMs`. */
  refreshWindowMs: number;
  /** Obtains a token: from scratch when `current` is undefined, otherwise by renewing it. */
  acquire(current: T | undefined, cause: RenewCause): Promise<T>;
  /** Registers a token with the strategy's redactor, wherever it was obtained. */
  adopt(token: T): void;
  /** The token's key in the store. */
  key: () => string;
  /** Default: this strategy alone. */
  store?: CredentialStore | undefined;
}

/**
 * Holds a short-lived token and renews it before it expires. One renewal runs at a time and every caller
 * waits for it: a renewed token invalidates the old one, so callers must not keep using the old token while
 * a renewal is under way, and two renewals would invalidate each other. With a shared store this holds across
 * processes too: one of them renews, the others take its token.
 */
export class TokenKeeper<T extends HeldToken> {
  readonly #slot: SharedCredential<T>;

  constructor(options: TokenKeeperOptions<T>) {
    this.#slot = new SharedCredential<T>({
      store: options.store,
      key: options.key,
      clock: options.clock,
      refreshWindowMs: options.refreshWindowMs,
      ttlMs: UNKNOWN_EXPIRY_TTL_MS,
      adopt: options.adopt,
      acquire: async (current, cause) => {
        const next = await options.acquire(current, cause);
        return { value: next, expiresAtMs: next.expiresAtMs };
      },
    });
  }

  get shared(): boolean {
    return this.#slot.store.shared;
  }

  get token(): T | undefined {
    return this.#slot.peek()?.value;
  }

  /** A token that is not about to expire. `signal` bounds the caller's wait, not the shared renewal. */
  async get(signal?: AbortSignal): Promise<T> {
    return (await this.#slot.get(signal)).value;
  }

  hold(signal?: AbortSignal): Promise<HeldCredential<T>> {
    return this.#slot.get(signal);
  }

  /**
   * After the server rejected `used`: a fresh token, renewing only if nobody has replaced `used` yet (in any
   * process sharing the store). The rejected token is marked for everyone.
   */
  renewAfterRejection(used: HeldCredential<T>, signal?: AbortSignal): Promise<HeldCredential<T>> {
    return this.#slot.renewAfterRejection(used, signal);
  }

  /** Forgets the token (for every process sharing the store). */
  clear(): void {
    void this.#slot.clear().catch(() => undefined);
  }
}

/**
 * The hook shared by bearer strategies: sign with the current token; when the server rejects it, renew once
 * and resend once, marked as a replay so that a second rejection is returned as is.
 */
export async function bearerHook<T extends HeldToken>(
  keeper: TokenKeeper<T>,
  request: HttpRequest,
  next: SendNext,
  headersFor: (token: T) => Record<string, string>,
  isRejection: (response: HttpResponse) => boolean,
): Promise<HttpResponse> {
  const held = await keeper.hold(request.signal);
  const response = await next(withHeaders(request, headersFor(held.value)));
  if (request.replay || !isRejection(response)) return response;
  const renewed = await keeper.renewAfterRejection(held, request.signal);
  return next({ ...withHeaders(request, headersFor(renewed.value)), replay: true });
}
