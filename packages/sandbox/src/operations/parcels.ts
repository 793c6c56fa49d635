import type { OperationParams } from '@ecgrid-bridge/soap';
import { invalidParameter } from '../errors.js';
import { base64Content, optDate, optInt, optString, reqInt, reqString } from '../rest/input.js';
import * as json from '../rest/json.js';
import { SOAP_PAGE_LIMITS, paginate, wholeList } from '../service/paging.js';
import {
  type Box,
  addParcelNote,
  cancelDownload,
  confirmPendingAck,
  confirm,
  download,
  manifest,
  parcel,
  parcels,
  peek,
  receivedBy,
  reset,
  resendParcel,
  sendTestFile,
  setLocalStatus,
  setMailbagControlId,
  updateParcelStatus,
  upload,
} from '../service/parcels.js';
import { fileInfo, fileInfoBase64, manifestInfo, parcelInfo, soapDate } from '../soap/records.js';
import { mailboxOrOwn, page, pathValue } from './rest.js';
import { type BoxParams, boxScope, parcelCollection, soapPage } from './soap.js';
import type { OperationGroup, RestCall, SoapCallWith } from './table.js';

/** Parcels: rest-api/parcels/*.md. */

// ---- REST handlers, one per endpoint ------------------------------------------------------------------------------

function list(call: RestCall, box: Box) {
  const b = call.body;
  const found = parcels(call.service, call.caller(), {
    box,
    mailboxId: mailboxOrOwn(call),
    fromEcgridId: optInt(b, 'ecGridIdFrom'),
    toEcgridId: optInt(b, 'ecGridIdTo'),
    status: optString(b, 'status'),
    begin: optDate(b, 'beginDate'),
    end: optDate(b, 'endDate'),
  });
  const side = box === 'inbox' ? 'to' : 'from';
  return page(call, box === 'inbox' ? 'parcels.inboxList' : 'parcels.outboxList', found).items.map((p) => json.parcel(p, side, call.service));
}

const inboxList = (call: RestCall) => list(call, 'inbox');
const outboxList = (call: RestCall) => list(call, 'outbox');

/**
 * pending-inbox-list.md: "inbound parcels with `InBoxReady` status that have not yet been downloaded", so a
 * downloaded but unconfirmed parcel (InBoxTransferred) is not on it.
 */
const pendingInboxList = (call: RestCall) =>
  parcels(call.service, call.caller(), { box: 'inbox', state: 'ready', mailboxId: mailboxOrOwn(call) }).map((p) => json.parcel(p, 'to', call.service, false));

const get = (call: RestCall) => {
  const caller = call.caller();
  const p = parcel(call.service, caller, pathValue(call));
  return json.parcel(p, receivedBy(call.service, caller, p) ? 'to' : 'from', call.service);
};

const getManifest = (call: RestCall) => manifest(call.service, call.caller(), pathValue(call)).interchanges.map((ic) => json.manifestEntry(ic, call.service));

const restDownload = (call: RestCall) => {
  const file = download(call.service, call.caller(), reqInt(call.body, 'parcelId'));
  return { parcelId: file.parcel.parcelId, fileName: file.parcel.fileName, content: file.content.toString('base64'), bytes: file.parcel.bytes };
};

const confirmDownload = (call: RestCall) => confirm(call.service, call.caller(), reqInt(call.body, 'parcelId'));
const resetToInbox = (call: RestCall) => reset(call.service, call.caller(), pathValue(call));

const restUpload = (call: RestCall) => {
  const b = call.body;
  const fileName = optString(b, 'fileName');
  if (fileName === undefined || fileName.trim() === '') throw invalidParameter('fileName is required');
  return upload(call.service, call.caller(), {
    fileName,
    content: base64Content(b, 'content'),
    bytes: optInt(b, 'bytes'),
    mailboxId: optInt(b, 'mailboxId'),
    fromEcgridId: optInt(b, 'ecGridIdFrom'),
    toEcgridId: optInt(b, 'ecGridIdTo'),
  }).parcelId;
};

// ---- SOAP helpers ---------------------------------------------------------------------------------------------------

