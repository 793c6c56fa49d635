import { Redis, type RedisOptions } from 'ioredis';
import {
  ChangeWaiters,
  type Clock,
  ConfigurationError,
  type CredentialStore,
  type CredentialStoreEvent,
  type CredentialStoreMetrics,
  CredentialStoreUnavailableError,
  EcgridError,
  type EventListener,
  type Lease,
  MemoryCredentialStore,
  type StoredCredential,
  type UnavailablePolicy,
  countEvent,
  emitSafely,
  emptyMetrics,
  systemClock,
} from '@ecgrid-bridge/core';
import { CredentialCipher } from './cipher.js';
import { EXTEND, GET_WITH_TTL, PUBLISH, PUT, REJECT, RELEASE, REMOVE, TRY_LEASE } from './scripts.js';

/** The variables the Redis store reads when options leave them out. */
export const REDIS_ENV = {
  url: 'ECGRID_REDIS_URL',
  encryptionKey: 'ECGRID_CREDENTIAL_KEY',
  whenUnavailable: 'ECGRID_REDIS_UNAVAILABLE',
} as const;

export interface RedisCredentialStoreOptions {
  /** `redis://host:port/db` (or `rediss://`); default `ECGRID_REDIS_URL`. */
  url?: string | undefined;
  /** More ioredis options (TLS, password, sentinels…); the store sets its own offline and retry behaviour. */
  redis?: RedisOptions | undefined;
  /** 32 bytes (raw, 64 hex digits or base64) for AES-256-GCM; default `ECGRID_CREDENTIAL_KEY`. Required. */
  encryptionKey?: string | Uint8Array | undefined;
  /** Prefix of every key and of the events channel; default `ecgrid-bridge:`. */
  prefix?: string | undefined;
  /**
   * When Redis cannot be reached: `fail` (default) throws `CredentialStoreUnavailableError` and sends nothing;
   * `local` lets each process obtain credentials of its own until Redis is back (default `ECGRID_REDIS_UNAVAILABLE`).
   */
  whenUnavailable?: UnavailablePolicy | undefined;
  /** How long one process may hold a login, refresh or token request before another takes over; default 15 s. */
  leaseMs?: number | undefined;
  /** Bounds each Redis command; default 2 s. A command that takes longer counts as Redis being unavailable. */
  commandTimeoutMs?: number | undefined;
  onEvent?: EventListener<CredentialStoreEvent> | undefined;
  clock?: Clock | undefined;
  env?: Record<string, string | undefined> | undefined;
}

interface CachedCredential {
  entry: StoredCredential;
  dropAtMs: number;
}

type Message = { kind: string; generation: number; key: string };

/**
 * Credentials shared by every process on one Redis. Each process keeps a copy of what it read, dropped when another
 * process changes the key (pub/sub) and when the connection is lost, so a call costs no round trip while nothing
 * changes. Values are encrypted (AES-256-GCM) and expire with the credential.
 */
export class RedisCredentialStore implements CredentialStore {
  readonly shared = true;
  readonly whenUnavailable: UnavailablePolicy;
  readonly leaseMs: number | undefined;
  readonly #cmd: Redis;
  readonly #sub: Redis;
  readonly #cipher: CredentialCipher;
  readonly #prefix: string;
  readonly #channel: string;
  readonly #clock: Clock;
  readonly #onEvent: EventListener<CredentialStoreEvent> | undefined;
  readonly #credentials = new Map<string, CachedCredential>();
  readonly #values = new Map<string, { value: string; dropAtMs: number }>();
  /**
   * Moves with every message that refuses or removes a key, so that a read answered before such a change is not kept
   * as current. Writes are tracked by generation instead (`#published`): a read at least as new as every write
   * announced is current.
   */
  readonly #epochs = new Map<string, number>();
  readonly #published = new Map<string, number>();
  readonly #waiters = new ChangeWaiters();
  readonly #metrics = emptyMetrics();
  /** Where plain values go while Redis is down and the policy is `local`. */
  readonly #localValues = new MemoryCredentialStore();
  #subscribed = false;
  /** Until the first connection, commands wait for it (bounded) instead of failing: a new store is not a down one. */
  #connectedOnce = false;
  readonly #firstConnectMs: number;
  #down = false;
  #closed = false;

