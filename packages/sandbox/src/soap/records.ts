import {
  type ECGridIDInfo,
  type FileInfo,
  type InterchangeIDInfo,
  type InterconnectIDInfo,
  type MailboxIDInfo,
  type ManifestInfo,
  type NetworkIDInfo,
  type ParcelIDInfo,
  type SessionEvents,
  type SessionInfo,
  type SessionLogInfo,
  type UserIDInfo,
  SERVICE,
  isEnumValue,
} from '@ecgrid-bridge/soap';
import type {
  InterchangeRecord,
  InterconnectRecord,
  MailboxRecord,
  NetworkRecord,
  ParcelRecord,
  SessionRecord,
  TradingPartnerRecord,
  UserRecord,
  X12Delimiters,
} from '../store/records.js';
import { statusSeenBy } from '../store/parcels.js';
import type { SandboxService } from '../service/service.js';
import type { WhoAmIView } from '../service/session.js';
import type { Unset } from './wire.js';

/** Stored records as SOAP records (the generated types; `shape` orders the fields and fills the unset ones). */

/** A stored ISO date as a SOAP date; none stays unset (.NET's MinValue on the wire). */
export const soapDate = (iso: string | undefined): Date | undefined => (iso === undefined ? undefined : new Date(iso));

export const SOAP_VERSION_TEXT = `ECGridOS ${SERVICE.wsdlVersion} build ${SERVICE.wsdlBuild} (sandbox)`;

/** The WSDL's APICall enumeration spells one operation differently. */
const API_CALL_NAMES: Readonly<Record<string, string>> = { ParcelManifest: 'ParcelMainfest' };


export function sessionInfo(view: WhoAmIView): Unset<SessionInfo> {
  const { user, session } = view;
  return {
    ECGridOSVersion: SERVICE.wsdlVersion,
    SessionID: session?.sessionId ?? '',
    SessionEventID: session?.eventId ?? 0,
    UserID: user.userId,
    LoginName: user.loginName,
    FirstName: user.firstName,
    LastName: user.lastName,
    Company: user.company,
    EMail: user.email,
    Phone: user.phone,
    TimeZoneOffset: 0,
    AuthLevel: user.authLevel,
    LastLogin: soapDate(user.lastLogin),
    OpenSessions: view.openSessions,
    TimeOut: view.timeoutMinutes,
    NetworkID: user.networkId,
    MailboxID: user.mailboxId,
    ip: session?.ip ?? '',
  };
}

/** Another session's ID is a credential: only the caller's own session is shown in full. */
const maskSessionId = (id: string): string => `${id.slice(0, 8)}…`;

function sessionEvents(s: SessionRecord): Unset<SessionEvents>[] {
  return s.events.flatMap((e) => {
    const call = API_CALL_NAMES[e.call] ?? e.call;
    if (!isEnumValue('APICall', call)) return [];
    return [
      {
        APICall: call,
        Date: soapDate(e.date),
        Milliseconds: e.ms,
        ip: s.ip,
        ReturnCode: isEnumValue('RetCode', e.returnCode) ? e.returnCode : 'Unknown',
        Comment: e.comment,
      },
    ];
  });
}

export function sessionLogInfo(s: SessionRecord, user: UserRecord, currentSessionId: string | undefined): Unset<SessionLogInfo> {
  return {
    SessionID: s.sessionId === currentSessionId ? s.sessionId : maskSessionId(s.sessionId),
    StartTime: soapDate(s.started),
    EndTime: soapDate(s.ended ?? (s.status === 'Expired' ? s.expires : undefined)),
    Expires: soapDate(s.expires),
    NetworkID: user.networkId,
    MailboxID: user.mailboxId,
    UserID: s.userId,
    Status: s.status,
    Version: SERVICE.wsdlVersion,
    Events: sessionEvents(s),
  };
}

/** MailboxConfig from what is stored: the delimiters as character codes (the WSDL's unsignedBytes) and settings. */
function configOf(d: X12Delimiters | undefined, settings: { readonly inBoxTimeout?: number | undefined; readonly deleteOnDownload?: boolean | undefined }) {
  if (!d && settings.inBoxTimeout === undefined && settings.deleteOnDownload === undefined) return undefined;
  return {
    ...(d ? { SegTerm: d.segmentTerminator.charCodeAt(0), ElmSep: d.elementSeparator.charCodeAt(0), SubElmSep: d.subElementSeparator.charCodeAt(0) } : {}),
    ...(settings.inBoxTimeout !== undefined ? { InBoxTimeout: settings.inBoxTimeout } : {}),
    ...(settings.deleteOnDownload !== undefined ? { DeleteOnDownload: settings.deleteOnDownload } : {}),
  };
}

/** A mailbox's contacts as MailboxIDInfo's OwnerUserID, ErrorsUserID, … (UserIDInfo records carrying the user ID). */
const contactsOf = (contacts: MailboxRecord['contacts']) =>
  Object.fromEntries(Object.entries(contacts ?? {}).map(([role, userId]) => [`${role}UserID`, { UserID: userId }]));