/** The current inbox: the parcels ready to download, whole. */
const readyInbox = (call: SoapCallWith<BoxParams>) =>
  parcelCollection(
    wholeList(
      parcels(call.service, call.caller(), {
        box: 'inbox',
        state: 'ready',
        ...boxScope(call.params),
      }),
    ),
    'InBox',
    call.service,
  );

/** The archive forms' parameters: the plain form's, and the network and mailbox of the `Ex` forms. */
type ArchiveParams = OperationParams['ParcelInBoxArchive'] & Partial<Pick<OperationParams['ParcelInBoxArchiveEx'], 'NetworkID' | 'MailboxID'>>;

/**
 * One page of a box's archive: every parcel of the date range whatever its status. The `Ex` forms add the network
 * and mailbox; the `Short` forms answer the same collection (the WSDL gives them the same type, and no page says
 * which fields a short record leaves out: the sandbox fills them all); `DescEx` lists newest first ("in DESC order").
 */
function archive(call: SoapCallWith<ArchiveParams>, box: Box, order: 'oldest-first' | 'newest-first' = 'oldest-first') {
  const p = call.params;
  const found = parcels(call.service, call.caller(), {
    box,
    ...boxScope(p),
    mailbagControlId: p.MailbagControlID,
  });
  const ordered = order === 'newest-first' ? [...found].reverse() : found;
  const { pageNo, perPage } = soapPage(p);
  return parcelCollection(paginate(ordered, pageNo, perPage, SOAP_PAGE_LIMITS), box === 'inbox' ? 'InBox' : 'OutBox', call.service);
}

/** Outbound parcels whose delivery failed (appendix/parcel-status-codes.md: outboxFailed, outboxDeliveryError). */
const FAILED = ['outboxFailed', 'outboxDeliveryError'];
/**
 * Outbound parcels "in process" (WSDL): the sandbox's choice among the appendix's OutBox States is the ones still on
 * their way, outboxPending and outboxRetry; outboxSent counts as handed over.
 */
const IN_PROCESS = ['outboxPending', 'outboxRetry'];

/** The outbound parcels in some states; the `Ex` forms add the network and mailbox, the error forms a date range. */
function outboxInState(call: SoapCallWith<BoxParams>, statuses: readonly string[]) {
  const found = parcels(call.service, call.caller(), { box: 'outbox', ...boxScope(call.params), statuses });
  return parcelCollection(wholeList(found), 'OutBox', call.service);
}

/**
 * rest-api/parcels/find-mailbag-control-id.md names no side; the sandbox searches what the mailbox sent, as the
 * WSDL describes ParcelFindMailbagControlID (the `To` form searches what it received, within a date range).
 */
function byMailbag(call: RestCall | SoapCallWith<object>, query: { box: Box; mailboxId?: number; networkId?: number; id: string; begin?: Date; end?: Date }) {
  if (query.id.trim() === '') throw invalidParameter('MailbagControlID is required');
  return parcels(call.service, call.caller(), {
    box: query.box,
    mailboxId: query.mailboxId,
    networkId: query.networkId,
    mailbagControlId: query.id.trim(),
    begin: query.begin,
    end: query.end,
  });
}

const findMailbagControlId = (call: RestCall) =>
  byMailbag(call, { box: 'outbox', mailboxId: mailboxOrOwn(call), id: reqString(call.body, 'mailbagControlId') }).map((p) => json.parcel(p, 'from', call.service));

/**
 * A download in its four forms. `NoUpdate` leaves the parcel's status alone; `A` carries the content as base64 text
 * in ContentBase64String instead of bytes in Content (the WSDL's FileInfo has both fields; the docs describe neither form).
 */
function soapDownload(call: SoapCallWith<OperationParams['ParcelDownload']>, options: { update: boolean; base64: boolean }) {
  const id = call.params.ParcelID;
  const file = options.update ? download(call.service, call.caller(), id) : peek(call.service, call.caller(), id);
  return options.base64 ? fileInfoBase64(file.parcel, file.content) : fileInfo(file.parcel, file.content);
}

