import type {
  InterchangeRecord,
  InterconnectRecord,
  MailboxRecord,
  NetworkRecord,
  ParcelRecord,
  TradingPartnerRecord,
  UserRecord,
} from '../store/records.js';
import { statusSeenBy } from '../store/parcels.js';
import type { SandboxService } from '../service/service.js';

/** Stored records as the REST reference's JSON objects (field names of each endpoint's example). */

export const network = (n: NetworkRecord) => ({
  networkId: n.networkId,
  uniqueId: n.uniqueId,
  companyName: n.name,
  status: n.status,
  created: n.created,
  modified: n.modified,
});

export const mailbox = (m: MailboxRecord) => ({
  mailboxId: m.mailboxId,
  networkId: m.networkId,
  uniqueId: m.uniqueId,
  // rest-api/mailboxes/update-mailbox.md: `companyName` is the display name SOAP calls the Description
  // (soap-api/mailboxes/mailbox-description.md); the mailbox Name has no REST field.
  companyName: m.description,
  status: m.status,
  created: m.created,
  modified: m.modified,
});

export const tradingPartner = (tp: TradingPartnerRecord) => ({
  ecGridId: tp.ecgridId,
  mailboxId: tp.mailboxId,
  networkId: tp.networkId,
  qualifier: tp.qualifier,
  id: tp.id,
  description: tp.description,
  status: tp.restStatus,
  routingGroup: tp.routingGroup,
  ediStandard: tp.ediStandard,
});

/** REST reports interconnects in its general Status vocabulary. */
export const interconnect = (ic: InterconnectRecord) => ({
  interconnectId: ic.interconnectId,
  ecGridIdFrom: ic.ecgridId1,
  ecGridIdTo: ic.ecgridId2,
  status: ic.restStatus,
  created: ic.created,
  modified: ic.modified,
});

/** `mailboxId`/`networkId` are the receiving side in an inbox view and the sending side in an outbox view. */
export function parcel(p: ParcelRecord, side: 'to' | 'from', service: SandboxService, withStatus = true) {
  const mailboxId = side === 'to' ? p.toMailboxId : p.fromMailboxId;
  return {
    parcelId: p.parcelId,
    mailboxId,
    networkId: service.mailboxRecord(mailboxId)?.networkId ?? 0,
    fileName: p.fileName,
    bytes: p.bytes,
    ...(withStatus ? { status: statusSeenBy(p, side) } : {}),
    ecGridIdFrom: p.fromEcgridId,
    ecGridIdTo: p.toEcgridId,
    created: p.created,
    modified: p.modified,
  };
}

const isaId = (service: SandboxService, ecgridId: number): string => service.tradingPartnerRecord(ecgridId)?.id ?? String(ecgridId);

export const manifestEntry = (ic: InterchangeRecord, service: SandboxService) => ({
  interchangeId: ic.interchangeId,
  sender: isaId(service, ic.fromEcgridId),
  receiver: isaId(service, ic.toEcgridId),
  documentType: ic.documentType,
  count: ic.transactionCount,
});

export const interchange = (ic: InterchangeRecord, service: SandboxService) => ({
  interchangeId: ic.interchangeId,
  parcelId: ic.parcelId,
  sender: isaId(service, ic.fromEcgridId),
  receiver: isaId(service, ic.toEcgridId),
  standard: ic.standard,
  documentType: ic.documentType,
  // rest-api/interchanges/get-interchange.md documents `status` as a Status (its examples: "Active"), not a parcel
  // state, and gives no rule for other values: the sandbox answers Active for every interchange it tracks but a
  // cancelled one, which is Terminated.
  status: ic.cancelled === undefined ? 'Active' : 'Terminated',
  created: ic.created,
});

export const user = (u: UserRecord) => ({
  userId: u.userId,
  login: u.loginName,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  networkId: u.networkId,
  mailboxId: u.mailboxId,
  authLevel: u.authLevel,
  status: u.status,
  created: u.created,
});
