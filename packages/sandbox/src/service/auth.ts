import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Clock } from '@ecgrid-bridge/core';
import { ServiceError, invalidParameter } from '../errors.js';
import { sameSecret, sha256Hex, verifyPassword } from '../auth/secrets.js';
import type { Store } from '../store/store.js';
import type { SessionEventRecord, SessionRecord, UserRecord } from '../store/records.js';

/** Lifetimes the admin controls can change while the sandbox runs. */
export interface AuthSettings {
  /** SOAP session inactivity timeout. */
  sessionTtlMs: number;
  /** JWT lifetime. */
  tokenTtlMs: number;
  /**
   * Kept for the admin controls' sake only: rest-api/auth/login.md issues no refresh token (a token is refreshed by
   * presenting it, `POST /v2/auth/refresh {token}`), so nothing in the sandbox uses this lifetime.
   */
  refreshTtlMs: number;
  /** A SOAP session expires after this many calls, whatever its inactivity timeout; undefined: no limit. */
  sessionMaxCalls: number | undefined;
  /** `POST /v2/auth/refresh` invalidates the token it replaces (true, the default) or leaves it valid until it expires. */
  rotateTokens: boolean;
}

/** What the sandbox has seen of credentials since it started: for tests that count logins across processes. */
export interface AuthActivity {
  /** Successful SOAP Logins. */
  soapLogins: number;
  /** JWTs issued: REST logins, refreshes and exchanged tokens. */
  tokensIssued: number;
  /** Successful refreshes (each also issued a token). */
  refreshes: number;
  /** Refreshes refused (the token was expired, rotated or logged out). */
  refusedRefreshes: number;
  /** Calls refused because their SessionID was unknown, expired or logged out. */
  refusedSessions: number;
  /** Calls refused because their bearer token was invalid, expired, rotated or logged out. */
  refusedTokens: number;
}

/** Validates a session call limit (option or admin control); null or undefined means none. */
export function sessionMaxCalls(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalidParameter('sessionMaxCalls must be a positive integer or null');
  return value;
}

/** Who is calling, and with what kind of credential. */
/**
 * Wrong passwords in a row that lock a user out (the docs give no number; UserListLockedOut exists because ECGrid
 * locks users out). An administrator's UserPassword unlocks the user.
 */
export const LOCKOUT_AFTER = 10;

export interface Caller {
  readonly user: UserRecord;
  readonly via: 'session' | 'apiKey' | 'token' | 'clientKey';
  /** The SOAP session, for `via: 'session'`. */
  readonly sessionId?: string;
  /** The JWT's ID and expiry, for `via: 'token'`. */
  readonly tokenId?: string;
  readonly expiresAt?: string;
}

/** What login and refresh answer, exactly the fields of rest-api/auth/login.md and refresh-token.md. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
  readonly userId: number;
}

interface TokenEntry {
  readonly userId: number;
  readonly expiresAtMs: number;
  invalid?: 'expired' | 'rotated' | 'logged-out';
}

const MAX_EVENTS = 100;
const authError = (message: string, restCode: 'InvalidSession' | 'InvalidAPIKey' = 'InvalidSession') =>
  new ServiceError('Authentication', message, restCode);

/**
 * Every credential the sandbox accepts: SOAP sessions (Login/Logout, inactivity expiry), API keys, JWTs (HS256, a
 * random key per sandbox instance) refreshed by presenting them, and client key/secret pairs.
 */