export interface UploadFields {
  readonly FileName?: string;
  readonly Bytes?: number;
  readonly Content?: Buffer;
  readonly ContentBase64?: string;
  readonly NetworkID?: number;
  readonly MailboxID?: number;
  readonly ECGridIDFrom?: number;
  readonly ECGridIDTo?: number;
}

/** Every upload form: plain, `Ex` (the sender's mailbox), `Mft` (sender and receiver ECGrid IDs), and their `A` forms (base64 text). */
function soapUpload(call: SoapCallWith<UploadFields>): number {
  const p = call.params;
  const content = p.ContentBase64 !== undefined ? Buffer.from(p.ContentBase64, 'base64') : (p.Content ?? Buffer.alloc(0));
  return upload(call.service, call.caller(), {
    fileName: p.FileName ?? '',
    content,
    bytes: p.ContentBase64 !== undefined ? undefined : p.Bytes,
    networkId: p.NetworkID,
    mailboxId: p.MailboxID,
    fromEcgridId: p.ECGridIDFrom,
    toEcgridId: p.ECGridIDTo,
  }).parcelId;
}

// ---- the operations -------------------------------------------------------------------------------------------------

export const ParcelInBox = {
  soap: (call) => readyInbox(call),
  rest: { 'parcels.inboxList': inboxList, 'parcels.pendingInboxList': pendingInboxList },
} satisfies OperationGroup['ParcelInBox'];

export const ParcelInBoxEx = {
  soap: (call) => readyInbox(call),
  rest: { 'parcels.inboxList': inboxList },
} satisfies OperationGroup['ParcelInBoxEx'];

export const ParcelInBoxExShort = {
  soap: (call) => {
    const p = call.params;
    const found = parcels(call.service, call.caller(), {
      box: 'inbox',
      status: p.Status,
      ...boxScope(p),
    });
    return parcelCollection(wholeList(found), 'InBox', call.service);
  },
  rest: { 'parcels.inboxList': inboxList },
} satisfies OperationGroup['ParcelInBoxExShort'];

/** An archive form: its box and order; REST serves each from the box's list endpoint. */
const archiveEntry = (box: Box, order: 'oldest-first' | 'newest-first' = 'oldest-first') => ({
  soap: (call: SoapCallWith<ArchiveParams>) => archive(call, box, order),
  rest: box === 'inbox' ? { 'parcels.inboxList': inboxList } : { 'parcels.outboxList': outboxList },
});

export const ParcelInBoxArchive = archiveEntry('inbox') satisfies OperationGroup['ParcelInBoxArchive'];
export const ParcelInBoxArchiveEx = archiveEntry('inbox') satisfies OperationGroup['ParcelInBoxArchiveEx'];
export const ParcelInBoxArchiveExShort = archiveEntry('inbox') satisfies OperationGroup['ParcelInBoxArchiveExShort'];
export const ParcelInBoxArchiveDescEx = archiveEntry('inbox', 'newest-first') satisfies OperationGroup['ParcelInBoxArchiveDescEx'];
export const ParcelOutBoxArchive = archiveEntry('outbox') satisfies OperationGroup['ParcelOutBoxArchive'];
export const ParcelOutBoxArchiveEx = archiveEntry('outbox') satisfies OperationGroup['ParcelOutBoxArchiveEx'];
export const ParcelOutBoxArchiveExShort = archiveEntry('outbox') satisfies OperationGroup['ParcelOutBoxArchiveExShort'];
export const ParcelOutBoxArchiveDescEx = archiveEntry('outbox', 'newest-first') satisfies OperationGroup['ParcelOutBoxArchiveDescEx'];

export const ParcelOutBoxError = { soap: (call) => outboxInState(call, FAILED) } satisfies OperationGroup['ParcelOutBoxError'];
export const ParcelOutBoxErrorEx = { soap: (call) => outboxInState(call, FAILED) } satisfies OperationGroup['ParcelOutBoxErrorEx'];
export const ParcelOutBoxInProcess = { soap: (call) => outboxInState(call, IN_PROCESS) } satisfies OperationGroup['ParcelOutBoxInProcess'];
export const ParcelOutBoxInProcessEx = { soap: (call) => outboxInState(call, IN_PROCESS) } satisfies OperationGroup['ParcelOutBoxInProcessEx'];

