import { randomInt, randomUUID } from 'node:crypto';
import { satisfiesPasswordRule } from '@ecgrid-bridge/core';
import { type EnumTypes, enumValues } from '@ecgrid-bridge/soap';
import { accessDenied, invalidParameter } from '../errors.js';
import type { AuthLevel, SessionRecord, UserRecord } from '../store/records.js';
import { hashPassword, verifyPassword } from '../auth/secrets.js';
import { mailbox } from './directory.js';
import { canSeeUser, rank, requireAdmin } from './access.js';
import type { Caller } from './auth.js';
import { contains, given, inRange, oneOf, visibleRecord } from './filters.js';
import type { SandboxService } from './service.js';

const STATUSES = enumValues('Status');
const AUTH_LEVELS = enumValues('AuthLevel');

export const user = (svc: SandboxService, caller: Caller, userId: number): UserRecord =>
  visibleRecord(svc.state.users, userId, 'user', (u) => canSeeUser(caller.user, u));

/** The user with a login name (compared case-insensitively) if the caller may see it. */
export function userByLogin(svc: SandboxService, caller: Caller, loginName: string): UserRecord | undefined {
  const wanted = loginName.trim().toLowerCase();
  if (!wanted) throw invalidParameter('a login name is required');
  const found = [...svc.state.users.values()].find((u) => u.loginName.toLowerCase() === wanted);
  return found === undefined ? undefined : user(svc, caller, found.userId);
}

const PASSWORD_CHARACTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*+-=?@^_';

/**
 * A random password that satisfies the ECGrid rule. rest-api/users/generate-password.md: `length` "Defaults to 12";
 * the sandbox accepts 8 to 128 (its choice: the page states no bounds).
 */
export function generatePassword(length: number | undefined): string {
  const size = length === undefined || length === 0 ? 12 : length;
  if (!Number.isSafeInteger(size) || size < 8 || size > 128) throw invalidParameter('the password length must be 8 to 128');
  for (;;) {
    const candidate = Array.from({ length: size }, () => PASSWORD_CHARACTERS[randomInt(PASSWORD_CHARACTERS.length)]).join('');
    if (satisfiesPasswordRule(candidate)) return candidate;
  }
}

export interface UserFilter {
  readonly name?: string;
  readonly networkId?: number;
  readonly mailboxId?: number;
  readonly authLevel?: string;
  readonly status?: string;
}

export function users(svc: SandboxService, caller: Caller, filter: UserFilter = {}): UserRecord[] {
  requireAdmin(caller.user, 'listing users');
  const authLevel = oneOf(AUTH_LEVELS, 'authLevel', 'AuthLevel', filter.authLevel);
  const status = oneOf(STATUSES, 'status', 'Status', filter.status);
  return [...svc.state.users.values()]
    .filter((u) => canSeeUser(caller.user, u))
    .filter((u) => !filter.name || [u.loginName, u.firstName, u.lastName, u.email].some((v) => contains(v, filter.name)))
    .filter((u) => !given(filter.networkId) || u.networkId === filter.networkId)
    .filter((u) => !given(filter.mailboxId) || u.mailboxId === filter.mailboxId)
    .filter((u) => authLevel === undefined || u.authLevel === authLevel)
    .filter((u) => status === undefined || u.status === status)
    .sort((a, b) => a.userId - b.userId);
}

/** A user's own key, or (for administrators) the key of a user they administer at or below their level. */
export function apiKey(svc: SandboxService, caller: Caller, userId: number): string {
  const target = user(svc, caller, userId);
  if (target.userId !== caller.user.userId) {
    requireAdmin(caller.user, "reading another user's API key");
    if (rank(target.authLevel) > rank(caller.user.authLevel)) {
      throw accessDenied(`user ${userId} has a higher auth level than this user`);
    }
  }
  return target.apiKey;
}

/** Activates or suspends a user (UserActivate, UserSuspend): an administrator, for a user at or below its level. */
export function setUserStatus(svc: SandboxService, caller: Caller, userId: number, status: 'Active' | 'Suspended'): boolean {
  const target = user(svc, caller, userId);
  requireAdmin(caller.user, "changing a user's status");
  if (target.userId === caller.user.userId) throw invalidParameter('a user cannot change its own status');
  if (rank(target.authLevel) > rank(caller.user.authLevel)) throw accessDenied(`user ${userId} has a higher auth level than this user`);
  svc.commit((draft) => draft.users.set(userId, { ...target, status, modified: svc.nowIso() }));
  return true;
}