export class AuthService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly settings: AuthSettings;
  readonly #jwtKey = randomBytes(32);
  readonly #tokens = new Map<string, TokenEntry>();
  readonly activity: AuthActivity = { soapLogins: 0, tokensIssued: 0, refreshes: 0, refusedRefreshes: 0, refusedSessions: 0, refusedTokens: 0 };

  constructor(store: Store, clock: Clock, settings: AuthSettings) {
    this.#store = store;
    this.#clock = clock;
    this.settings = settings;
  }

  #now(): number {
    return this.#clock.now();
  }

  #iso(ms = this.#now()): string {
    return new Date(ms).toISOString();
  }

  /** Finds an active user by login name or email and checks the password. */
  checkPassword(login: string, password: string): UserRecord {
    const wanted = login.trim().toLowerCase();
    if (!wanted || !password) throw authError('Login failed: a login name and a password are required');
    const user = [...this.#store.state.users.values()].find(
      (u) => u.loginName.toLowerCase() === wanted || u.email.toLowerCase() === wanted,
    );
    // The hash is computed even for an unknown login so that timing does not tell which logins exist.
    const ok = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH) && user !== undefined;
    if (user?.lockedOut !== undefined) throw authError('Login failed: the user is locked out; an administrator must set a new password');
    if (!ok || !user) {
      if (user) this.#countFailure(user);
      throw authError('Login failed: unknown login name or wrong password');
    }
    if (user.status !== 'Active') throw authError(`Login failed: the user is ${user.status}`);
    if (user.failedLogins !== undefined) {
      const { failedLogins: _count, ...cleared } = user;
      this.#store.commit((draft) => draft.users.set(user.userId, cleared));
      return cleared;
    }
    return user;
  }

  /** A wrong password for a known user; the LOCKOUT_AFTER-th in a row locks the user out. */
  #countFailure(user: UserRecord): void {
    const failedLogins = (user.failedLogins ?? 0) + 1;
    const locked = failedLogins >= LOCKOUT_AFTER ? { lockedOut: this.#iso(this.#now()) } : {};
    this.#store.commit((draft) => draft.users.set(user.userId, { ...user, failedLogins, ...locked }));
  }

  // ---- SOAP sessions -------------------------------------------------------------------------------------------

  login(login: string, password: string, ip: string): SessionRecord {
    const user = this.checkPassword(login, password);
    const now = this.#now();
    if (user.maxSessions !== undefined) {
      const open = [...this.#store.state.sessions.values()].filter((s) => s.userId === user.userId && s.status === 'Open' && Date.parse(s.expires) > now).length;
      if (open >= user.maxSessions) throw new ServiceError('Authorization', `the user already has ${open} open session(s), the most UserSetMaxSessions allows`);
    }
    const session: SessionRecord = {
      sessionId: randomUUID(),
      userId: user.userId,
      started: this.#iso(now),
      lastActivity: this.#iso(now),
      expires: this.#iso(now + this.settings.sessionTtlMs),
      status: 'Open',
      ip,
      eventId: 0,
      events: [],
    };
    this.#store.commit((draft) => {
      draft.sessions.set(session.sessionId, session);
      draft.users.set(user.userId, { ...user, lastLogin: session.started });
    });
    this.activity.soapLogins += 1;
    return session;
  }

  /** Resolves a SOAP SessionID parameter, which may also be an API key. Extends the session's inactivity window. */
  authenticateSoap(sessionIdOrKey: string | undefined): Caller {
    try {
      return this.#authenticateSoap(sessionIdOrKey);
    } catch (err) {
      this.activity.refusedSessions += 1;
      throw err;
    }
  }

  #authenticateSoap(sessionIdOrKey: string | undefined): Caller {
    const value = (sessionIdOrKey ?? '').trim();
    if (!value) throw authError('No SessionID was given; call Login first');
    const state = this.#store.state;
    const session = state.sessions.get(value);
    if (session) {
      const user = this.#activeUser(session.userId);
      const now = this.#now();
      if (session.status === 'Closed') throw authError('The session has been logged out');
      const spent = this.settings.sessionMaxCalls !== undefined && (session.calls ?? 0) >= this.settings.sessionMaxCalls;
      if (session.status === 'Expired' || Date.parse(session.expires) <= now || spent) {
        if (session.status !== 'Expired') {
          this.#store.commit((d) => d.sessions.set(value, { ...session, status: 'Expired' }), { persist: false });
        }
        throw authError('The session has expired; log in again');
      }
      return { user, via: 'session', sessionId: value };
    }
    const byKey = this.#userByApiKey(value);
    if (byKey) return { user: byKey, via: 'apiKey' };
    throw authError('Invalid SessionID');
  }

  /** Records one SOAP call on its session and moves the session's expiry (kept in memory, saved with the next change). */
  recordCall(caller: Caller, call: string, ms: number, returnCode: string, ip: string): void {
    if (caller.via !== 'session' || !caller.sessionId) return;
    const id = caller.sessionId;
    const now = this.#now();
    this.#store.commit(
      (draft) => {
        const session = draft.sessions.get(id);
        if (!session || session.status !== 'Open') return;
        const event: SessionEventRecord = { call, date: this.#iso(now), ms, returnCode, comment: '' };
        draft.sessions.set(id, {
          ...session,
          lastActivity: this.#iso(now),
          expires: this.#iso(now + this.settings.sessionTtlMs),
          ip,
          eventId: draft.counters.nextSessionEventId,
          calls: (session.calls ?? 0) + 1,
          events: [...session.events, event].slice(-MAX_EVENTS),
        });
        draft.counters = { ...draft.counters, nextSessionEventId: draft.counters.nextSessionEventId + 1 };
      },
      { persist: false },
    );
  }

  logout(caller: Caller): void {
    if (caller.via !== 'session' || !caller.sessionId) return;
    const id = caller.sessionId;
    this.#store.commit((draft) => {
      const session = draft.sessions.get(id);
      if (session) draft.sessions.set(id, { ...session, status: 'Closed', ended: this.#iso() });
    });
  }

  sessionsOf(userId: number): SessionRecord[] {
    return [...this.#store.state.sessions.values()]
      .filter((s) => s.userId === userId)
      .map((s) => (s.status === 'Open' && Date.parse(s.expires) <= this.#now() ? { ...s, status: 'Expired' as const } : s))
      .sort((a, b) => b.started.localeCompare(a.started));
  }

  openSessionCount(userId: number): number {
    return this.sessionsOf(userId).filter((s) => s.status === 'Open').length;
  }

  /** Ends every open SOAP session now; returns how many. */
  expireAllSessions(): number {
    let count = 0;
    this.#store.commit((draft) => {
      for (const [id, s] of draft.sessions) {
        if (s.status === 'Open') {
          draft.sessions.set(id, { ...s, status: 'Expired', expires: this.#iso() });
          count++;
        }
      }
    });
    return count;
  }

  // ---- API keys and client keys --------------------------------------------------------------------------------

  #userByApiKey(key: string): UserRecord | undefined {
    for (const u of this.#store.state.users.values()) {
      if (sameSecret(u.apiKey, key)) return u.status === 'Active' ? u : undefined;
    }
    return undefined;
  }

  authenticateApiKey(key: string): Caller {
    const user = this.#userByApiKey(key.trim());
    if (!user) throw authError('Invalid API key', 'InvalidAPIKey');
    return { user, via: 'apiKey' };
  }

  /** Checks a client key/secret pair (seed 003). Neither a wrong key nor a wrong secret says which one was wrong. */
  authenticateClientKey(clientKey: string, clientSecret: string): Caller {
    const hash = sha256Hex(clientSecret);
    let found: UserRecord | undefined;
    for (const u of this.#store.state.users.values()) {
      if (u.clientKey !== undefined && sameSecret(u.clientKey, clientKey)) {
        found = u;
        break;
      }
    }
    // The secret is compared even for an unknown key, so that timing does not tell which keys exist.
    const secretOk = sameSecret(found?.clientSecretHash ?? DUMMY_SECRET_HASH, hash) && found?.clientSecretHash !== undefined;
    if (found && secretOk && found.status === 'Active') return { user: found, via: 'clientKey' };
    throw authError('Invalid client key or secret', 'InvalidAPIKey');
  }

  #activeUser(userId: number): UserRecord {
    const user = this.#store.state.users.get(userId);
    if (!user || user.status !== 'Active') throw authError('The user of this credential is no longer active');
    return user;
  }

  // ---- JWT -----------------------------------------------------------------------------------------------------

  async issueToken(user: UserRecord): Promise<IssuedToken> {
    const now = this.#now();
    const tokenId = randomUUID();
    const expiresAtMs = now + this.settings.tokenTtlMs;
    const token = await new SignJWT({ login: user.loginName, authLevel: user.authLevel })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(user.userId))
      .setJti(tokenId)
      .setIssuer('ecgrid-sandbox')
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.ceil(expiresAtMs / 1000))
      .sign(this.#jwtKey);
    this.#tokens.set(tokenId, { userId: user.userId, expiresAtMs });
    this.activity.tokensIssued += 1;
    return { token, expiresAt: this.#iso(expiresAtMs), userId: user.userId };
  }

  async authenticateBearer(token: string): Promise<Caller> {
    try {
      return await this.#authenticateBearer(token);
    } catch (err) {
      this.activity.refusedTokens += 1;
      throw err;
    }
  }

  async #authenticateBearer(token: string): Promise<Caller> {
    const { tokenId, entry } = await this.#verify(token);
    if (entry.invalid === 'rotated') throw authError('The token was replaced by a refresh; use the new token');
    if (entry.invalid === 'logged-out') throw authError('The token was logged out');
    if (entry.invalid === 'expired' || entry.expiresAtMs <= this.#now()) throw authError('The token has expired');
    return { user: this.#activeUser(entry.userId), via: 'token', tokenId, expiresAt: this.#iso(entry.expiresAtMs) };
  }

  async #verify(token: string): Promise<{ tokenId: string; entry: TokenEntry }> {
    let tokenId: string | undefined;
    try {
      const { payload } = await jwtVerify(token, this.#jwtKey, {
        algorithms: ['HS256'],
        issuer: 'ecgrid-sandbox',
        // Expiry is checked against the sandbox clock below, with millisecond precision.
        currentDate: new Date(0),
      });
      tokenId = payload.jti;
    } catch {
      throw authError('Invalid token');
    }
    const entry = tokenId ? this.#tokens.get(tokenId) : undefined;
    if (!tokenId || !entry) throw authError('Invalid token');
    return { tokenId, entry };
  }

  /**
   * `POST /v2/auth/refresh {token}` (rest-api/auth/refresh-token.md): a still-valid token is exchanged for a new one,
   * and the original token stops working. The request itself needs a credential (`caller`), which must belong to
   * the token's user.
   */
  async refresh(token: string, caller: Caller): Promise<IssuedToken> {
    let current: Caller;
    try {
      current = await this.#authenticateBearer(token);
    } catch (err) {
      this.activity.refusedRefreshes += 1;
      throw err;
    }
    if (current.user.userId !== caller.user.userId) {
      throw new ServiceError('Authorization', "the token to refresh belongs to another user than the request's credential");
    }
    const old = this.#tokens.get(current.tokenId!);
    if (this.settings.rotateTokens && old && old.invalid === undefined) old.invalid = 'rotated';
    this.activity.refreshes += 1;
    return this.issueToken(this.#activeUser(current.user.userId));
  }

  logoutToken(caller: Caller): void {
    if (caller.via !== 'token' || !caller.tokenId) return;
    const entry = this.#tokens.get(caller.tokenId);
    if (!entry) return;
    entry.invalid = 'logged-out';
  }

  /** Ends one user's open SOAP sessions and makes its issued tokens unusable (UserReset); returns how many were live. */
  resetSessionsOf(userId: number): number {
    let count = 0;
    this.#store.commit((draft) => {
      for (const [id, s] of draft.sessions) {
        if (s.userId === userId && s.status === 'Open') {
          draft.sessions.set(id, { ...s, status: 'Expired', expires: this.#iso() });
          count++;
        }
      }
    });
    const now = this.#now();
    for (const entry of this.#tokens.values()) {
      if (entry.userId !== userId) continue;
      if (entry.invalid === undefined && entry.expiresAtMs > now) count++;
      entry.invalid ??= 'expired';
    }
    return count;
  }

  /** Makes every issued token unusable now; returns how many tokens were live. */
  expireAllTokens(): number {
    let count = 0;
    const now = this.#now();
    for (const entry of this.#tokens.values()) {
      if (entry.invalid === undefined && entry.expiresAtMs > now) count++;
      entry.invalid ??= 'expired';
    }
    return count;
  }
}

const DUMMY_HASH = 'scrypt$4096$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const DUMMY_SECRET_HASH = '0'.repeat(64);
