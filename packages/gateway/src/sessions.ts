import { createHash } from 'node:crypto';
import { Redactor } from '@ecgrid-bridge/core';
import type { EcgridFacade } from '@ecgrid-bridge/facade';
import type { SoapCredentials } from '@ecgrid-bridge/soap';
import type { SessionIds } from './session-ids.js';
import type { GatewaySessionRecord, GatewaySessionStore } from './session-store.js';

/** A client session the gateway cannot serve: unknown, expired or logged out. Answered as the ECGridOS session fault. */
export class GatewaySessionError extends Error {}

/** A client's backend sessions, open in this process. */
export interface LiveSession {
  readonly kind: 'login' | 'api-key' | 'anonymous';
  /** The SessionID the client holds ('' for an API key: the gateway hands no SessionID out for it). */
  readonly sessionId: string;
  readonly facade: EcgridFacade;
  /** Knows this session's secrets: every fault and log line goes through it. */
  readonly redactor: Redactor;
  lastUsed: number;
  lastTouched: number;
}

export interface SessionRegistryOptions {
  readonly store: GatewaySessionStore;
  readonly ids: SessionIds;
  /** Inactivity limit of a client session (ECGridOS: 20 minutes). */
  readonly ttlMs: number;
  readonly openFacade: (credentials: SoapCredentials | undefined) => EcgridFacade;
  readonly onCountChange?: ((live: number) => void) | undefined;
  readonly now?: (() => number) | undefined;
}

const keyOf = (apiKey: string): string => createHash('sha256').update(apiKey).digest('base64url');

/**
 * Binds client SessionIDs to backend sessions. A Login opens a facade with the client's credentials (a SOAP
 * session, a REST JWT session, or both, as the routing needs) and stores the credentials under a new gateway
 * SessionID; each call finds the facade again (or reopens it from the store, on another instance or after a
 * restart). An API key sent as the SessionID gets a facade of its own, keyed by the key's digest. Backend
 * re-login and token renewal happen inside the facades; the client only sees its own session expire.
 */
export class SessionRegistry {
  readonly #live = new Map<string, LiveSession>();
  readonly #opening = new Map<string, Promise<LiveSession>>();
  #anonymous: LiveSession | undefined;
  #lastKey: { apiKey: string; key: string } | undefined;
  readonly #options: SessionRegistryOptions;
  readonly #now: () => number;

