import { enumValues } from '@ecgrid-bridge/soap';
import { accessDenied, invalidParameter, notFound } from '../errors.js';
import type { InterconnectNoteRecord, InterconnectRecord, TradingPartnerRecord } from '../store/records.js';
import { canSeeMailbox } from './access.js';
import type { Caller } from './auth.js';
import { mailbox, network } from './directory.js';
import { given, oneOf } from './filters.js';
import type { SandboxService } from './service.js';

/** Trading-partner IDs (ECGrid IDs) and interconnects. */

const STATUSES = enumValues('Status');
const DAY = 86_400_000;
const ID_STATUSES = enumValues('StatusECGridID');
const INTERCONNECT_STATUSES = enumValues('StatusInterconnect');

const ownsId = (caller: Caller, tp: TradingPartnerRecord): boolean =>
  canSeeMailbox(caller.user, { mailboxId: tp.mailboxId, networkId: tp.networkId });

/** ECGrid IDs are a directory: any signed-in user may look one up. */
export function tradingPartner(svc: SandboxService, _caller: Caller, ecgridId: number): TradingPartnerRecord {
  const tp = svc.state.tradingPartners.get(ecgridId);
  if (!tp) throw notFound('ECGrid ID', ecgridId);
  return tp;
}

export interface IdSearch {
  readonly qualifier?: string;
  readonly id?: string;
  readonly activeOnly: boolean;
}

export function searchTradingPartners(svc: SandboxService, _caller: Caller, query: IdSearch): TradingPartnerRecord[] {
  const qualifier = query.qualifier?.trim().toUpperCase() ?? '';
  const id = query.id?.trim().toUpperCase() ?? '';
  if (!qualifier && !id) throw invalidParameter('give a qualifier, an ID or both');
  return [...svc.state.tradingPartners.values()]
    .filter((tp) => !qualifier || tp.qualifier.toUpperCase() === qualifier)
    .filter((tp) => !id || tp.id.toUpperCase().includes(id))
    .filter((tp) => !query.activeOnly || tp.status === 'Active')
    .sort((a, b) => a.ecgridId - b.ecgridId);
}

export interface IdFilter {
  readonly mailboxId?: number;
  readonly networkId?: number;
  /** The REST Status (rest-api/ids/list-ids.md). */
  readonly restStatus?: string;
  /** SOAP's StatusECGridID. */
  readonly status?: string;
  readonly activeOnly: boolean;
}

/** The IDs of the mailboxes the caller can see. */
export function tradingPartners(svc: SandboxService, caller: Caller, filter: IdFilter): TradingPartnerRecord[] {
  const restStatus = oneOf(STATUSES, 'status', 'Status', filter.restStatus);
  const status = oneOf(ID_STATUSES, 'Status', 'StatusECGridID', filter.status);
  if (given(filter.mailboxId)) mailbox(svc, caller, filter.mailboxId);
  if (given(filter.networkId)) network(svc, caller, filter.networkId);
  return [...svc.state.tradingPartners.values()]
    .filter((tp) => ownsId(caller, tp))
    .filter((tp) => !given(filter.mailboxId) || tp.mailboxId === filter.mailboxId)
    .filter((tp) => !given(filter.networkId) || tp.networkId === filter.networkId)
    .filter((tp) => restStatus === undefined || tp.restStatus === restStatus)
    .filter((tp) => status === undefined || tp.status === status)
    .filter((tp) => !filter.activeOnly || tp.status === 'Active')
    .sort((a, b) => a.ecgridId - b.ecgridId);
}

const involvesCaller = (svc: SandboxService, caller: Caller, ic: InterconnectRecord): boolean =>
  [ic.ecgridId1, ic.ecgridId2].some((id) => {
    const tp = svc.state.tradingPartners.get(id);
    return tp !== undefined && ownsId(caller, tp);
  });

export function interconnect(svc: SandboxService, caller: Caller, interconnectId: number): InterconnectRecord {
  const ic = svc.state.interconnects.get(interconnectId);
  if (!ic) throw notFound('interconnect', interconnectId);
  if (!involvesCaller(svc, caller, ic)) throw accessDenied(`interconnect ${interconnectId} involves none of this user's IDs`);
  return ic;
}

export interface InterconnectFilter {
  /** Either side is this ECGrid ID. */
  readonly ecgridId?: number;
  /** SOAP's StatusInterconnect. */
  readonly status?: string;
  /** The REST Status (rest-api/partners/list-partners.md). */
  readonly restStatus?: string;
  readonly mailboxId?: number;
  readonly networkId?: number;
  /** Only interconnects created within this many days (0: any age). */
  readonly maxDays?: number;
}

