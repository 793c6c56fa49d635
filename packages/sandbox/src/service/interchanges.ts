import { accessDenied, invalidParameter } from '../errors.js';
import type { InterchangeRecord } from '../store/records.js';
import { parseX12 } from '../x12.js';
import type { Caller } from './auth.js';
import { mailbox, seesEitherSide, seesMailbox } from './directory.js';
import { byDateThenId, given, inRange, visibleRecord } from './filters.js';
import { type Box, inCallersBox } from './parcels.js';
import type { SandboxService } from './service.js';
import { addParcel, delivered as parcelDelivered, routeInterchanges } from '../store/parcels.js';

const delivered = (svc: SandboxService, ic: InterchangeRecord): boolean => {
  const p = svc.state.parcels.get(ic.parcelId);
  return p === undefined || parcelDelivered(p);
};

export interface InterchangeQuery {
  readonly box: Box;
  readonly mailboxId?: number;
  readonly networkId?: number;
  readonly fromEcgridId?: number;
  readonly toEcgridId?: number;
  readonly begin?: Date;
  readonly end?: Date;
  readonly controlId?: string;
  /** Only interchanges whose parcel is in one of these states. */
  readonly parcelStatuses?: readonly string[];
}

export function interchange(svc: SandboxService, caller: Caller, interchangeId: number): InterchangeRecord {
  return visibleRecord(svc.state.interchanges, interchangeId, 'interchange', (ic) => seesEitherSide(svc, caller, ic));
}

export function interchanges(svc: SandboxService, caller: Caller, query: InterchangeQuery): InterchangeRecord[] {
  if (given(query.mailboxId)) mailbox(svc, caller, query.mailboxId);
  const control = query.controlId?.trim();
  return [...svc.state.interchanges.values()]
    .filter((ic) => inCallersBox(svc, caller, query, query.box === 'inbox' ? ic.toMailboxId : ic.fromMailboxId))
    // An interchange whose parcel the network has not delivered is in no inbox.
    .filter((ic) => query.box === 'outbox' || delivered(svc, ic))
    .filter((ic) => !given(query.fromEcgridId) || ic.fromEcgridId === query.fromEcgridId)
    .filter((ic) => !given(query.toEcgridId) || ic.toEcgridId === query.toEcgridId)
    .filter((ic) => !control || Number(ic.controlId) === Number(control) || ic.controlId === control)
    .filter((ic) => !query.parcelStatuses || query.parcelStatuses.includes(svc.interchangeStatus(ic)))
    .filter((ic) => inRange(ic.created, query.begin, query.end))
    .sort(byDateThenId((i) => i.interchangeId));
}

/** An interchange the caller sent (its sending mailbox is in the caller's view), for the sender's writes. */
function sentByCaller(svc: SandboxService, caller: Caller, interchangeId: number, what: string): InterchangeRecord {
  const ic = interchange(svc, caller, interchangeId);
  if (!seesMailbox(svc, caller, ic.fromMailboxId)) throw accessDenied(`${what}: interchange ${interchangeId} was not sent by this user's mailboxes`);
  return ic;
}

/** In process (appendix/parcel-status-codes.md: outboxPending, outboxRetry): not delivered and not failed. */
const IN_PROCESS: ReadonlySet<string> = new Set(['outboxPending', 'outboxRetry']);

/**
 * Cancels an outbound interchange the network has not delivered yet (InterchangeCancel;
 * rest-api/interchanges/cancel-interchange.md: "Only outbound interchanges that have not yet been delivered can be
 * cancelled"). Its status becomes Cancelled (appendix/parcel-status-codes.md); it is then never delivered.
 */
export function cancelInterchange(svc: SandboxService, caller: Caller, interchangeId: number): boolean {
  const ic = sentByCaller(svc, caller, interchangeId, 'cancelling');
  if (ic.cancelled !== undefined) throw invalidParameter(`interchange ${interchangeId} is already cancelled`);
  const p = svc.state.parcels.get(ic.parcelId);
  if (!p || !IN_PROCESS.has(p.undelivered ?? '')) throw invalidParameter(`interchange ${interchangeId} is not awaiting delivery, so it cannot be cancelled`);
  svc.commit((draft) => draft.interchanges.set(interchangeId, { ...ic, cancelled: svc.nowIso() }));
  return true;
}

/**
 * Sends a delivered interchange to its recipient again (InterchangeResend; rest-api/interchanges/resend-interchange.md,
 * soap-api/interchanges/interchange-resend.md "requeue a previously delivered interchange"): the interchange's own
 * envelope, cut from the parcel that carried it, arrives in the receiver's inbox as a new parcel, which is returned
 * with the interchange asked for. A cancelled or undelivered interchange cannot be resent.
 */
