import type { FileInfo, ParcelIDInfo, ParcelIDInfoCollection } from '@ecgrid-bridge/soap';
import type { FacadeOperation, FacadeParams } from '../operations.js';
import { download, downloadVariant, read, requireEmpty, soapOnly, variant, write } from './builders.js';
import { type RestRequestParts, UnsupportedOnRest } from './entry.js';
import { ShapeError, filter } from './fields.js';
import { restParcelStatus, toBase64 } from './parcel-params.js';
import { fileRecord, foundParcelRecord, inboxParcelRecord, manifestRecord, outboxParcelRecord, parcelRecord } from './parcel-records.js';
import { type ResultMap, boolean, collection, integer, list, record, succeeded } from './results.js';
import { decodeBase64, requireText, requireUnset } from './params.js';

/** Parcels: rest-api/parcels/*.md. */

const NETWORK_NOT_SENT = 'not sent: REST identifies the mailbox by mailboxId alone';
const STATUS_VOCABULARY = 'sent as status; a state appendix/enums.md does not list (WSDL-only) makes the call unavailable on REST';
const SHORT_FORM =
  'the "short form" answers the same ParcelIDInfoCollection as the full one (WSDL); which fields SOAP leaves empty in it is undocumented, so every field REST gives is filled.';

const inbox = collection('ParcelIDInfoCollection', 'ParcelIDInfoList', inboxParcelRecord);
const outbox = collection('ParcelIDInfoCollection', 'ParcelIDInfoList', outboxParcelRecord);

const iso = (d: Date): string => d.toISOString();

// The current inbox: the whole list (the backend reads every page of inbox-list.md).

/**
 * The current inbox is the parcels ready to download: appendix/parcel-status-codes.md says of InBoxReady "Polling
 * your inbox will return this parcel" (and of InBoxArchived "no longer returned in standard inbox queries"), and
 * pending-inbox-list.md polls the same set. inbox-list.md documents no default status, so the status is sent.
 */
const READY = 'InBoxReady';
const INBOX_IS_READY = 'the current inbox (WSDL: "Current InBox") is the parcels in status InBoxReady.';

interface InboxScope {
  readonly MailboxID?: number;
  readonly ECGridIDFrom?: number;
  readonly ECGridIDTo?: number;
}

const inboxRequest = (p: InboxScope, status: string): RestRequestParts => ({
  body: { mailboxId: filter(p.MailboxID), ecGridIdFrom: filter(p.ECGridIDFrom), ecGridIdTo: filter(p.ECGridIDTo), status },
});

export const ParcelInBox = read('ParcelInBox', {
  endpoint: 'parcels.inboxList',
  request: () => inboxRequest({}, READY),
  result: inbox,
  assumes: INBOX_IS_READY,
});

export const ParcelInBoxEx = read('ParcelInBoxEx', {
  endpoint: 'parcels.inboxList',
  request: (p) => inboxRequest(p, READY),
  result: inbox,
  unsupported: { NetworkID: NETWORK_NOT_SENT },
  assumes: INBOX_IS_READY,
});

/** The short form takes the status to list instead of the inbox's own (inbox-list.md has a `status` filter). */
export const ParcelInBoxExShort = read('ParcelInBoxExShort', {
  endpoint: 'parcels.inboxList',
  request: (p) => inboxRequest(p, restParcelStatus(p.Status)),
  result: inbox,
  unsupported: { NetworkID: NETWORK_NOT_SENT, Status: STATUS_VOCABULARY },
  assumes: `Status narrows the inbox to parcels in that status. ${SHORT_FORM}`,
});

// Archives: one page, the caller's (inbox-list.md and outbox-list.md take pageNo/recordsPerPage and a date range).

type ArchiveParams = FacadeParams<'ParcelInBoxArchive'> & { readonly MailboxID?: number };

function archiveRequest(p: ArchiveParams): RestRequestParts {
  requireEmpty(p.MailbagControlID, 'MailbagControlID');
  return {
    body: {
      mailboxId: filter(p.MailboxID),
      ecGridIdFrom: filter(p.ECGridIDFrom),
      ecGridIdTo: filter(p.ECGridIDTo),
      beginDate: iso(p.BeginDate),
      endDate: iso(p.EndDate),
      pageNo: p.PageNo > 0 ? p.PageNo : 1,
      // 0 leaves REST's documented default page size (25).
      recordsPerPage: p.RecordsPerPage > 0 ? p.RecordsPerPage : undefined,
    },
  };
}