/** The interconnects of the caller's IDs. */
export function interconnects(svc: SandboxService, caller: Caller, filter: InterconnectFilter = {}): InterconnectRecord[] {
  const status = oneOf(INTERCONNECT_STATUSES, 'Status', 'StatusInterconnect', filter.status);
  const restStatus = oneOf(STATUSES, 'status', 'Status', filter.restStatus);
  if (given(filter.mailboxId)) mailbox(svc, caller, filter.mailboxId);
  if (given(filter.networkId)) network(svc, caller, filter.networkId);
  const side = (ic: InterconnectRecord, test: (tp: TradingPartnerRecord) => boolean): boolean =>
    [ic.ecgridId1, ic.ecgridId2].some((id) => {
      const tp = svc.state.tradingPartners.get(id);
      return tp !== undefined && ownsId(caller, tp) && test(tp);
    });
  return [...svc.state.interconnects.values()]
    .filter((ic) => involvesCaller(svc, caller, ic))
    .filter((ic) => !given(filter.ecgridId) || ic.ecgridId1 === filter.ecgridId || ic.ecgridId2 === filter.ecgridId)
    .filter((ic) => !given(filter.mailboxId) || side(ic, (tp) => tp.mailboxId === filter.mailboxId))
    .filter((ic) => !given(filter.networkId) || side(ic, (tp) => tp.networkId === filter.networkId))
    .filter((ic) => status === undefined || ic.status === status)
    .filter((ic) => restStatus === undefined || ic.restStatus === restStatus)
    .filter((ic) => !given(filter.maxDays) || Date.parse(ic.created) >= Date.parse(svc.nowIso()) - filter.maxDays * DAY)
    .sort((a, b) => a.interconnectId - b.interconnectId);
}

/** The notes of an interconnect the caller takes part in, oldest first. */
export function interconnectNotes(svc: SandboxService, caller: Caller, interconnectId: number): InterconnectNoteRecord[] {
  interconnect(svc, caller, interconnectId);
  return [...svc.state.interconnectNotes.values()]
    .filter((n) => n.interconnectId === interconnectId)
    .sort((a, b) => a.date.localeCompare(b.date) || a.interconnectNoteId - b.interconnectNoteId);
}

/** Adds a note to an interconnect the caller takes part in (InterconnectNote; rest-api/partners/add-note.md). */
export function addInterconnectNote(svc: SandboxService, caller: Caller, interconnectId: number, text: string | undefined): InterconnectNoteRecord {
  const ic = interconnect(svc, caller, interconnectId);
  const note = text?.trim() ?? '';
  if (!note) throw invalidParameter('note is required');
  const interconnectNoteId = Math.max(0, ...svc.state.interconnectNotes.keys()) + 1;
  const record: InterconnectNoteRecord = {
    interconnectNoteId,
    interconnectId,
    date: svc.nowIso(),
    status: ic.status,
    postedBy: `${caller.user.firstName} ${caller.user.lastName}`.trim(),
    userId: caller.user.userId,
    note,
  };
  svc.commit((draft) => draft.interconnectNotes.set(interconnectNoteId, record));
  return record;
}

export interface IdChange {
  readonly description?: string;
  readonly dataEmail?: TradingPartnerRecord['dataEmail'];
  readonly routingGroup?: TradingPartnerRecord['routingGroup'];
  readonly ownerUserId?: number;
  /** A status both vocabularies have (Active, Suspended, Terminated): stored as the SOAP and the REST status. */
  readonly status?: 'Active' | 'Suspended' | 'Terminated';
  readonly ediStandard?: TradingPartnerRecord['ediStandard'];
}

/**
 * Changes an ID of the caller's (TPUpdateDescription, TPActivate/Suspend/Terminate; rest-api/ids/update-id.md;
 * TPUpdateDataEMail, rest-api/ids/update-data-email.md).
 */
export function updateTradingPartner(svc: SandboxService, caller: Caller, ecgridId: number, change: IdChange): TradingPartnerRecord {
  const tp = tradingPartner(svc, caller, ecgridId);
  if (!ownsId(caller, tp)) throw accessDenied(`ECGrid ID ${ecgridId} belongs to a mailbox outside this user's scope`);
  const next: TradingPartnerRecord = {
    ...tp,
    ...(change.description !== undefined ? { description: change.description } : {}),
    ...(change.status !== undefined ? { status: change.status, restStatus: change.status } : {}),
    ...(change.ediStandard !== undefined ? { ediStandard: change.ediStandard } : {}),
    ...(change.dataEmail !== undefined ? { dataEmail: change.dataEmail } : {}),
    ...(change.routingGroup !== undefined ? { routingGroup: change.routingGroup } : {}),
    ...(change.ownerUserId !== undefined ? { ownerUserId: change.ownerUserId } : {}),
    modified: svc.nowIso(),
  };
  svc.commit((draft) => draft.tradingPartners.set(ecgridId, next));
  return next;
}