export function resendInterchange(svc: SandboxService, caller: Caller, interchangeId: number): { readonly original: InterchangeRecord; readonly parcelId: number } {
  const ic = sentByCaller(svc, caller, interchangeId, 'resending');
  if (ic.cancelled !== undefined) throw invalidParameter(`interchange ${interchangeId} is cancelled`);
  const p = svc.state.parcels.get(ic.parcelId);
  if (!p || !parcelDelivered(p)) throw invalidParameter(`interchange ${interchangeId} has not been delivered, so it cannot be resent`);
  const text = Buffer.from(p.content, 'base64').toString('latin1');
  const start = text.indexOf(ic.header);
  if (start < 0) throw invalidParameter(`interchange ${interchangeId} cannot be found in its parcel`);
  const content = Buffer.from(text.slice(start, start + ic.bytes), 'latin1');
  const route = routeInterchanges(svc.state, parseX12(content));
  const created = svc.nowIso();
  const resent = svc.commit((draft) =>
    addParcel(draft, { fileName: `RESEND_${interchangeId}_${p.fileName}`, content, created, status: 'InBoxReady', confirmed: false, mailbagControlId: '' }, route),
  );
  return { original: ic, parcelId: resent.parcelId };
}

/**
 * Where an interchange the network has not delivered stands, for the state lists (InterchangeInBox/OutBox Pending,
 * Blocked, NoRoute). No soap-api page documents them (soap-api/interchanges/ has none) and
 * appendix/interchange-status-codes.md has no pending, blocked or no-route state. The WSDL names the lists
 * ("Interchange Pending List", "Blocked List", "Unroutable Interchanges") and the MCP tools describe them
 * (mcp/tools/connectivity/interchanges/list-outbox-interchanges.md: pending "awaiting processing", blocked "held",
 * noRoute "no delivery route (undeliverable)"). The stored states they read are the sandbox's assumption:
 * - pending: the parcel is in process (outboxPending, outboxRetry: queued or to be retried, appendix/parcel-status-codes.md);
 * - blocked: in process while the sending or receiving ECGrid ID is Suspended (held until the ID is active again).
 *   The seed suspends no ID that has traffic, so the blocked lists are empty until TPSuspend suspends one;
 * - noRoute: the parcel's delivery failed (outboxFailed, outboxDeliveryError). The sandbox refuses an upload to an
 *   unknown or inactive receiver outright, so it stores no interchange without a route; a failed delivery is the
 *   nearest stored state (the MCP's search-transactions.md lists such parcels separately as DeliveryError).
 * A cancelled interchange is in none; a delivered one is in none.
 */
export type InterchangeState = 'pending' | 'blocked' | 'noRoute';

export function stateOf(svc: SandboxService, ic: InterchangeRecord): InterchangeState | undefined {
  if (ic.cancelled !== undefined) return undefined;
  const p = svc.state.parcels.get(ic.parcelId);
  switch (p?.undelivered) {
    case 'outboxPending':
    case 'outboxRetry': {
      const suspended = [ic.fromEcgridId, ic.toEcgridId].some((id) => svc.state.tradingPartners.get(id)?.status === 'Suspended');
      return suspended ? 'blocked' : 'pending';
    }
    case 'outboxFailed':
    case 'outboxDeliveryError':
      return 'noRoute';
    default:
      return undefined;
  }
}

/** The interchanges of the caller's box (inbox: addressed to it; outbox: sent by it) in one of those states. */
export function interchangesInState(svc: SandboxService, caller: Caller, state: InterchangeState, query: Omit<InterchangeQuery, 'parcelStatuses' | 'controlId'>): InterchangeRecord[] {
  if (given(query.mailboxId)) mailbox(svc, caller, query.mailboxId);
  return [...svc.state.interchanges.values()]
    .filter((ic) => inCallersBox(svc, caller, query, query.box === 'inbox' ? ic.toMailboxId : ic.fromMailboxId))
    .filter((ic) => stateOf(svc, ic) === state)
    .filter((ic) => !given(query.fromEcgridId) || ic.fromEcgridId === query.fromEcgridId)
    .filter((ic) => !given(query.toEcgridId) || ic.toEcgridId === query.toEcgridId)
    .filter((ic) => inRange(ic.created, query.begin, query.end))
    .sort(byDateThenId((i) => i.interchangeId));
}
