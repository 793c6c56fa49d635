import { accessDenied, invalidParameter } from '../errors.js';
import type { CertificateRecord, CommRecord, Status } from '../store/records.js';
import type { Caller } from './auth.js';
import { inMailboxScope, seesMailbox } from './directory.js';
import { contains, visibleRecord } from './filters.js';
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
 * The channels between two ECGrid IDs (rest-api/comms/comm-pair.md): the sandbox's reading is the active channels
 * of the sender's mailbox, then of the receiver's. The caller must own one of the two IDs.
 */
export function commPair(svc: SandboxService, caller: Caller, fromId: number, toId: number): CommRecord[] {
  const from = tradingPartner(svc, caller, fromId);
  const to = tradingPartner(svc, caller, toId);
  if (!seesMailbox(svc, caller, from.mailboxId) && !seesMailbox(svc, caller, to.mailboxId)) {
    throw accessDenied('neither ECGrid ID of the pair belongs to this user');
  }
  const of = (mailboxId: number) => [...svc.state.comms.values()].filter((c) => c.mailboxId === mailboxId && c.status === 'Active');
  return from.mailboxId === to.mailboxId ? of(from.mailboxId) : [...of(from.mailboxId), ...of(to.mailboxId)];
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