export const ParcelFindMailbagControlID = {
  soap: (call) => {
    const p = call.params;
    return byMailbag(call, { box: 'outbox', networkId: p.NetworkID, mailboxId: p.MailboxID, id: p.MailbagControlID ?? '' }).map((found) =>
      parcelInfo(found, 'OutBox', call.service),
    );
  },
  rest: { 'parcels.findMailbagControlId': findMailbagControlId },
} satisfies OperationGroup['ParcelFindMailbagControlID'];

export const ParcelFindMailbagControlIDTo = {
  soap: (call) => {
    const p = call.params;
    const found = byMailbag(call, { box: 'inbox', networkId: p.NetworkID, mailboxId: p.MailboxID, id: p.MailbagControlID ?? '', begin: p.BeginDate, end: p.EndDate });
    return found.map((f) => parcelInfo(f, 'InBox', call.service));
  },
} satisfies OperationGroup['ParcelFindMailbagControlIDTo'];

export const ParcelInfo = {
  soap: (call) => {
    const caller = call.caller();
    const p = parcel(call.service, caller, call.params.ParcelID);
    return parcelInfo(p, receivedBy(call.service, caller, p) ? 'InBox' : 'OutBox', call.service);
  },
  rest: { 'parcels.get': get },
} satisfies OperationGroup['ParcelInfo'];

export const ParcelManifest = {
  soap: (call) => {
    const found = manifest(call.service, call.caller(), call.params.ParcelID);
    return found.interchanges.map((ic) => manifestInfo(ic, found.parcel, call.service));
  },
  rest: { 'parcels.getManifest': getManifest },
} satisfies OperationGroup['ParcelManifest'];

export const ParcelDownload = {
  soap: (call) => soapDownload(call, { update: true, base64: false }),
  rest: { 'parcels.download': restDownload },
} satisfies OperationGroup['ParcelDownload'];

export const ParcelDownloadA = {
  soap: (call) => soapDownload(call, { update: true, base64: true }),
  rest: { 'parcels.download': restDownload },
} satisfies OperationGroup['ParcelDownloadA'];

export const ParcelDownloadNoUpdate = { soap: (call) => soapDownload(call, { update: false, base64: false }) } satisfies OperationGroup['ParcelDownloadNoUpdate'];
export const ParcelDownloadNoUpdateA = { soap: (call) => soapDownload(call, { update: false, base64: true }) } satisfies OperationGroup['ParcelDownloadNoUpdateA'];

export const ParcelDownloadConfirm = {
  soap: (call) => confirm(call.service, call.caller(), call.params.ParcelID),
  rest: { 'parcels.confirmDownload': confirmDownload },
} satisfies OperationGroup['ParcelDownloadConfirm'];

export const ParcelDownloadReset = {
  soap: (call) => reset(call.service, call.caller(), call.params.ParcelID),
  rest: { 'parcels.resetToInbox': resetToInbox },
} satisfies OperationGroup['ParcelDownloadReset'];

export const ParcelUpload = { soap: soapUpload, rest: { 'parcels.upload': restUpload } } satisfies OperationGroup['ParcelUpload'];
export const ParcelUploadA = { soap: soapUpload, rest: { 'parcels.upload': restUpload } } satisfies OperationGroup['ParcelUploadA'];
export const ParcelUploadEx = { soap: soapUpload, rest: { 'parcels.upload': restUpload } } satisfies OperationGroup['ParcelUploadEx'];
export const ParcelUploadExA = { soap: soapUpload, rest: { 'parcels.upload': restUpload } } satisfies OperationGroup['ParcelUploadExA'];
export const ParcelUploadMft = { soap: soapUpload, rest: { 'parcels.upload': restUpload } } satisfies OperationGroup['ParcelUploadMft'];
export const ParcelUploadMftA = { soap: soapUpload, rest: { 'parcels.upload': restUpload } } satisfies OperationGroup['ParcelUploadMftA'];

