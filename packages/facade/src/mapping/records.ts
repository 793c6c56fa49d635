import { base64, date, enumOf, fromParam, nested, num, recordMap, str } from './fields.js';

/** REST record → SOAP record maps shared by several operations. Each names its REST source field explicitly. */

export const networkRecord = recordMap('NetworkIDInfo', {
  NetworkID: num('networkId'),
  Name: str('companyName'),
  Status: enumOf('status', 'Status'),
  Created: date('created'),
  Modified: date('modified'),
});

export const mailboxRecord = recordMap('MailboxIDInfo', {
  MailboxID: num('mailboxId'),
  NetworkID: num('networkId'),
  Name: str('companyName'),
  Status: enumOf('status', 'Status'),
  Created: date('created'),
  Modified: date('modified'),
});

export const tradingPartnerRecord = recordMap('ECGridIDInfo', {
  ECGridID: num('ecGridId'),
  NetworkID: num('networkId'),
  MailboxID: num('mailboxId'),
  Qualifier: str('qualifier'),
  ID: str('id'),
  Description: str('description'),
  Status: enumOf('status', 'StatusECGridID'),
});

/** REST reports interconnects with the general Status vocabulary; the WSDL has its own. */
const INTERCONNECT_STATUS = { Active: 'Completed', Terminated: 'Canceled', Suspended: 'Delayed' } as const;

export const interconnectRecord = recordMap('InterconnectIDInfo', {
  InterconnectID: num('interconnectId'),
  Status: enumOf('status', 'StatusInterconnect', INTERCONNECT_STATUS),
  Created: date('created'),
  Modified: date('modified'),
  TP1: nested(recordMap('ECGridIDInfo', { ECGridID: num('ecGridIdFrom') })),
  TP2: nested(recordMap('ECGridIDInfo', { ECGridID: num('ecGridIdTo') })),
});

const parcelCommon = {
  ParcelID: num('parcelId'),
  ParcelBytes: num('bytes'),
  FileName: str('fileName'),
  ParcelDate: date('created'),
  StatusDate: date('modified'),
};

/** In an inbox listing the REST `mailboxId`/`networkId` are the receiving side. */
export const inboxParcelRecord = recordMap('ParcelIDInfo', {
  ...parcelCommon,
  MailboxIDTo: num('mailboxId'),
  NetworkIDTo: num('networkId'),
});

/** In an outbox listing they are the sending side. */
export const outboxParcelRecord = recordMap('ParcelIDInfo', {
  ...parcelCommon,
  MailboxIDFrom: num('mailboxId'),
  NetworkIDFrom: num('networkId'),
});

export const fileRecord = recordMap('FileInfo', {
  ParcelID: num('parcelId'),
  FileName: str('fileName'),
  Bytes: num('bytes'),
  Content: base64('content'),
});

export const manifestRecord = recordMap('ManifestInfo', {
  ParcelID: fromParam('ParcelID'),
  InterchangeID: num('interchangeId'),
});

export const interchangeRecord = recordMap('InterchangeIDInfo', {
  InterchangeID: num('interchangeId'),
  Standard: enumOf('standard', 'EDIStandard'),
  DocumentType: str('documentType'),
  InterchangeProcessDate: date('created'),
  TPFrom: nested(recordMap('ECGridIDInfo', { ID: str('sender') })),
  TPTo: nested(recordMap('ECGridIDInfo', { ID: str('receiver') })),
});

export const userRecord = recordMap('UserIDInfo', {
  UserID: num('userId'),
  LoginName: str('login'),
  FirstName: str('firstName'),
  LastName: str('lastName'),
  EMail: str('email'),
  NetworkID: num('networkId'),
  MailboxID: num('mailboxId'),
  AuthLevel: enumOf('authLevel', 'AuthLevel'),
  Status: enumOf('status', 'Status'),
  Created: date('created'),
});

export const sessionRecord = recordMap('SessionInfo', {
  UserID: num('userId'),
  LoginName: str('login'),
  FirstName: str('firstName'),
  LastName: str('lastName'),
  EMail: str('email'),
  NetworkID: num('networkId'),
  MailboxID: num('mailboxId'),
  AuthLevel: enumOf('authLevel', 'AuthLevel'),
});
