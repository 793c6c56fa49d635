import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import { enumValues } from '@ecgrid-bridge/soap';
import { accessDenied, invalidParameter } from '../errors.js';
import { addParcel, delivered, routeInterchanges, statusSeenBy } from '../store/parcels.js';
import type { InterchangeRecord, ParcelRecord } from '../store/records.js';
import { isaSegment, parseX12 } from '../x12.js';
import { requireLevel, scopeOf } from './access.js';
import type { Caller } from './auth.js';
import { mailbox, network, seesEitherSide, seesMailbox } from './directory.js';
import { byDateThenId, given, inRange, visibleRecord } from './filters.js';
import type { SandboxService } from './service.js';

export type Box = 'inbox' | 'outbox';

/** The WSDL's ParcelStatus and the appendix's (appendix/parcel-status-codes.md adds InBoxArchived and the outbox* states). */
const PARCEL_STATUSES: ReadonlySet<string> = new Set<string>([...enumValues('ParcelStatus'), ...(DOCUMENTED_ENUMS['ParcelStatus'] ?? [])]);
const ROUTABLE_SENDER: ReadonlySet<string> = new Set(['Active', 'AutoRoute']);

export interface BoxScope {
  readonly box: Box;
  readonly mailboxId?: number;
  readonly networkId?: number;
}

/**
 * Whether a parcel's (or interchange's) own mailbox in a box — the receiver's for the inbox, the sender's for the
 * outbox — is in the caller's view: a user of one mailbox sees its own box, wider users every mailbox in scope.
 */
export function inCallersBox(svc: SandboxService, caller: Caller, scope: BoxScope, mailboxId: number): boolean {
  const m = svc.state.mailboxes.get(mailboxId);
  if (!m || !seesMailbox(svc, caller, mailboxId)) return false;
  const own = scopeOf(caller.user);
  if (own.kind === 'mailbox' && m.mailboxId !== own.mailboxId) return false;
  if (given(scope.mailboxId) && m.mailboxId !== scope.mailboxId) return false;
  return !given(scope.networkId) || m.networkId === scope.networkId;
}

export interface ParcelQuery extends BoxScope {
  /** `ready`: waiting to be downloaded (InBoxReady); none: every state. */
  readonly state?: 'ready';
  /** The status as the box's side sees it. */
  readonly status?: string;
  /** Only parcels in one of these states, as the box's side sees them. */
  readonly statuses?: readonly string[];
  readonly fromEcgridId?: number;
  readonly toEcgridId?: number;
  readonly begin?: Date;
  readonly end?: Date;
  readonly mailbagControlId?: string;
}

export interface UploadInput {
  readonly fileName: string;
  readonly content: Buffer;
  /** When given, must equal the content's length. */
  readonly bytes?: number;
  /** When given (non-zero), the sending mailbox/network must be this one. */
  readonly networkId?: number;
  readonly mailboxId?: number;
  /** When given (non-zero), must match the ISA envelope. */
  readonly fromEcgridId?: number;
  readonly toEcgridId?: number;
}

export interface DownloadedFile {
  readonly parcel: ParcelRecord;
  readonly content: Buffer;
}

export function parcel(svc: SandboxService, caller: Caller, parcelId: number): ParcelRecord {
  return visibleRecord(svc.state.parcels, parcelId, 'parcel', (p) => seesEitherSide(svc, caller, p));
}

/** Whether the caller sees a parcel from its receiving side (else it is the sender's). */
export const receivedBy = (svc: SandboxService, caller: Caller, p: ParcelRecord): boolean =>
  delivered(p) && seesMailbox(svc, caller, p.toMailboxId);

