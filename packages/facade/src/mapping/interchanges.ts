import type { InterchangeIDInfoCollection, InterchangeIDStatus } from '@ecgrid-bridge/soap';
import { read, requireEmpty, soapOnly, variant, write } from './builders.js';
import { type RestRequestParts, UnsupportedOnRest } from './entry.js';
import { filter, lossyFields, mapRecord, objectAt } from './fields.js';
import { headerRecord, interchangeRecord, resendStatusRecord } from './interchange-records.js';
import { type ResultMap, boolean, collection, instant, list, record } from './results.js';

/** Interchanges: rest-api/interchanges/*.md. */

const iso = (d: Date): string => d.toISOString();

// Envelope headers.

/**
 * The WSDL parses an "EDI Envelope (ISA or UNB)"; get-date.md and get-header.md take a required interchangeHeader
 * that "Must be a valid ISA segment string". A UNB (EDIFACT) header, or none, has no REST form.
 */
function isaHeader(header: string | undefined): string {
  if (!header || !/^\s*ISA/.test(header)) throw new UnsupportedOnRest('the REST API parses X12 ISA headers only ("Must be a valid ISA segment string")');
  return header;
}

const HEADER = {
  InterchangeHeader: 'a header that is not an ISA segment (an EDIFACT UNB, which the WSDL also parses, or an empty one) makes the call unavailable on REST',
};

export const InterchangeDate = read('InterchangeDate', {
  endpoint: 'interchanges.getDate',
  request: (p) => ({ body: { interchangeHeader: isaHeader(p.InterchangeHeader) } }),
  result: instant(),
  unsupported: HEADER,
});

export const InterchangeHeaderInfo = read('InterchangeHeaderInfo', {
  endpoint: 'interchanges.getHeader',
  request: (p) => ({ body: { interchangeHeader: isaHeader(p.InterchangeHeader) } }),
  result: record(headerRecord),
  unsupported: HEADER,
  assumes:
    "Header echoes the header asked about; InterchangeDateTime reads ISA09's two-digit year as 20YY; get-header.md's qualifiers and IDs are kept as given (padded, like the SOAP page's example), in TPFrom/TPTo's Qualifier and ID.",
});

/**
 * The WSDL's B form takes the header as bytes (xs:base64Binary); REST takes text. An ISA segment is ASCII, and no
 * page says how other bytes would be read, so only ASCII bytes are sent.
 */
function headerText(bytes: Buffer | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  if (!bytes.every((b) => b < 0x80)) throw new UnsupportedOnRest('the REST API takes the header as text, and these header bytes are not ASCII');
  return bytes.toString('ascii');
}

export const InterchangeHeaderInfoB = variant(InterchangeHeaderInfo, 'InterchangeHeaderInfoB', {
  params: (p) => ({ InterchangeHeader: headerText(p.InterchangeHeader) }),
  result: (r) => r,
  unsupported: {
    InterchangeHeader: 'sent as ASCII text; bytes that are not ASCII, or a header that is not an ISA segment, make the call unavailable on REST',
  },
});

// One interchange.

export const InterchangeInfo = read('InterchangeInfo', {
  endpoint: 'interchanges.get',
  request: (p) => ({ path: { id: p.InterchangeID } }),
  result: record(interchangeRecord),
});

/**
 * The WSDL's ManifestInfo records are the interchange's "end-to-end transaction Manifest": each has a ManifestDate, a
 * network, a Type (System, Error, Manual, ECGridOS), the ParcelID and a status code, message and colour.
 * rest-api/interchanges/get-manifest.md answers the EDI functional groups inside the interchange (functionalGroup,
 * transactionSetType, transactionSetCount, groupControlNumber), none of which a ManifestInfo field holds.
 */
export const InterchangeManifest = soapOnly(
  'InterchangeManifest',
  'read',
  'answers the interchange\'s end-to-end tracking manifest (WSDL: "A complete end-to-end transaction Manifest"; ManifestInfo records with a ManifestDate, network, Type System/Error/Manual/ECGridOS, ParcelID and status code/message/colour). rest-api/interchanges/get-manifest.md, which soap-api/interchanges/interchange-manifest.md names, answers the EDI functional groups inside the interchange (functionalGroup, transactionSetType, transactionSetCount, groupControlNumber): no ManifestInfo field holds any of them, so every record would be empty',
);

// Inbox and outbox listings: inbox-list.md and outbox-list.md (mailbox, sender and receiver ECGrid IDs, date range, paging).

interface BoxScope {
  readonly MailboxID?: number;
  readonly BeginDate: Date;
  readonly EndDate: Date;
  readonly ECGridIDFrom: number;
  readonly ECGridIDTo: number;
  readonly InterchangeControlID?: string;
}

