import type { Caller } from '../service/auth.js';
import { type Page, SOAP_PAGE_LIMITS, paginate, wholeList } from '../service/paging.js';
import type { SandboxService } from '../service/service.js';
import type { SandboxOperation } from '../operations.js';
import type { ParcelRecord } from '../store/records.js';
import {
  SOAP_VERSION_TEXT,
  ecgridIdInfo,
  fileInfo,
  fileInfoBase64,
  interchangeInfo,
  interconnectInfo,
  mailboxInfo,
  manifestInfo,
  networkInfo,
  parcelInfo,
  sessionInfo,
  sessionLogInfo,
  userInfo,
} from './records.js';

/** One SOAP call being served: its parameters (already parsed to JS values) and how to authenticate it. */
export interface SoapCallContext {
  readonly params: Readonly<Record<string, unknown>>;
  readonly service: SandboxService;
  readonly ip: string;
  /** Resolves the SessionID parameter (a session or an API key). */
  caller(): Caller;
}

type Handler = (ctx: SoapCallContext) => unknown;

const int = (ctx: SoapCallContext, name: string): number => (ctx.params[name] as number | undefined) ?? 0;
const str = (ctx: SoapCallContext, name: string): string | undefined => ctx.params[name] as string | undefined;
const bool = (ctx: SoapCallContext, name: string): boolean => (ctx.params[name] as boolean | undefined) ?? false;
const date = (ctx: SoapCallContext, name: string): Date | undefined => ctx.params[name] as Date | undefined;

function collection(page: Page<ParcelRecord>, direction: 'InBox' | 'OutBox', service: SandboxService) {
  return {
    PageSize: page.recordsPerPage,
    PageNumber: page.pageNo,
    Count: page.items.length,
    TotalRecords: page.totalRecords,
    TotalPages: page.totalPages,
    ParcelIDInfoList: page.items.map((p) => parcelInfo(p, direction, service)),
  };
}

/** SOAP paging: 0 means the default. */
const soapPage = (ctx: SoapCallContext) => ({
  pageNo: int(ctx, 'PageNo') > 0 ? int(ctx, 'PageNo') : 1,
  perPage: int(ctx, 'RecordsPerPage') > 0 ? int(ctx, 'RecordsPerPage') : SOAP_PAGE_LIMITS.defaultPageSize,
});

function archive(ctx: SoapCallContext, box: 'inbox' | 'outbox') {
  const caller = ctx.caller();
  const list = ctx.service.parcels(caller, {
    box,
    begin: date(ctx, 'BeginDate'),
    end: date(ctx, 'EndDate'),
    fromEcgridId: int(ctx, 'ECGridIDFrom'),
    toEcgridId: int(ctx, 'ECGridIDTo'),
    mailbagControlId: str(ctx, 'MailbagControlID'),
  });
  const { pageNo, perPage } = soapPage(ctx);
  return collection(paginate(list, pageNo, perPage, SOAP_PAGE_LIMITS), box === 'inbox' ? 'InBox' : 'OutBox', ctx.service);
}

function interchangeBox(ctx: SoapCallContext, box: 'inbox' | 'outbox') {
  const caller = ctx.caller();
  return ctx.service
    .interchanges(caller, {
      box,
      begin: date(ctx, 'BeginDate'),
      end: date(ctx, 'EndDate'),
      fromEcgridId: int(ctx, 'ECGridIDFrom'),
      toEcgridId: int(ctx, 'ECGridIDTo'),
      controlId: str(ctx, 'InterchangeControlID'),
    })
    .map((ic) => interchangeInfo(ic, ctx.service));
}

function parcelDirection(ctx: SoapCallContext, caller: Caller, p: ParcelRecord): 'InBox' | 'OutBox' {
  const to = ctx.service.mailboxRecord(p.toMailboxId);
  try {
    if (to) ctx.service.mailbox(caller, to.mailboxId);
    return 'InBox';
  } catch {
    return 'OutBox';
  }
}

/** The content of an upload: bytes (`Content`), or base64 text (`ContentBase64`, the `A` forms). */
function uploadedContent(ctx: SoapCallContext): { content: Buffer; bytes: number | undefined } {
  const text = str(ctx, 'ContentBase64');
  if (text !== undefined) return { content: Buffer.from(text, 'base64'), bytes: undefined };
  return { content: (ctx.params['Content'] as Buffer | undefined) ?? Buffer.alloc(0), bytes: int(ctx, 'Bytes') };
}

