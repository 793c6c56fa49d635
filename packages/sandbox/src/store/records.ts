/**
 * The sandbox's stored records: protocol-neutral, JSON-serialisable, never mutated in place (a change replaces the
 * record), so a state can be copied shallowly and committed or dropped as a whole. Dates are ISO 8601 strings.
 */

import type { EnumTypes } from '@ecgrid-bridge/soap';

/** A user's level: the WSDL's AuthLevel but NoChange, which is a value of update requests only. */
export type AuthLevel = Exclude<EnumTypes['AuthLevel'], 'NoChange'>;
export type Status = EnumTypes['Status'];
export type StatusECGridID = EnumTypes['StatusECGridID'];
export type StatusInterconnect = EnumTypes['StatusInterconnect'];

/**
 * The stored state of a parcel is its inbound lifecycle, appendix/parcel-status-codes.md ("Lifecycle Overview"):
 * InBoxReady, InBoxTransferred after download, InBoxArchived after confirm-download; Cancelled (the appendix's
 * ParcelStatus) when the receiver cancels the download (ParcelDownloadCancel: "remove it" from the inbox).
 */
export type ParcelStatus = 'InBoxReady' | 'InBoxTransferred' | 'InBoxArchived' | 'Cancelled';
/** How the sending side sees a parcel (`outboundStatus`); appendix/parcel-status-codes.md, OutBox States. */
export type OutboundParcelStatus = 'outboxSent' | 'outboxAcknowledged' | UndeliveredParcelStatus;
/**
 * A parcel the network has not delivered: still in process (outboxPending, outboxRetry) or failed (outboxFailed,
 * outboxDeliveryError), appendix/parcel-status-codes.md, OutBox States. Such a parcel is in no inbox.
 */
export type UndeliveredParcelStatus = 'outboxPending' | 'outboxRetry' | 'outboxFailed' | 'outboxDeliveryError';

/** X12 delimiters set for outbound EDI (NetworkX12Delimiters, MailboxX12Delimiters; MailboxConfig), one character each. */
export interface X12Delimiters {
  readonly segmentTerminator: string;
  readonly elementSeparator: string;
  readonly subElementSeparator: string;
}

export interface NetworkRecord {
  readonly networkId: number;
  readonly uniqueId: string;
  readonly name: string;
  readonly location: string;
  readonly adminContact: string;
  readonly adminPhone: string;
  readonly adminEmail: string;
  /** The user in each contact role (NetworkSetContact/NetworkGetContact, rest-api/networks/get-contact.md). */
  readonly contacts?: Readonly<Partial<Record<EnumTypes['NetworkContactType'], number>>>;
  readonly x12Delimiters?: X12Delimiters;
  /** NetworkSetWebsite and NetworkRootDeleteOnDownload. */
  readonly websites?: Readonly<Partial<Record<EnumTypes['NetworkWebsiteType'], string>>>;
  readonly deleteOnDownload?: boolean;
  readonly status: Status;
  readonly created: string;
  readonly modified: string;
}

export interface MailboxRecord {
  readonly mailboxId: number;
  readonly networkId: number;
  readonly uniqueId: string;
  readonly name: string;
  readonly description: string;
  readonly x12Delimiters?: X12Delimiters;
  /** The mailbox's default ECGrid ID (TPSetMailboxDefault); unset: its oldest active ID. */
  readonly defaultEcgridId?: number;
  /** MailboxManaged, MailboxUse, MailboxSetContact, MailboxInBoxTimeout, MailboxDeleteOnDownload; unset: the default. */
  readonly managed?: boolean;
  readonly useType?: EnumTypes['UseType'];
  readonly contacts?: Readonly<Partial<Record<EnumTypes['NetworkContactType'], number>>>;
  readonly inBoxTimeout?: number;
  readonly deleteOnDownload?: boolean;
  readonly status: Status;
  readonly created: string;
  readonly modified: string;
}