  constructor(options: SessionRegistryOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get liveCount(): number {
    return this.#live.size;
  }

  /** Logs in on every backend the routing uses; returns the gateway SessionID. */
  async login(loginName: string, password: string): Promise<LiveSession> {
    const credentials = { loginName, password };
    const redactor = new Redactor([password]);
    const facade = this.#options.openFacade(credentials);
    try {
      await facade.Login();
    } catch (err) {
      await facade.close();
      throw err;
    }
    const sessionId = this.#options.ids.create();
    redactor.add(sessionId);
    const record: GatewaySessionRecord = { credentials, createdAt: new Date(this.#now()).toISOString() };
    await this.#options.store.put(sessionId, record, this.#options.ttlMs);
    const live: LiveSession = { kind: 'login', sessionId, facade, redactor, lastUsed: this.#now(), lastTouched: this.#now() };
    this.#add(sessionId, live);
    return live;
  }

  /** The session a SessionID names: a gateway session, or an ECGridOS API key. */
  async resolve(value: string | undefined): Promise<LiveSession> {
    const id = (value ?? '').trim();
    if (id === '') throw new GatewaySessionError('No SessionID was given; call Login first');
    // Sessions open here are found without checking the ID's tag; the store still decides whether one is alive.
    const open = this.#live.get(id);
    if (!open && (this.#lastKey?.apiKey === id || !this.#options.ids.isOurs(id))) return this.#apiKeySession(id);
    const record = await this.#options.store.get(id);
    if (!record) {
      await this.#drop(id);
      throw new GatewaySessionError('The session has expired or was logged out; log in again');
    }
    const now = this.#now();
    const live = open ?? this.#live.get(id) ?? (await this.#open(id, () => this.#fromRecord(id, record)));
    live.lastUsed = now;
    // Every call extends the session's inactivity window; a shared store is written at most once a second.
    if (now - live.lastTouched >= 1000) {
      live.lastTouched = now;
      await this.#options.store.put(id, record, this.#options.ttlMs);
    }
    return live;
  }

  /** Ends the client's session: its backend sessions are logged out and the SessionID stops working. */
  async logout(live: LiveSession): Promise<void> {
    if (live.kind === 'login') await this.#options.store.delete(live.sessionId);
    await this.#drop(live.kind === 'login' ? live.sessionId : this.#keyFor(live));
  }

  /** The session for operations that take no SessionID (Version, NowUTC, …). */
  anonymous(): LiveSession {
    this.#anonymous ??= {
      kind: 'anonymous',
      sessionId: '',
      facade: this.#options.openFacade(undefined),
      redactor: new Redactor(),
      lastUsed: this.#now(),
      lastTouched: this.#now(),
    };
    return this.#anonymous;
  }

  /** Closes the backend sessions of clients idle past the TTL (their store entries expire on their own). */
  async sweep(): Promise<void> {
    const cutoff = this.#now() - this.#options.ttlMs;
    const idle = [...this.#live].filter(([, live]) => live.lastUsed < cutoff).map(([key]) => key);
    await Promise.all(idle.map((key) => this.#drop(key)));
  }

  /** Ends every client session now (store entries and backend sessions); returns how many were open here. */
  async expireAll(): Promise<number> {
    const entries = [...this.#live];
    await Promise.all(entries.map(async ([key, live]) => {
      if (live.kind === 'login') await this.#options.store.delete(live.sessionId);
      await this.#drop(key);
    }));
    return entries.length;
  }

  /** Logs out of every backend session; the store keeps client sessions for another instance to serve. */
  async close(): Promise<void> {
    const all = [...this.#live.values(), ...(this.#anonymous ? [this.#anonymous] : [])];
    this.#live.clear();
    this.#anonymous = undefined;
    this.#options.onCountChange?.(0);
    await Promise.all(all.map((live) => live.facade.close()));
  }

  async #apiKeySession(apiKey: string): Promise<LiveSession> {
    // Keyed by the key's digest, so that no map of this process is keyed by a credential; the digest of the last
    // key seen is kept, so a client repeating its key does not pay for hashing it on every call.
    const key = this.#lastKey?.apiKey === apiKey ? this.#lastKey.key : `key:${keyOf(apiKey)}`;
    this.#lastKey = { apiKey, key };
    const live =
      this.#live.get(key) ??
      (await this.#open(key, async () => ({
        kind: 'api-key',
        sessionId: '',
        facade: this.#options.openFacade({ apiKey }),
        redactor: new Redactor([apiKey]),
        lastUsed: this.#now(),
        lastTouched: this.#now(),
      })));
    live.lastUsed = this.#now();
    return live;
  }

  #keyFor(live: LiveSession): string {
    for (const [key, value] of this.#live) if (value === live) return key;
    return '';
  }

  async #fromRecord(id: string, record: GatewaySessionRecord): Promise<LiveSession> {
    const redactor = new Redactor([record.credentials.password, id]);
    // The backends log in on the first call (lazily), as after a backend session expiry.
    const facade = this.#options.openFacade(record.credentials);
    return { kind: 'login', sessionId: id, facade, redactor, lastUsed: this.#now(), lastTouched: this.#now() };
  }

  async #open(key: string, make: () => Promise<LiveSession>): Promise<LiveSession> {
    const pending = this.#opening.get(key);
    if (pending) return pending;
    const opening = make().then((live) => {
      this.#add(key, live);
      return live;
    });
    this.#opening.set(key, opening);
    try {
      return await opening;
    } finally {
      this.#opening.delete(key);
    }
  }

  #add(key: string, live: LiveSession): void {
    this.#live.set(key, live);
    this.#options.onCountChange?.(this.#live.size);
  }

  async #drop(key: string): Promise<void> {
    const live = this.#live.get(key);
    if (!live) return;
    this.#live.delete(key);
    this.#options.onCountChange?.(this.#live.size);
    await live.facade.close();
  }
}