const networkConfig = (n: NetworkRecord) => {
  const config = configOf(n.x12Delimiters, { deleteOnDownload: n.deleteOnDownload });
  return config ? { OwnerInfo: { Config: config } } : {};
};

export function networkInfo(n: NetworkRecord): Unset<NetworkIDInfo> {
  return {
    NetworkID: n.networkId,
    Name: n.name,
    Location: n.location,
    AdminContact: n.adminContact,
    AdminPhone: n.adminPhone,
    AdminEMail: n.adminEmail,
    LastContact: soapDate(n.modified),
    Type: 'Network',
    Status: n.status,
    RunStatus: 'Active',
    NetworkStatus: 'NormalOperation',
    ECGridAccount: true,
    OwnerUserID: n.contacts?.Owner,
    ErrorsUserID: n.contacts?.Errors,
    InterconnectsUserID: n.contacts?.Interconnects,
    NoticesUserID: n.contacts?.Notices,
    ReportsUserID: n.contacts?.Reports,
    AccountingUserID: n.contacts?.Accounting,
    CustomerServiceUserID: n.contacts?.CustomerService,
    Created: soapDate(n.created),
    Modified: soapDate(n.modified),
    HomeWebsite: n.websites?.Home,
    SupportWebsite: n.websites?.Support,
    LoginWebsite: n.websites?.Login,
    ...networkConfig(n),
  };
}

export function mailboxInfo(m: MailboxRecord): Unset<MailboxIDInfo> {
  return {
    MailboxID: m.mailboxId,
    NetworkID: m.networkId,
    Name: m.name,
    Created: soapDate(m.created),
    Modified: soapDate(m.modified),
    Status: m.status,
    Description: m.description,
    ...contactsOf(m.contacts),
    Managed: m.managed ?? false,
    UseType: m.useType ?? 'Production',
    Config: configOf(m.x12Delimiters, m),
    ECGridAccount: true,
  };
}

export function userInfo(u: UserRecord, openSessions: number): Unset<UserIDInfo> {
  return {
    UserID: u.userId,
    LoginName: u.loginName,
    FirstName: u.firstName,
    LastName: u.lastName,
    Company: u.company,
    EMail: u.email,
    Phone: u.phone,
    ...(u.cellPhone ? { CellPhone: u.cellPhone } : {}),
    CellCarrier: u.cellCarrier ?? 'Undefined',
    TimeZoneOffset: 0,
    NetworkID: u.networkId,
    MailboxID: u.mailboxId,
    AuthLevel: u.authLevel,
    Created: soapDate(u.created),
    Modified: soapDate(u.modified),
    LastLogin: soapDate(u.lastLogin),
    Status: u.status,
    LockedOut: u.lockedOut !== undefined,
    OpenSessions: openSessions,
  };
}

export function ecgridIdInfo(tp: TradingPartnerRecord, service: SandboxService): Unset<ECGridIDInfo> {
  const networkName = service.networkName(tp.networkId);
  const mailboxName = service.mailboxName(tp.mailboxId);
  return {
    ECGridID: tp.ecgridId,
    NetworkID: tp.networkId,
    NetworkName: networkName,
    MailboxID: tp.mailboxId,
    MailboxName: mailboxName,
    Qualifier: tp.qualifier,
    ID: tp.id,
    Description: tp.description,
    ...(tp.dataEmail ? { DataEMail: tp.dataEmail.address } : {}),
    MailboxDefault: service.defaultIdOf(tp.mailboxId)?.ecgridId === tp.ecgridId,
    Status: tp.status,
    UseType: 'Production',
    ...(tp.ownerUserId !== undefined ? { Owner: { UserID: tp.ownerUserId } } : {}),
    OwnerInfo: {
      NetworkID: tp.networkId,
      NetworkName: networkName,
      MailboxID: tp.mailboxId,
      MailboxName: mailboxName,
      Created: soapDate(tp.created),
      Modified: soapDate(tp.modified),
      Effective: soapDate(tp.created),
      RoutingGroup: isEnumValue('RoutingGroup', tp.routingGroup) ? tp.routingGroup : undefined,
    },
  };
}

export function interconnectInfo(ic: InterconnectRecord, service: SandboxService): Unset<InterconnectIDInfo> {
  const side = (id: number) => {
    const tp = service.tradingPartnerRecord(id);
    return tp ? ecgridIdInfo(tp, service) : undefined;
  };
  return {
    InterconnectID: ic.interconnectId,
    UniqueID: `IC${ic.interconnectId}`,
    Created: soapDate(ic.created),
    Modified: soapDate(ic.modified),
    Completed: soapDate(ic.completed),
    ContactName: ic.contactName,
    ContactEMail: ic.contactEmail,
    Status: ic.status,
    SuspendPendingInterchanges: false,
    TP1: side(ic.ecgridId1),
    Reference1: ic.reference1,
    TP2: side(ic.ecgridId2),
    Reference2: ic.reference2,
  };
}