const ARCHIVE = { MailbagControlID: 'a non-empty value makes the call unavailable on REST: the list pages have no mailbag control ID filter' };
const ARCHIVE_EX = { ...ARCHIVE, NetworkID: NETWORK_NOT_SENT };
const ARCHIVE_SCOPE = 'the archive is every parcel of the date range whatever its status, so no status filter is sent.';

/**
 * The `DescEx` forms answer "in DESC order" (WSDL); the list pages document no order. The page REST answers is
 * sorted newest first here; which parcels make up a page is REST's choice, so past one page the split can differ.
 */
const NEWEST_FIRST =
  'the page REST answers is sorted here newest first (ParcelDate, then ParcelID, descending): REST documents no order, so beyond one page the parcels on each page can differ from SOAP.';

const newerFirst = (a: ParcelIDInfo, b: ParcelIDInfo): number => b.ParcelDate.getTime() - a.ParcelDate.getTime() || b.ParcelID - a.ParcelID;

const newestFirst = (base: ResultMap<ParcelIDInfoCollection>): ResultMap<ParcelIDInfoCollection> => ({
  read: (data, params) => {
    const page = base.read(data, params);
    return { ...page, ParcelIDInfoList: [...(page.ParcelIDInfoList ?? [])].sort(newerFirst) };
  },
  lossy: base.lossy,
});

const unchanged = <P>(p: P): P => p;
const shortForm = { params: unchanged, result: unchanged, assumes: SHORT_FORM };

export const ParcelInBoxArchive = read('ParcelInBoxArchive', {
  endpoint: 'parcels.inboxList',
  request: archiveRequest,
  result: inbox,
  unsupported: ARCHIVE,
  assumes: ARCHIVE_SCOPE,
});

export const ParcelInBoxArchiveEx = read('ParcelInBoxArchiveEx', {
  endpoint: 'parcels.inboxList',
  request: archiveRequest,
  result: inbox,
  unsupported: ARCHIVE_EX,
  assumes: ARCHIVE_SCOPE,
});

export const ParcelInBoxArchiveExShort = variant(ParcelInBoxArchiveEx, 'ParcelInBoxArchiveExShort', shortForm);

export const ParcelInBoxArchiveDescEx = read('ParcelInBoxArchiveDescEx', {
  endpoint: 'parcels.inboxList',
  request: archiveRequest,
  result: newestFirst(inbox),
  unsupported: ARCHIVE_EX,
  orderBy: null,
  assumes: `${ARCHIVE_SCOPE} ${NEWEST_FIRST}`,
});

export const ParcelOutBoxArchive = read('ParcelOutBoxArchive', {
  endpoint: 'parcels.outboxList',
  request: archiveRequest,
  result: outbox,
  unsupported: ARCHIVE,
  assumes: ARCHIVE_SCOPE,
});

export const ParcelOutBoxArchiveEx = read('ParcelOutBoxArchiveEx', {
  endpoint: 'parcels.outboxList',
  request: archiveRequest,
  result: outbox,
  unsupported: ARCHIVE_EX,
  assumes: ARCHIVE_SCOPE,
});

export const ParcelOutBoxArchiveExShort = variant(ParcelOutBoxArchiveEx, 'ParcelOutBoxArchiveExShort', shortForm);

export const ParcelOutBoxArchiveDescEx = read('ParcelOutBoxArchiveDescEx', {
  endpoint: 'parcels.outboxList',
  request: archiveRequest,
  result: newestFirst(outbox),
  unsupported: ARCHIVE_EX,
  orderBy: null,
  assumes: `${ARCHIVE_SCOPE} ${NEWEST_FIRST}`,
});

// Outbox states without a REST listing.

const ONE_STATUS = 'rest-api/parcels/outbox-list.md, the nearest REST call, filters by one status per request, and no docs page says';

const OUTBOX_ERROR = `lists the outbound parcels that "could not be processed" (WSDL). ${ONE_STATUS} which states those are (appendix/parcel-status-codes.md has outboxFailed and outboxDeliveryError; the WSDL adds ftpSendFailed, as2SendFailed and other channel failures), so no REST request gives this list`;
const OUTBOX_IN_PROCESS = `lists the outbound parcels "in process" (WSDL). ${ONE_STATUS} which states those are (appendix/parcel-status-codes.md has outboxPending, outboxSent, outboxRetry and others), so no REST request gives this list`;

export const ParcelOutBoxError = soapOnly('ParcelOutBoxError', 'read', OUTBOX_ERROR);
export const ParcelOutBoxErrorEx = soapOnly('ParcelOutBoxErrorEx', 'read', `${OUTBOX_ERROR}; the Ex form only adds the network and mailbox`);
export const ParcelOutBoxInProcess = soapOnly('ParcelOutBoxInProcess', 'read', OUTBOX_IN_PROCESS);
export const ParcelOutBoxInProcessEx = soapOnly('ParcelOutBoxInProcessEx', 'read', `${OUTBOX_IN_PROCESS}; the Ex form only adds the network and mailbox`);

