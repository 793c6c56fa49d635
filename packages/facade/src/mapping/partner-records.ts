import type { StatusECGridID, StatusInterconnect } from '@ecgrid-bridge/soap';
import { UnsupportedOnRest } from './entry.js';
import { date, enumOf, fromParam, int, nested, recordMap, str } from './fields.js';

/**
 * The REST reference gives IDs and interconnects the generic Status vocabulary (Development, Active, Preproduction,
 * Suspended, Terminated: appendix/enums.md, listed on rest-api/ids/get-id.md and rest-api/partners/get-partner.md);
 * the WSDL has its own StatusECGridID and StatusInterconnect (DISCREPANCIES.md #163). The docs give no
 * correspondence, so each table below is an assumption, and covers all five REST values: an unknown status would
 * fail the whole record, and with it a whole listing.
 */
const REST_STATUSES = ['Development', 'Active', 'Preproduction', 'Suspended', 'Terminated'] as const;
type RestStatus = (typeof REST_STATUSES)[number];

/**
 * ECGridIDInfo.Status. Active, Suspended and Terminated exist on both sides. An ID in Development ("being configured
 * and not yet live") or Preproduction ("staging/testing before going active") is not yet routable, which
 * StatusECGridID calls Pending. REST has no AutoRoute or Duplicate.
 */
export const ID_STATUS: Readonly<Record<RestStatus, StatusECGridID>> = {
  Development: 'Pending',
  Active: 'Active',
  Preproduction: 'Pending',
  Suspended: 'Suspended',
  Terminated: 'Terminated',
};

/**
 * InterconnectIDInfo.Status and InterconnectNote.Status: StatusInterconnect describes an interconnect *request*
 * and shares no value with the generic Status. A live interconnect is a Completed request; a terminated one is
 * Canceled (the docs map InterconnectCancel to DELETE /v2/partners/{id}, which "terminates" it); one in
 * Development or Preproduction is not yet live: Pending; a suspended one is on hold: Delayed. Problem,
 * AuthorizationRequired and NoStatusChange have no REST counterpart.
 */
export const INTERCONNECT_STATUS: Readonly<Record<RestStatus, StatusInterconnect>> = {
  Development: 'Pending',
  Active: 'Completed',
  Preproduction: 'Pending',
  Suspended: 'Delayed',
  Terminated: 'Canceled',
};

/** The REST statuses a StatusInterconnect filter stands for: the table read backwards (Pending is two of them). */
export function restStatusesOf(status: StatusInterconnect): RestStatus[] {
  const matches = REST_STATUSES.filter((rest) => INTERCONNECT_STATUS[rest] === status);
  if (matches.length === 0) throw new UnsupportedOnRest(`the REST API has no interconnect status for ${status}`);
  return matches;
}

/** rest-api/ids/get-id.md (the same object on find-id, list-ids, create-id, move-tp and update-id). */
export const tradingPartnerRecord = recordMap('ECGridIDInfo', {
  ECGridID: int('ecGridId'),
  NetworkID: int('networkId'),
  MailboxID: int('mailboxId'),
  Qualifier: str('qualifier'),
  ID: str('id'),
  Description: str('description'),
  Status: enumOf('status', 'StatusECGridID', ID_STATUS),
});

/**
 * rest-api/partners/get-partner.md (also create-partner and list-partners). The SOAP pages (interconnect-info.md)
 * name the two sides ECGridIDFrom/ECGridIDTo, which the WSDL record holds as TP1/TP2; of each side REST gives only
 * the ECGrid ID.
 */
export const interconnectRecord = recordMap('InterconnectIDInfo', {
  InterconnectID: int('interconnectId'),
  Status: enumOf('status', 'StatusInterconnect', INTERCONNECT_STATUS),
  Created: date('created'),
  Modified: date('modified'),
  TP1: nested(recordMap('ECGridIDInfo', { ECGridID: int('ecGridIdFrom') })),
  TP2: nested(recordMap('ECGridIDInfo', { ECGridID: int('ecGridIdTo') })),
});

/**
 * rest-api/partners/list-notes.md: each note gives its text, timestamp and author's user ID; the interconnect is
 * the one asked for. The note's ID, status, poster name, mail recipients and attachment are not given.
 */
export const interconnectNoteRecord = recordMap('InterconnectNote', {
  InterconnectID: fromParam('InterconnectID'),
  NoteDate: date('timestamp'),
  UserID: int('userId'),
  Note: str('text'),
});

/**
 * rest-api/carbon-copies/get-carbon-copy.md. The REST rule copies one mailbox's traffic to another
 * (fromMailboxId, toMailboxId, direction); the WSDL record describes a copy between ECGrid ID pairs, billed to a
 * network/mailbox. Only the ID, the status (the same Status vocabulary on both sides) and the creation date
 * correspond; the REST mailboxes are not the WSDL record's billing NetworkID/MailboxID, so those stay lossy.
 */
export const carbonCopyRecord = recordMap('CarbonCopyIDInfo', {
  CarbonCopyID: int('ccId'),
  Status: enumOf('status', 'Status'),
  Created: date('created'),
});