/** Every upload form: plain, `Ex` (the sender's mailbox), `Mft` (explicit sender and receiver ECGrid IDs), and their `A` forms. */
function upload(ctx: SoapCallContext, scope: 'plain' | 'mailbox' | 'mft'): number {
  const caller = ctx.caller();
  const parcel = ctx.service.upload(caller, {
    fileName: str(ctx, 'FileName') ?? '',
    ...uploadedContent(ctx),
    ...(scope === 'mailbox' ? { networkId: int(ctx, 'NetworkID'), mailboxId: int(ctx, 'MailboxID') } : {}),
    ...(scope === 'mft' ? { fromEcgridId: int(ctx, 'ECGridIDFrom'), toEcgridId: int(ctx, 'ECGridIDTo') } : {}),
  });
  return parcel.parcelId;
}

/**
 * A download in its four forms. `NoUpdate` leaves the parcel's status alone; `A` carries the content as base64 text
 * in ContentBase64String instead of bytes in Content (the WSDL's FileInfo has both fields; the docs describe neither form).
 */
function download(ctx: SoapCallContext, options: { update: boolean; base64: boolean }) {
  const caller = ctx.caller();
  const id = int(ctx, 'ParcelID');
  const file = options.update ? ctx.service.download(caller, id) : ctx.service.peek(caller, id);
  return options.base64 ? fileInfoBase64(file.parcel, file.content) : fileInfo(file.parcel, file.content);
}

/** Outbound parcels whose delivery failed (appendix/parcel-status-codes.md: outboxFailed, outboxDeliveryError, …SendFailed). */
function outboxErrors(ctx: SoapCallContext, withMailbox: boolean) {
  const list = ctx.service
    .parcels(ctx.caller(), {
      box: 'outbox',
      begin: date(ctx, 'BeginDate'),
      end: date(ctx, 'EndDate'),
      ...(withMailbox ? { networkId: int(ctx, 'NetworkID'), mailboxId: int(ctx, 'MailboxID') } : {}),
    })
    .filter((p) => /failed|error/i.test(p.status));
  return collection(wholeList(list), 'OutBox', ctx.service);
}

