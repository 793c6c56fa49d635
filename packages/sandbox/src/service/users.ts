import { randomInt } from 'node:crypto';
import { satisfiesPasswordRule } from '@ecgrid-bridge/core';
import { enumValues } from '@ecgrid-bridge/soap';
import { accessDenied, invalidParameter } from '../errors.js';
import type { SessionRecord, UserRecord } from '../store/records.js';
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
