import { type EnumTypes, enumValues } from '@ecgrid-bridge/soap';
import { notFound } from '../errors.js';
import type { MailboxRecord, NetworkRecord, UserRecord } from '../store/records.js';
import { canSeeMailbox, canSeeNetwork, requireAdmin } from './access.js';
import type { Caller } from './auth.js';
import { contains, given, oneOf, visibleRecord } from './filters.js';
import type { SandboxService } from './service.js';

/** Networks and mailboxes. */

const STATUSES = enumValues('Status');

export const network = (svc: SandboxService, caller: Caller, networkId: number): NetworkRecord =>
  visibleRecord(svc.state.networks, networkId, 'network', (n) => canSeeNetwork(caller.user, n.networkId));

export interface NetworkFilter {
  readonly name?: string;
  readonly networkId?: number;
  readonly mailboxId?: number;
  readonly status?: string;
}

export function networks(svc: SandboxService, caller: Caller, filter: NetworkFilter = {}): NetworkRecord[] {
  const status = oneOf(STATUSES, 'status', 'Status', filter.status);
  const viaMailbox = given(filter.mailboxId) ? mailbox(svc, caller, filter.mailboxId).networkId : undefined;
  return [...svc.state.networks.values()]
    .filter((n) => canSeeNetwork(caller.user, n.networkId))
    .filter((n) => contains(n.name, filter.name))
    .filter((n) => !given(filter.networkId) || n.networkId === filter.networkId)
    .filter((n) => viaMailbox === undefined || n.networkId === viaMailbox)
    .filter((n) => status === undefined || n.status === status)
    .sort((a, b) => a.networkId - b.networkId);
}

export const mailbox = (svc: SandboxService, caller: Caller, mailboxId: number): MailboxRecord =>
  visibleRecord(svc.state.mailboxes, mailboxId, 'mailbox', (m) => canSeeMailbox(caller.user, m));

export interface MailboxFilter {
  readonly name?: string;
  readonly networkId?: number;
  readonly status?: string;
}

export function mailboxes(svc: SandboxService, caller: Caller, filter: MailboxFilter = {}): MailboxRecord[] {
  const status = oneOf(STATUSES, 'status', 'Status', filter.status);
  return [...svc.state.mailboxes.values()]
    .filter((m) => canSeeMailbox(caller.user, m))
    .filter((m) => contains(m.name, filter.name))
    .filter((m) => !given(filter.networkId) || m.networkId === filter.networkId)
    .filter((m) => status === undefined || m.status === status)
    .sort((a, b) => a.mailboxId - b.mailboxId);
}

/** The user in one of a network's contact roles. */
export function networkContact(svc: SandboxService, caller: Caller, networkId: number, role: EnumTypes['NetworkContactType']): UserRecord {
  const found = network(svc, caller, networkId);
  const user = svc.state.users.get(found.contacts?.[role] ?? 0);
  if (!user) throw notFound(`${role} contact of network`, networkId);
  return user;
}

/**
 * The scope filter of records that belong to a mailbox (callbacks, comms, carbon copies, …): the caller's mailboxes,
 * narrowed to a network and a mailbox when given (0: any), each of which the caller must be able to see.
 */
export function inMailboxScope(
  svc: SandboxService,
  caller: Caller,
  filter: { readonly networkId?: number; readonly mailboxId?: number },
): (r: { readonly networkId: number; readonly mailboxId: number }) => boolean {
  if (given(filter.networkId)) network(svc, caller, filter.networkId);
  if (given(filter.mailboxId)) mailbox(svc, caller, filter.mailboxId);
  return (r) =>
    seesMailbox(svc, caller, r.mailboxId) &&
    (!given(filter.networkId) || r.networkId === filter.networkId) &&
    (!given(filter.mailboxId) || r.mailboxId === filter.mailboxId);
}

/** Whether the caller sees a mailbox (without refusing): which side of a parcel or interchange is its own. */
export function seesMailbox(svc: SandboxService, caller: Caller, mailboxId: number): boolean {
  const found = svc.state.mailboxes.get(mailboxId);
  return found !== undefined && canSeeMailbox(caller.user, found);
}

/** Whether the caller sees the sending or the receiving mailbox of a parcel or interchange. */
export const seesEitherSide = (svc: SandboxService, caller: Caller, r: { readonly fromMailboxId: number; readonly toMailboxId: number }): boolean =>
  seesMailbox(svc, caller, r.toMailboxId) || seesMailbox(svc, caller, r.fromMailboxId);

/** Changes a mailbox's description (MailboxDescription; rest-api/mailboxes/update-mailbox.md `companyName`). */
export function updateMailboxDescription(svc: SandboxService, caller: Caller, mailboxId: number, description: string): MailboxRecord {
  const next: MailboxRecord = { ...mailbox(svc, caller, mailboxId), description, modified: svc.nowIso() };
  requireAdmin(caller.user, 'changing a mailbox');
  svc.commit((draft) => draft.mailboxes.set(mailboxId, next));
  return next;
}

/** Activates or suspends a mailbox (MailboxActivate, MailboxSuspend); administrators only. */
export function setMailboxStatus(svc: SandboxService, caller: Caller, mailboxId: number, status: 'Active' | 'Suspended'): boolean {
  const next: MailboxRecord = { ...mailbox(svc, caller, mailboxId), status, modified: svc.nowIso() };
  requireAdmin(caller.user, 'changing a mailbox');
  svc.commit((draft) => draft.mailboxes.set(mailboxId, next));
  return true;
}