/** The interconnect with a UniqueID (InterconnectInfoGUID): the sandbox's UniqueIDs are `IC` and the interconnect ID. */
export function interconnectByUniqueId(svc: SandboxService, caller: Caller, uniqueId: string | undefined): InterconnectRecord {
  const match = /^IC(\d{1,15})$/i.exec(uniqueId?.trim() ?? '');
  if (!match) throw notFound('interconnect', uniqueId?.trim() || '(no UniqueID)');
  return interconnect(svc, caller, Number(match[1]));
}

/**
 * InterconnectCancel and DELETE /v2/partners/{id} (delete-partner.md: "permanently ending" the relationship): either
 * side's owner may end it. SOAP's status becomes Canceled and the REST status Terminated; a note given with the SOAP
 * call is kept with the interconnect's notes (the sandbox's reading of the WSDL's Note parameter; no mail is sent).
 */
export function cancelInterconnect(svc: SandboxService, caller: Caller, interconnectId: number, note?: string): boolean {
  const ic = interconnect(svc, caller, interconnectId);
  if (ic.status === 'Canceled') throw invalidParameter(`interconnect ${interconnectId} is already cancelled`);
  svc.commit((draft) => draft.interconnects.set(interconnectId, { ...ic, status: 'Canceled', restStatus: 'Terminated', modified: svc.nowIso() }));
  if (note?.trim()) addInterconnectNote(svc, caller, interconnectId, note);
  return true;
}

/** A scheduled move more than this far ahead is refused: the sandbox moves at once and schedules nothing. */
const MOVE_GRACE_MS = 60_000;

/**
 * TPMoveMailbox, TPMoveEx and POST /v2/ids/tp-move (move-tp.md): moves an ID of the caller's to another mailbox
 * "within the same network" that the caller may also see. A TPMoveEx MoveDateTime still to come is refused (the
 * sandbox's choice: it keeps no schedule).
 */
export function moveTradingPartner(svc: SandboxService, caller: Caller, ecgridId: number, mailboxId: number, moveAt?: Date): TradingPartnerRecord {
  const tp = tradingPartner(svc, caller, ecgridId);
  if (!ownsId(caller, tp)) throw accessDenied(`ECGrid ID ${ecgridId} belongs to a mailbox outside this user's scope`);
  if (moveAt !== undefined && moveAt.getTime() > Date.parse(svc.nowIso()) + MOVE_GRACE_MS) throw invalidParameter('the sandbox moves IDs at once and cannot schedule a move');
  const target = mailbox(svc, caller, mailboxId);
  if (target.networkId !== tp.networkId) throw invalidParameter(`mailbox ${mailboxId} is not in the ID's network ${tp.networkId}`);
  const next: TradingPartnerRecord = { ...tp, mailboxId, modified: svc.nowIso() };
  svc.commit((draft) => draft.tradingPartners.set(ecgridId, next));
  return next;
}

const ROUTING_GROUPS = enumValues('RoutingGroup');
const EDI_STANDARDS = enumValues('EDIStandard');

export interface NewId {
  readonly mailboxId: number;
  readonly qualifier: string;
  readonly id: string;
  readonly description?: string | undefined;
  readonly routingGroup?: string | undefined;
  readonly ediStandard?: string | undefined;
}

/**
 * TPAddEx and POST /v2/ids (create-id.md): a new ID in a mailbox the caller may see, Active on both protocols, with
 * create-id.md's defaults (ProductionA, X12). An ISA qualifier is two characters and an ISA ID at most fifteen; the
 * sandbox refuses a qualifier/ID pair another live ID already has (ECGrid routes by that pair).
 */