/** Each implemented operation: SOAP parameters in, a value of the operation's result type out. */
export const SOAP_HANDLERS: Readonly<Record<SandboxOperation, Handler>> = {
  Version: () => SOAP_VERSION_TEXT,
  Login: (ctx) => ctx.service.auth.login(str(ctx, 'LoginName') ?? '', str(ctx, 'Password') ?? '', ctx.ip).sessionId,
  Logout: (ctx) => {
    ctx.service.auth.logout(ctx.caller());
    return 0;
  },
  WhoAmI: (ctx) => sessionInfo(ctx.service.whoAmI(ctx.caller())),
  SessionLog: (ctx) => {
    const caller = ctx.caller();
    return ctx.service.sessionLog(caller, int(ctx, 'MaxRecords')).map((s) => sessionLogInfo(s, caller.user, caller.sessionId));
  },
  NetworkInfo: (ctx) => networkInfo(ctx.service.network(ctx.caller(), int(ctx, 'NetworkID'))),
  NetworkList: (ctx) => ctx.service.networks(ctx.caller(), { name: str(ctx, 'Name') }).map(networkInfo),
  MailboxInfo: (ctx) => mailboxInfo(ctx.service.mailbox(ctx.caller(), int(ctx, 'MailboxID'))),
  MailboxList: (ctx) => ctx.service.mailboxes(ctx.caller(), { name: str(ctx, 'Name') }).map(mailboxInfo),
  TPInfo: (ctx) => ecgridIdInfo(ctx.service.tradingPartner(ctx.caller(), int(ctx, 'ECGridID')), ctx.service),
  TPSearch: (ctx) =>
    ctx.service
      .searchTradingPartners(ctx.caller(), { qualifier: str(ctx, 'Qualifier'), id: str(ctx, 'ID'), activeOnly: !bool(ctx, 'ShowInactive') })
      .map((tp) => ecgridIdInfo(tp, ctx.service)),
  TPList: (ctx) =>
    ctx.service.tradingPartners(ctx.caller(), { activeOnly: !bool(ctx, 'ShowInactive') }).map((tp) => ecgridIdInfo(tp, ctx.service)),
  InterconnectInfo: (ctx) => interconnectInfo(ctx.service.interconnect(ctx.caller(), int(ctx, 'InterconnectID')), ctx.service),
  ParcelInBox: (ctx) => collection(wholeList(ctx.service.parcels(ctx.caller(), { box: 'inbox', state: 'ready' })), 'InBox', ctx.service),
  ParcelInBoxEx: (ctx) =>
    collection(
      wholeList(
        ctx.service.parcels(ctx.caller(), {
          box: 'inbox',
          state: 'ready',
          networkId: int(ctx, 'NetworkID'),
          mailboxId: int(ctx, 'MailboxID'),
          fromEcgridId: int(ctx, 'ECGridIDFrom'),
          toEcgridId: int(ctx, 'ECGridIDTo'),
        }),
      ),
      'InBox',
      ctx.service,
    ),
  ParcelInBoxExShort: (ctx) =>
    collection(
      wholeList(
        ctx.service.parcels(ctx.caller(), {
          box: 'inbox',
          status: str(ctx, 'Status'),
          networkId: int(ctx, 'NetworkID'),
          mailboxId: int(ctx, 'MailboxID'),
          fromEcgridId: int(ctx, 'ECGridIDFrom'),
          toEcgridId: int(ctx, 'ECGridIDTo'),
        }),
      ),
      'InBox',
      ctx.service,
    ),
  ParcelInBoxArchive: (ctx) => archive(ctx, 'inbox'),
  ParcelOutBoxArchive: (ctx) => archive(ctx, 'outbox'),
  ParcelInfo: (ctx) => {
    const caller = ctx.caller();
    const parcel = ctx.service.parcel(caller, int(ctx, 'ParcelID'));
    return parcelInfo(parcel, parcelDirection(ctx, caller, parcel), ctx.service);
  },
  ParcelManifest: (ctx) => {
    const { parcel, interchanges } = ctx.service.manifest(ctx.caller(), int(ctx, 'ParcelID'));
    return interchanges.map((ic) => manifestInfo(ic, parcel, ctx.service));
  },
  ParcelDownload: (ctx) => download(ctx, { update: true, base64: false }),
  ParcelDownloadA: (ctx) => download(ctx, { update: true, base64: true }),
  ParcelDownloadNoUpdate: (ctx) => download(ctx, { update: false, base64: false }),
  ParcelDownloadNoUpdateA: (ctx) => download(ctx, { update: false, base64: true }),
  ParcelDownloadConfirm: (ctx) => ctx.service.confirm(ctx.caller(), int(ctx, 'ParcelID')),
  ParcelDownloadReset: (ctx) => ctx.service.reset(ctx.caller(), int(ctx, 'ParcelID')),
  ParcelUpload: (ctx) => upload(ctx, 'plain'),
  ParcelUploadA: (ctx) => upload(ctx, 'plain'),
  ParcelUploadEx: (ctx) => upload(ctx, 'mailbox'),
  ParcelUploadExA: (ctx) => upload(ctx, 'mailbox'),
  ParcelUploadMft: (ctx) => upload(ctx, 'mft'),
  ParcelUploadMftA: (ctx) => upload(ctx, 'mft'),
  ParcelOutBoxError: (ctx) => outboxErrors(ctx, false),
  ParcelOutBoxErrorEx: (ctx) => outboxErrors(ctx, true),
  InterchangeInfo: (ctx) => interchangeInfo(ctx.service.interchange(ctx.caller(), int(ctx, 'InterchangeID')), ctx.service),
  InterchangeInBox: (ctx) => interchangeBox(ctx, 'inbox'),
  InterchangeOutBox: (ctx) => interchangeBox(ctx, 'outbox'),
  UserInfo: (ctx) => {
    const user = ctx.service.user(ctx.caller(), int(ctx, 'UserID'));
    return userInfo(user, ctx.service.auth.openSessionCount(user.userId));
  },
  UserList: (ctx) =>
    ctx.service.users(ctx.caller(), { name: str(ctx, 'Name') }).map((u) => userInfo(u, ctx.service.auth.openSessionCount(u.userId))),
  UserGetAPIKey: (ctx) => ctx.service.apiKey(ctx.caller(), int(ctx, 'UserID')),
};