/** A user's SOAP sessions started within a time range, newest first (SessionLogEx); a user sees its own, administrators theirs. */
export function sessionsOfUser(svc: SandboxService, caller: Caller, userId: number, begin: Date, end: Date, maxRecords: number): SessionRecord[] {
  const target = user(svc, caller, userId);
  if (!Number.isSafeInteger(maxRecords) || maxRecords < 0) throw invalidParameter('MaxRecords must be 0 or more');
  const all = svc.auth.sessionsOf(target.userId).filter((s) => inRange(s.started, begin, end));
  return maxRecords === 0 ? all : all.slice(0, maxRecords);
}

/** An administrator's change to another user at or below its own level (a user may not change its own standing). */
function administered(svc: SandboxService, caller: Caller, userId: number, what: string): UserRecord {
  const target = user(svc, caller, userId);
  requireAdmin(caller.user, what);
  if (target.userId === caller.user.userId) throw invalidParameter(`a user cannot do this to itself: ${what}`);
  if (rank(target.authLevel) > rank(caller.user.authLevel)) throw accessDenied(`user ${userId} has a higher auth level than this user`);
  return target;
}

/** A cell phone and carrier change: NoChange (or nothing) keeps the carrier, Undefined clears it. */
function cellOf(changes: UserChanges, target: UserRecord): Pick<UserRecord, 'cellPhone' | 'cellCarrier'> {
  const phone = changes.cellPhone?.trim() ? changes.cellPhone.trim() : target.cellPhone;
  const carrier = changes.cellCarrier === undefined || changes.cellCarrier === 'NoChange' ? target.cellCarrier : changes.cellCarrier === 'Undefined' ? undefined : changes.cellCarrier;
  return { ...(phone !== undefined ? { cellPhone: phone } : {}), ...(carrier !== undefined ? { cellCarrier: carrier } : {}) };
}

export interface UserChanges {
  readonly cellPhone?: string | undefined;
  readonly cellCarrier?: EnumTypes['CellCarrier'] | undefined;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  readonly email?: string | undefined;
  readonly company?: string | undefined;
  readonly phone?: string | undefined;
}

/** rest-api/users/update-user.md: `email` must be a valid address. The sandbox's test of one: text@text.text. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * UserUpdate and PUT /v2/users: a user updates itself, an administrator the users it administers. Empty or absent
 * values leave a field as it is (the docs do not say how to clear one; the sandbox never clears).
 */
export function updateUser(svc: SandboxService, caller: Caller, userId: number, changes: UserChanges): UserRecord {
  const target = user(svc, caller, userId);
  if (target.userId !== caller.user.userId) administered(svc, caller, userId, "updating another user's profile");
  const email = changes.email?.trim();
  if (email && !EMAIL.test(email)) throw invalidParameter('email is not a valid email address');
  const pick = (value: string | undefined, current: string) => (value === undefined || value === '' ? current : value);
  const updated: UserRecord = {
    ...target,
    firstName: pick(changes.firstName, target.firstName),
    lastName: pick(changes.lastName, target.lastName),
    email: pick(email, target.email),
    company: pick(changes.company, target.company),
    phone: pick(changes.phone, target.phone),
    ...cellOf(changes, target),
    modified: svc.nowIso(),
  };
  svc.commit((draft) => draft.users.set(userId, updated));
  return updated;
}

/**
 * UserSetAuthLevel and POST /v2/users/role: an administrator sets the level of a user it administers, never above
 * its own (rest-api/users/set-role.md warns about elevation; the limit is the sandbox's reading of that warning).
 */
export function setAuthLevel(svc: SandboxService, caller: Caller, userId: number, level: string | undefined): UserRecord {
  const target = administered(svc, caller, userId, "changing a user's auth level");
  const authLevel = oneOf(AUTH_LEVELS, 'authLevel', 'AuthLevel', level);
  if (authLevel === undefined) throw invalidParameter('authLevel is required');
  if (authLevel === 'NoChange') return target;
  if (rank(authLevel) > rank(caller.user.authLevel)) throw accessDenied(`cannot raise a user above this user's auth level (${caller.user.authLevel})`);
  const updated: UserRecord = { ...target, authLevel, modified: svc.nowIso() };
  svc.commit((draft) => draft.users.set(userId, updated));
  return updated;
}

/** UserTerminate and DELETE /v2/users/{id} (terminate-user.md): permanent; the user's sessions and keys stop working. */
export function terminateUser(svc: SandboxService, caller: Caller, userId: number): boolean {
  const target = administered(svc, caller, userId, 'terminating a user');
  if (target.status === 'Terminated') throw invalidParameter(`user ${userId} is already terminated`);
  svc.commit((draft) => draft.users.set(userId, { ...target, status: 'Terminated', modified: svc.nowIso() }));
  svc.auth.resetSessionsOf(userId);
  return true;
}