export interface UserRecord {
  readonly userId: number;
  readonly loginName: string;
  readonly email: string;
  /** `scrypt$<N>$<salt b64>$<hash b64>`; never the password itself. */
  readonly passwordHash: string;
  readonly apiKey: string;
  readonly clientKey?: string;
  /** SHA-256 (hex) of the client secret: client secrets are random, high-entropy values. */
  readonly clientSecretHash?: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly phone: string;
  /** For UserSendSMS (rest-api/users/send-sms.md: "must have a cell phone number and cell carrier configured"). */
  readonly cellPhone?: string;
  readonly cellCarrier?: Exclude<EnumTypes['CellCarrier'], 'NoChange' | 'Undefined'>;
  /** UserSetMaxSessions: how many SOAP sessions may be open at once (unset: no limit). */
  readonly maxSessions?: number;
  /** Wrong passwords given in a row, and when they locked the user out (UserListLockedOut; UserIDInfo.LockedOut). */
  readonly failedLogins?: number;
  readonly lockedOut?: string;
  readonly authLevel: AuthLevel;
  /** 0 for users above network level. */
  readonly networkId: number;
  /** 0 for users above mailbox level. */
  readonly mailboxId: number;
  readonly status: Status;
  readonly created: string;
  readonly modified: string;
  readonly lastLogin?: string;
}

export interface TradingPartnerRecord {
  readonly ecgridId: number;
  readonly networkId: number;
  readonly mailboxId: number;
  /** ISA qualifier, e.g. `ZZ`, `01`. */
  readonly qualifier: string;
  /** ISA ID without padding. */
  readonly id: string;
  readonly description: string;
  /** SOAP's ECGridIDInfo.Status (the WSDL's StatusECGridID). */
  readonly status: StatusECGridID;
  /**
   * The REST status (rest-api/ids/get-id.md: the generic Status). The docs give no correspondence with
   * StatusECGridID, so each seed record states both: the sandbox's choice per record, not a translation.
   */
  readonly restStatus: Status;
  readonly routingGroup: string;
  /** rest-api/ids/get-id.md `ediStandard` (appendix/enums.md EDIStandard). */
  readonly ediStandard: EnumTypes['EDIStandard'];
  /** The channels chosen for traffic from this ID to another (CommSetPair), by the receiving ECGrid ID. */
  readonly commPairs?: Readonly<Record<string, { readonly fromCommId: number; readonly toCommId: number }>>;
  /** The user who owns the ID (TPSetOwner; ECGridIDInfo.Owner). */
  readonly ownerUserId?: number;
  /** Where data for the ID is e-mailed (TPUpdateDataEMail; rest-api/ids/update-data-email.md). */
  readonly dataEmail?: { readonly address: string; readonly system: EnumTypes['EMailSystem']; readonly payload: EnumTypes['EMailPayload'] };
  readonly created: string;
  readonly modified: string;
}

export interface InterconnectRecord {
  readonly interconnectId: number;
  readonly ecgridId1: number;
  readonly ecgridId2: number;
  /** SOAP's InterconnectIDInfo.Status (the WSDL's StatusInterconnect). */
  readonly status: StatusInterconnect;
  /** The REST status (rest-api/partners/get-partner.md: the generic Status), stated per seed record like an ID's. */
  readonly restStatus: Status;
  readonly reference1: string;
  readonly reference2: string;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly created: string;
  readonly modified: string;
  readonly completed?: string;
}

/** A note on an interconnect (InterconnectNote; rest-api/partners/list-notes.md). */
export interface InterconnectNoteRecord {
  readonly interconnectNoteId: number;
  readonly interconnectId: number;
  readonly date: string;
  /** The interconnect's status when the note was posted. */
  readonly status: StatusInterconnect;
  readonly postedBy: string;
  readonly userId: number;
  readonly note: string;
}

/** A callback event: ECGrid calls `url` when an object of `systemObject` changes (CallBackEventIDInfo). */
export interface CallbackRecord {
  readonly callbackId: number;
  readonly networkId: number;
  readonly mailboxId: number;
  readonly userId: number;
  readonly systemObject: EnumTypes['Objects'];
  readonly objectStatus: number;
  readonly direction: EnumTypes['Direction'];
  readonly frequency: number;
  readonly maxCalls: number;
  readonly status: Status;
  readonly url: string;
  /** How the call authenticates to `url` (CallBackAddEx HTTPAuthentication; create-callback.md `httpAuthType`). */
  readonly httpAuthType?: EnumTypes['HTTPAuthType'];
  /** The HTTP user; the password is never stored (service/callback-calls.ts keeps it in memory). */
  readonly httpUser?: string;
  readonly created: string;
  readonly modified: string;
}

/** One call made for a queue entry (CallBackLogInfo). */
export interface CallbackLogRecord {
  readonly logId: number;
  readonly date: string;
  readonly callNumber: number;
  /** The HTTP status the endpoint answered; 0 when it did not answer. */
  readonly returnCode: number;
  /** The start of the endpoint's answer, or why there was none. */
  readonly message: string;
}