// One parcel.

/**
 * rest-api/parcels/get-parcel.md gives one mailbox and network: the receiver's of an inbound parcel, the sender's of
 * an outbound one. The other side is unknown to REST and holds 0, so both sides are declared lossy: which one is
 * filled depends on the parcel, and parity cannot tell a 0 REST left from a real difference.
 */
export const ParcelInfo = read('ParcelInfo', {
  endpoint: 'parcels.get',
  request: (p) => ({ path: { id: p.ParcelID } }),
  result: record(parcelRecord),
  lossy: ['NetworkIDFrom', 'MailboxIDFrom', 'NetworkIDTo', 'MailboxIDTo'],
});

export const ParcelManifest = read('ParcelManifest', {
  endpoint: 'parcels.getManifest',
  request: (p) => ({ path: { id: p.ParcelID } }),
  result: list(manifestRecord),
});

export const ParcelNoteList = soapOnly(
  'ParcelNoteList',
  'read',
  "lists a parcel's system-generated notes (WSDL: ParcelNote records). REST documents adding a note (rest-api/parcels/acknowledgment-note.md) but no endpoint that lists them, and get-parcel.md's record carries none",
);

/** rest-api/parcels/acknowledgment-note.md takes the note text only (required, non-empty). */
export const ParcelAcknowledgmentNote = write('ParcelAcknowledgmentNote', {
  endpoint: 'parcels.acknowledgmentNote',
  request: (p) => {
    requireUnset(p.Subject, 'Subject');
    return { body: { parcelId: p.ParcelID, note: requireText(p.Note, 'note') } };
  },
  result: boolean,
  unsupported: {
    Subject: 'a non-empty subject makes the call unavailable on REST, which has no field for it',
    Note: 'an empty note makes the call unavailable on REST, which requires one',
  },
});

export const ParcelUpdateStatus = write('ParcelUpdateStatus', {
  endpoint: 'parcels.update',
  request: (p) => {
    requireUnset(p.TransLogOnly, 'TransLogOnly');
    return { body: { parcelId: p.ParcelID, status: restParcelStatus(p.Status) } };
  },
  // update-parcel.md answers the updated parcel; SOAP answers true.
  result: succeeded,
  unsupported: { TransLogOnly: 'true makes the call unavailable on REST: update-parcel.md has no such option', Status: STATUS_VOCABULARY },
});

export const ParcelUpdateLocalStatus = soapOnly(
  'ParcelUpdateLocalStatus',
  'write',
  'sets the parcel\'s local status, "a user defined variable" (WSDL: an integer). rest-api/parcels/update-parcel.md takes only parcelId and a ParcelStatus, and no REST parcel record has a local status',
);

// Mailbag control IDs.

const MAILBAG_REQUIRED = 'an empty value makes the call unavailable on REST, which requires a non-empty mailbagControlId';

export const ParcelSetMailbagControlID = write('ParcelSetMailbagControlID', {
  endpoint: 'parcels.setMailbagControlId',
  request: (p) => ({ body: { parcelId: p.ParcelID, mailbagControlId: requireText(p.MailbagControlID, 'mailbagControlId') } }),
  result: boolean,
  unsupported: { MailbagControlID: MAILBAG_REQUIRED },
});

export const ParcelFindMailbagControlID = read('ParcelFindMailbagControlID', {
  endpoint: 'parcels.findMailbagControlId',
  request: (p) => ({ body: { mailboxId: filter(p.MailboxID), mailbagControlId: requireText(p.MailbagControlID, 'mailbagControlId') } }),
  result: list(foundParcelRecord),
  // find-mailbag-control-id.md answers get-parcel.md's record: one mailboxId/networkId, a side chosen by the status.
  // The other side is unknown to REST (0), so both are lossy, as for ParcelInfo.
  lossy: ['[].NetworkIDFrom', '[].MailboxIDFrom', '[].NetworkIDTo', '[].MailboxIDTo'],
  unsupported: { NetworkID: NETWORK_NOT_SENT, MailbagControlID: MAILBAG_REQUIRED },
  assumes: 'find-mailbag-control-id.md names no side: its search is taken as the sender-side one the WSDL describes.',
});

export const ParcelFindMailbagControlIDTo = soapOnly(
  'ParcelFindMailbagControlIDTo',
  'read',
  "finds parcels by the receiver's MailbagControlID within a date range (WSDL). rest-api/parcels/find-mailbag-control-id.md searches one mailbagControlId with no side and no date range, and serves the sender-side ParcelFindMailbagControlID; the receiver-side search has no REST form",
);

