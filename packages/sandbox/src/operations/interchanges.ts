import type { InterchangeIDInfoCollection, OperationParams } from '@ecgrid-bridge/soap';
import { invalidParameter } from '../errors.js';
import { optDate, optInt, reqString } from '../rest/input.js';
import * as json from '../rest/json.js';
import { type InterchangeState, cancelInterchange, interchange, interchanges, interchangesInState, resendInterchange } from '../service/interchanges.js';
import { SOAP_PAGE_LIMITS, paginate } from '../service/paging.js';
import type { Box } from '../service/parcels.js';
import { interchangeInfo, manifestInfo, soapDate } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import { parseIsaHeader } from '../x12.js';
import { page, pathValue, wrapped } from './rest.js';
import { type BoxParams, boxScope, collectionOf, soapPage } from './soap.js';
import type { OperationGroup, RestCall, SoapCallWith } from './table.js';

/** Interchanges: rest-api/interchanges/*.md. */

// ---- REST handlers --------------------------------------------------------------------------------------------------

function list(call: RestCall, box: Box) {
  const b = call.body;
  const found = interchanges(call.service, call.caller(), {
    box,
    mailboxId: optInt(b, 'mailboxId'),
    fromEcgridId: optInt(b, 'ecGridIdFrom'),
    toEcgridId: optInt(b, 'ecGridIdTo'),
    begin: optDate(b, 'beginDate'),
    end: optDate(b, 'endDate'),
  });
  const p = page(call, box === 'inbox' ? 'interchanges.inboxList' : 'interchanges.outboxList', found);
  return wrapped(p, 'interchanges', (ic) => json.interchange(ic, call.service));
}

const inboxList = (call: RestCall) => list(call, 'inbox');
const outboxList = (call: RestCall) => list(call, 'outbox');
const get = (call: RestCall) => json.interchange(interchange(call.service, call.caller(), pathValue(call)), call.service);

/** rest-api/interchanges/get-header.md: the ISA segment's fields, as text. */
const getHeader = (call: RestCall) => {
  const isa = parseIsaHeader(reqString(call.body, 'interchangeHeader'));
  return {
    authorizationInfoQualifier: isa.elements[1],
    authorizationInfo: isa.elements[2],
    securityInfoQualifier: isa.elements[3],
    securityInfo: isa.elements[4],
    senderIdQualifier: isa.elements[5],
    senderId: isa.elements[6],
    receiverIdQualifier: isa.elements[7],
    receiverId: isa.elements[8],
    interchangeDate: isa.elements[9],
    interchangeTime: isa.elements[10],
    repetitionSeparator: isa.elements[11],
    controlVersionNumber: isa.elements[12],
    controlNumber: isa.elements[13],
    acknowledgmentRequested: isa.elements[14],
    usageIndicator: isa.elements[15],
    componentElementSeparator: isa.elements[16],
  };
};

/** rest-api/interchanges/get-date.md: ISA09/ISA10 as an ISO 8601 instant. */
const getDate = (call: RestCall) => parseIsaHeader(reqString(call.body, 'interchangeHeader')).date;

// ---- SOAP -----------------------------------------------------------------------------------------------------------

type Scoped = OperationParams['InterchangeInBox'] & Partial<Pick<OperationParams['InterchangeInBoxEx'], 'NetworkID' | 'MailboxID'>>;

function found(call: SoapCallWith<Scoped>, box: Box) {
  const p = call.params;
  return interchanges(call.service, call.caller(), {
    box,
    ...boxScope(p),
    controlId: p.InterchangeControlID,
  });
}

const current = (call: SoapCallWith<Scoped>, box: Box) => found(call, box).map((ic) => interchangeInfo(ic, call.service));

function archive(call: SoapCallWith<Scoped & Pick<OperationParams['InterchangeInBoxArchive'], 'PageNo' | 'RecordsPerPage'>>, box: Box): Unset<InterchangeIDInfoCollection> {
  const { pageNo, perPage } = soapPage(call.params);
  const p = paginate(found(call, box), pageNo, perPage, SOAP_PAGE_LIMITS);
  return { ...collectionOf(p), InterchangeIDInfoList: p.items.map((ic) => interchangeInfo(ic, call.service)) };
}