const STATUS_MESSAGES: Readonly<Record<string, string>> = {
  InBoxReady: 'Ready for download',
  InBoxTransferred: 'Transferred to the mailbox',
  InBoxArchived: 'Archived after a confirmed download',
  Cancelled: 'Download cancelled by the receiver',
  outboxSent: 'Sent to the receiving mailbox',
  outboxAcknowledged: 'Receipt confirmed by the receiver',
};

export function parcelInfo(p: ParcelRecord, direction: 'InBox' | 'OutBox', service: SandboxService): Unset<ParcelIDInfo> {
  const status = statusSeenBy(p, direction === 'InBox' ? 'to' : 'from');
  const from = service.mailboxRecord(p.fromMailboxId);
  const to = service.mailboxRecord(p.toMailboxId);
  return {
    ParcelBytes: p.bytes,
    ParcelDate: soapDate(p.created),
    ActualBytes: p.bytes,
    NetworkIDFrom: from?.networkId ?? 0,
    NetworkNameFrom: from ? service.networkName(from.networkId) : '',
    MailboxIDFrom: p.fromMailboxId,
    MailboxNameFrom: from?.name ?? '',
    NetworkIDTo: to?.networkId ?? 0,
    NetworkNameTo: to ? service.networkName(to.networkId) : '',
    MailboxIDTo: p.toMailboxId,
    MailboxNameTo: to?.name ?? '',
    FileName: p.fileName,
    MailbagControlID: p.mailbagControlId,
    StatusDate: soapDate(p.modified),
    // ParcelIDInfo.StatusCode is an xs:string, so the outbound states of the appendix can be given as they are.
    StatusCode: status,
    StatusMessage: STATUS_MESSAGES[status] ?? status,
    LocalStatus: p.localStatus?.value ?? 0,
    ...(p.localStatus ? { LocalStatusDate: soapDate(p.localStatus.date) } : {}),
    Valid: 'Valid',
    Acknowledgment: '',
    Direction: direction,
    ParcelID: p.parcelId,
  };
}

export function manifestInfo(ic: InterchangeRecord, p: ParcelRecord, service: SandboxService): Unset<ManifestInfo> {
  const to = service.mailboxRecord(ic.toMailboxId);
  return {
    ManifestDate: soapDate(ic.created),
    NetworkID: to?.networkId ?? 0,
    NetworkName: to ? service.networkName(to.networkId) : '',
    Type: 'System',
    ParcelID: p.parcelId,
    InterchangeID: ic.interchangeId,
    StatusCode: p.status,
    StatusMessage: `Interchange ${ic.controlId}: ${ic.transactionCount} transaction set(s), first ${ic.documentType}`,
    StatusColor: 'Green',
  };
}

export function fileInfo(p: ParcelRecord, content: Buffer): Unset<FileInfo> {
  return {
    ParcelID: p.parcelId,
    FileName: p.fileName,
    FileDate: soapDate(p.created),
    Bytes: p.bytes,
    Standard: 'X12',
    Content: content,
    routerArchive: false,
  };
}

/** FileInfo of the `A` download forms: the content as base64 text. */
export function fileInfoBase64(p: ParcelRecord, content: Buffer): Unset<FileInfo> {
  const { Content: _bytes, ...rest } = fileInfo(p, content);
  return { ...rest, ContentBase64String: content.toString('base64') };
}

export function interchangeInfo(ic: InterchangeRecord, service: SandboxService): Unset<InterchangeIDInfo> {
  const from = service.mailboxRecord(ic.fromMailboxId);
  const to = service.mailboxRecord(ic.toMailboxId);
  const tp = (id: number) => {
    const rec = service.tradingPartnerRecord(id);
    return rec ? ecgridIdInfo(rec, service) : undefined;
  };
  return {
    InterchangeID: ic.interchangeId,
    InterchangeProcessDate: soapDate(ic.created),
    NetworkIDFrom: from?.networkId ?? 0,
    NetworkNameFrom: from ? service.networkName(from.networkId) : '',
    MailboxIDFrom: ic.fromMailboxId,
    NetworkIDTo: to?.networkId ?? 0,
    NetworkNameTo: to ? service.networkName(to.networkId) : '',
    MailboxIDTo: ic.toMailboxId,
    Standard: ic.standard,
    Bytes: ic.bytes,
    InterchangeControlID: ic.controlId,
    InterchangeDateTime: soapDate(ic.interchangeDate),
    StatusDate: soapDate(ic.created),
    StatusCode: service.interchangeStatus(ic),
    DocumentType: ic.documentType,
    Header: ic.header,
    TPFrom: tp(ic.fromEcgridId),
    TPTo: tp(ic.toEcgridId),
  };
}
