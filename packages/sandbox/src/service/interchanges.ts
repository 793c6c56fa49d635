import type { InterchangeRecord } from '../store/records.js';
import type { Caller } from './auth.js';
import { mailbox, seesEitherSide } from './directory.js';
import { byDateThenId, given, inRange, visibleRecord } from './filters.js';
import { type Box, inCallersBox } from './parcels.js';
import type { SandboxService } from './service.js';
import { delivered as parcelDelivered } from '../store/parcels.js';

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
