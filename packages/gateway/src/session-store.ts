import type { SoapCredentials } from '@ecgrid-bridge/soap';

/**
 * What a gateway session holds: the credentials its client logged in with, so that any gateway instance sharing the
 * store can open the backend sessions again (after a restart, or on another instance behind a load balancer).
 */
export interface GatewaySessionRecord {
  readonly credentials: Extract<SoapCredentials, { loginName: string }>;
  /** ISO instant of the client's Login. */
  readonly createdAt: string;
}

/**
 * Where gateway sessions live. The in-memory store serves one process; a shared implementation (Redis, say) lets
 * several gateway instances serve the same clients. `put` sets the time to live; every call a session makes puts it
 * again, so the TTL is an inactivity limit, as ECGridOS sessions have.
 */
export interface GatewaySessionStore {
  get(id: string): Promise<GatewaySessionRecord | undefined>;
  put(id: string, record: GatewaySessionRecord, ttlMs: number): Promise<void>;
  delete(id: string): Promise<void>;
}

/** The default store: a map with expiry, swept lazily on access and periodically. */
export class MemorySessionStore implements GatewaySessionStore {
  readonly #entries = new Map<string, { record: GatewaySessionRecord; expiresAt: number }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async get(id: string): Promise<GatewaySessionRecord | undefined> {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry.record;
  }

  async put(id: string, record: GatewaySessionRecord, ttlMs: number): Promise<void> {
    this.#entries.set(id, { record, expiresAt: this.#now() + ttlMs });
  }

  async delete(id: string): Promise<void> {
    this.#entries.delete(id);
  }

  /** Drops expired entries; returns how many are left. */
  sweep(): number {
    const now = this.#now();
    for (const [id, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(id);
    return this.#entries.size;
  }

  /** Ends every session now; returns how many there were. */
  clear(): number {
    const count = this.#entries.size;
    this.#entries.clear();
    return count;
  }
}
