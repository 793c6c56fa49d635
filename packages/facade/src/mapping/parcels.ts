import type { FileInfo, ManifestInfo, ParcelIDInfo, ParcelIDInfoCollection } from '@ecgrid-bridge/soap';
import type { FacadeParams } from '../operations.js';
import { type MappingEntry, prefixPaths, requireEmpty } from './entry.js';
import { type Json, type RecordMap, ShapeError, filter, lossyFields, mapList, mapRecord } from './fields.js';
import { fileRecord, inboxParcelRecord, manifestRecord, outboxParcelRecord } from './records.js';

const MAX_PAGE = 500;

/** REST parcel listings are plain arrays; SOAP wraps them in a paged collection REST does not describe. */
function collection(map: RecordMap, data: unknown, page: { PageNo?: number; RecordsPerPage?: number }): ParcelIDInfoCollection {
  const list = mapList(map, data, {}) as unknown as ParcelIDInfo[];
  return {
    PageSize: page.RecordsPerPage ?? list.length,
    PageNumber: page.PageNo ?? 1,
    Count: list.length,
    TotalRecords: list.length,
    TotalPages: 1,
    ParcelIDInfoList: list,
  };
}

const COLLECTION_LOSSY = ['PageSize', 'PageNumber', 'TotalRecords', 'TotalPages'];
const inboxLossy = [...COLLECTION_LOSSY, ...prefixPaths('ParcelIDInfoList[]', lossyFields(inboxParcelRecord))];
const outboxLossy = [...COLLECTION_LOSSY, ...prefixPaths('ParcelIDInfoList[]', lossyFields(outboxParcelRecord))];

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export const ParcelInBox: MappingEntry<'ParcelInBox'> = {
  operation: 'ParcelInBox',
  kind: 'read',
  orderBy: 'ParcelIDInfoList[].ParcelID',
  rest: {
    method: 'POST',
    path: '/v2/parcels/inbox-list',
    idempotent: true,
    wholeList: {},
    request: () => ({ body: { status: 'InBoxReady', recordsPerPage: MAX_PAGE } }),
    response: (data) => collection(inboxParcelRecord, data, {}),
    lossy: inboxLossy,
  },
};

export const ParcelInBoxEx: MappingEntry<'ParcelInBoxEx'> = {
  operation: 'ParcelInBoxEx',
  kind: 'read',
  orderBy: 'ParcelIDInfoList[].ParcelID',
  rest: {
    method: 'POST',
    path: '/v2/parcels/inbox-list',
    idempotent: true,
    wholeList: {},
    request: (p) => ({
      body: {
        status: 'InBoxReady',
        mailboxId: filter(p.MailboxID),
        ecGridIdFrom: filter(p.ECGridIDFrom),
        ecGridIdTo: filter(p.ECGridIDTo),
        recordsPerPage: MAX_PAGE,
      },
    }),
    response: (data) => collection(inboxParcelRecord, data, {}),
    lossy: inboxLossy,
    unsupportedParams: { NetworkID: 'not sent: REST identifies the mailbox by mailboxId alone' },
  },
};

/** In- and outbox archives take the same parameters. */
const archiveBody = (p: FacadeParams<'ParcelInBoxArchive' | 'ParcelOutBoxArchive'>): Json => {
  requireEmpty(p as unknown as Json, 'MailbagControlID');
  return {
    beginDate: iso(p.BeginDate),
    endDate: iso(p.EndDate),
    ecGridIdFrom: filter(p.ECGridIDFrom),
    ecGridIdTo: filter(p.ECGridIDTo),
    pageNo: p.PageNo > 0 ? p.PageNo : 1,
    recordsPerPage: p.RecordsPerPage > 0 ? p.RecordsPerPage : 25,
  };
};

export const ParcelInBoxArchive: MappingEntry<'ParcelInBoxArchive'> = {
  operation: 'ParcelInBoxArchive',
  kind: 'read',
  orderBy: 'ParcelIDInfoList[].ParcelID',
  rest: {
    method: 'POST',
    path: '/v2/parcels/inbox-list',
    idempotent: true,
    request: (p) => ({ body: archiveBody(p) }),
    response: (data, p) => collection(inboxParcelRecord, data, p),
    lossy: inboxLossy,
    unsupportedParams: { MailbagControlID: 'a non-empty value makes the call unavailable on REST' },
  },
};

