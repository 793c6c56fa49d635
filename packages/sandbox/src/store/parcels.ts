import { invalidParameter } from '../errors.js';
import type { X12Interchange } from '../x12.js';
import type {
  DraftState,
  InterchangeRecord,
  OutboundParcelStatus,
  ParcelRecord,
  ParcelStatus,
  StoreState,
  TradingPartnerRecord,
  UndeliveredParcelStatus,
} from './records.js';

/** Where an X12 file goes: the trading partners of its envelopes and their mailboxes. */
export interface Route {
  readonly from: TradingPartnerRecord;
  readonly to: TradingPartnerRecord;
  readonly interchanges: readonly { readonly x12: X12Interchange; readonly from: TradingPartnerRecord; readonly to: TradingPartnerRecord }[];
}

const ROUTABLE: ReadonlySet<string> = new Set(['Active', 'AutoRoute']);

export function findTradingPartner(state: StoreState, qualifier: string, id: string): TradingPartnerRecord | undefined {
  const q = qualifier.trim().toUpperCase();
  const i = id.trim().toUpperCase();
  for (const tp of state.tradingPartners.values()) {
    if (tp.qualifier.toUpperCase() === q && tp.id.toUpperCase() === i) return tp;
  }
  return undefined;
}

/**
 * Resolves ISA05/06 and ISA07/08 of every interchange to ECGrid IDs. Every interchange of one parcel must come from
 * one mailbox and go to one mailbox; an unknown or inactive receiver is an InvalidParameter error.
 */
export function routeInterchanges(state: StoreState, interchanges: readonly X12Interchange[]): Route {
  const routed = interchanges.map((x12) => {
    const from = findTradingPartner(state, x12.senderQualifier, x12.senderId);
    if (!from) throw invalidParameter(`the sender ${x12.senderQualifier}:${x12.senderId} (ISA05/ISA06) is not a registered ECGrid ID`);
    const to = findTradingPartner(state, x12.receiverQualifier, x12.receiverId);
    if (!to) throw invalidParameter(`the receiver ${x12.receiverQualifier}:${x12.receiverId} (ISA07/ISA08) is not a registered ECGrid ID`);
    if (!ROUTABLE.has(to.status)) {
      throw invalidParameter(`the receiver ${x12.receiverQualifier}:${x12.receiverId} is ${to.status} and cannot receive`);
    }
    return { x12, from, to };
  });
  const first = routed[0];
  if (!first) throw invalidParameter('the file holds no interchange');
  for (const r of routed) {
    if (r.from.mailboxId !== first.from.mailboxId) throw invalidParameter('the interchanges of one parcel come from different mailboxes');
    if (r.to.mailboxId !== first.to.mailboxId) throw invalidParameter('the interchanges of one parcel go to different mailboxes');
  }
  return { from: first.from, to: first.to, interchanges: routed };
}

export interface NewParcel {
  readonly fileName: string;
  readonly content: Buffer;
  readonly created: string;
  /** The last status change; a new parcel's is its arrival (`created`). */
  readonly modified?: string;
  readonly status: ParcelStatus;
  readonly confirmed: boolean;
  readonly mailbagControlId: string;
  readonly parcelId?: number;
  readonly undelivered?: UndeliveredParcelStatus;
}

/** Adds a parcel and its interchanges to a draft, taking IDs from the counters. */
export function addParcel(draft: DraftState, input: NewParcel, route: Route): ParcelRecord {
  const parcelId = input.parcelId ?? draft.counters.nextParcelId;
  if (draft.parcels.has(parcelId)) throw invalidParameter(`parcel ${parcelId} already exists`);
  let nextInterchangeId = draft.counters.nextInterchangeId;
  const interchanges: InterchangeRecord[] = route.interchanges.map((r) => ({
    interchangeId: nextInterchangeId++,
    parcelId,
    controlId: r.x12.controlId,
    fromEcgridId: r.from.ecgridId,
    toEcgridId: r.to.ecgridId,
    fromMailboxId: r.from.mailboxId,
    toMailboxId: r.to.mailboxId,
    bytes: r.x12.bytes,
    standard: 'X12',
    documentType: r.x12.transactionSets[0] ?? '',
    transactionCount: r.x12.transactionSets.length,
    interchangeDate: r.x12.date,
    header: r.x12.header,
    created: input.created,
  }));
  const parcel: ParcelRecord = {
    parcelId,
    fileName: input.fileName,
    content: input.content.toString('base64'),
    bytes: input.content.length,
    fromEcgridId: route.from.ecgridId,
    toEcgridId: route.to.ecgridId,
    fromMailboxId: route.from.mailboxId,
    toMailboxId: route.to.mailboxId,
    status: input.status,
    ...(input.undelivered !== undefined ? { undelivered: input.undelivered } : {}),
    confirmed: input.confirmed,
    mailbagControlId: input.mailbagControlId,
    interchangeIds: interchanges.map((i) => i.interchangeId),
    created: input.created,
    modified: input.modified ?? input.created,
    log: [
      { date: input.created, message: `Received ${route.interchanges.length} interchange(s); routed to the inbox` },
      ...(input.modified !== undefined && input.modified !== input.created
        ? [{ date: input.modified, message: `Status ${input.status}${input.confirmed ? ', download confirmed' : ''}` }]
        : []),
    ],
  };
  draft.parcels.set(parcelId, parcel);
  for (const i of interchanges) draft.interchanges.set(i.interchangeId, i);
  draft.counters = {
    ...draft.counters,
    // Only an ID the counter handed out moves it: a seed parcel's own ID (above 2^31, say) leaves new uploads where they were.
    nextParcelId: input.parcelId === undefined ? parcelId + 1 : draft.counters.nextParcelId,
    nextInterchangeId,
  };
  return parcel;
}

/**
 * The status the sending side sees. The sandbox delivers an upload to the receiver's inbox at once, so the sender's
 * copy is past outboxPending: appendix/parcel-status-codes.md gives outboxSent ("transmitted to the next hop …
 * awaiting delivery confirmation") until the receiver confirms, then outboxAcknowledged ("the receiving party has
 * confirmed successful receipt"). Retry and failure states never occur in the sandbox (its choice).
 */
export function outboundStatus(p: ParcelRecord): OutboundParcelStatus {
  if (p.undelivered !== undefined) return p.undelivered;
  return p.status === 'InBoxArchived' ? 'outboxAcknowledged' : 'outboxSent';
}

/** Whether a parcel reached the receiver's inbox. */
export const delivered = (p: ParcelRecord): boolean => p.undelivered === undefined;

/** A parcel's status as one side sees it: the receiver the inbound state, the sender the outbound one. */
export function statusSeenBy(p: ParcelRecord, side: 'to' | 'from'): ParcelStatus | OutboundParcelStatus {
  return side === 'to' ? p.status : outboundStatus(p);
}