export function parcels(svc: SandboxService, caller: Caller, query: ParcelQuery): ParcelRecord[] {
  for (const s of [query.status, ...(query.statuses ?? [])]) {
    if (s !== undefined && !PARCEL_STATUSES.has(s)) throw invalidParameter(`status ${s} is not a ParcelStatus`);
  }
  if (given(query.mailboxId)) mailbox(svc, caller, query.mailboxId);
  if (given(query.networkId)) network(svc, caller, query.networkId);
  const side = query.box === 'inbox' ? 'to' : 'from';
  return [...svc.state.parcels.values()]
    .filter((p) => inCallersBox(svc, caller, query, query.box === 'inbox' ? p.toMailboxId : p.fromMailboxId))
    // A parcel whose delivery has not happened (or failed) is in no inbox yet.
    .filter((p) => query.box === 'outbox' || delivered(p))
    .filter((p) => query.state !== 'ready' || p.status === 'InBoxReady')
    .filter((p) => query.status === undefined || statusSeenBy(p, side) === query.status)
    .filter((p) => query.statuses === undefined || query.statuses.includes(statusSeenBy(p, side)))
    .filter((p) => !given(query.fromEcgridId) || p.fromEcgridId === query.fromEcgridId)
    .filter((p) => !given(query.toEcgridId) || p.toEcgridId === query.toEcgridId)
    .filter((p) => !query.mailbagControlId || p.mailbagControlId === query.mailbagControlId)
    .filter((p) => inRange(p.created, query.begin, query.end))
    .sort(byDateThenId((p) => p.parcelId));
}

export function manifest(svc: SandboxService, caller: Caller, parcelId: number): { parcel: ParcelRecord; interchanges: InterchangeRecord[] } {
  const found = parcel(svc, caller, parcelId);
  const list = found.interchangeIds.map((id) => svc.state.interchanges.get(id)).filter((i) => i !== undefined);
  return { parcel: found, interchanges: list };
}

/** The receiving side of a delivered parcel, for downloads and their confirmations. */
function inbound(svc: SandboxService, caller: Caller, parcelId: number, what: string): ParcelRecord {
  requireLevel(caller.user, 'TPUser', what);
  const found = parcel(svc, caller, parcelId);
  if (!receivedBy(svc, caller, found)) throw accessDenied(`parcel ${parcelId} is not in this user's inbox`);
  return found;
}

function change(svc: SandboxService, p: ParcelRecord, update: Partial<Pick<ParcelRecord, 'status' | 'confirmed'>>, message: string): ParcelRecord {
  const now = svc.nowIso();
  const moved = update.status !== undefined && update.status !== p.status;
  const next: ParcelRecord = { ...p, ...update, modified: moved || update.confirmed !== undefined ? now : p.modified, log: [...p.log, { date: now, message }] };
  svc.commit((draft) => draft.parcels.set(p.parcelId, next));
  return next;
}

/**
 * Hands out the file and moves an InBoxReady parcel to InBoxTransferred (appendix/parcel-status-codes.md: "after
 * download"). The docs do not say what downloading a parcel again does; the sandbox leaves a later state alone, so
 * a repeat download never takes back a confirm (InBoxArchived).
 */
export function download(svc: SandboxService, caller: Caller, parcelId: number): DownloadedFile {
  const p = inbound(svc, caller, parcelId, 'downloading a parcel');
  const first = p.status === 'InBoxReady';
  const updated = change(svc, p, first ? { status: 'InBoxTransferred' } : {}, `Downloaded by ${caller.user.loginName}`);
  return { parcel: updated, content: Buffer.from(updated.content, 'base64') };
}

/** The file of an inbound parcel without any change to its status (SOAP's ParcelDownloadNoUpdate). */
export function peek(svc: SandboxService, caller: Caller, parcelId: number): DownloadedFile {
  const p = inbound(svc, caller, parcelId, 'downloading a parcel');
  return { parcel: p, content: Buffer.from(p.content, 'base64') };
}

/**
 * Docs conflict: rest-api/parcels/confirm-download.md says the parcel is "marked as transferred", while
 * appendix/parcel-status-codes.md has download give InBoxTransferred and confirm-download give InBoxArchived (its
 * lifecycle, its InBoxArchived row, and its link to confirm-download: "advance parcel to InBoxArchived"). The
 * sandbox follows the appendix: otherwise a confirm would leave no trace in the status a download had not.
 */
export function confirm(svc: SandboxService, caller: Caller, parcelId: number): boolean {
  const p = inbound(svc, caller, parcelId, 'confirming a download');
  change(svc, p, { status: 'InBoxArchived', confirmed: true }, `Download confirmed by ${caller.user.loginName}`);
  return true;
}

/** Puts a downloaded parcel back in the inbox, ready and unconfirmed. */
export function reset(svc: SandboxService, caller: Caller, parcelId: number): boolean {
  const p = inbound(svc, caller, parcelId, 'resetting a parcel');
  change(svc, p, { status: 'InBoxReady', confirmed: false }, `Reset to the inbox by ${caller.user.loginName}`);
  return true;
}

