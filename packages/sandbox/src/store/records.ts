/**
 * The sandbox's stored records: protocol-neutral, JSON-serialisable, never mutated in place (a change replaces the
 * record), so a state can be copied shallowly and committed or dropped as a whole. Dates are ISO 8601 strings.
 */

export type AuthLevel =
  | 'Root'
  | 'TechOps'
  | 'NetOps'
  | 'NetworkAdmin'
  | 'NetworkUser'
  | 'MailboxAdmin'
  | 'MailboxUser'
  | 'TPUser'
  | 'General';

export const AUTH_LEVELS: readonly AuthLevel[] = [
  'Root',
  'TechOps',
  'NetOps',
  'NetworkAdmin',
  'NetworkUser',
  'MailboxAdmin',
  'MailboxUser',
  'TPUser',
  'General',
];

export type Status = 'Development' | 'Active' | 'Preproduction' | 'Suspended' | 'Terminated';
export type StatusECGridID = 'Active' | 'AutoRoute' | 'Pending' | 'Suspended' | 'Terminated' | 'Duplicate';
export type StatusInterconnect = 'Pending' | 'Completed' | 'Canceled' | 'Delayed' | 'Problem' | 'AuthorizationRequired';
/**
 * The stored state of a parcel is its inbound lifecycle, appendix/parcel-status-codes.md ("Lifecycle Overview"):
 * InBoxReady, InBoxTransferred after download, InBoxArchived after confirm-download.
 */
export type ParcelStatus = 'InBoxReady' | 'InBoxTransferred' | 'InBoxArchived';
/** How the sending side sees a parcel (`outboundStatus`); appendix/parcel-status-codes.md, OutBox States. */
export type OutboundParcelStatus = 'outboxSent' | 'outboxAcknowledged';

export interface NetworkRecord {
  readonly networkId: number;
  readonly uniqueId: string;
  readonly name: string;
  readonly location: string;
  readonly adminContact: string;
  readonly adminPhone: string;
  readonly adminEmail: string;
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

export interface ParcelLogEntry {
  readonly date: string;
  readonly message: string;
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
  /** Downloaded and confirmed: off the pending list. */
  readonly confirmed: boolean;
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
  /** ST01 of the first transaction set, e.g. `850`. */
  readonly documentType: string;
  readonly transactionCount: number;
  /** ISA09/ISA10 as an instant (UTC). */
  readonly interchangeDate: string;
  /** The ISA segment. */
  readonly header: string;
  readonly created: string;
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
  parcels: Map<number, ParcelRecord>;
  interchanges: Map<number, InterchangeRecord>;
  sessions: Map<string, SessionRecord>;
  counters: Counters;
}