export interface NewUser {
  readonly login: string;
  readonly password: string;
  readonly email: string;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  readonly company?: string | undefined;
  readonly phone?: string | undefined;
  /** Absent or 0: the caller's network. */
  readonly networkId?: number | undefined;
  /** Absent: the caller's mailbox; 0: a network-level user. */
  readonly mailboxId?: number | undefined;
  /** Absent or NoChange: MailboxUser, create-user.md's default. */
  readonly authLevel?: string | undefined;
}

/**
 * UserAdd, UserAddEx and POST /v2/users (rest-api/users/create-user.md): an administrator adds a user inside what it
 * administers, at or below its own level. The login is unique within the network (compared case-insensitively: the
 * sandbox's reading, as logins are matched so elsewhere); the password follows the documented pattern and never
 * appears in an error.
 */
export function addUser(svc: SandboxService, caller: Caller, input: NewUser): UserRecord {
  requireAdmin(caller.user, 'adding a user');
  const login = input.login.trim();
  if (!login) throw invalidParameter('login is required');
  if (!satisfiesPasswordRule(input.password)) {
    throw invalidParameter('the password must contain a lowercase letter, an uppercase letter, a digit and a special character');
  }
  const email = input.email.trim();
  if (!EMAIL.test(email)) throw invalidParameter('email is not a valid email address');
  const level = oneOf(AUTH_LEVELS, 'authLevel', 'AuthLevel', input.authLevel);
  const authLevel: AuthLevel = level === undefined || level === 'NoChange' ? 'MailboxUser' : level;
  if (rank(authLevel) > rank(caller.user.authLevel)) throw accessDenied(`cannot add a user above this user's auth level (${caller.user.authLevel})`);
  const mailboxId = input.mailboxId ?? caller.user.mailboxId;
  const home = mailboxId > 0 ? mailbox(svc, caller, mailboxId) : undefined;
  const networkId = home?.networkId ?? (input.networkId || caller.user.networkId);
  if (home && input.networkId && input.networkId !== home.networkId) throw invalidParameter(`mailbox ${mailboxId} is not in network ${input.networkId}`);
  const taken = [...svc.state.users.values()].some((u) => u.networkId === networkId && u.loginName.toLowerCase() === login.toLowerCase());
  if (taken) throw invalidParameter(`the login ${login} is already in use in network ${networkId}`);
  const now = svc.nowIso();
  const created: UserRecord = {
    userId: Math.max(0, ...svc.state.users.keys()) + 1,
    loginName: login,
    email,
    passwordHash: hashPassword(input.password),
    apiKey: randomUUID(),
    firstName: input.firstName ?? '',
    lastName: input.lastName ?? '',
    company: input.company ?? '',
    phone: input.phone ?? '',
    authLevel,
    networkId,
    mailboxId,
    status: 'Active',
    created: now,
    modified: now,
  };
  if (!canSeeUser(caller.user, created)) throw accessDenied('the new user would be outside what this user administers');
  svc.commit((draft) => draft.users.set(created.userId, created));
  return created;
}

/**
 * UserSetNetworkMailbox and POST /v2/users/set-network-mailbox: moves a user the caller administers to a network and
 * mailbox it may see (mailbox 0: a network-level user); the moved user must stay inside what the caller administers.
 */
export function setNetworkMailbox(svc: SandboxService, caller: Caller, userId: number, networkId: number | undefined, mailboxId: number | undefined): UserRecord {
  const target = administered(svc, caller, userId, "moving a user to another network or mailbox");
  const nextMailbox = mailboxId ?? target.mailboxId;
  const home = nextMailbox > 0 ? mailbox(svc, caller, nextMailbox) : undefined;
  const nextNetwork = home?.networkId ?? (networkId || target.networkId);
  if (home && networkId && networkId !== home.networkId) throw invalidParameter(`mailbox ${nextMailbox} is not in network ${networkId}`);
  const moved: UserRecord = { ...target, networkId: nextNetwork, mailboxId: nextMailbox, modified: svc.nowIso() };
  if (!canSeeUser(caller.user, moved)) throw accessDenied('the user would be moved outside what this user administers');
  svc.commit((draft) => draft.users.set(userId, moved));
  return moved;
}

/**
 * UserPassword and POST /v2/users/password: rest-api/users/update-password.md makes it "an administrative operation
 * that requires NetworkAdmin or higher AuthLevel"; the new password follows the documented pattern.
 */