export const ParcelSetMailbagControlID = {
  soap: (call) => setMailbagControlId(call.service, call.caller(), call.params.ParcelID, call.params.MailbagControlID),
  rest: {
    'parcels.setMailbagControlId': (call) =>
      setMailbagControlId(call.service, call.caller(), reqInt(call.body, 'parcelId'), reqString(call.body, 'mailbagControlId')),
  },
} satisfies OperationGroup['ParcelSetMailbagControlID'];

/** A parcel's log as the WSDL's ParcelNote records: the sandbox notes each change of the parcel. */
export const ParcelNoteList = {
  soap: (call) => {
    const p = parcel(call.service, call.caller(), call.params.ParcelID);
    return p.log.map((entry, i) => ({ ParcelID: p.parcelId, ParcelNoteID: i + 1, NoteDate: soapDate(entry.date), PostedBy: entry.postedBy ?? 'ECGrid', Note: entry.message }));
  },
} satisfies OperationGroup['ParcelNoteList'];

/** TransLogOnly (WSDL) has no meaning in the sandbox, which keeps one status per parcel: it is not emulated. */
export const ParcelUpdateStatus = {
  soap: (call) => {
    if (call.params.TransLogOnly) throw invalidParameter('TransLogOnly is not emulated by the sandbox');
    return updateParcelStatus(call.service, call.caller(), call.params.ParcelID, call.params.Status) !== undefined;
  },
  rest: {
    // update-parcel.md answers the updated parcel (in the receiver's view: only received parcels are updated here).
    'parcels.update': (call) => json.parcel(updateParcelStatus(call.service, call.caller(), reqInt(call.body, 'parcelId'), optString(call.body, 'status')), 'to', call.service),
  },
} satisfies OperationGroup['ParcelUpdateStatus'];

export const ParcelAcknowledgmentNote = {
  soap: (call) => addParcelNote(call.service, call.caller(), call.params.ParcelID, call.params.Note, call.params.Subject),
  rest: { 'parcels.acknowledgmentNote': (call) => addParcelNote(call.service, call.caller(), reqInt(call.body, 'parcelId'), reqString(call.body, 'note')) },
} satisfies OperationGroup['ParcelAcknowledgmentNote'];

/** The WSDL's DocumentType is a standard; the sandbox makes X12 test files only (send-test-file.md's example is an 850). */
export const ParcelTest = {
  soap: (call) => {
    const p = call.params;
    if (p.DocumentType !== 'X12') throw invalidParameter(`the sandbox sends X12 test files only (DocumentType ${p.DocumentType} is not emulated)`);
    return sendTestFile(call.service, call.caller(), p.ECGridIDFrom, p.ECGridIDTo).parcelId;
  },
  rest: {
    'parcels.sendTestFile': (call) =>
      sendTestFile(call.service, call.caller(), reqInt(call.body, 'ecGridIdFrom'), reqInt(call.body, 'ecGridIdTo'), optString(call.body, 'documentType')).parcelId,
  },
} satisfies OperationGroup['ParcelTest'];

// SOAP-only parcel writes (the facade's mapping of parcels says why REST has none). Only ParcelResend has a page
// (soap-api/parcels/parcel-resend.md); what the others do rests on the WSDL and appendix/parcel-status-codes.md, see
// each function in service/parcels.ts. ParcelDownloadS3 is not emulated (not-emulated.ts): it writes to Amazon S3.

export const ParcelDownloadCancel = { soap: (call) => cancelDownload(call.service, call.caller(), call.params.ParcelID) } satisfies OperationGroup['ParcelDownloadCancel'];

export const ParcelDownloadConfirmPendingAck = {
  soap: (call) => confirmPendingAck(call.service, call.caller(), call.params.ParcelID, call.params.Status),
} satisfies OperationGroup['ParcelDownloadConfirmPendingAck'];

export const ParcelUpdateLocalStatus = {
  soap: (call) => setLocalStatus(call.service, call.caller(), call.params.ParcelID, call.params.Status),
} satisfies OperationGroup['ParcelUpdateLocalStatus'];

export const ParcelResend = { soap: (call) => resendParcel(call.service, call.caller(), call.params.ParcelID) } satisfies OperationGroup['ParcelResend'];
