import { SingleFlight, type Clock } from '@ecgrid-bridge/core';
import { raceSignal } from '../deadline.js';
import type { HttpRequest, HttpResponse, SendNext } from '../types.js';
import { withHeaders } from './types.js';

/** Bearer strategies renew this long before a token expires unless told otherwise. */
export const DEFAULT_REFRESH_WINDOW_MS = 60_000;

export interface HeldToken {
  token: string;
  /** Epoch ms; undefined when the expiry is unknown (then only a rejection triggers a renewal). */
  expiresAtMs: number | undefined;
}

export type RenewCause = 'initial' | 'expiring' | 'rejected';

export interface TokenKeeperOptions<T extends HeldToken> {
  clock: Clock;
  /** Renew this long before `expiresAtMs`. */
  refreshWindowMs: number;
  /** Obtains a token: from scratch when `current` is undefined, otherwise by renewing it. */
  acquire(current: T | undefined, cause: RenewCause): Promise<T>;
}

/**
 * Holds a short-lived token and renews it before it expires. One renewal runs at a time and every caller
 * waits for it: a renewed token invalidates the old one, so callers must not keep using the old token while
 * a renewal is under way, and two renewals would invalidate each other.
 */
export class TokenKeeper<T extends HeldToken> {
  private current: T | undefined;
  private generation = 0;
  private readonly flight = new SingleFlight<T>();

  constructor(private readonly options: TokenKeeperOptions<T>) {}

  get token(): T | undefined {
    return this.current;
  }

  /** A token that is not about to expire. `signal` bounds the caller's wait, not the shared renewal. */
  get(signal?: AbortSignal): Promise<T> {
    const held = this.current;
    if (held && !this.isExpiring(held)) return Promise.resolve(held);
    return raceSignal(this.renew(held, held ? 'expiring' : 'initial'), signal);
  }

  /**
   * After the server rejected `used`: a fresh token, renewing only if nobody has replaced `used` yet. When the
   * token was cleared meanwhile, `acquire` starts from scratch.
   */
  renewAfterRejection(used: T, signal?: AbortSignal): Promise<T> {
    const held = this.current;
    if (held && held !== used && !this.isExpiring(held)) return Promise.resolve(held);
    return raceSignal(this.renew(held, 'rejected'), signal);
  }

  clear(): void {
    this.current = undefined;
    this.generation += 1;
  }

  private isExpiring(token: T): boolean {
    return token.expiresAtMs !== undefined && this.options.clock.now() >= token.expiresAtMs - this.options.refreshWindowMs;
  }

  private renew(from: T | undefined, cause: RenewCause): Promise<T> {
    return this.flight.run(async () => {
      const generation = this.generation;
      const next = await this.options.acquire(from, cause);
      if (generation === this.generation) this.current = next;
      return next;
    });
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
  const token = await keeper.get(request.signal);
  const response = await next(withHeaders(request, headersFor(token)));
  if (request.replay || !isRejection(response)) return response;
  const renewed = await keeper.renewAfterRejection(token, request.signal);
  return next({ ...withHeaders(request, headersFor(renewed)), replay: true });
}