export function setPassword(svc: SandboxService, caller: Caller, userId: number, password: string): boolean {
  if (rank(caller.user.authLevel) < rank('NetworkAdmin')) throw accessDenied(`setting a password requires NetworkAdmin or higher; this user is ${caller.user.authLevel}`);
  const target = administered(svc, caller, userId, "setting another user's password");
  if (!satisfiesPasswordRule(password)) throw invalidParameter('the password must contain a lowercase letter, an uppercase letter, a digit and a special character');
  // A new password from an administrator also unlocks a user locked out by wrong passwords.
  const { failedLogins: _count, lockedOut: _locked, ...unlocked } = target;
  svc.commit((draft) => draft.users.set(userId, { ...unlocked, passwordHash: hashPassword(password), modified: svc.nowIso() }));
  return true;
}

/**
 * GenerateAPIKey and POST /v2/users/key-generate/{id} (generate-api-key.md): a new key for the user, which
 * "immediately invalidates" the old one. A user renews its own key; administrators the keys of users they administer.
 */
export function renewApiKey(svc: SandboxService, caller: Caller, userId: number): string {
  const target = user(svc, caller, userId);
  if (target.userId !== caller.user.userId) administered(svc, caller, userId, "renewing another user's API key");
  const apiKey = randomUUID();
  svc.commit((draft) => draft.users.set(userId, { ...target, apiKey, modified: svc.nowIso() }));
  return apiKey;
}

/**
 * ChangePassword and PUT /v2/auth/password (rest-api/auth/change-password.md): the caller's own password, given the
 * current one. Open sessions and tokens stay valid, as the page says. Neither password appears in an error.
 */
export function changeOwnPassword(svc: SandboxService, caller: Caller, current: string, next: string): boolean {
  const me = user(svc, caller, caller.user.userId);
  if (!verifyPassword(current, me.passwordHash)) throw invalidParameter('the current password does not match');
  if (!satisfiesPasswordRule(next)) throw invalidParameter('the new password must contain a lowercase letter, an uppercase letter, a digit and a special character');
  svc.commit((draft) => draft.users.set(me.userId, { ...me, passwordHash: hashPassword(next), modified: svc.nowIso() }));
  return true;
}

/** UserReset and POST /v2/users/reset/{id} (reset-sessions.md): ends the user's sessions and tokens; administrators only. */
export function resetUser(svc: SandboxService, caller: Caller, userId: number): boolean {
  administered(svc, caller, userId, "resetting a user's sessions");
  svc.auth.resetSessionsOf(userId);
  return true;
}

/**
 * UserSendSMS and POST /v2/users/send-sms: a text to a user the caller sees, which needs a cell phone and carrier
 * (send-sms.md). The sandbox delivers nothing: the message goes to its outbox (`admin.messages()`).
 */
export function sendSms(svc: SandboxService, caller: Caller, userId: number, text: string | undefined): boolean {
  const target = user(svc, caller, userId);
  const message = text?.trim() ?? '';
  if (!message) throw invalidParameter('message is required');
  if (!target.cellPhone || !target.cellCarrier) throw invalidParameter(`user ${userId} has no cell phone number and carrier configured`);
  svc.outbox.add({ kind: 'sms', userId, to: target.cellPhone, carrier: target.cellCarrier, text: message, date: svc.nowIso() });
  return true;
}

/** UserSetMaxSessions: the most SOAP sessions the user may have open at once, 1 to 100; 0 lifts the limit. */
export function setMaxSessions(svc: SandboxService, caller: Caller, userId: number, maxSessions: number): boolean {
  const target = administered(svc, caller, userId, "changing a user's session limit");
  if (!Number.isInteger(maxSessions) || maxSessions < 0 || maxSessions > 100) throw invalidParameter('MaxSessions must be from 0 (no limit) to 100');
  const { maxSessions: _previous, ...rest } = target;
  svc.commit((draft) => draft.users.set(userId, { ...rest, ...(maxSessions > 0 ? { maxSessions } : {}), modified: svc.nowIso() }));
  return true;
}

/** UserListLockedOut(Ex): the users in view that wrong passwords locked out (auth.ts, LOCKOUT_AFTER). */
export function lockedOutUsers(svc: SandboxService, caller: Caller, scope: { readonly networkId?: number; readonly mailboxId?: number } = {}): UserRecord[] {
  if (given(scope.mailboxId)) mailbox(svc, caller, scope.mailboxId);
  return users(svc, caller, scope).filter((u) => u.lockedOut !== undefined);
}
