import type { EnumTypes } from '@ecgrid-bridge/soap';
import { accessDenied, invalidParameter } from '../errors.js';
import type { MailboxRecord, NetworkRecord } from '../store/records.js';
import { rank, requireAdmin, scopeOf } from './access.js';
import type { Caller } from './auth.js';
import { mailbox, network } from './directory.js';
import { given } from './filters.js';
import type { SandboxService } from './service.js';
import { user } from './users.js';

/**
 * The SOAP-only directory writes (soap-api/mailboxes/*.md, soap-api/networks/*.md): mailboxes added, named, managed,
 * their use, contacts, inbox timeout and delete-on-download; a network's contacts, websites and delete-on-download.
 * The sandbox follows the WSDL's parameters where the pages show other signatures (mailbox-add.md).
 */

function requireNetworkAdmin(caller: Caller, what: string): void {
  if (rank(caller.user.authLevel) < rank('NetworkAdmin')) throw accessDenied(`${what} requires NetworkAdmin or higher; this user is ${caller.user.authLevel}`);
}

function changeMailbox(svc: SandboxService, current: MailboxRecord, change: Partial<MailboxRecord>): boolean {
  svc.commit((draft) => draft.mailboxes.set(current.mailboxId, { ...current, ...change, modified: svc.nowIso() }));
  return true;
}

function changeNetwork(svc: SandboxService, current: NetworkRecord, change: Partial<NetworkRecord>): boolean {
  svc.commit((draft) => draft.networks.set(current.networkId, { ...current, ...change, modified: svc.nowIso() }));
  return true;
}

/** A mailbox the caller administers: MailboxAdmin or higher (mailbox-delete-on-download.md, mailbox-inbox-timeout.md). */
function administeredMailbox(svc: SandboxService, caller: Caller, mailboxId: number, what: string): MailboxRecord {
  const found = mailbox(svc, caller, mailboxId);
  requireAdmin(caller.user, what);
  return found;
}

/** The uppercase letters and digits of a name, made unique among the mailboxes: the new mailbox's UniqueID. */
function uniqueIdFor(svc: SandboxService, name: string): string {
  const base = name.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 20) || 'MAILBOX';
  const taken = new Set([...svc.state.mailboxes.values()].map((m) => m.uniqueId));
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  return candidate;
}

/**
 * MailboxAdd and MailboxAddEx: a new Active mailbox in the caller's network (MailboxAdd) or the one given, named
 * `Name`, its Owner contact the given user (0 or empty: none). mailbox-add.md asks for NetworkAdmin or higher.
 */
export function addMailbox(svc: SandboxService, caller: Caller, input: { readonly networkId: number; readonly name: string | undefined; readonly ownerUserId: number }): MailboxRecord {
  requireNetworkAdmin(caller, 'adding a mailbox');
  const networkId = given(input.networkId) ? input.networkId : caller.user.networkId;
  if (!given(networkId)) throw invalidParameter('NetworkID is required for a user above network level');
  const owner = network(svc, caller, networkId);
  const name = input.name?.trim() ?? '';
  if (!name) throw invalidParameter('Name is required');
  if (given(input.ownerUserId)) {
    const u = user(svc, caller, input.ownerUserId);
    if (u.networkId !== owner.networkId) throw invalidParameter(`user ${u.userId} is not in network ${owner.networkId}`);
  }
  const now = svc.nowIso();
  const record: MailboxRecord = {
    mailboxId: Math.max(0, ...svc.state.mailboxes.keys()) + 1,
    networkId: owner.networkId,
    uniqueId: uniqueIdFor(svc, name),
    name,
    description: name,
    ...(given(input.ownerUserId) ? { contacts: { Owner: input.ownerUserId } } : {}),
    status: 'Active',
    created: now,
    modified: now,
  };
  svc.commit((draft) => draft.mailboxes.set(record.mailboxId, record));
  return record;
}

/** MailboxName: the mailbox's name (MailboxIDInfo.Name); administrators of the mailbox. */
export function renameMailbox(svc: SandboxService, caller: Caller, mailboxId: number, name: string | undefined): boolean {
  const current = administeredMailbox(svc, caller, mailboxId, 'renaming a mailbox');
  const text = name?.trim() ?? '';
  if (!text) throw invalidParameter('Name is required');
  return changeMailbox(svc, current, { name: text });
}