/**
 * Accepts an X12 file: validates everything first (name, size, envelopes, sender and receiver IDs, the caller's
 * right to send from the sender's mailbox), then adds the parcel and its interchanges in one commit.
 */
export function upload(svc: SandboxService, caller: Caller, input: UploadInput): ParcelRecord {
  requireLevel(caller.user, 'TPUser', 'uploading a parcel');
  const fileName = input.fileName.trim();
  if (!fileName) throw invalidParameter('FileName is required');
  if (/[\\/\0]/.test(fileName) || fileName.length > 255) throw invalidParameter('FileName must be a plain file name');
  if (input.content.length === 0) throw invalidParameter('the content is empty');
  if (input.bytes !== undefined && input.bytes !== input.content.length) {
    throw invalidParameter(`Bytes (${input.bytes}) does not match the length of the content (${input.content.length})`);
  }
  if (given(input.mailboxId)) mailbox(svc, caller, input.mailboxId);
  if (given(input.networkId)) network(svc, caller, input.networkId);
  const route = routeInterchanges(svc.state, parseX12(input.content));
  const fromMailbox = svc.state.mailboxes.get(route.from.mailboxId);
  if (!fromMailbox || !seesMailbox(svc, caller, fromMailbox.mailboxId)) {
    throw accessDenied(`the sender ${route.from.qualifier}:${route.from.id} belongs to a mailbox this user cannot send from`);
  }
  if (!ROUTABLE_SENDER.has(route.from.status)) {
    throw invalidParameter(`the sender ${route.from.qualifier}:${route.from.id} is ${route.from.status}`);
  }
  if (given(input.mailboxId) && input.mailboxId !== route.from.mailboxId) {
    throw invalidParameter(`the sender ${route.from.qualifier}:${route.from.id} is not in mailbox ${input.mailboxId}`);
  }
  if (given(input.networkId) && input.networkId !== fromMailbox.networkId) {
    throw invalidParameter(`the sender ${route.from.qualifier}:${route.from.id} is not in network ${input.networkId}`);
  }
  if (given(input.fromEcgridId) && input.fromEcgridId !== route.from.ecgridId) {
    throw invalidParameter(`ecGridIdFrom ${input.fromEcgridId} does not match the ISA sender (${route.from.ecgridId})`);
  }
  if (given(input.toEcgridId) && input.toEcgridId !== route.to.ecgridId) {
    throw invalidParameter(`ecGridIdTo ${input.toEcgridId} does not match the ISA receiver (${route.to.ecgridId})`);
  }
  const created = svc.nowIso();
  return svc.commit((draft) =>
    addParcel(draft, { fileName, content: input.content, created, status: 'InBoxReady', confirmed: false, mailbagControlId: '' }, route),
  );
}

/** Sets a parcel's mailbag control ID (ParcelSetMailbagControlID; rest-api/parcels/set-mailbag-control-id.md). */
export function setMailbagControlId(svc: SandboxService, caller: Caller, parcelId: number, mailbagControlId: string | undefined): boolean {
  const id = mailbagControlId?.trim() ?? '';
  if (!id) throw invalidParameter('mailbagControlId is required');
  const p = parcel(svc, caller, parcelId);
  change(svc, { ...p, mailbagControlId: id }, {}, `Mailbag control ID set by ${caller.user.loginName}`);
  return true;
}

const INBOUND_STATUSES: readonly ParcelRecord['status'][] = ['InBoxReady', 'InBoxTransferred', 'InBoxArchived'];

/**
 * ParcelUpdateStatus and POST /v2/parcels/update (update-parcel.md): sets the status of a parcel the caller received.
 * The sandbox models the inbox states of appendix/parcel-status-codes.md only, so it takes InBoxReady,
 * InBoxTransferred and InBoxArchived and refuses the other ParcelStatus values (known, but not emulated) with a
 * message that says so. Archived counts as confirmed, Ready as not, as confirm and reset do.
 */
export function updateParcelStatus(svc: SandboxService, caller: Caller, parcelId: number, status: string | undefined): ParcelRecord {
  const p = inbound(svc, caller, parcelId, 'changing a parcel status');
  if (status === undefined || status === '') return p;
  if (!PARCEL_STATUSES.has(status)) throw invalidParameter(`status ${status} is not a ParcelStatus`);
  const wanted = INBOUND_STATUSES.find((s) => s === status);
  if (wanted === undefined) throw invalidParameter(`the sandbox emulates only the inbox states ${INBOUND_STATUSES.join(', ')}; ${status} is not emulated`);
  const confirmed = wanted === 'InBoxArchived' ? true : wanted === 'InBoxReady' ? false : p.confirmed;
  return change(svc, p, { status: wanted, confirmed }, `Status set to ${wanted} by ${caller.user.loginName}`);
}

