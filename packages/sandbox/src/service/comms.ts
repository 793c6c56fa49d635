import { accessDenied, invalidParameter } from '../errors.js';
import type { EnumTypes } from '@ecgrid-bridge/soap';
import type { CertificateRecord, CommRecord, CommSettings, Status } from '../store/records.js';
import type { Caller } from './auth.js';
import { inMailboxScope, mailbox, seesMailbox } from './directory.js';
import { contains, given, visibleRecord } from './filters.js';
import { tradingPartner } from './partners.js';
import type { SandboxService } from './service.js';

/** Communication channels and their certificates. */

/** rest-api/comms/list-comms.md `showInactive`: "When true, includes suspended and terminated channels". */
const INACTIVE: ReadonlySet<string> = new Set(['Suspended', 'Terminated']);

export const comm = (svc: SandboxService, caller: Caller, commId: number): CommRecord =>
  visibleRecord(svc.state.comms, commId, 'comm', (c) => seesMailbox(svc, caller, c.mailboxId));

export interface CommFilter {
  readonly networkId?: number;
  readonly mailboxId?: number;
  /** `none` (or nothing): every type (soap-api/comms/comm-list.md). */
  readonly type?: string;
  readonly privateKeyRequired?: boolean;
  /** `Undefined` (or nothing): every use type. */
  readonly useType?: string;
  readonly showInactive?: boolean;
  /** Only channels with certificates (REST's `withCerts`). */
  readonly withCertificates?: boolean;
  /** A part of the identifier, compared case-insensitively. */
  readonly identifier?: string;
}

export function comms(svc: SandboxService, caller: Caller, filter: CommFilter = {}): CommRecord[] {
  const inScope = inMailboxScope(svc, caller, filter);
  return [...svc.state.comms.values()]
    .filter(inScope)
    .filter((c) => filter.type === undefined || filter.type === 'none' || c.type === filter.type)
    .filter((c) => !filter.privateKeyRequired || c.privateKeyRequired)
    .filter((c) => filter.useType === undefined || filter.useType === 'Undefined' || c.useType === filter.useType)
    .filter((c) => filter.showInactive === true || !INACTIVE.has(c.status))
    .filter((c) => !filter.withCertificates || certificatesOf(svc, c.commId).length > 0)
    .filter((c) => filter.identifier === undefined || contains(c.identifier, filter.identifier))
    .sort((a, b) => a.commId - b.commId);
}

/**
 * The channels between two ECGrid IDs (rest-api/comms/comm-pair.md): the pair CommSetPair chose, else the sandbox's
 * reading: the active channels of the sender's mailbox, then of the receiver's. The caller must own one of the two IDs.
 */
export function commPair(svc: SandboxService, caller: Caller, fromId: number, toId: number): CommRecord[] {
  const from = tradingPartner(svc, caller, fromId);
  const to = tradingPartner(svc, caller, toId);
  if (!seesMailbox(svc, caller, from.mailboxId) && !seesMailbox(svc, caller, to.mailboxId)) {
    throw accessDenied('neither ECGrid ID of the pair belongs to this user');
  }
  const chosen = from.commPairs?.[String(toId)];
  if (chosen) return [chosen.fromCommId, chosen.toCommId].flatMap((id) => svc.state.comms.get(id) ?? []);
  const of = (mailboxId: number) => [...svc.state.comms.values()].filter((c) => c.mailboxId === mailboxId && c.status === 'Active');
  return from.mailboxId === to.mailboxId ? of(from.mailboxId) : [...of(from.mailboxId), ...of(to.mailboxId)];
}

/**
 * CommSetPair (the WSDL's ECGridIDFrom, ECGridIDTo, Identifier1, Identifier2; soap-api/comms/comm-set-pair.md shows a
 * CommID instead): the channel with Identifier1 in the sender's mailbox and the one with Identifier2 in the
 * receiver's carry the pair's traffic from now on. The caller must own the sending ID.
 */
export function setCommPair(svc: SandboxService, caller: Caller, fromId: number, toId: number, fromIdentifier: string | undefined, toIdentifier: string | undefined): CommRecord[] {
  const from = tradingPartner(svc, caller, fromId);
  const to = tradingPartner(svc, caller, toId);
  if (!seesMailbox(svc, caller, from.mailboxId)) throw accessDenied(`ECGrid ID ${fromId} belongs to a mailbox outside this user's scope`);
  const find = (mailboxId: number, identifier: string | undefined, name: string) => {
    const wanted = requireIdentifier(identifier).toLowerCase();
    const found = [...svc.state.comms.values()].find((c) => c.mailboxId === mailboxId && c.status === 'Active' && c.identifier.toLowerCase() === wanted);
    if (!found) throw invalidParameter(`${name}: no active channel ${identifier ?? ''} in mailbox ${mailboxId}`);
    return found;
  };
  const pair = { fromCommId: find(from.mailboxId, fromIdentifier, 'Identifier1').commId, toCommId: find(to.mailboxId, toIdentifier, 'Identifier2').commId };
  svc.commit((draft) => draft.tradingPartners.set(fromId, { ...from, commPairs: { ...from.commPairs, [String(toId)]: pair }, modified: svc.nowIso() }));
  return commPair(svc, caller, fromId, toId);
}