/** The parsed header as the WSDL's InterchangeIDInfo, with the interchange's ID when the sandbox tracks it. */
function headerInfo(call: SoapCallWith<object>, text: string) {
  const isa = parseIsaHeader(text);
  const tracked = [...call.service.state.interchanges.values()].find((ic) => ic.header === isa.segment);
  return {
    InterchangeID: tracked?.interchangeId ?? 0,
    Standard: 'X12' as const,
    InterchangeControlID: isa.elements[13],
    InterchangeDateTime: soapDate(isa.date),
    Header: text,
    TPFrom: { Qualifier: isa.elements[5], ID: isa.elements[6] },
    TPTo: { Qualifier: isa.elements[7], ID: isa.elements[8] },
  };
}

const header = (text: string | undefined): string => {
  if (text === undefined || text.trim() === '') throw invalidParameter('InterchangeHeader is required');
  return text;
};

// ---- the operations -------------------------------------------------------------------------------------------------

export const InterchangeInfo = {
  soap: (call) => interchangeInfo(interchange(call.service, call.caller(), call.params.InterchangeID), call.service),
  rest: { 'interchanges.get': get },
} satisfies OperationGroup['InterchangeInfo'];

const restList = (box: Box) => (box === 'inbox' ? { 'interchanges.inboxList': inboxList } : { 'interchanges.outboxList': outboxList });

/** A current box (whole) and an archive (one page); REST serves each from the box's list endpoint. */
const currentEntry = (box: Box) => ({ soap: (call: SoapCallWith<Scoped>) => current(call, box), rest: restList(box) });
const archiveEntry = (box: Box) => ({
  soap: (call: SoapCallWith<Scoped & Pick<OperationParams['InterchangeInBoxArchive'], 'PageNo' | 'RecordsPerPage'>>) => archive(call, box),
  rest: restList(box),
});

export const InterchangeInBox = currentEntry('inbox') satisfies OperationGroup['InterchangeInBox'];
export const InterchangeInBoxEx = currentEntry('inbox') satisfies OperationGroup['InterchangeInBoxEx'];
export const InterchangeOutBox = currentEntry('outbox') satisfies OperationGroup['InterchangeOutBox'];
export const InterchangeOutBoxEx = currentEntry('outbox') satisfies OperationGroup['InterchangeOutBoxEx'];
export const InterchangeInBoxArchive = archiveEntry('inbox') satisfies OperationGroup['InterchangeInBoxArchive'];
export const InterchangeInBoxArchiveEx = archiveEntry('inbox') satisfies OperationGroup['InterchangeInBoxArchiveEx'];
export const InterchangeOutBoxArchive = archiveEntry('outbox') satisfies OperationGroup['InterchangeOutBoxArchive'];
export const InterchangeOutBoxArchiveEx = archiveEntry('outbox') satisfies OperationGroup['InterchangeOutBoxArchiveEx'];
/** The records of the NoParcel form leave out their Parcels, which the sandbox never fills anyway. */
export const InterchangeOutBoxArchiveExNoParcel = archiveEntry('outbox') satisfies OperationGroup['InterchangeOutBoxArchiveExNoParcel'];

export const InterchangeHeaderInfo = {
  soap: (call) => headerInfo(call, header(call.params.InterchangeHeader)),
  rest: { 'interchanges.getHeader': getHeader },
} satisfies OperationGroup['InterchangeHeaderInfo'];

export const InterchangeHeaderInfoB = {
  soap: (call) => headerInfo(call, header(call.params.InterchangeHeader?.toString('latin1'))),
  rest: { 'interchanges.getHeader': getHeader },
} satisfies OperationGroup['InterchangeHeaderInfoB'];

export const InterchangeDate = {
  soap: (call) => new Date(parseIsaHeader(header(call.params.InterchangeHeader)).date),
  rest: { 'interchanges.getDate': getDate },
} satisfies OperationGroup['InterchangeDate'];