// Downloads.

/**
 * A download hands out the file; the confirm completes delivery (rest-api/parcels/download-parcel.md: "Without
 * confirmation, ECGrid treats the parcel as undelivered and will re-deliver it on the next polling cycle"). So parity
 * reads the parcel on both backends and compares the bytes: SOAP as the candidate uses ParcelDownloadNoUpdate, which
 * leaves the status alone; REST as the candidate uses this same REST download. Confirm, reset and upload stay writes.
 */
export const ParcelDownload = download(
  'ParcelDownload',
  'ParcelDownloadNoUpdate',
  { id: 'ParcelID', name: 'FileName', content: 'Content', encoding: 'bytes' },
  {
    endpoint: 'parcels.download',
    request: (p) => ({ body: { parcelId: p.ParcelID } }),
    result: record(fileRecord),
  },
);

/** FileInfo in WSDL order with the content as text in ContentBase64String. */
function contentAsText(file: FileInfo | undefined): FileInfo | undefined {
  if (!file) return undefined;
  const { Content, routerArchive, ...head } = file;
  return { ...head, ...(Content ? { ContentBase64String: Content.toString('base64') } : {}), routerArchive };
}

/** WSDL: "Download Parcel ... as Base64String": FileInfo's ContentBase64String carries download-parcel.md's `content`. */
export const ParcelDownloadA = downloadVariant(
  ParcelDownload,
  'ParcelDownloadA',
  'ParcelDownloadNoUpdateA',
  { id: 'ParcelID', name: 'FileName', content: 'ContentBase64String', encoding: 'base64' },
  {
    params: unchanged,
    result: contentAsText,
    lossy: (base) => [...base.filter((path) => path !== 'ContentBase64String'), 'Content'],
    assumes: 'the A form fills ContentBase64String and leaves Content empty.',
  },
);

const NO_UPDATE =
  'downloads a parcel "without updating status" (WSDL). The only REST download, rest-api/parcels/download-parcel.md, leaves delivery to confirm-download.md but never documents the download itself as leaving the parcel unchanged, so REST cannot promise a no-update download';

export const ParcelDownloadNoUpdate = soapOnly('ParcelDownloadNoUpdate', 'read', NO_UPDATE);
export const ParcelDownloadNoUpdateA = soapOnly('ParcelDownloadNoUpdateA', 'read', `${NO_UPDATE} (the A form gives the content as a base64 string)`);

export const ParcelDownloadS3 = soapOnly(
  'ParcelDownloadS3',
  'write',
  "has ECGrid put the parcel into the caller's Amazon S3 bucket (AccessKey, SecretKey, Bucket, Prefix, Region). rest-api/parcels/download-parcel.md only returns the content in its answer, and no REST endpoint takes S3 storage details",
);

export const ParcelDownloadConfirm = write('ParcelDownloadConfirm', {
  endpoint: 'parcels.confirmDownload',
  request: (p) => ({ body: { parcelId: p.ParcelID } }),
  result: boolean,
});

export const ParcelDownloadConfirmPendingAck = soapOnly(
  'ParcelDownloadConfirmPendingAck',
  'write',
  'confirms a download while setting the parcel to a pending-acknowledgment Status (WSDL). rest-api/parcels/confirm-download.md takes only parcelId and marks the parcel transferred; no REST endpoint confirms with a status',
);

export const ParcelDownloadCancel = soapOnly(
  'ParcelDownloadCancel',
  'write',
  'cancels the download of an inbound parcel and removes it from the inbox (WSDL). rest-api/parcels/cancel-parcel.md cancels outbound parcels only ("Attempting to cancel ... an inbound parcel will return an error"), and no REST endpoint cancels an inbox download',
);

/** rest-api/parcels/reset-to-inbox.md: a confirmed parcel back to InBoxReady ("Reset Download of Parcel and restore to InBox"). */
export const ParcelDownloadReset = write('ParcelDownloadReset', {
  endpoint: 'parcels.resetToInbox',
  request: (p) => ({ path: { id: p.ParcelID } }),
  result: boolean,
});

/** The catalogue follows the migration guide here; the endpoint it names does something else. */
export const ParcelResend = soapOnly(
  'ParcelResend',
  'write',
  'resends a parcel from the internal router and requires NetOps authorization (WSDL). soap-api/parcels/parcel-resend.md: "There is no direct REST equivalent for outbound parcel resend"; the reset-to-inbox endpoint the migration guide names (rest-api/parcels/reset-to-inbox.md) returns an inbound parcel to InBoxReady for another download, which is ParcelDownloadReset, not a resend',
);

