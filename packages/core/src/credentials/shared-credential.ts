import { type Clock, systemClock } from '../clock.js';
import { ConfigurationError } from '../errors.js';
import { SingleFlight } from '../single-flight.js';
import { MemoryCredentialStore } from './memory-store.js';
import {
  type CredentialStore,
  CredentialStoreUnavailableError,
  CredentialWaitError,
  type Lease,
  type StoredCredential,
} from './store.js';

/** A credential in use: its value, the generation the store gave it, and its expiry. */
export interface HeldCredential<T> {
  readonly value: T;
  readonly generation: number;
  readonly expiresAtMs: number | undefined;
}

export type RenewCause = 'initial' | 'expiring' | 'rejected';

export interface AcquiredCredential<T> {
  value: T;
  /** Epoch ms, when the server said. */
  expiresAtMs: number | undefined;
}

export interface SharedCredentialOptions<T> {
  /** Default: a store of this credential's own (per process, nothing shared). */
  store?: CredentialStore | undefined;
  /** The credential's key in the store; a function when it is only known later (the REST base URL, say). */
  key: string | (() => string);
  /** Obtains a credential: from scratch when `base` is undefined, otherwise by renewing it (a refresh). */
  acquire(base: T | undefined, cause: RenewCause): Promise<AcquiredCredential<T>>;
  /** Called once with every credential this process starts to use, wherever it was obtained (to redact it). */
  adopt?(value: T): void;
  /** Renew this long before a known expiry; default 0. */
  refreshWindowMs?: number | undefined;
  /** How long the store keeps a credential whose expiry is unknown. */
  ttlMs: number;
  clock?: Clock | undefined;
}

export const DEFAULT_LEASE_MS = 15_000;
/** How often a waiting process looks again when no change message arrives (a lease that lapsed sends none). */
const POLL_MS = 200;
/** How long a process waits for others' renewals (each may hold its lease as long as it is alive) before giving up. */
const MAX_WAIT_MS = 30_000;

/**
 * One credential shared through a {@link CredentialStore}: calls use the process's copy without a round trip; a
 * renewal (login, refresh, token request) runs once at a time in the process and, with a shared store, once across
 * every process: the one holding the lease renews and publishes, the others wait for its result and use it. What
 * the lease holder writes carries the lease's generation, so a holder that lost its lease cannot overwrite a newer
 * credential; a holder that died lets its lease lapse and the next process takes over. A credential the server
 * refused is marked for everyone, once. When a shared store is unreachable its policy decides: a typed error, or a
 * credential of this process's own until the store is back.
 */
export class SharedCredential<T> {
  readonly store: CredentialStore;
  readonly #options: SharedCredentialOptions<T>;
  readonly #clock: Clock;
  readonly #leaseMs: number;
  readonly #refreshWindowMs: number;
  readonly #flight = new SingleFlight<HeldCredential<T>>();
  readonly #texts = new WeakMap<HeldCredential<T>, string>();
  #memo: { entry: StoredCredential; held: HeldCredential<T> } | undefined;
  #fallback: MemoryCredentialStore | undefined;
  /** Moves on every `clear()`, so that a renewal that was under way does not bring a forgotten credential back. */
  #epoch = 0;