/** CommDefaultMailbox: a mailbox of the channel's network, which the caller sees, gets the channel's unrouted inbound EDI. */
export function setCommDefaultMailbox(svc: SandboxService, caller: Caller, commId: number, mailboxId: number): boolean {
  const current = comm(svc, caller, commId);
  const target = mailbox(svc, caller, mailboxId);
  if (target.networkId !== current.networkId) throw invalidParameter(`mailbox ${mailboxId} is not in the channel's network`);
  svc.commit((draft) => draft.comms.set(commId, { ...current, defaultMailboxId: mailboxId, modified: svc.nowIso() }));
  return true;
}

export const certificatesOf = (svc: SandboxService, commId: number): CertificateRecord[] =>
  [...svc.state.certificates.values()].filter((c) => c.commId === commId).sort((a, b) => a.certificateId - b.certificateId);

export function requireIdentifier(identifier: string | undefined): string {
  if (identifier === undefined || identifier.trim() === '') throw invalidParameter('an identifier is required');
  return identifier;
}

/** Changes a comm's identifier or status (CommSetStatus; rest-api/comms/update-comm.md). */
export function updateComm(svc: SandboxService, caller: Caller, commId: number, change: { identifier?: string; status?: Status }): CommRecord {
  const current = comm(svc, caller, commId);
  const next: CommRecord = {
    ...current,
    ...(change.identifier !== undefined ? { identifier: requireIdentifier(change.identifier) } : {}),
    ...(change.status !== undefined ? { status: change.status } : {}),
    modified: svc.nowIso(),
  };
  svc.commit((draft) => draft.comms.set(commId, next));
  return next;
}

export interface NewComm {
  readonly networkId: number;
  readonly mailboxId: number;
  readonly type: EnumTypes['NetworkGatewayCommChannel'];
  readonly identifier: string | undefined;
  readonly url: string | undefined;
  readonly useType: EnumTypes['UseType'];
  readonly status: Status;
  readonly settings: CommSettings;
}

/**
 * Adds a channel to a mailbox (CommAdd; rest-api/comms/create-comm.md). SOAP's MailboxID 0 is the caller's own
 * mailbox; a user above mailbox level must name one. `none` is a filter value, not a channel type.
 */
export function addComm(svc: SandboxService, caller: Caller, input: NewComm): CommRecord {
  const mailboxId = given(input.mailboxId) ? input.mailboxId : caller.user.mailboxId;
  if (!given(mailboxId)) throw invalidParameter('MailboxID is required for a user above mailbox level');
  const owner = mailbox(svc, caller, mailboxId);
  if (given(input.networkId) && input.networkId !== owner.networkId) throw invalidParameter(`mailbox ${mailboxId} is not in network ${input.networkId}`);
  if (input.type === 'none') throw invalidParameter('CommType none is not a channel type');
  const now = svc.nowIso();
  const record: CommRecord = {
    commId: Math.max(0, ...svc.state.comms.keys()) + 1,
    networkId: owner.networkId,
    mailboxId,
    type: input.type,
    identifier: requireIdentifier(input.identifier),
    url: input.url ?? '',
    useType: input.useType,
    privateKeyRequired: false,
    status: input.status,
    settings: input.settings,
    created: now,
    modified: now,
  };
  svc.commit((draft) => draft.comms.set(record.commId, record));
  return record;
}

/** Changes a channel's configuration (CommUpdate): what is given replaces what was stored; unset values leave it. */
export function updateCommSettings(
  svc: SandboxService,
  caller: Caller,
  commId: number,
  change: { readonly identifier?: string | undefined; readonly url?: string | undefined; readonly useType?: EnumTypes['UseType'] | undefined; readonly settings: CommSettings },
): CommRecord {
  const current = comm(svc, caller, commId);
  const next: CommRecord = {
    ...current,
    ...(change.identifier ? { identifier: change.identifier } : {}),
    ...(change.url ? { url: change.url } : {}),
    ...(change.useType !== undefined && change.useType !== 'Undefined' ? { useType: change.useType } : {}),
    settings: { ...current.settings, ...change.settings },
    modified: svc.nowIso(),
  };
  svc.commit((draft) => draft.comms.set(commId, next));
  return next;
}