/** One queued call of a callback event (CallBackQueueIDInfo). */
export interface CallbackQueueRecord {
  readonly queueId: number;
  readonly callbackId: number;
  readonly date: string;
  readonly callsRemaining: number;
  readonly nextCall: string;
  readonly status: EnumTypes['StatusCallBack'];
  readonly objectId: number;
  readonly userId: number;
  readonly test: boolean;
  readonly log?: readonly CallbackLogRecord[];
}

/** A communication channel of a mailbox (CommIDInfo; rest-api/comms/get-comm.md). */
export interface CommRecord {
  readonly commId: number;
  readonly networkId: number;
  readonly mailboxId: number;
  readonly type: EnumTypes['NetworkGatewayCommChannel'];
  readonly identifier: string;
  readonly url: string;
  readonly useType: EnumTypes['UseType'];
  /** rest-api/comms/get-comm.md `privateKeyRequired`. */
  readonly privateKeyRequired: boolean;
  readonly status: Status;
  /** The channel settings CommAdd and CommUpdate carry (CommIDInfo); left out, the .NET default. */
  readonly settings?: CommSettings;
  /** The mailbox that gets inbound EDI on this channel when no more specific rule applies (CommDefaultMailbox). */
  readonly defaultMailboxId?: number;
  readonly created: string;
  readonly modified: string;
}

/** A comm's channel settings (CommIDInfo); the HTTP password is not kept, since the sandbox makes no transfers. */
export interface CommSettings {
  readonly version?: string;
  readonly hosted?: boolean;
  readonly ownerUserId?: number;
  readonly signData?: boolean;
  readonly encryptData?: boolean;
  readonly compressData?: boolean;
  readonly receipt?: EnumTypes['ReceiptType'];
  readonly httpAuthType?: EnumTypes['HTTPAuthType'];
  readonly httpUser?: string;
  readonly beginUsage?: string;
  readonly endUsage?: string;
}

/** A certificate of a comm (CertificateInfo). */
export interface CertificateRecord {
  readonly certificateId: number;
  readonly commId: number;
  readonly type: EnumTypes['CertificateType'];
  readonly usage: EnumTypes['CertificateUsage'];
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly thumbprint: string;
  readonly hasPrivateKey: boolean;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly status: Status;
  /** What the add, create and renew calls set (Certificate; rest-api/certificates/*.md); the private key is never kept. */
  readonly keyId?: string;
  readonly userId?: string;
  readonly partnerId?: string;
  readonly partnerUrl?: string;
  readonly secureHashAlgorithm?: string;
  readonly beginUsage?: string;
  readonly endUsage?: string;
  /** The certificate itself (DER, base64): public, so it is kept. */
  readonly publicCertificate?: string;
}

/** A carbon-copy rule: traffic between two IDs also goes between two others (CarbonCopyIDInfo). */
export interface CarbonCopyRecord {
  readonly carbonCopyId: number;
  readonly networkId: number;
  readonly mailboxId: number;
  readonly originalFromId: number;
  readonly originalToId: number;
  readonly ccFromId: number;
  readonly ccToId: number;
  readonly transactionSet: string;
  /** GS02/GS03 the copy is limited to (CarbonCopyAdd); unset: any. */
  readonly gsFrom?: string;
  readonly gsTo?: string;
  /** Which traffic of the mailbox is copied (rest-api/carbon-copies/get-carbon-copy.md `direction`). */
  readonly direction: EnumTypes['Direction'];
  readonly status: Status;
  readonly created: string;
  readonly modified: string;
}

/** A stored key/value pair (KeyValue). */
export interface KeyRecord {
  readonly key: string;
  readonly value: string;
  readonly meta: string;
  readonly visibility: EnumTypes['KeyVisibility'];
  /** The object the key belongs to (KeyGet/KeyList: SystemObject and ObjectID). */
  readonly systemObject: EnumTypes['Objects'];
  readonly objectId: number;
  readonly networkId: number;
  readonly mailboxId: number;
  readonly userId: number;
  readonly created: string;
  readonly expires: string;
}

export interface ParcelLogEntry {
  readonly date: string;
  readonly message: string;
  /** Who wrote the note (ParcelAcknowledgmentNote); the network's own entries have none. */
  readonly postedBy?: string;
}

