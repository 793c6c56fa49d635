import type { RestRequest } from '../types.js';

/**
 * A documented set of values that stays open: the vendor's docs and the WSDL disagree on several enumerations
 * (catalog DISCREPANCIES, "Enumerations"), so a value outside the list must still type-check.
 */
export type OpenString<Known extends string> = Known | (string & {});

/** Sends a request and returns the envelope's `data` (not validated: `T` is what the reference documents). */
export type EndpointCall = <T>(request: RestRequest) => Promise<T>;

/** ISO 8601 date-time as the REST examples write it, e.g. `2026-05-07T08:00:00Z`. */
export type IsoDateTime = string;

/** Identifiers the reference types as `long`; a string is accepted for values beyond 2^53. */
export type LongId = number | string;

/** The `Status` enumeration the REST docs apply to networks, mailboxes, IDs, interconnects and users. */
export type EcgridStatus = 'Development' | 'Active' | 'Preproduction' | 'Suspended' | 'Terminated';

export type AuthLevel =
  | 'NoChange'
  | 'Root'
  | 'TechOps'
  | 'NetOps'
  | 'NetworkAdmin'
  | 'NetworkUser'
  | 'MailboxAdmin'
  | 'MailboxUser'
  | 'TPUser'
  | 'General';

export type EdiStandard = 'X12' | 'EDIFACT' | 'TRADACOMS' | 'VDA' | 'XML' | 'TXT' | 'PDF' | 'Binary' | 'PEPPOL';

export type RoutingGroup =
  | 'ProductionA'
  | 'ProductionB'
  | 'Migration1'
  | 'Migration2'
  | 'ManagedFileTransfer'
  | 'Test'
  | 'SuperHub'
  | 'Suspense1'
  | 'Suspense2'
  | 'Suspense3'
  | 'NetOpsOnly1'
  | 'NetOpsOnly2';

/** Parcel states from appendix/parcel-status-codes.md and the WSDL's ParcelStatus (their union). */
export type ParcelStatus =
  | 'InBoxReady'
  | 'InBoxTransferred'
  | 'InBoxArchived'
  | 'as2Receive'
  | 'as2Sent'
  | 'ftpReceived'
  | 'ftpSent'
  | 'outboxPending'
  | 'outboxSent'
  | 'outboxAcknowledged'
  | 'outboxRetry'
  | 'outboxFailed'
  | 'outboxDeliveryError'
  | 'outboxTransferred'
  | 'Cancelled'
  | 'VaultReady'
  | 'x1256Pending'
  | 'as2MDNSent'
  | 'as2MDNPending'
  | 'as2MDNRejected'
  | 'as2MDNConfirmed'
  | 'as2SendFailed'
  | 'gisbReceived'
  | 'gisbSent'
  | 'gisbSendFailed'
  | 'cxmlReceived'
  | 'cxmlSent'
  | 'cxmlSendFailed'
  | 'x400Received'
  | 'smtpReceived'
  | 'oftpReceived'
  | 'oftpSendFailed'
  | 'oftpSent'
  | 'oftpAborted'
  | 'ftpSendFailed'
  | 'as4Received'
  | 'as4MDNSent'
  | 'as4MDNPending'
  | 'as4MDNRejected'
  | 'as4MDNConfirmed'
  | 'as4Sent'
  | 'as4SendFailed';

/** Per-call options every endpoint helper accepts. */
export interface CallOptions {
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export function callOptions(options: CallOptions | undefined): Pick<RestRequest, 'timeoutMs' | 'signal'> {
  return options ? { timeoutMs: options.timeoutMs, signal: options.signal } : {};
}
