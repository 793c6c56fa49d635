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