export interface ParcelRecord {
  readonly parcelId: number;
  readonly fileName: string;
  /** The file as sent, base64. */
  readonly content: string;
  readonly bytes: number;
  readonly fromEcgridId: number;
  readonly toEcgridId: number;
  readonly fromMailboxId: number;
  readonly toMailboxId: number;
  readonly status: ParcelStatus;
  /** Set while the parcel is undelivered: the sender sees this state and the receiver does not see the parcel. */
  readonly undelivered?: UndeliveredParcelStatus;
  /** Downloaded and confirmed: off the pending list. */
  readonly confirmed: boolean;
  /** ParcelUpdateLocalStatus: "a user defined variable" (WSDL), and when it was set. */
  readonly localStatus?: { readonly value: number; readonly date: string };
  readonly mailbagControlId: string;
  readonly interchangeIds: readonly number[];
  readonly created: string;
  readonly modified: string;
  readonly log: readonly ParcelLogEntry[];
}

export interface InterchangeRecord {
  readonly interchangeId: number;
  readonly parcelId: number;
  /** ISA13. */
  readonly controlId: string;
  readonly fromEcgridId: number;
  readonly toEcgridId: number;
  readonly fromMailboxId: number;
  readonly toMailboxId: number;
  readonly bytes: number;
  /** The envelope's standard (the sandbox reads X12 envelopes only). */
  readonly standard: EnumTypes['EDIStandard'];
  /** ST01 of the first transaction set, e.g. `850`. */
  readonly documentType: string;
  readonly transactionCount: number;
  /** ISA09/ISA10 as an instant (UTC). */
  readonly interchangeDate: string;
  /** The ISA segment. */
  readonly header: string;
  readonly created: string;
  /** When the sender cancelled it before delivery (InterchangeCancel; rest-api/interchanges/cancel-interchange.md). */
  readonly cancelled?: string;
}

export type SessionStatus = 'Open' | 'Closed' | 'Expired';

export interface SessionEventRecord {
  readonly call: string;
  readonly date: string;
  readonly ms: number;
  readonly returnCode: string;
  readonly comment: string;
}

export interface SessionRecord {
  readonly sessionId: string;
  readonly userId: number;
  readonly started: string;
  readonly lastActivity: string;
  readonly expires: string;
  readonly ended?: string;
  readonly status: SessionStatus;
  readonly ip: string;
  readonly eventId: number;
  /** Calls made with the session (Login not counted). */
  readonly calls?: number;
  readonly events: readonly SessionEventRecord[];
}

export interface Counters {
  readonly nextParcelId: number;
  readonly nextInterchangeId: number;
  readonly nextSessionEventId: number;
}

/** Everything the sandbox stores; persisted as one JSON document. */
export interface StoreState {
  readonly networks: ReadonlyMap<number, NetworkRecord>;
  readonly mailboxes: ReadonlyMap<number, MailboxRecord>;
  readonly users: ReadonlyMap<number, UserRecord>;
  readonly tradingPartners: ReadonlyMap<number, TradingPartnerRecord>;
  readonly interconnects: ReadonlyMap<number, InterconnectRecord>;
  readonly interconnectNotes: ReadonlyMap<number, InterconnectNoteRecord>;
  readonly callbacks: ReadonlyMap<number, CallbackRecord>;
  readonly callbackQueue: ReadonlyMap<number, CallbackQueueRecord>;
  readonly comms: ReadonlyMap<number, CommRecord>;
  readonly certificates: ReadonlyMap<number, CertificateRecord>;
  readonly carbonCopies: ReadonlyMap<number, CarbonCopyRecord>;
  readonly keys: ReadonlyMap<string, KeyRecord>;
  readonly parcels: ReadonlyMap<number, ParcelRecord>;
  readonly interchanges: ReadonlyMap<number, InterchangeRecord>;
  readonly sessions: ReadonlyMap<string, SessionRecord>;
  readonly counters: Counters;
}

/** A state being changed inside a commit: its own maps, shallow copies of the committed ones. */
export interface DraftState {
  networks: Map<number, NetworkRecord>;
  mailboxes: Map<number, MailboxRecord>;
  users: Map<number, UserRecord>;
  tradingPartners: Map<number, TradingPartnerRecord>;
  interconnects: Map<number, InterconnectRecord>;
  interconnectNotes: Map<number, InterconnectNoteRecord>;
  callbacks: Map<number, CallbackRecord>;
  callbackQueue: Map<number, CallbackQueueRecord>;
  comms: Map<number, CommRecord>;
  certificates: Map<number, CertificateRecord>;
  carbonCopies: Map<number, CarbonCopyRecord>;
  keys: Map<string, KeyRecord>;
  parcels: Map<number, ParcelRecord>;
  interchanges: Map<number, InterchangeRecord>;
  sessions: Map<string, SessionRecord>;
  counters: Counters;
}