/** The interchange's manifest: its ManifestInfo in the parcel that carries it. */
export const InterchangeManifest = {
  soap: (call) => {
    const ic = interchange(call.service, call.caller(), call.params.InterchangeID);
    const p = call.service.state.parcels.get(ic.parcelId);
    return p ? [manifestInfo(ic, p, call.service)] : [];
  },
} satisfies OperationGroup['InterchangeManifest'];

export const InterchangeCancel = {
  soap: (call) => cancelInterchange(call.service, call.caller(), call.params.InterchangeID),
  rest: { 'interchanges.cancel': (call) => cancelInterchange(call.service, call.caller(), pathValue(call)) },
} satisfies OperationGroup['InterchangeCancel'];

/**
 * The WSDL answers an InterchangeIDStatus: the interchange asked for (it is requeued, soap-api/interchanges/
 * interchange-resend.md), with the inbox parcel it now arrives in; resend-interchange.md answers true.
 */
export const InterchangeResend = {
  soap: (call) => {
    const { original: ic, parcelId } = resendInterchange(call.service, call.caller(), call.params.InterchangeID);
    const from = call.service.mailboxRecord(ic.fromMailboxId);
    const to = call.service.mailboxRecord(ic.toMailboxId);
    return {
      Id: ic.interchangeId,
      InterchangeProcessDate: soapDate(ic.created),
      NetworkIDFrom: from?.networkId ?? 0,
      MailboxIDFrom: ic.fromMailboxId,
      ECGridIDFrom: ic.fromEcgridId,
      NetworkIDTo: to?.networkId ?? 0,
      MailboxIDTo: ic.toMailboxId,
      ECGridIDTo: ic.toEcgridId,
      Bytes: ic.bytes,
      StatusCode: call.service.state.parcels.get(parcelId)?.status ?? 'InBoxReady',
      StatusDate: soapDate(call.service.nowIso()),
      InterchangeHeader: ic.header,
      standard: ic.standard,
      ParcelIDInbox: parcelId,
    };
  },
  rest: { 'interchanges.resend': (call) => resendInterchange(call.service, call.caller(), pathValue(call)) !== undefined },
} satisfies OperationGroup['InterchangeResend'];

// ---- the state lists (SOAP only; see stateOf in service/interchanges.ts for what each state reads) ---------------------

const stateList = (box: Box, state: InterchangeState) => (call: SoapCallWith<BoxParams>) =>
  interchangesInState(call.service, call.caller(), state, { box, ...boxScope(call.params) }).map((ic) => interchangeInfo(ic, call.service));

export const InterchangeInBoxPending = { soap: stateList('inbox', 'pending') } satisfies OperationGroup['InterchangeInBoxPending'];
export const InterchangeInBoxPendingEx = { soap: stateList('inbox', 'pending') } satisfies OperationGroup['InterchangeInBoxPendingEx'];
export const InterchangeInBoxBlocked = { soap: stateList('inbox', 'blocked') } satisfies OperationGroup['InterchangeInBoxBlocked'];
export const InterchangeInBoxBlockedEx = { soap: stateList('inbox', 'blocked') } satisfies OperationGroup['InterchangeInBoxBlockedEx'];
export const InterchangeOutBoxPending = { soap: stateList('outbox', 'pending') } satisfies OperationGroup['InterchangeOutBoxPending'];
export const InterchangeOutBoxPendingEx = { soap: stateList('outbox', 'pending') } satisfies OperationGroup['InterchangeOutBoxPendingEx'];
export const InterchangeOutBoxBlocked = { soap: stateList('outbox', 'blocked') } satisfies OperationGroup['InterchangeOutBoxBlocked'];
export const InterchangeOutBoxBlockedEx = { soap: stateList('outbox', 'blocked') } satisfies OperationGroup['InterchangeOutBoxBlockedEx'];
export const InterchangeOutBoxNoRoute = { soap: stateList('outbox', 'noRoute') } satisfies OperationGroup['InterchangeOutBoxNoRoute'];
export const InterchangeOutBoxNoRouteEx = { soap: stateList('outbox', 'noRoute') } satisfies OperationGroup['InterchangeOutBoxNoRouteEx'];