  constructor(options: RedisCredentialStoreOptions = {}) {
    const env = options.env ?? process.env;
    const url = options.url ?? env[REDIS_ENV.url]?.trim();
    const key = options.encryptionKey ?? env[REDIS_ENV.encryptionKey]?.trim();
    if (!key) throw new ConfigurationError(`No credential encryption key: pass encryptionKey or set ${REDIS_ENV.encryptionKey}.`);
    this.#cipher = new CredentialCipher(key);
    const policy = options.whenUnavailable ?? env[REDIS_ENV.whenUnavailable]?.trim() ?? 'fail';
    if (policy !== 'fail' && policy !== 'local') throw new ConfigurationError(`whenUnavailable must be "fail" or "local".`);
    this.whenUnavailable = policy;
    this.leaseMs = options.leaseMs;
    this.#firstConnectMs = Math.max(5_000, options.commandTimeoutMs ?? 2_000);
    this.#prefix = options.prefix ?? 'ecgrid-bridge:';
    this.#channel = `${this.#prefix}events`;
    this.#clock = options.clock ?? systemClock;
    this.#onEvent = options.onEvent;
    const base: RedisOptions = {
      ...options.redis,
      // A command sent while disconnected fails at once instead of waiting in a queue: the caller decides.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? 2_000,
      autoResubscribe: false,
      retryStrategy: (attempt) => Math.min(50 * attempt, 500),
      lazyConnect: false,
    };
    if (url !== undefined && !/^rediss?:\/\//.test(url)) throw new ConfigurationError(`${REDIS_ENV.url} must be a redis:// or rediss:// URL.`);
    this.#cmd = url ? new Redis(url, base) : new Redis(base);
    this.#sub = url ? new Redis(url, base) : new Redis(base);
    for (const client of [this.#cmd, this.#sub]) {
      // Connection errors are reported through `unavailable` events; an unhandled 'error' would crash the process.
      client.on('error', () => undefined);
      client.on('close', () => this.#lost('connection closed'));
      client.on('reconnecting', () => this.#lost('reconnecting'));
    }
    this.#cmd.on('ready', () => this.#maybeRecovered());
    this.#sub.on('ready', () => void this.#subscribe());
    this.#sub.on('message', (_channel: string, message: string) => this.#onMessage(message));
  }

  /** Resolves when both connections are up and subscribed; rejects with a typed error after `timeoutMs`. */
  ready(timeoutMs = 5_000): Promise<void> {
    if (this.available()) return Promise.resolve();
    return Promise.race([
      this.#waitReady(),
      new Promise<void>((_, reject) => {
        const timer = setTimeout(() => reject(new CredentialStoreUnavailableError('not connected')), timeoutMs);
        timer.unref();
      }),
    ]);
  }

  available(): boolean {
    return this.#subscribed && this.#cmd.status === 'ready' && !this.#closed;
  }

  cached(key: string): StoredCredential | undefined {
    if (!this.available()) return undefined;
    const held = this.#credentials.get(key);
    if (!held) return undefined;
    if (this.#clock.now() >= held.dropAtMs) {
      this.#credentials.delete(key);
      return undefined;
    }
    this.#metrics.localHits += 1;
    return held.entry;
  }

  async load(key: string): Promise<StoredCredential | undefined> {
    const epoch = this.#epochs.get(key) ?? 0;
    const fields = await this.#run(() => this.#cmd.hgetall(this.#credKey(key)));
    const generation = Number(fields['g']);
    const sealed = fields['c'];
    if (!Number.isSafeInteger(generation) || generation <= 0 || sealed === undefined) {
      this.#credentials.delete(key);
      return undefined;
    }
    const expiresAtMs = fields['e'] ? Number(fields['e']) : undefined;
    const entry: StoredCredential = {
      value: this.#cipher.open(sealed, `${key}|${generation}`),
      generation,
      expiresAtMs,
      rejected: fields['r'] === '1',
    };
    if ((this.#epochs.get(key) ?? 0) === epoch && generation >= (this.#published.get(key) ?? 0) && this.available()) {
      this.#credentials.set(key, { entry, dropAtMs: Number(fields['d']) || this.#clock.now() });
    }
    return entry;
  }

  async tryLease(key: string, leaseMs: number): Promise<Lease | undefined> {
    const started = this.#clock.now();
    const token = Number(await this.#run(() => this.#cmd.eval(TRY_LEASE, 2, this.#leaseKey(key), this.#fenceKey(key), Math.ceil(leaseMs))));
    return token > 0 ? { key, token, expiresAtMs: started + leaseMs } : undefined;
  }

  async publish(lease: Lease, value: string, expiresAtMs: number | undefined, ttlMs: number): Promise<StoredCredential | undefined> {
    const now = this.#clock.now();
    const dropAtMs = expiresAtMs ?? now + ttlMs;
    const lifetime = Math.max(1, Math.ceil(dropAtMs - now));
    const sealed = this.#cipher.seal(value, `${lease.key}|${lease.token}`);
    const written = await this.#run(() =>
      this.#cmd.eval(
        PUBLISH,
        2,
        this.#credKey(lease.key),
        this.#leaseKey(lease.key),
        lease.token,
        sealed,
        expiresAtMs === undefined ? '' : Math.round(expiresAtMs),
        Math.round(dropAtMs),
        lifetime,
        this.#channel,
        lease.key,
      ),
    );
    if (Number(written) !== 1) return undefined;
    const entry: StoredCredential = { value, generation: lease.token, expiresAtMs, rejected: false };
    this.#credentials.set(lease.key, { entry, dropAtMs });
    return entry;
  }

  async extend(lease: Lease, leaseMs: number): Promise<boolean> {
    const kept = await this.#run(() => this.#cmd.eval(EXTEND, 1, this.#leaseKey(lease.key), lease.token, Math.ceil(leaseMs)));
    return Number(kept) === 1;
  }

  async release(lease: Lease): Promise<void> {
    await this.#run(() => this.#cmd.eval(RELEASE, 1, this.#leaseKey(lease.key), lease.token, this.#channel, lease.key));
  }

  async reject(key: string, generation: number): Promise<boolean> {
    this.#credentials.delete(key);
    const done = await this.#run(() => this.#cmd.eval(REJECT, 1, this.#credKey(key), generation, this.#channel, key));
    return Number(done) === 1;
  }

  async remove(key: string): Promise<void> {
    this.#credentials.delete(key);
    this.#bump(key);
    await this.#run(() => this.#cmd.eval(REMOVE, 1, this.#credKey(key), this.#channel, 'removed', key));
  }

  changed(key: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.#waiters.wait(key, timeoutMs, signal);
  }

  async get(key: string): Promise<string | undefined> {
    if (!this.available() && this.#connectedOnce && this.whenUnavailable === 'local') return this.#localValues.get(key);
    const held = this.available() ? this.#values.get(key) : undefined;
    if (held && this.#clock.now() < held.dropAtMs) {
      this.#metrics.localHits += 1;
      return held.value;
    }
    this.#values.delete(key);
    const epoch = this.#epochs.get(key) ?? 0;
    const answer = await this.#runValue(() => this.#cmd.eval(GET_WITH_TTL, 1, this.#valueKey(key)), () => this.#localValues.get(key));
    if (typeof answer === 'string' || answer === undefined) return answer;
    if (!Array.isArray(answer) || typeof answer[0] !== 'string') return undefined;
    const value = this.#cipher.open(answer[0], `value|${key}`);
    const remaining = Number(answer[1]);
    if (remaining > 0 && (this.#epochs.get(key) ?? 0) === epoch && this.available()) {
      this.#values.set(key, { value, dropAtMs: this.#clock.now() + remaining });
    }
    return value;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) throw new ConfigurationError('ttlMs must be more than zero.');
    this.#values.delete(key);
    this.#bump(key);
    const sealed = this.#cipher.seal(value, `value|${key}`);
    const lifetime = Math.ceil(ttlMs);
    const wrote = await this.#runValue(
      () => this.#cmd.eval(PUT, 1, this.#valueKey(key), sealed, lifetime, this.#channel, key),
      () => this.#localValues.put(key, value, ttlMs),
    );
    if (wrote === 1 && this.available()) this.#values.set(key, { value, dropAtMs: this.#clock.now() + lifetime });
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
    this.#bump(key);
    await this.#localValues.delete(key);
    await this.#runValue(() => this.#cmd.eval(REMOVE, 1, this.#valueKey(key), this.#channel, 'value', key), () => undefined);
  }

  metrics(): CredentialStoreMetrics {
    return { ...this.#metrics };
  }

  record(event: CredentialStoreEvent): void {
    countEvent(this.#metrics, event);
    emitSafely(this.#onEvent, event);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#waiters.wakeAll();
    this.#credentials.clear();
    this.#values.clear();
    await Promise.all([this.#cmd.quit().catch(() => this.#cmd.disconnect()), this.#sub.quit().catch(() => this.#sub.disconnect())]);
  }

  #credKey = (key: string) => `${this.#prefix}cred:${key}`;
  #leaseKey = (key: string) => `${this.#prefix}lease:${key}`;
  #fenceKey = (key: string) => `${this.#prefix}fence:${key}`;
  #valueKey = (key: string) => `${this.#prefix}value:${key}`;

  #bump(key: string): void {
    this.#epochs.set(key, (this.#epochs.get(key) ?? 0) + 1);
  }

  async #waitReady(): Promise<void> {
    while (!this.available() && !this.#closed) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  async #subscribe(): Promise<void> {
    try {
      await this.#sub.subscribe(this.#channel);
      this.#subscribed = true;
      this.#maybeRecovered();
    } catch {
      // The next 'ready' tries again.
    }
  }

  /** Copies cannot be trusted without the messages that invalidate them: drop them all, and say so once. */
  #lost(reason: string): void {
    this.#subscribed = this.#subscribed && this.#sub.status === 'ready';
    this.#credentials.clear();
    this.#values.clear();
    // Generations start again if Redis comes back empty.
    this.#published.clear();
    this.#waiters.wakeAll();
    if (this.#down || this.#closed) return;
    this.#down = true;
    this.record({ type: 'unavailable', policy: this.whenUnavailable, reason });
  }

  #maybeRecovered(): void {
    if (this.available()) this.#connectedOnce = true;
    if (!this.available() || !this.#down) return;
    this.#down = false;
    this.record({ type: 'recovered' });
  }

  #onMessage(message: string): void {
    const parsed = parseMessage(message);
    if (!parsed) return;
    const { kind, generation, key } = parsed;
    if (kind === 'published') {
      this.#published.set(key, Math.max(generation, this.#published.get(key) ?? 0));
      // A process's own write stays in its copy; anyone else's replaces it on the next read.
      if (this.#credentials.get(key)?.entry.generation !== generation) this.#credentials.delete(key);
    } else if (kind !== 'released') {
      this.#bump(key);
      this.#credentials.delete(key);
      this.#values.delete(key);
    }
    this.#waiters.wake(key);
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    if (!this.available() && !this.#connectedOnce && !this.#closed) await this.ready(this.#firstConnectMs).catch(() => undefined);
    if (!this.available()) {
      if (!this.#down && !this.#closed) this.#lost('not connected');
      throw new CredentialStoreUnavailableError(this.#closed ? 'closed' : 'not connected');
    }
    this.#metrics.roundTrips += 1;
    try {
      return await command();
    } catch (err) {
      if (err instanceof EcgridError) throw err;
      if (err instanceof Error && err.name === 'ReplyError') throw new EcgridError('CredentialStore', 'Redis refused a credential store command.', { cause: err });
      if (err instanceof Error && /timed out/i.test(err.message) && this.available()) {
        // Slow, not gone: the connection and its invalidation messages are intact, so the copies stay.
        this.record({ type: 'unavailable', policy: this.whenUnavailable, reason: 'command timed out' });
        throw new CredentialStoreUnavailableError('command timed out');
      }
      this.#lost('command failed');
      throw new CredentialStoreUnavailableError('command failed');
    }
  }

  /** Plain values follow the policy themselves: a typed error, or this process's own copy. */
  async #runValue<T, L>(command: () => Promise<T>, local: () => L | Promise<L>): Promise<T | Awaited<L>> {
    try {
      return await this.#run(command);
    } catch (err) {
      if (!(err instanceof CredentialStoreUnavailableError) || this.whenUnavailable !== 'local') throw err;
      return await local();
    }
  }
}

function parseMessage(message: string): Message | undefined {
  const first = message.indexOf('|');
  const second = message.indexOf('|', first + 1);
  if (first < 0 || second < 0) return undefined;
  const generation = Number(message.slice(first + 1, second));
  if (!Number.isFinite(generation)) return undefined;
  return { kind: message.slice(0, first), generation, key: message.slice(second + 1) };
}
