import { type EnumTypes, enumValues } from '@ecgrid-bridge/soap';
import { accessDenied, invalidParameter, notFound } from '../errors.js';
import type { MailboxRecord, NetworkRecord, UserRecord, X12Delimiters } from '../store/records.js';
import { canSeeMailbox, canSeeNetwork, rank, requireAdmin } from './access.js';
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

/**
 * MailboxTerminate and DELETE /v2/mailboxes/{id} (delete-mailbox.md: "permanently terminates"). The page names no
 * AuthLevel; the sandbox asks for a network administrator (a mailbox's own administrators cannot end it) and refuses
 * a mailbox already terminated.
 */
export function terminateMailbox(svc: SandboxService, caller: Caller, mailboxId: number): boolean {
  const current = mailbox(svc, caller, mailboxId);
  if (rank(caller.user.authLevel) < rank('NetworkAdmin')) throw accessDenied(`terminating a mailbox requires NetworkAdmin or higher; this user is ${caller.user.authLevel}`);
  if (current.status === 'Terminated') throw invalidParameter(`mailbox ${mailboxId} is already terminated`);
  svc.commit((draft) => draft.mailboxes.set(mailboxId, { ...current, status: 'Terminated', modified: svc.nowIso() }));
  return true;
}

/**
 * NetworkUpdate and PUT /v2/networks (update-network.md): the network's name (REST `companyName`) and, on SOAP, its
 * free-text location. A network administrator of that network or ECGrid staff; empty values change nothing.
 */
export function updateNetwork(svc: SandboxService, caller: Caller, networkId: number, changes: { readonly name?: string | undefined; readonly location?: string | undefined }): NetworkRecord {
  const current = network(svc, caller, networkId);
  if (rank(caller.user.authLevel) < rank('NetworkAdmin')) throw accessDenied(`changing a network requires NetworkAdmin or higher; this user is ${caller.user.authLevel}`);
  const pick = (value: string | undefined, was: string) => (value === undefined || value.trim() === '' ? was : value);
  const next: NetworkRecord = { ...current, name: pick(changes.name, current.name), location: pick(changes.location, current.location), modified: svc.nowIso() };
  svc.commit((draft) => draft.networks.set(networkId, next));
  return next;
}

/**
 * Checks a set of X12 delimiters: three different single characters, none a letter, digit or space (they would be
 * read as data). x12-delimiters.md asks for "Single character" each; the rest is what X12 itself requires.
 */
export function x12Delimiters(segmentTerminator: string, elementSeparator: string, subElementSeparator: string): X12Delimiters {
  const all = [segmentTerminator, elementSeparator, subElementSeparator];
  if (all.some((c) => [...c].length !== 1)) throw invalidParameter('each delimiter must be a single character');
  if (all.some((c) => /[\p{L}\p{N}\s]/u.test(c))) throw invalidParameter('a delimiter cannot be a letter, a digit or white space');
  if (new Set(all).size !== 3) throw invalidParameter('the three delimiters must differ');
  return { segmentTerminator, elementSeparator, subElementSeparator };
}

/** NetworkX12Delimiters and POST /v2/networks/x12-delimiters: a network administrator of that network or ECGrid staff. */
export function setNetworkDelimiters(svc: SandboxService, caller: Caller, networkId: number, delimiters: X12Delimiters): boolean {
  const current = network(svc, caller, networkId);
  if (rank(caller.user.authLevel) < rank('NetworkAdmin')) throw accessDenied(`changing a network requires NetworkAdmin or higher; this user is ${caller.user.authLevel}`);
  svc.commit((draft) => draft.networks.set(networkId, { ...current, x12Delimiters: delimiters, modified: svc.nowIso() }));
  return true;
}

/** MailboxX12Delimiters and POST /v2/mailboxes/x12-delimiters (soap-api/mailboxes/mailbox-x12-delimiters.md: MailboxAdmin or higher). */
export function setMailboxDelimiters(svc: SandboxService, caller: Caller, mailboxId: number, delimiters: X12Delimiters): boolean {
  const current = mailbox(svc, caller, mailboxId);
  requireAdmin(caller.user, 'changing a mailbox');
  svc.commit((draft) => draft.mailboxes.set(mailboxId, { ...current, x12Delimiters: delimiters, modified: svc.nowIso() }));
  return true;
}