interface PageAsked {
  readonly PageNo: number;
  readonly RecordsPerPage: number;
}

function boxBody(p: BoxScope): Record<string, unknown> {
  requireEmpty(p.InterchangeControlID, 'InterchangeControlID');
  return {
    mailboxId: filter(p.MailboxID),
    ecGridIdFrom: filter(p.ECGridIDFrom),
    ecGridIdTo: filter(p.ECGridIDTo),
    beginDate: iso(p.BeginDate),
    endDate: iso(p.EndDate),
  };
}

/** The current listings are whole lists: the backend reads every page, so no page is asked for here. */
const wholeBox = (p: BoxScope): RestRequestParts => ({ body: boxBody(p) });

/** inbox-list.md and outbox-list.md: recordsPerPage "Maximum: 500" (the SOAP pages give the same maximum). */
const MAX_PAGE_SIZE = 500;

function pagedBox(p: BoxScope & PageAsked): RestRequestParts {
  if (p.RecordsPerPage > MAX_PAGE_SIZE) throw new UnsupportedOnRest(`the REST list pages hold at most ${MAX_PAGE_SIZE} records`);
  return {
    body: {
      ...boxBody(p),
      pageNo: p.PageNo > 0 ? p.PageNo : 1,
      // 0 leaves the documented default ("Defaults to 100").
      recordsPerPage: p.RecordsPerPage > 0 ? p.RecordsPerPage : undefined,
    },
  };
}

const interchanges = list(interchangeRecord, 'interchanges');

const page = collection('InterchangeIDInfoCollection', 'InterchangeIDInfoList', interchangeRecord, 'interchanges');

/** Where the caller left the page size to REST (0), the page wrapper's `recordsPerPage` says what it was. */
const archivePage: ResultMap<InterchangeIDInfoCollection> = {
  ...page,
  read: (data, params) => {
    const asked = Reflect.get(params, 'RecordsPerPage');
    const answered = objectAt(data, 'interchanges')['recordsPerPage'];
    const size = typeof asked === 'number' && asked > 0 ? asked : typeof answered === 'number' ? answered : asked;
    return page.read(data, { ...params, RecordsPerPage: size });
  },
};

const NETWORK_NOT_SENT = 'not sent: REST identifies the mailbox by mailboxId alone';
const CONTROL_ID = { InterchangeControlID: 'a non-empty value makes the call unavailable on REST: the list pages have no control ID filter' };
const CONTROL_ID_EX = { ...CONTROL_ID, NetworkID: NETWORK_NOT_SENT };
const PAGED = { ...CONTROL_ID, RecordsPerPage: `above ${MAX_PAGE_SIZE} makes the call unavailable on REST` };
const PAGED_EX = { ...PAGED, NetworkID: NETWORK_NOT_SENT };

export const InterchangeInBox = read('InterchangeInBox', {
  endpoint: 'interchanges.inboxList',
  request: wholeBox,
  result: interchanges,
  unsupported: CONTROL_ID,
});

export const InterchangeInBoxEx = read('InterchangeInBoxEx', {
  endpoint: 'interchanges.inboxList',
  request: wholeBox,
  result: interchanges,
  unsupported: CONTROL_ID_EX,
});

export const InterchangeInBoxArchive = read('InterchangeInBoxArchive', {
  endpoint: 'interchanges.inboxList',
  request: pagedBox,
  result: archivePage,
  unsupported: PAGED,
});

export const InterchangeInBoxArchiveEx = read('InterchangeInBoxArchiveEx', {
  endpoint: 'interchanges.inboxList',
  request: pagedBox,
  result: archivePage,
  unsupported: PAGED_EX,
});

export const InterchangeOutBox = read('InterchangeOutBox', {
  endpoint: 'interchanges.outboxList',
  request: wholeBox,
  result: interchanges,
  unsupported: CONTROL_ID,
});

export const InterchangeOutBoxEx = read('InterchangeOutBoxEx', {
  endpoint: 'interchanges.outboxList',
  request: wholeBox,
  result: interchanges,
  unsupported: CONTROL_ID_EX,
});

export const InterchangeOutBoxArchive = read('InterchangeOutBoxArchive', {
  endpoint: 'interchanges.outboxList',
  request: pagedBox,
  result: archivePage,
  unsupported: PAGED,
});

export const InterchangeOutBoxArchiveEx = read('InterchangeOutBoxArchiveEx', {
  endpoint: 'interchanges.outboxList',
  request: pagedBox,
  result: archivePage,
  unsupported: PAGED_EX,
});