export const ParcelOutBoxArchive: MappingEntry<'ParcelOutBoxArchive'> = {
  operation: 'ParcelOutBoxArchive',
  kind: 'read',
  orderBy: 'ParcelIDInfoList[].ParcelID',
  rest: {
    method: 'POST',
    path: '/v2/parcels/outbox-list',
    idempotent: true,
    request: (p) => ({ body: archiveBody(p) }),
    response: (data, p) => collection(outboxParcelRecord, data, p),
    lossy: outboxLossy,
    unsupportedParams: { MailbagControlID: 'a non-empty value makes the call unavailable on REST' },
  },
};

export const ParcelInfo: MappingEntry<'ParcelInfo'> = {
  operation: 'ParcelInfo',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/parcels/{id}',
    request: (p) => ({ path: { id: p.ParcelID } }),
    response: (data) => mapRecord(inboxParcelRecord, data, {}) as unknown as ParcelIDInfo,
    lossy: lossyFields(inboxParcelRecord),
  },
};

export const ParcelManifest: MappingEntry<'ParcelManifest'> = {
  operation: 'ParcelManifest',
  kind: 'read',
  orderBy: '[].InterchangeID',
  rest: {
    method: 'GET',
    path: '/v2/parcels/manifest/{id}',
    request: (p) => ({ path: { id: p.ParcelID } }),
    response: (data, p) => mapList(manifestRecord, data, p as unknown as Json) as unknown as ManifestInfo[],
    lossy: prefixPaths('[]', lossyFields(manifestRecord)),
  },
};

export const ParcelDownload: MappingEntry<'ParcelDownload'> = {
  operation: 'ParcelDownload',
  // Downloading marks the parcel transferred: a state change, so parity never doubles it.
  kind: 'write',
  rest: {
    method: 'POST',
    path: '/v2/parcels/download',
    request: (p) => ({ body: { parcelId: p.ParcelID } }),
    response: (data) => mapRecord(fileRecord, data, {}) as unknown as FileInfo,
    lossy: lossyFields(fileRecord),
  },
};

const booleanData = (data: unknown): boolean => {
  if (typeof data !== 'boolean') throw new ShapeError('expected true or false');
  return data;
};

export const ParcelDownloadConfirm: MappingEntry<'ParcelDownloadConfirm'> = {
  operation: 'ParcelDownloadConfirm',
  kind: 'write',
  rest: {
    method: 'POST',
    path: '/v2/parcels/confirm',
    request: (p) => ({ body: { parcelId: p.ParcelID } }),
    response: booleanData,
    lossy: [],
  },
};

export const ParcelDownloadReset: MappingEntry<'ParcelDownloadReset'> = {
  operation: 'ParcelDownloadReset',
  kind: 'write',
  rest: {
    method: 'POST',
    path: '/v2/parcels/reset-to-inbox/{id}',
    request: (p) => ({ path: { id: p.ParcelID } }),
    response: booleanData,
    lossy: [],
  },
};

const parcelIdData = (data: unknown): number => {
  if (typeof data !== 'number' || !Number.isSafeInteger(data)) throw new ShapeError('expected the new parcel ID');
  return data;
};

const contentBase64 = (content: Buffer | undefined): string => (content ? Buffer.from(content).toString('base64') : '');

export const ParcelUpload: MappingEntry<'ParcelUpload'> = {
  operation: 'ParcelUpload',
  kind: 'write',
  rest: {
    method: 'POST',
    path: '/v2/parcels/upload',
    request: (p) => ({ body: { fileName: p.FileName ?? '', content: contentBase64(p.Content), bytes: p.Bytes } }),
    response: parcelIdData,
    lossy: [],
  },
};

export const ParcelUploadEx: MappingEntry<'ParcelUploadEx'> = {
  operation: 'ParcelUploadEx',
  kind: 'write',
  rest: {
    method: 'POST',
    path: '/v2/parcels/upload',
    request: (p) => ({
      body: { fileName: p.FileName ?? '', content: contentBase64(p.Content), bytes: p.Bytes, mailboxId: filter(p.MailboxID) },
    }),
    response: parcelIdData,
    lossy: [],
    unsupportedParams: { NetworkID: 'not sent: REST identifies the mailbox by mailboxId alone' },
  },
};
