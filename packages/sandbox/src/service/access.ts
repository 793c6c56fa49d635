import { accessDenied } from '../errors.js';
import type { AuthLevel, MailboxRecord, UserRecord } from '../store/records.js';

/** Higher is more powerful. */
const RANK: Readonly<Record<AuthLevel, number>> = {
  Root: 9,
  TechOps: 8,
  NetOps: 7,
  NetworkAdmin: 6,
  NetworkUser: 5,
  MailboxAdmin: 4,
  MailboxUser: 3,
  TPUser: 2,
  General: 1,
};

export const rank = (level: AuthLevel): number => RANK[level];

export type Scope = { kind: 'all' } | { kind: 'network'; networkId: number } | { kind: 'mailbox'; networkId: number; mailboxId: number };

/** What a user may see: everything (ECGrid staff), one network, or one mailbox. */
export function scopeOf(user: UserRecord): Scope {
  if (rank(user.authLevel) >= RANK.NetOps) return { kind: 'all' };
  if (rank(user.authLevel) >= RANK.NetworkUser) return { kind: 'network', networkId: user.networkId };
  return { kind: 'mailbox', networkId: user.networkId, mailboxId: user.mailboxId };
}

export function canSeeNetwork(user: UserRecord, networkId: number): boolean {
  const scope = scopeOf(user);
  return scope.kind === 'all' || scope.networkId === networkId;
}

export function canSeeMailbox(user: UserRecord, mailbox: Pick<MailboxRecord, 'mailboxId' | 'networkId'>): boolean {
  const scope = scopeOf(user);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'network') return scope.networkId === mailbox.networkId;
  return scope.mailboxId === mailbox.mailboxId;
}

const ADMIN_LEVELS: ReadonlySet<AuthLevel> = new Set(['Root', 'TechOps', 'NetOps', 'NetworkAdmin', 'MailboxAdmin']);

/** Administrators manage the users of what they administer; NetworkUser, MailboxUser, TPUser and General do not. */
export const isAdmin = (user: UserRecord): boolean => ADMIN_LEVELS.has(user.authLevel);

export function requireAdmin(user: UserRecord, what: string): void {
  if (!isAdmin(user)) throw accessDenied(`${what} requires an administrator auth level; this user is ${user.authLevel}`);
}

/** Users see themselves; administrators see the users of what they administer. */
export function canSeeUser(user: UserRecord, target: UserRecord): boolean {
  if (user.userId === target.userId) return true;
  if (!isAdmin(user)) return false;
  const scope = scopeOf(user);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'network') return target.networkId === scope.networkId;
  return target.mailboxId === scope.mailboxId && target.networkId === scope.networkId;
}

export function requireLevel(user: UserRecord, minimum: AuthLevel, what: string): void {
  if (rank(user.authLevel) < RANK[minimum]) {
    throw accessDenied(`${what} requires the ${minimum} auth level or higher; this user is ${user.authLevel}`);
  }
}