/**
 * Attaches a note to a parcel either side sees (ParcelAcknowledgmentNote; rest-api/parcels/acknowledgment-note.md);
 * it is listed with the parcel's notes (ParcelNoteList), posted by the caller. A SOAP Subject heads the note.
 */
export function addParcelNote(svc: SandboxService, caller: Caller, parcelId: number, note: string | undefined, subject?: string): boolean {
  const text = note?.trim() ?? '';
  if (!text) throw invalidParameter('note is required');
  const p = parcel(svc, caller, parcelId);
  const message = subject?.trim() ? `${subject.trim()}: ${text}` : text;
  const next: ParcelRecord = { ...p, log: [...p.log, { date: svc.nowIso(), message, postedBy: caller.user.loginName }] };
  svc.commit((draft) => draft.parcels.set(parcelId, next));
  return true;
}

/**
 * Sends a synthetic X12 file from one ECGrid ID to another through the same routing as an upload
 * (ParcelTest; rest-api/parcels/send-test-file.md): one interchange with one transaction set of the given type
 * (850 unless told), ISA15 `T` (test data). The caller must be able to send from the sender's mailbox.
 */
export function sendTestFile(svc: SandboxService, caller: Caller, fromEcgridId: number, toEcgridId: number, documentType = '850'): ParcelRecord {
  const from = svc.state.tradingPartners.get(fromEcgridId);
  const to = svc.state.tradingPartners.get(toEcgridId);
  if (!from) throw invalidParameter(`ECGrid ID ${fromEcgridId} does not exist`);
  if (!to) throw invalidParameter(`ECGrid ID ${toEcgridId} does not exist`);
  if (!/^\d{3}$/.test(documentType)) throw invalidParameter('documentType must be an X12 transaction set number such as 850');
  const now = new Date(svc.nowIso());
  const control = (now.getTime() % 1_000_000_000) || 1;
  const stamp = now.toISOString();
  const date = `${stamp.slice(0, 4)}${stamp.slice(5, 7)}${stamp.slice(8, 10)}`;
  const time = `${stamp.slice(11, 13)}${stamp.slice(14, 16)}`;
  const file = [
    isaSegment({ senderQualifier: from.qualifier, senderId: from.id, receiverQualifier: to.qualifier, receiverId: to.id, date: now, controlNumber: control, usage: 'T' }),
    `GS*${documentType === '850' ? 'PO' : 'ZZ'}*${from.id}*${to.id}*${date}*${time}*${control}*X*004010~`,
    `ST*${documentType}*0001~`,
    'BEG*00*SA*ECGRID-TEST**' + date + '~',
    'SE*3*0001~',
    `GE*1*${control}~`,
    `IEA*1*${String(control).padStart(9, '0')}~`,
  ].join('\n');
  return upload(svc, caller, { fileName: `ECGRID_TEST_${fromEcgridId}_${toEcgridId}_${date}${time}.x12`, content: Buffer.from(file, 'latin1') });
}

/**
 * ParcelDownloadCancel. No page documents it (soap-api/parcels/ has none); the WSDL says "Cancel Download of Parcel
 * from InBox and remove it", and appendix/parcel-status-codes.md has Cancelled: "explicitly cancelled before delivery
 * completed. All interchanges within the parcel are also cancelled" (their status follows the parcel's). So a parcel
 * in the caller's inbox that is not confirmed yet (InBoxReady, or InBoxTransferred after a download) leaves the inbox
 * as Cancelled; the sandbox's choice is that it then counts as settled, like a confirmed one. Putting a parcel back
 * for another download is ParcelDownloadReset ("restore to InBox"), not this. A confirmed (InBoxArchived) or already
 * cancelled parcel is refused: delivery has completed, or it is gone from the inbox.
 */
export function cancelDownload(svc: SandboxService, caller: Caller, parcelId: number): boolean {
  const p = inbound(svc, caller, parcelId, 'cancelling a download');
  if (p.status === 'Cancelled') throw invalidParameter(`parcel ${parcelId} is already Cancelled`);
  if (p.confirmed) throw invalidParameter(`parcel ${parcelId} is ${p.status}: its download is confirmed, so it can no longer be cancelled`);
  change(svc, p, { status: 'Cancelled', confirmed: true }, `Download cancelled by ${caller.user.loginName}`);
  return true;
}