const XS_INT = { min: -2_147_483_648, max: 2_147_483_647 };

/**
 * The ID of a parcel just made: REST answers a long (upload-parcel.md, send-test-file.md), the WSDL result is an
 * xs:int. An ID beyond xs:int is refused, never wrapped or passed on where SOAP callers hold 32 bits.
 */
const newParcelId: ResultMap<number> = {
  read: (data, params) => {
    const id = integer().read(data, params);
    if (id < XS_INT.min || id > XS_INT.max) throw new ShapeError(`the new parcel ID ${id} is beyond the xs:int the WSDL answers`);
    return id;
  },
  lossy: [],
};

// Uploads: rest-api/parcels/upload-parcel.md (fileName required and non-empty, content as base64).

interface Routing {
  readonly mailboxId?: number;
  readonly ecGridIdFrom?: number;
  readonly ecGridIdTo?: number;
}

const uploadRequest = (p: FacadeParams<'ParcelUpload'>, routing: Routing = {}): RestRequestParts => ({
  body: { fileName: requireText(p.FileName, 'fileName'), content: toBase64(p.Content), bytes: p.Bytes, ...routing },
});

const FILE_NAME = { FileName: 'an empty file name makes the call unavailable on REST, which requires one' };

/** The bytes an `A` form's base64 text stands for, as the base operation takes them. */
const contentOf = (operation: FacadeOperation, text: string | undefined): { Content: Buffer; Bytes: number } => {
  const content = decodeBase64(operation, 'ContentBase64', text);
  return { Content: content, Bytes: content.length };
};

export const ParcelUpload = write('ParcelUpload', {
  endpoint: 'parcels.upload',
  request: (p) => uploadRequest(p),
  result: newParcelId,
  unsupported: FILE_NAME,
});

export const ParcelUploadA = variant(ParcelUpload, 'ParcelUploadA', {
  params: (p) => ({ FileName: p.FileName, ...contentOf('ParcelUploadA', p.ContentBase64) }),
  result: unchanged,
});

export const ParcelUploadEx = write('ParcelUploadEx', {
  endpoint: 'parcels.upload',
  request: (p) => uploadRequest(p, { mailboxId: filter(p.MailboxID) }),
  result: newParcelId,
  unsupported: { ...FILE_NAME, NetworkID: NETWORK_NOT_SENT },
});

export const ParcelUploadExA = variant(ParcelUploadEx, 'ParcelUploadExA', {
  params: (p) => ({ NetworkID: p.NetworkID, MailboxID: p.MailboxID, FileName: p.FileName, ...contentOf('ParcelUploadExA', p.ContentBase64) }),
  result: unchanged,
});

/** The sender and receiver route the parcel instead of its envelope ("overrides ISA sender qualifier if provided"). */
export const ParcelUploadMft = write('ParcelUploadMft', {
  endpoint: 'parcels.upload',
  request: (p) => uploadRequest(p, { ecGridIdFrom: p.ECGridIDFrom, ecGridIdTo: p.ECGridIDTo }),
  result: newParcelId,
  unsupported: FILE_NAME,
  assumes: 'upload-parcel.md speaks of EDI files: non-EDI (MFT) content is taken to be accepted when both ECGrid IDs route it.',
});

export const ParcelUploadMftA = variant(ParcelUploadMft, 'ParcelUploadMftA', {
  params: (p) => ({ FileName: p.FileName, ECGridIDFrom: p.ECGridIDFrom, ECGridIDTo: p.ECGridIDTo, ...contentOf('ParcelUploadMftA', p.ContentBase64) }),
  result: unchanged,
});

// A test parcel.

/**
 * send-test-file.md's `documentType` is a transaction set ("850"), not ParcelTest's EDIStandard, so the standard
 * cannot be sent: only X12 is taken, leaving the REST default.
 */
export const ParcelTest = write('ParcelTest', {
  endpoint: 'parcels.sendTestFile',
  request: (p) => {
    if (p.DocumentType !== 'X12') throw new UnsupportedOnRest(`the REST test file has no EDI standard field (DocumentType ${p.DocumentType})`);
    return { body: { ecGridIdFrom: p.ECGridIDFrom, ecGridIdTo: p.ECGridIDTo } };
  },
  result: newParcelId,
  unsupported: { DocumentType: 'anything but X12 makes the call unavailable on REST, whose documentType is a transaction set, not a standard' },
  assumes: 'send-test-file.md without documentType sends an X12 test file (its example type, 850, is an X12 transaction set).',
});