  constructor(options: SharedCredentialOptions<T>) {
    this.#options = options;
    this.store = options.store ?? new MemoryCredentialStore({ clock: options.clock });
    this.#clock = options.clock ?? systemClock;
    this.#leaseMs = this.store.leaseMs ?? DEFAULT_LEASE_MS;
    this.#refreshWindowMs = options.refreshWindowMs ?? 0;
    if (!(this.#leaseMs > 0)) throw new ConfigurationError('leaseMs must be more than zero.');
    if (!(this.#refreshWindowMs >= 0)) throw new ConfigurationError('refreshWindowMs must be zero or more.');
  }

  /** True while the credential is this process's own because the shared store is unreachable. */
  get fallingBack(): boolean {
    return this.#fallback !== undefined;
  }

  /** True while this process runs (or waits for) a renewal. */
  get renewing(): boolean {
    return this.#flight.pending;
  }

  /** The credential this process would use now, without a round trip; undefined when there is none or it was refused. */
  peek(): HeldCredential<T> | undefined {
    const entry = this.#active().cached(this.#key());
    if (!entry || entry.rejected) return undefined;
    return this.#take(entry);
  }

  /** A credential that is not about to expire; `signal` bounds this caller's wait, not the shared renewal. */
  get(signal?: AbortSignal): Promise<HeldCredential<T>> {
    const held = this.peek();
    if (held && !this.#expiring(held)) return Promise.resolve(held);
    // Without a copy here, the store may well hold a good credential: read it before renewing anything. A credential
    // the store dropped at its expiry is still the base of a refresh.
    const last = held ?? this.#memo?.held;
    if (last && this.#expiring(last)) return this.#renew(last, 'expiring', signal);
    return this.#renew(undefined, 'initial', signal);
  }

  /** After the server refused `used`: marks it for everyone (once) and returns a credential nobody refused yet. */
  renewAfterRejection(used: HeldCredential<T>, signal?: AbortSignal): Promise<HeldCredential<T>> {
    const held = this.peek();
    if (held && !this.#same(held, used) && !this.#expiring(held)) return Promise.resolve(held);
    return this.#renew(used, 'rejected', signal);
  }

  /** Forces a new credential even though the current one is usable (an explicit Login). */
  renewNow(signal?: AbortSignal): Promise<HeldCredential<T>> {
    return this.#renew(this.peek(), 'initial', signal, true);
  }

  /** The outcome of a renewal under way in this process: undefined when none is, or when it fails. */
  async settled(): Promise<HeldCredential<T> | undefined> {
    if (!this.#flight.pending) return undefined;
    return this.#flight.run(() => Promise.reject(new Error('no renewal under way'))).catch(() => undefined);
  }

  /** Forgets the credential, for every process sharing the store (after a logout). The local copy goes at once. */
  clear(): Promise<void> {
    this.#epoch += 1;
    this.#memo = undefined;
    const key = this.#key();
    const removed = (this.#fallback ?? this.store).remove(key);
    return removed.catch((err: unknown) => {
      if (!(err instanceof CredentialStoreUnavailableError)) throw err;
    });
  }

  #key(): string {
    const key = this.#options.key;
    return typeof key === 'string' ? key : key();
  }

  /** The store in use: the shared one, or this process's own while the shared one is unreachable. */
  #active(): CredentialStore {
    if (this.#fallback && this.store.available()) {
      // Back to the shared credential: the one obtained meanwhile stays with this process only and is dropped.
      this.#fallback = undefined;
      this.#memo = undefined;
    }
    return this.#fallback ?? this.store;
  }

  #expiring(held: HeldCredential<T>): boolean {
    return held.expiresAtMs !== undefined && this.#clock.now() >= held.expiresAtMs - this.#refreshWindowMs;
  }

  #same(a: HeldCredential<T>, b: HeldCredential<T>): boolean {
    return a === b || (a.generation === b.generation && this.#textOf(a) === this.#textOf(b));
  }

  #textOf(held: HeldCredential<T>): string {
    return this.#texts.get(held) ?? JSON.stringify(held.value);
  }

  #take(entry: StoredCredential): HeldCredential<T> {
    const memo = this.#memo;
    if (memo && (memo.entry === entry || (memo.entry.generation === entry.generation && memo.entry.value === entry.value))) return memo.held;
    const value = JSON.parse(entry.value) as T;
    const held: HeldCredential<T> = { value, generation: entry.generation, expiresAtMs: entry.expiresAtMs };
    this.#texts.set(held, entry.value);
    this.#options.adopt?.(value);
    this.#memo = { entry, held };
    return held;
  }

  async #renew(from: HeldCredential<T> | undefined, cause: RenewCause, signal?: AbortSignal, force = false): Promise<HeldCredential<T>> {
    // A renewal that was already under way when `from` was refused may hand back `from` itself: then renew again.
    for (let round = 0; ; round += 1) {
      const fresh = await raceSignal(
        this.#flight.run(() => this.#renewAcross(from, cause)),
        signal,
      );
      if (!from || round > 0 || !this.#same(fresh, from) || (cause !== 'rejected' && !force)) return fresh;
    }
  }

  /** One renewal for the whole process; with a shared store, one for every process. */
  async #renewAcross(from: HeldCredential<T> | undefined, cause: RenewCause): Promise<HeldCredential<T>> {
    const store = this.#active();
    try {
      return await this.#renewIn(store, from, cause);
    } catch (err) {
      if (!(err instanceof CredentialStoreUnavailableError) || store !== this.store || store.whenUnavailable !== 'local') throw err;
      // The shared store is down: this process obtains a credential of its own and never guesses at the shared one.
      this.#fallback = new MemoryCredentialStore({ clock: this.#clock });
      this.#memo = undefined;
      this.store.record({ type: 'fallback', key: this.#key() });
      return this.#renewIn(this.#fallback, undefined, 'initial');
    }
  }

  async #renewIn(store: CredentialStore, from: HeldCredential<T> | undefined, cause: RenewCause): Promise<HeldCredential<T>> {
    const key = this.#key();
    const staleText = from ? this.#textOf(from) : undefined;
    const usable = (entry: StoredCredential | undefined): entry is StoredCredential =>
      entry !== undefined &&
      !entry.rejected &&
      (staleText === undefined || entry.value !== staleText) &&
      !(entry.expiresAtMs !== undefined && this.#clock.now() >= entry.expiresAtMs - this.#refreshWindowMs);
    if (cause === 'rejected' && from && (await store.reject(key, from.generation))) {
      store.record({ type: 'invalidated', key, generation: from.generation });
    }
    const started = this.#clock.now();
    let waited = false;
    for (;;) {
      const seen = await store.load(key);
      if (usable(seen)) return this.#adopted(store, seen, waited, started);
      const lease = await store.tryLease(key, this.#leaseMs);
      if (lease) {
        try {
          const again = await store.load(key);
          if (usable(again)) return this.#adopted(store, again, waited, started);
          return await this.#renewUnderLease(store, lease, again, from, cause);
        } finally {
          await store.release(lease).catch(() => undefined);
        }
      }
      waited = true;
      const patience = Math.max(MAX_WAIT_MS, 3 * this.#leaseMs);
      if (this.#clock.now() - started > patience) {
        throw new CredentialWaitError(`No credential was published within ${patience} ms while another process held the renewal.`);
      }
      await store.changed(key, Math.min(POLL_MS, this.#leaseMs));
    }
  }

  #adopted(store: CredentialStore, entry: StoredCredential, waited: boolean, started: number): HeldCredential<T> {
    if (waited) store.record({ type: 'waited', key: this.#key(), generation: entry.generation, waitedMs: this.#clock.now() - started });
    return this.#take(entry);
  }

  async #renewUnderLease(
    store: CredentialStore,
    lease: Lease,
    stored: StoredCredential | undefined,
    from: HeldCredential<T> | undefined,
    cause: RenewCause,
  ): Promise<HeldCredential<T>> {
    const epoch = this.#epoch;
    const base = stored ? (JSON.parse(stored.value) as T) : from?.value;
    if (stored) this.#options.adopt?.(base as T);
    // While this process is alive and renewing, its lease stays; if it dies, the lease lapses within `leaseMs`.
    const heartbeat = setInterval(() => void store.extend(lease, this.#leaseMs).catch(() => undefined), this.#leaseMs / 3);
    heartbeat.unref();
    let next: AcquiredCredential<T>;
    try {
      next = await this.#options.acquire(base, base === undefined ? 'initial' : cause);
    } finally {
      clearInterval(heartbeat);
    }
    this.#options.adopt?.(next.value);
    const text = JSON.stringify(next.value);
    const written = await store.publish(lease, text, next.expiresAtMs, this.#options.ttlMs);
    if (written) {
      store.record({ type: 'renewed', key: lease.key, generation: written.generation });
      if (epoch !== this.#epoch) await store.remove(lease.key);
      return this.#take(written);
    }
    store.record({ type: 'fenced', key: lease.key, generation: lease.token });
    const newer = await store.load(lease.key);
    if (newer && !newer.rejected) return this.#take(newer);
    // Nobody else's credential to take: this one is valid, it is just not shared.
    const own: HeldCredential<T> = { value: next.value, generation: lease.token, expiresAtMs: next.expiresAtMs };
    this.#texts.set(own, text);
    return own;
  }
}

/** The task's result, or the signal's abort reason if it comes first; the task itself goes on for its other callers. */
function raceSignal<T>(task: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return task;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    task.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
