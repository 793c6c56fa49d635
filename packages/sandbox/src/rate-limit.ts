import type { Clock } from '@ecgrid-bridge/core';
import { invalidParameter } from './errors.js';
import type { FaultProtocol, RequestBudget } from './faults.js';

/** A server's request budget: at most `calls` requests each `windowMs`, on one protocol or both. */
export interface RateLimit {
  readonly calls: number;
  readonly windowMs: number;
  /** Default `both`: one budget shared by SOAP and REST. */
  readonly protocol?: FaultProtocol;
}

/** Validates a rate limit (option, admin control or admin JSON); null or undefined means none. */
export function rateLimit(value: unknown): RateLimit | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') throw invalidParameter('rateLimit must be {calls, windowMs, protocol?} or null');
  const { calls, windowMs, protocol = 'both' } = value as Record<string, unknown>;
  if (typeof calls !== 'number' || !Number.isSafeInteger(calls) || calls < 1) throw invalidParameter('rateLimit.calls must be a positive integer');
  if (typeof windowMs !== 'number' || !Number.isSafeInteger(windowMs) || windowMs < 1) throw invalidParameter('rateLimit.windowMs must be a positive integer');
  if (protocol !== 'soap' && protocol !== 'rest' && protocol !== 'both') throw invalidParameter('rateLimit.protocol must be soap, rest or both');
  return { calls, windowMs, protocol };
}

/**
 * Counts requests in fixed windows on the sandbox clock. A request over the budget is refused with the whole
 * seconds until the window ends (at least 1), which the fronts send as `Retry-After`.
 */
export class RateLimiter implements RequestBudget {
  readonly #clock: Clock;
  #limit: RateLimit | undefined;
  #windowStart = 0;
  #used = 0;

  constructor(clock: Clock, limit?: RateLimit) {
    this.#clock = clock;
    this.#limit = limit;
  }

  get limit(): RateLimit | undefined {
    return this.#limit;
  }

  set limit(limit: RateLimit | undefined) {
    this.#limit = limit;
    this.#used = 0;
    this.#windowStart = this.#clock.now();
  }

  /** Counts one request; returns the seconds to wait when it is over the budget, undefined when it may proceed. */
  take(protocol: 'soap' | 'rest'): number | undefined {
    const limit = this.#limit;
    if (!limit || (limit.protocol !== 'both' && limit.protocol !== protocol)) return undefined;
    const now = this.#clock.now();
    if (now >= this.#windowStart + limit.windowMs) {
      this.#windowStart = now;
      this.#used = 0;
    }
    if (this.#used < limit.calls) {
      this.#used++;
      return undefined;
    }
    return Math.max(1, Math.ceil((this.#windowStart + limit.windowMs - now) / 1000));
  }
}
