import { createHash } from 'node:crypto';
import { EcgridError } from '../errors.js';

/** A credential as a store holds it: the value (JSON text), its generation and its expiry. */
export interface StoredCredential {
  /** The credential, as JSON text. */
  readonly value: string;
  /** Grows with every credential written under the key; a writer holding an older generation is refused (fencing). */
  readonly generation: number;
  /** Epoch ms; undefined when the server did not say (then the store's own lifetime for the key applies). */
  readonly expiresAtMs: number | undefined;
  /** Set once a server refused it. Kept only as the base of a renewal (a JWT refresh presents the old token). */
  readonly rejected: boolean;
}

/** The right to renew one key's credential, until `expiresAtMs`. `token` becomes the generation of what it writes. */
export interface Lease {
  readonly key: string;
  readonly token: number;
  readonly expiresAtMs: number;
}

/** What a store does when its server cannot be reached. */
export type UnavailablePolicy = 'fail' | 'local';

export type CredentialStoreEvent =
  | { type: 'renewed'; key: string; generation: number }
  | { type: 'waited'; key: string; generation: number | undefined; waitedMs: number }
  | { type: 'invalidated'; key: string; generation: number }
  | { type: 'fenced'; key: string; generation: number }
  | { type: 'unavailable'; policy: UnavailablePolicy; reason: string }
  | { type: 'fallback'; key: string }
  | { type: 'recovered' };

/** Counters a store keeps; see {@link CredentialStore.metrics}. */
export interface CredentialStoreMetrics {
  /** Credentials handed out from the process's own copy, without a round trip. */
  localHits: number;
  /** Requests sent to the store's server. */
  roundTrips: number;
  /** Renewals this process ran (logins, refreshes, token requests) and published. */
  renewals: number;
  /** Renewals this process waited for while another held the lease. */
  waits: number;
  /** Credentials this process marked as refused by the server (at most once per credential, across processes). */
  invalidations: number;
  /** Writes refused because a newer generation was there. */
  fencedOut: number;
  /** Times the store was found unreachable. */
  unavailable: number;
  /** Credentials obtained per process because the store was unreachable (policy `local`). */
  fallbacks: number;
}

export const emptyMetrics = (): CredentialStoreMetrics => ({
  localHits: 0,
  roundTrips: 0,
  renewals: 0,
  waits: 0,
  invalidations: 0,
  fencedOut: 0,
  unavailable: 0,
  fallbacks: 0,
});

/**
 * Where credentials live: SOAP SessionIDs, REST token pairs, exchanged tokens — and, through `get`/`put`/`delete`,
 * any other short-lived secret such as a gateway's sessions. One in-memory store serves one process; a shared store
 * (Redis) lets every process use the same credential and renew it once for all.
 */
export interface CredentialStore {
  /** True when other processes see the same credentials. */
  readonly shared: boolean;
  /** What happens when the server is unreachable: a typed error, or credentials kept per process. */
  readonly whenUnavailable: UnavailablePolicy;
  /** How long one process may hold a renewal before another takes over (default 15 s). */
  readonly leaseMs?: number | undefined;
  /** The process's own copy, kept current by the store's invalidation messages: no round trip. */
  cached(key: string): StoredCredential | undefined;
  /** Reads the key from the store's authority and refreshes the process's copy. */
  load(key: string): Promise<StoredCredential | undefined>;
  /** Takes the renewal lease when nobody holds it; undefined when someone does. */
  tryLease(key: string, leaseMs: number): Promise<Lease | undefined>;
  /**
   * Writes a renewed credential under the lease's generation; refused (undefined) when a newer generation is there
   * or another process holds the lease now. Kept until `expiresAtMs`, or for `ttlMs` when that is unknown.
   */
  publish(lease: Lease, value: string, expiresAtMs: number | undefined, ttlMs: number): Promise<StoredCredential | undefined>;
  /** Keeps the lease for `leaseMs` more while its holder is alive and still renewing; false when it was lost. */
  extend(lease: Lease, leaseMs: number): Promise<boolean>;
  /** Gives the lease back (a no-op when it has expired or passed to another process). */
  release(lease: Lease): Promise<void>;
  /** Marks a refused credential for every process; true only for the one caller that marked it. */
  reject(key: string, generation: number): Promise<boolean>;
  /** Forgets the key's credential everywhere (after a logout). */
  remove(key: string): Promise<void>;
  /** Resolves when the key changes (written, refused, removed, lease given back), or after `timeoutMs`. */
  changed(key: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** True when the store can be used now; checked without a round trip. */
  available(): boolean;
  /** A plain value with a lifetime (a gateway session, say); undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Counts what happened; see {@link CredentialStoreMetrics}. */
  metrics(): CredentialStoreMetrics;
  /** Counts and reports an event of the credentials this store holds. */
  record(event: CredentialStoreEvent): void;
  close(): Promise<void>;
}

/** Thrown when a shared store cannot be reached and its policy is `fail`; nothing was sent with a credential. */
export class CredentialStoreUnavailableError extends EcgridError {
  constructor(reason: string) {
    super('CredentialStoreUnavailable', `The credential store cannot be reached (${reason}); no call was sent.`);
  }
}

/** Thrown when a shared credential could not be obtained: no lease could be had and nobody published in time. */
export class CredentialWaitError extends EcgridError {
  constructor(message: string) {
    super('CredentialWait', message);
  }
}

/**
 * The key of one credential: its kind and what identifies it (endpoint, login name…), hashed so that neither a
 * login name nor a client key appears in the store's key space.
 */
export function credentialKey(kind: string, ...parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32);
  return `${kind}:${digest}`;
}