/** MailboxManaged: mailbox-managed.md asks for NetworkAdmin or higher. */
export function setMailboxManaged(svc: SandboxService, caller: Caller, mailboxId: number, managed: boolean): boolean {
  const current = mailbox(svc, caller, mailboxId);
  requireNetworkAdmin(caller, 'changing managed mode');
  return changeMailbox(svc, current, { managed });
}

/** MailboxUse: Test, Production or both; Undefined is not a use. */
export function setMailboxUse(svc: SandboxService, caller: Caller, mailboxId: number, useType: EnumTypes['UseType']): boolean {
  const current = administeredMailbox(svc, caller, mailboxId, 'changing a mailbox use');
  if (useType === 'Undefined') throw invalidParameter('UseType Undefined is not a use');
  return changeMailbox(svc, current, { useType });
}

/** MailboxSetContact: the user in one contact role of the mailbox, a user of the same network. */
export function setMailboxContact(svc: SandboxService, caller: Caller, mailboxId: number, userId: number, role: EnumTypes['NetworkContactType']): boolean {
  const current = administeredMailbox(svc, caller, mailboxId, 'changing a mailbox contact');
  const contact = user(svc, caller, userId);
  if (contact.networkId !== current.networkId) throw invalidParameter(`user ${userId} is not in the mailbox's network`);
  return changeMailbox(svc, current, { contacts: { ...current.contacts, [role]: userId } });
}

/** MailboxInBoxTimeout: 0 for the network default (mailbox-inbox-timeout.md). */
export function setInBoxTimeout(svc: SandboxService, caller: Caller, mailboxId: number, hours: number): boolean {
  const current = administeredMailbox(svc, caller, mailboxId, "changing a mailbox's inbox timeout");
  if (!Number.isInteger(hours) || hours < 0 || hours > 32767) throw invalidParameter('the inbox timeout must be from 0 to 32767');
  return changeMailbox(svc, current, { inBoxTimeout: hours });
}

/** MailboxDeleteOnDownload (mailbox-delete-on-download.md: MailboxAdmin or higher). */
export function setMailboxDeleteOnDownload(svc: SandboxService, caller: Caller, mailboxId: number, value: boolean): boolean {
  return changeMailbox(svc, administeredMailbox(svc, caller, mailboxId, 'changing delete-on-download'), { deleteOnDownload: value });
}

/** NetworkSetContact: a user of the network in one contact role (NetworkGetContact reads it back). */
export function setNetworkContact(svc: SandboxService, caller: Caller, networkId: number, userId: number, role: EnumTypes['NetworkContactType']): boolean {
  const current = network(svc, caller, networkId);
  requireNetworkAdmin(caller, 'changing a network contact');
  const contact = user(svc, caller, userId);
  if (contact.networkId !== networkId && scopeOf(contact).kind !== 'all') throw invalidParameter(`user ${userId} is not in network ${networkId}`);
  return changeNetwork(svc, current, { contacts: { ...current.contacts, [role]: userId } });
}

/** NetworkSetWebsite: the network's Home, Support or Login website (NetworkIDInfo HomeWebsite, …); empty clears it. */
export function setNetworkWebsite(svc: SandboxService, caller: Caller, networkId: number, type: EnumTypes['NetworkWebsiteType'], url: string | undefined): boolean {
  const current = network(svc, caller, networkId);
  requireNetworkAdmin(caller, "changing a network's websites");
  const text = url?.trim() ?? '';
  if (text && !/^https?:\/\/[^\s/]+/i.test(text)) throw invalidParameter('URL must be an http or https URL');
  const websites = { ...current.websites };
  if (text) websites[type] = text;
  else delete websites[type];
  return changeNetwork(svc, current, { websites });
}

/** NetworkRootDeleteOnDownload: the network's default for its mailboxes' delete-on-download. */
export function setNetworkDeleteOnDownload(svc: SandboxService, caller: Caller, networkId: number, value: boolean): boolean {
  const current = network(svc, caller, networkId);
  requireNetworkAdmin(caller, 'changing delete-on-download');
  return changeNetwork(svc, current, { deleteOnDownload: value });
}
