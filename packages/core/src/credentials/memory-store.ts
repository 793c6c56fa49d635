import { type Clock, systemClock } from '../clock.js';
import { type EventListener, emitSafely } from '../events.js';
import {
  type CredentialStore,
  type CredentialStoreEvent,
  type CredentialStoreMetrics,
  type Lease,
  type StoredCredential,
  type UnavailablePolicy,
  emptyMetrics,
} from './store.js';

export interface MemoryCredentialStoreOptions {
  clock?: Clock | undefined;
  /** How long one renewal may run before another caller takes over; default 15 s. */
  leaseMs?: number | undefined;
  onEvent?: EventListener<CredentialStoreEvent> | undefined;
}

/** Calls waiting for a key to change, each woken once. */
export class ChangeWaiters {
  readonly #waiting = new Map<string, Set<() => void>>();

  wake(key: string): void {
    const set = this.#waiting.get(key);
    if (!set) return;
    this.#waiting.delete(key);
    for (const resolve of set) resolve();
  }

  wakeAll(): void {
    for (const key of [...this.#waiting.keys()]) this.wake(key);
  }

  wait(key: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const set = this.#waiting.get(key) ?? new Set<() => void>();
      this.#waiting.set(key, set);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }
}

/**
 * The default store: credentials kept in this process only, so each process logs in on its own. Nothing to install.
 * Expired entries are dropped when read.
 */
export class MemoryCredentialStore implements CredentialStore {
  readonly shared: boolean = false;
  readonly whenUnavailable: UnavailablePolicy = 'fail';
  readonly leaseMs: number | undefined;
  readonly #clock: Clock;
  readonly #onEvent: EventListener<CredentialStoreEvent> | undefined;
  readonly #credentials = new Map<string, StoredCredential & { dropAtMs: number }>();
  readonly #leases = new Map<string, Lease>();
  readonly #values = new Map<string, { value: string; dropAtMs: number }>();
  readonly #waiters = new ChangeWaiters();
  readonly #metrics = emptyMetrics();
  #fence = 0;

  constructor(options: MemoryCredentialStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#onEvent = options.onEvent;
    this.leaseMs = options.leaseMs;
  }

  cached(key: string): StoredCredential | undefined {
    const entry = this.#credentials.get(key);
    if (!entry) return undefined;
    if (this.#clock.now() >= entry.dropAtMs) {
      this.#credentials.delete(key);
      return undefined;
    }
    this.#metrics.localHits += 1;
    return entry;
  }

  async load(key: string): Promise<StoredCredential | undefined> {
    return this.#current(key);
  }

  /** Synchronous, so that each step below is atomic as a Redis script is. */
  #current(key: string): (StoredCredential & { dropAtMs: number }) | undefined {
    const entry = this.#credentials.get(key);
    if (entry && this.#clock.now() >= entry.dropAtMs) this.#credentials.delete(key);
    return this.#credentials.get(key);
  }

  async tryLease(key: string, leaseMs: number): Promise<Lease | undefined> {
    const now = this.#clock.now();
    const held = this.#leases.get(key);
    if (held && held.expiresAtMs > now) return undefined;
    const lease = { key, token: ++this.#fence, expiresAtMs: now + leaseMs };
    this.#leases.set(key, lease);
    return lease;
  }

  async publish(lease: Lease, value: string, expiresAtMs: number | undefined, ttlMs: number): Promise<StoredCredential | undefined> {
    const holder = this.#leases.get(lease.key);
    const current = this.#current(lease.key);
    if ((holder && holder.token !== lease.token && holder.expiresAtMs > this.#clock.now()) || (current && current.generation >= lease.token)) {
      return undefined;
    }
    const entry = { value, generation: lease.token, expiresAtMs, rejected: false, dropAtMs: expiresAtMs ?? this.#clock.now() + ttlMs };
    this.#credentials.set(lease.key, entry);
    this.#waiters.wake(lease.key);
    return entry;
  }

  async extend(lease: Lease, leaseMs: number): Promise<boolean> {
    const held = this.#leases.get(lease.key);
    if (held?.token !== lease.token) return false;
    this.#leases.set(lease.key, { ...held, expiresAtMs: this.#clock.now() + leaseMs });
    return true;
  }

  async release(lease: Lease): Promise<void> {
    if (this.#leases.get(lease.key)?.token === lease.token) this.#leases.delete(lease.key);
    this.#waiters.wake(lease.key);
  }

  async reject(key: string, generation: number): Promise<boolean> {
    const current = this.#current(key);
    if (!current || current.generation !== generation || current.rejected) return false;
    this.#credentials.set(key, { ...current, rejected: true });
    this.#waiters.wake(key);
    return true;
  }

  async remove(key: string): Promise<void> {
    this.#credentials.delete(key);
    this.#waiters.wake(key);
  }

  changed(key: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.#waiters.wait(key, timeoutMs, signal);
  }

  available(): boolean {
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.#values.get(key);
    if (!entry) return undefined;
    if (this.#clock.now() >= entry.dropAtMs) {
      this.#values.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    this.#values.set(key, { value, dropAtMs: this.#clock.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  metrics(): CredentialStoreMetrics {
    return { ...this.#metrics };
  }

  record(event: CredentialStoreEvent): void {
    countEvent(this.#metrics, event);
    emitSafely(this.#onEvent, event);
  }

  async close(): Promise<void> {
    this.#waiters.wakeAll();
  }
}

/** The counter each event moves. */
export function countEvent(metrics: CredentialStoreMetrics, event: CredentialStoreEvent): void {
  switch (event.type) {
    case 'renewed':
      metrics.renewals += 1;
      break;
    case 'waited':
      metrics.waits += 1;
      break;
    case 'invalidated':
      metrics.invalidations += 1;
      break;
    case 'fenced':
      metrics.fencedOut += 1;
      break;
    case 'unavailable':
      metrics.unavailable += 1;
      break;
    case 'fallback':
      metrics.fallbacks += 1;
      break;
    case 'recovered':
      break;
  }
}
