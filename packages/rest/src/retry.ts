import type { RestApiError } from './errors.js';

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The shortest pause before any retry, jittered or asked for by `Retry-After` (default 50 ms, never above
   * `maxDelayMs`): full jitter alone can pick a pause of almost nothing, which hammers a struggling server.
   */
  minDelayMs?: number | undefined;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: (() => number) | undefined;
}

export const DEFAULT_MIN_DELAY_MS = 50;

export const DEFAULT_RETRY: Readonly<Required<Omit<RetryOptions, 'random'>>> = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  minDelayMs: DEFAULT_MIN_DELAY_MS,
};

/** Waits `ms`, rejecting with the signal's reason if it aborts first. Inject a fake one in tests. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

export type RetryReason = 'rate-limited' | 'server-error' | 'network';

/** Why a failed attempt may be worth repeating, or null. Whether it may be repeated is the caller's business. */
export function retryReason(error: RestApiError): RetryReason | null {
  if (error.kind === 'network') return 'network';
  if (error.status === 429 || error.errorCode === 'RateLimitExceeded') return 'rate-limited';
  if (error.status >= 500 && error.status <= 599) return 'server-error';
  return null;
}

/** The floor of every retry pause: `minDelayMs`, but never above `maxDelayMs`. */
export function minimumPause(options: RetryOptions): number {
  return Math.max(0, Math.min(options.minDelayMs ?? DEFAULT_MIN_DELAY_MS, options.maxDelayMs));
}

/**
 * "Full jitter" exponential backoff with a floor: a random pause up to min(max, base * 2^(n-1)) before retry n
 * (1-based), and never less than {@link minimumPause}.
 */
export function backoffDelay(retryNumber: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  const random = options.random ?? Math.random;
  return Math.max(minimumPause(options), Math.floor(random() * ceiling));
}

/** The pause a `Retry-After` asks for, raised to the floor (`Retry-After: 0` is no reason to hammer). */
export function retryAfterDelay(retryAfterMs: number, options: RetryOptions): number {
  return Math.max(minimumPause(options), retryAfterMs);
}

/** `Retry-After` as milliseconds to wait: delta-seconds, or an HTTP date compared with `nowMs`. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