export function addTradingPartner(svc: SandboxService, caller: Caller, input: NewId): TradingPartnerRecord {
  const home = mailbox(svc, caller, input.mailboxId);
  const qualifier = input.qualifier.trim().toUpperCase();
  const id = input.id.trim();
  if (!/^[A-Z0-9]{2}$/.test(qualifier)) throw invalidParameter('qualifier must be a two-character ISA qualifier');
  if (id === '' || id.length > 15) throw invalidParameter('id must be 1 to 15 characters (ISA06/ISA08)');
  const taken = [...svc.state.tradingPartners.values()].some((tp) => tp.status !== 'Terminated' && tp.qualifier === qualifier && tp.id.toUpperCase() === id.toUpperCase());
  if (taken) throw invalidParameter(`the ID ${qualifier}:${id} is already in use`);
  const routingGroup = oneOf(ROUTING_GROUPS, 'routingGroup', 'RoutingGroup', input.routingGroup) ?? 'ProductionA';
  const ediStandard = oneOf(EDI_STANDARDS, 'ediStandard', 'EDIStandard', input.ediStandard) ?? 'X12';
  const now = svc.nowIso();
  const record: TradingPartnerRecord = {
    ecgridId: Math.max(0, ...svc.state.tradingPartners.keys()) + 1,
    networkId: home.networkId,
    mailboxId: home.mailboxId,
    qualifier,
    id,
    description: input.description ?? '',
    status: 'Active',
    restStatus: 'Active',
    routingGroup,
    ediStandard,
    created: now,
    modified: now,
  };
  svc.commit((draft) => draft.tradingPartners.set(record.ecgridId, record));
  return record;
}

export interface NewInterconnect {
  readonly ecgridIdFrom: number;
  readonly ecgridIdTo: number;
  readonly reference?: string | undefined;
  readonly contactName?: string | undefined;
  readonly contactEmail?: string | undefined;
  readonly note?: string | undefined;
}

/**
 * InterconnectAdd and POST /v2/partners (create-partner.md): an interconnect from an ID of the caller's to any
 * existing ID. create-partner.md answers it `Active` (the SOAP record's Completed, as the facade reads the REST
 * status); soap-api/partners/interconnect-add.md says "typically Active" too, a value StatusInterconnect lacks. The
 * sandbox refuses a terminated ID, an ID paired with itself, and a pair (in either order) already interconnected
 * and not cancelled, since create-partner.md calls the permission bidirectional.
 */
export function addInterconnect(svc: SandboxService, caller: Caller, input: NewInterconnect): InterconnectRecord {
  const from = tradingPartner(svc, caller, input.ecgridIdFrom);
  const to = tradingPartner(svc, caller, input.ecgridIdTo);
  if (!ownsId(caller, from)) throw accessDenied(`ECGrid ID ${from.ecgridId} belongs to a mailbox outside this user's scope`);
  if (from.ecgridId === to.ecgridId) throw invalidParameter('an ID cannot be interconnected with itself');
  for (const tp of [from, to]) if (tp.status === 'Terminated') throw invalidParameter(`ECGrid ID ${tp.ecgridId} is terminated`);
  const pair = new Set([from.ecgridId, to.ecgridId]);
  const live = [...svc.state.interconnects.values()].find((ic) => ic.status !== 'Canceled' && pair.has(ic.ecgridId1) && pair.has(ic.ecgridId2));
  if (live) throw invalidParameter(`ECGrid IDs ${from.ecgridId} and ${to.ecgridId} are already interconnected (interconnect ${live.interconnectId})`);
  const now = svc.nowIso();
  const record: InterconnectRecord = {
    interconnectId: Math.max(0, ...svc.state.interconnects.keys()) + 1,
    ecgridId1: from.ecgridId,
    ecgridId2: to.ecgridId,
    status: 'Completed',
    restStatus: 'Active',
    reference1: input.reference ?? '',
    reference2: '',
    contactName: input.contactName ?? '',
    contactEmail: input.contactEmail ?? '',
    created: now,
    modified: now,
    completed: now,
  };
  svc.commit((draft) => draft.interconnects.set(record.interconnectId, record));
  if (input.note?.trim()) addInterconnectNote(svc, caller, record.interconnectId, input.note);
  return record;
}

/** TPGetMailboxDefault: the default ECGrid ID of a mailbox the caller sees (SandboxService.defaultIdOf). */
export function mailboxDefaultId(svc: SandboxService, caller: Caller, mailboxId: number): TradingPartnerRecord {
  mailbox(svc, caller, mailboxId);
  const found = svc.defaultIdOf(mailboxId);
  if (!found) throw notFound('default ECGrid ID of mailbox', mailboxId);
  return found;
}

/** TPSetMailboxDefault: makes an ID of the caller's the default of its mailbox. */
export function setMailboxDefaultId(svc: SandboxService, caller: Caller, ecgridId: number): boolean {
  const tp = tradingPartner(svc, caller, ecgridId);
  if (!ownsId(caller, tp)) throw accessDenied(`ECGrid ID ${ecgridId} belongs to a mailbox outside this user's scope`);
  if (tp.status === 'Terminated') throw invalidParameter(`ECGrid ID ${ecgridId} is terminated`);
  const home = mailbox(svc, caller, tp.mailboxId);
  svc.commit((draft) => draft.mailboxes.set(home.mailboxId, { ...home, defaultEcgridId: ecgridId, modified: svc.nowIso() }));
  return true;
}