/** The WSDL describes it as InterchangeOutBoxArchiveEx; its name says its records come without their Parcels. */
export const InterchangeOutBoxArchiveExNoParcel = variant(InterchangeOutBoxArchiveEx, 'InterchangeOutBoxArchiveExNoParcel', {
  params: (p) => p,
  result: (r) => r,
  assumes: 'NoParcel leaves out each interchange\'s Parcels, which REST never gives: the answer is InterchangeOutBoxArchiveEx\'s.',
});

// Listings by state: no REST form.

const NO_STATE_FILTER =
  'rest-api/interchanges/inbox-list.md and outbox-list.md take no status or view filter (appendix/interchange-status-codes.md links them as querying "by status", but neither page has such a field) and document the records\' status as a Status (Development, Active, …), not an interchange state, so neither the request nor the answer can pick these interchanges out. The MCP tools list-inbox-interchanges and list-outbox-interchanges (mcp/tools/connectivity/interchanges/) have pending, blocked and noRoute views; REST has none';
const EX_FORM = 'the Ex form only adds the network and mailbox';

const PENDING = (box: 'InBox' | 'OutBox') =>
  `lists the ${box} interchanges "awaiting processing" (WSDL: "${box} Interchange Pending List"; the MCP tools' words for the pending view). ${NO_STATE_FILTER}`;
const BLOCKED = (box: 'InBox' | 'OutBox') =>
  `lists the ${box} interchanges "held from delivery" (WSDL: "${box} Interchange Blocked List"; the MCP tools' words for the blocked view; appendix/interchange-status-codes.md has no blocked state). ${NO_STATE_FILTER}`;
const NO_ROUTE = `lists the outbound interchanges ECGrid finds no delivery route for (WSDL: "Unroutable Interchanges"; appendix/interchange-status-codes.md has no such state). ${NO_STATE_FILTER}`;

const OUT_PENDING = PENDING('OutBox');
const IN_PENDING = PENDING('InBox');

export const InterchangeOutBoxPending = soapOnly('InterchangeOutBoxPending', 'read', OUT_PENDING);
export const InterchangeOutBoxPendingEx = soapOnly('InterchangeOutBoxPendingEx', 'read', `${OUT_PENDING}; ${EX_FORM}`);
export const InterchangeInBoxPending = soapOnly('InterchangeInBoxPending', 'read', IN_PENDING);
export const InterchangeInBoxPendingEx = soapOnly('InterchangeInBoxPendingEx', 'read', `${IN_PENDING}; ${EX_FORM}`);
export const InterchangeInBoxBlocked = soapOnly('InterchangeInBoxBlocked', 'read', BLOCKED('InBox'));
export const InterchangeInBoxBlockedEx = soapOnly('InterchangeInBoxBlockedEx', 'read', `${BLOCKED('InBox')}; ${EX_FORM}`);
export const InterchangeOutBoxBlocked = soapOnly('InterchangeOutBoxBlocked', 'read', BLOCKED('OutBox'));
export const InterchangeOutBoxBlockedEx = soapOnly('InterchangeOutBoxBlockedEx', 'read', `${BLOCKED('OutBox')}; ${EX_FORM}`);
export const InterchangeOutBoxNoRoute = soapOnly('InterchangeOutBoxNoRoute', 'read', NO_ROUTE);
export const InterchangeOutBoxNoRouteEx = soapOnly('InterchangeOutBoxNoRouteEx', 'read', `${NO_ROUTE}; ${EX_FORM}`);

// Resend and cancel.

/**
 * resend-interchange.md answers whether the resend was accepted (a boolean); the WSDL answers an InterchangeIDStatus.
 * Accepted: the status of the interchange asked for, of which REST gives only the ID; not accepted: no status.
 */
const resent: ResultMap<InterchangeIDStatus | undefined> = {
  read: (data, params) => (boolean.read(data, params) ? mapRecord(resendStatusRecord, {}, params) : undefined),
  lossy: lossyFields(resendStatusRecord),
};

export const InterchangeResend = write('InterchangeResend', {
  endpoint: 'interchanges.resend',
  request: (p) => ({ path: { id: p.InterchangeID } }),
  result: resent,
  assumes: 'REST answering false (the resend not accepted) gives no InterchangeIDStatus: the WSDL result is optional and has no success flag of its own.',
});

/** cancel-interchange.md: outbound interchanges not yet delivered; REST and SOAP both answer a boolean. */
export const InterchangeCancel = write('InterchangeCancel', {
  endpoint: 'interchanges.cancel',
  request: (p) => ({ path: { id: p.InterchangeID } }),
  result: boolean,
});