/**
 * The WSDL's ParcelStatus values that await an acknowledgment: what ParcelDownloadConfirmPendingAck's Status takes.
 * The sandbox's reading of the names; no page lists them.
 */
const PENDING_ACK_STATUSES: ReadonlySet<string> = new Set(['x1256Pending', 'as2MDNPending', 'as4MDNPending']);

/**
 * ParcelDownloadConfirmPendingAck. No page documents it; the WSDL says "Confirm Download of Parcel with Pending
 * Acknowledgment from InBox and remove it". The sandbox confirms it as ParcelDownloadConfirm does (InBoxArchived,
 * appendix/parcel-status-codes.md) and notes the acknowledgment state it awaits on the parcel (ParcelNoteList): the
 * store keeps the inbox states only. Status must be a pending-acknowledgment state; a cancelled parcel, no longer in
 * the inbox, cannot be confirmed.
 */
export function confirmPendingAck(svc: SandboxService, caller: Caller, parcelId: number, ackStatus: string): boolean {
  if (!PENDING_ACK_STATUSES.has(ackStatus)) {
    throw invalidParameter(`Status ${ackStatus} is not a pending-acknowledgment state (${[...PENDING_ACK_STATUSES].join(', ')})`);
  }
  const p = inbound(svc, caller, parcelId, 'confirming a download');
  if (p.status === 'Cancelled') throw invalidParameter(`parcel ${parcelId} is Cancelled: it is no longer in the inbox`);
  change(svc, p, { status: 'InBoxArchived', confirmed: true }, `Download confirmed by ${caller.user.loginName}, acknowledgment pending (${ackStatus})`);
  return true;
}

/**
 * ParcelUpdateLocalStatus. No page documents it; the WSDL calls Status "a user defined variable" (an xs:short, whose
 * range the SOAP decoder enforces). The sandbox stores the number on any parcel the caller sees, either side, with the
 * time it was set (ParcelInfo's LocalStatus and LocalStatusDate); it changes nothing else.
 */
export function setLocalStatus(svc: SandboxService, caller: Caller, parcelId: number, value: number): boolean {
  const p = parcel(svc, caller, parcelId);
  const next: ParcelRecord = { ...p, localStatus: { value, date: svc.nowIso() } };
  svc.commit((draft) => draft.parcels.set(parcelId, next));
  return true;
}

/**
 * ParcelResend, soap-api/parcels/parcel-resend.md: "Requeue a previously sent parcel for outbound re-delivery";
 * refused when "the parcel is not in a resendable state, has already been confirmed by the recipient, or the session
 * lacks permission" (the WSDL: "Requires NetOps authorization"). What is resendable is the sandbox's reading of
 * appendix/parcel-status-codes.md: a parcel whose delivery was attempted and failed (outboxRetry, outboxFailed —
 * "possible resend" —, outboxDeliveryError) is queued again (outboxPending); one delivered but not confirmed is
 * delivered again (InBoxReady in the recipient's inbox). Refused: outboxPending (queued, "no delivery attempt has
 * been made yet", so not previously sent), a confirmed parcel, and a cancelled one.
 */
export function resendParcel(svc: SandboxService, caller: Caller, parcelId: number): boolean {
  requireLevel(caller.user, 'NetOps', 'resending a parcel');
  const p = parcel(svc, caller, parcelId);
  if (p.undelivered === 'outboxPending') throw invalidParameter(`parcel ${parcelId} is outboxPending: it is queued and has not been sent yet, so it cannot be resent`);
  if (p.status === 'Cancelled') throw invalidParameter(`parcel ${parcelId} is Cancelled and cannot be resent`);
  if (p.confirmed) throw invalidParameter(`parcel ${parcelId} has been confirmed by its recipient and cannot be resent`);
  const now = svc.nowIso();
  const log = [...p.log, { date: now, message: `Resent by ${caller.user.loginName}` }];
  const next: ParcelRecord =
    p.undelivered !== undefined ? { ...p, undelivered: 'outboxPending', modified: now, log } : { ...p, status: 'InBoxReady', modified: now, log };
  svc.commit((draft) => draft.parcels.set(parcelId, next));
  return true;
}
