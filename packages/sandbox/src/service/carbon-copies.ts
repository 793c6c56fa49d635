import { accessDenied, invalidParameter } from '../errors.js';
import type { CarbonCopyRecord, Status } from '../store/records.js';
import type { Caller } from './auth.js';
import { inMailboxScope, seesMailbox } from './directory.js';
import { given, visibleRecord } from './filters.js';
import type { SandboxService } from './service.js';

export const carbonCopy = (svc: SandboxService, caller: Caller, carbonCopyId: number): CarbonCopyRecord =>
  visibleRecord(svc.state.carbonCopies, carbonCopyId, 'carbon copy', (c) => seesMailbox(svc, caller, c.mailboxId));

export interface CarbonCopyFilter {
  readonly networkId?: number;
  readonly mailboxId?: number;
  readonly fromEcgridId?: number;
  readonly toEcgridId?: number;
  readonly status?: string;
  readonly activeOnly?: boolean;
}

export function carbonCopies(svc: SandboxService, caller: Caller, filter: CarbonCopyFilter = {}): CarbonCopyRecord[] {
  const inScope = inMailboxScope(svc, caller, filter);
  return [...svc.state.carbonCopies.values()]
    .filter(inScope)
    .filter((c) => !given(filter.fromEcgridId) || c.originalFromId === filter.fromEcgridId)
    .filter((c) => !given(filter.toEcgridId) || c.originalToId === filter.toEcgridId)
    .filter((c) => filter.status === undefined || c.status === filter.status)
    .filter((c) => !filter.activeOnly || c.status === 'Active')
    .sort((a, b) => a.carbonCopyId - b.carbonCopyId);
}

/** Activates, suspends or terminates a carbon copy (CarbonCopyActivate/Suspend/Terminate; rest-api/carbon-copies/). */
export function setCarbonCopyStatus(svc: SandboxService, caller: Caller, carbonCopyId: number, status: Status): CarbonCopyRecord {
  const next = { ...carbonCopy(svc, caller, carbonCopyId), status, modified: svc.nowIso() };
  svc.commit((draft) => draft.carbonCopies.set(carbonCopyId, next));
  return next;
}

/** A rule as asked for: network and mailbox 0 take those of the caller's original ID. */
export interface NewCarbonCopy extends Pick<CarbonCopyRecord, 'networkId' | 'mailboxId' | 'originalFromId' | 'originalToId' | 'ccFromId' | 'ccToId'> {
  readonly gsFrom?: string | undefined;
  readonly gsTo?: string | undefined;
  readonly transactionSet?: string | undefined;
}

/** Adds a carbon-copy rule on an ID of the caller's; the four IDs must exist and the copy must go somewhere new. */
export function addCarbonCopy(svc: SandboxService, caller: Caller, input: NewCarbonCopy): CarbonCopyRecord {
  const id = (ecgridId: number, name: string) => {
    const tp = svc.state.tradingPartners.get(ecgridId);
    if (!tp) throw invalidParameter(`${name} ${ecgridId} is not an ECGrid ID`);
    return tp;
  };
  const from = id(input.originalFromId, 'ECGridIDFrom');
  const to = id(input.originalToId, 'ECGridIDTo');
  id(input.ccFromId, 'ECGridIDCCFrom');
  id(input.ccToId, 'ECGridIDCCTo');
  if (input.ccFromId === input.originalFromId && input.ccToId === input.originalToId) throw invalidParameter('the copy must go to another pair of IDs than the original');
  const own = [from, to].find((tp) => seesMailbox(svc, caller, tp.mailboxId) && (!given(input.mailboxId) || tp.mailboxId === input.mailboxId));
  if (!own) throw accessDenied('neither original ID belongs to a mailbox this user may change');
  if (given(input.networkId) && own.networkId !== input.networkId) throw invalidParameter(`the ID ${own.ecgridId} is not in network ${input.networkId}`);
  const set = input.transactionSet?.trim() ?? '';
  if (set !== '' && !/^\d{3}$/.test(set)) throw invalidParameter('TransactionSet must be an X12 transaction set number such as 850');
  const now = svc.nowIso();
  const record: CarbonCopyRecord = {
    carbonCopyId: Math.max(0, ...svc.state.carbonCopies.keys()) + 1,
    networkId: own.networkId,
    mailboxId: own.mailboxId,
    originalFromId: from.ecgridId,
    originalToId: to.ecgridId,
    ccFromId: input.ccFromId,
    ccToId: input.ccToId,
    transactionSet: set,
    ...(input.gsFrom?.trim() ? { gsFrom: input.gsFrom.trim() } : {}),
    ...(input.gsTo?.trim() ? { gsTo: input.gsTo.trim() } : {}),
    direction: own === from ? 'OutBox' : 'InBox',
    status: 'Active',
    created: now,
    modified: now,
  };
  svc.commit((draft) => draft.carbonCopies.set(record.carbonCopyId, record));
  return record;
}
