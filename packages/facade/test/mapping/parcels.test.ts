import { describe, expect, it } from 'vitest';
import type { ParcelIDInfo } from '@ecgrid-bridge/soap';
import {
  DOTNET_MIN_DATE,
  FacadeError,
  MAPPINGS,
  MappingError,
  REST_EQUIVALENTS,
  type FacadeOperation,
  type FacadeParams,
} from '../../src/index.js';
import { bodyOf, notAvailable, onePage, portAnswering } from '../support/port.js';

const GROUP: readonly FacadeOperation[] = [
  'ParcelUploadExA', 'ParcelUpdateStatus', 'ParcelUpdateLocalStatus', 'ParcelUploadMft', 'ParcelUploadMftA', 'ParcelTest',
  'ParcelSetMailbagControlID', 'ParcelFindMailbagControlID', 'ParcelFindMailbagControlIDTo', 'ParcelManifest', 'ParcelNoteList',
  'ParcelInBoxArchive', 'ParcelInBoxArchiveEx', 'ParcelInBoxArchiveExShort', 'ParcelInBoxArchiveDescEx', 'ParcelOutBoxArchive',
  'ParcelOutBoxArchiveEx', 'ParcelOutBoxArchiveExShort', 'ParcelOutBoxArchiveDescEx', 'ParcelOutBoxError', 'ParcelOutBoxErrorEx',
  'ParcelOutBoxInProcess', 'ParcelOutBoxInProcessEx', 'ParcelInBox', 'ParcelInBoxEx', 'ParcelInBoxExShort', 'ParcelInfo',
  'ParcelDownload', 'ParcelDownloadA', 'ParcelDownloadS3', 'ParcelDownloadNoUpdate', 'ParcelDownloadNoUpdateA',
  'ParcelDownloadConfirm', 'ParcelAcknowledgmentNote', 'ParcelDownloadCancel', 'ParcelDownloadConfirmPendingAck',
  'ParcelDownloadReset', 'ParcelResend', 'ParcelUpload', 'ParcelUploadA', 'ParcelUploadEx',
];

const SOAP_ONLY: readonly FacadeOperation[] = [
  'ParcelUpdateLocalStatus', 'ParcelFindMailbagControlIDTo', 'ParcelNoteList', 'ParcelOutBoxError', 'ParcelOutBoxErrorEx',
  'ParcelOutBoxInProcess', 'ParcelOutBoxInProcessEx', 'ParcelDownloadS3', 'ParcelDownloadNoUpdate', 'ParcelDownloadNoUpdateA',
  'ParcelDownloadConfirmPendingAck', 'ParcelDownloadCancel', 'ParcelResend',
];

describe('the group', () => {
  it('decides all 41 operations, on the documented endpoint where there is a route', () => {
    expect(new Set(GROUP).size).toBe(41);
    for (const op of GROUP) {
      const entry = MAPPINGS[op];
      if (entry.rest) expect(entry.rest.endpoint, op).toBe(REST_EQUIVALENTS[op].endpoint);
      else expect(entry.noRestReason?.length, op).toBeGreaterThan(80);
    }
    expect(GROUP.filter((op) => MAPPINGS[op].rest === null)).toEqual(GROUP.filter((op) => SOAP_ONLY.includes(op)));
  });

  it('keeps ParcelResend on SOAP although the catalogue names reset-to-inbox (the SOAP page says there is no equivalent)', () => {
    expect(REST_EQUIVALENTS.ParcelResend.endpoint).toBe('parcels.resetToInbox');
    expect(MAPPINGS.ParcelResend.noRestReason).toContain('parcel-resend.md');
    expect(MAPPINGS.ParcelResend.kind).toBe('write');
  });

  it('marks what changes state as a write and only listings and look-ups as reads', () => {
    const reads = GROUP.filter((op) => MAPPINGS[op].kind === 'read');
    expect([...reads].sort()).toEqual(
      [
        'ParcelFindMailbagControlID', 'ParcelFindMailbagControlIDTo', 'ParcelManifest', 'ParcelNoteList', 'ParcelInBoxArchive',
        'ParcelInBoxArchiveEx', 'ParcelInBoxArchiveExShort', 'ParcelInBoxArchiveDescEx', 'ParcelOutBoxArchive', 'ParcelOutBoxArchiveEx',
        'ParcelOutBoxArchiveExShort', 'ParcelOutBoxArchiveDescEx', 'ParcelOutBoxError', 'ParcelOutBoxErrorEx', 'ParcelOutBoxInProcess',
        'ParcelOutBoxInProcessEx', 'ParcelInBox', 'ParcelInBoxEx', 'ParcelInBoxExShort', 'ParcelInfo', 'ParcelDownloadNoUpdate',
        'ParcelDownloadNoUpdateA',
      ].sort(),
    );
  });

  it.each(SOAP_ONLY)('answers NotAvailableOnBackend for %s without a request', async (op) => {
    const { backend, requests } = portAnswering(() => true);
    await notAvailable(backend.invoke(op, {} as FacadeParams<typeof op>), op);
    expect(requests).toHaveLength(0);
  });
});

/** A REST parcel whose every value is distinct (created and modified too), so a swapped field shows. */
const REST_PARCEL = {
  parcelId: 987654321,
  mailboxId: 1001,
  networkId: 42,
  fileName: 'invoice_batch_20260507.edi',
  bytes: 14872,
  status: 'InBoxReady',
  ecGridIdFrom: 112233,
  ecGridIdTo: 445566,
  created: '2026-05-07T08:00:00Z',
  modified: '2026-05-07T08:05:00Z',
};

/** The SOAP record of REST_PARCEL with neither side set: every field REST gives, .NET defaults for the rest. */
const SOAP_PARCEL: ParcelIDInfo = {
  ParcelBytes: 14872,
  ParcelDate: new Date('2026-05-07T08:00:00Z'),
  ActualBytes: 0,
  NetworkIDFrom: 0,
  MailboxIDFrom: 0,
  NetworkIDTo: 0,
  MailboxIDTo: 0,
  FileName: 'invoice_batch_20260507.edi',
  ArchiveDate: DOTNET_MIN_DATE,
  StatusDate: new Date('2026-05-07T08:05:00Z'),
  StatusCode: 'InBoxReady',
  LocalStatus: 0,
  LocalStatusDate: DOTNET_MIN_DATE,
  Valid: 'Pending',
  Direction: 'NoDir',
  ParcelID: 987654321,
};

const inbound = (status = 'InBoxReady'): ParcelIDInfo => ({ ...SOAP_PARCEL, StatusCode: status, NetworkIDTo: 42, MailboxIDTo: 1001, Direction: 'InBox' });
const outbound = (status: string): ParcelIDInfo => ({ ...SOAP_PARCEL, StatusCode: status, NetworkIDFrom: 42, MailboxIDFrom: 1001, Direction: 'OutBox' });

describe('ParcelInfo', () => {
  it('maps every ParcelIDInfo field of get-parcel.md; an inbox status puts mailboxId/networkId on the receiving side', async () => {
    const { backend, requests } = portAnswering(() => REST_PARCEL);
    expect(await backend.invoke('ParcelInfo', { ParcelID: 987654321 })).toEqual(inbound());
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.get', method: 'GET', pathParams: { id: 987654321 }, idempotent: true });
    expect(MAPPINGS.ParcelInfo.rest?.lossy).toEqual(
      expect.arrayContaining(['ActualBytes', 'NetworkNameFrom', 'MailboxNameTo', 'MailbagControlID', 'ArchiveDate', 'StatusMessage', 'LocalStatus', 'Valid', 'Interchanges', 'Log']),
    );
    expect(MAPPINGS.ParcelInfo.rest?.lossy).not.toContain('StatusDate');
  });

  it.each<[string, (status: string) => ParcelIDInfo]>([
    ['InBoxTransferred', inbound],
    ['as2Receive', inbound],
    ['ftpReceived', inbound],
    ['outboxDeliveryError', outbound],
    ['outboxAcknowledged', outbound],
    ['as2Sent', outbound],
    ['ftpSent', outbound],
    ['Cancelled', (status) => ({ ...SOAP_PARCEL, StatusCode: status })],
    ['as2MDNSent', (status) => ({ ...SOAP_PARCEL, StatusCode: status })],
  ])('reads the side of a parcel in status %s from appendix/parcel-status-codes.md', async (status, expected) => {
    const { backend } = portAnswering(() => ({ ...REST_PARCEL, status }));
    expect(await backend.invoke('ParcelInfo', { ParcelID: 987654321 })).toEqual(expected(status));
  });

  it('accepts a parcel ID written as a string of digits', async () => {
    const { backend } = portAnswering(() => ({ ...REST_PARCEL, parcelId: '987654321' }));
    expect((await backend.invoke('ParcelInfo', { ParcelID: 987654321 }))?.ParcelID).toBe(987654321);
  });

  it('refuses an xs:long parcel ID beyond 2^53 with a MappingError rather than rounding it', async () => {
    const { backend } = portAnswering(() => ({ ...REST_PARCEL, parcelId: '9007199254740993' }));
    const err = await backend.invoke('ParcelInfo', { ParcelID: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toContain('9007199254740993');
  });
});

describe('the current inbox', () => {
  it('lists every InBoxReady parcel (ParcelInBox), reading every page, with every field on the receiving side', async () => {
    const second = { ...REST_PARCEL, parcelId: 987654322, mailboxId: 1002, networkId: 43 };
    const { backend, requests } = portAnswering(onePage([REST_PARCEL, second]));
    const box = await backend.invoke('ParcelInBox', {});
    expect(box).toEqual({
      PageSize: 2,
      PageNumber: 1,
      Count: 2,
      TotalRecords: 2,
      TotalPages: 1,
      ParcelIDInfoList: [inbound(), { ...inbound(), ParcelID: 987654322, MailboxIDTo: 1002, NetworkIDTo: 43 }],
    });
    expect(requests.map((r) => r.endpoint)).toEqual(['parcels.inboxList', 'parcels.inboxList']);
    expect(requests[0]).toMatchObject({ method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ status: 'InBoxReady', pageNo: 1, recordsPerPage: 500 });
    expect(bodyOf(requests[1])).toMatchObject({ pageNo: 2 });
  });

  it('takes the mailboxId and networkId an inbox listing gives as the receiver whatever the status says', async () => {
    const { backend } = portAnswering(onePage([{ ...REST_PARCEL, status: 'outboxSent' }]));
    expect((await backend.invoke('ParcelInBox', {}))?.ParcelIDInfoList?.[0]).toEqual(inbound('outboxSent'));
  });

  it('sends the ParcelInBoxEx filters, leaving 0 (any) and the network out', async () => {
    const { backend, requests } = portAnswering(onePage([]));
    await backend.invoke('ParcelInBoxEx', { NetworkID: 42, MailboxID: 1001, ECGridIDFrom: 112233, ECGridIDTo: 445566 });
    await backend.invoke('ParcelInBoxEx', { NetworkID: 42, MailboxID: 0, ECGridIDFrom: 0, ECGridIDTo: 445566 });
    expect(bodyOf(requests[0])).toEqual({ mailboxId: 1001, ecGridIdFrom: 112233, ecGridIdTo: 445566, status: 'InBoxReady', pageNo: 1, recordsPerPage: 500 });
    expect(bodyOf(requests[1])).toEqual({ ecGridIdTo: 445566, status: 'InBoxReady', pageNo: 1, recordsPerPage: 500 });
    expect(MAPPINGS.ParcelInBoxEx.rest?.unsupportedParams).toHaveProperty('NetworkID');
  });

  it('sends the ParcelInBoxExShort status instead of InBoxReady, and refuses a status REST does not document', async () => {
    const { backend, requests } = portAnswering(onePage([{ ...REST_PARCEL, status: 'InBoxTransferred' }]));
    const params: FacadeParams<'ParcelInBoxExShort'> = { NetworkID: 0, MailboxID: 1001, ECGridIDFrom: 0, ECGridIDTo: 0, Status: 'InBoxTransferred' };
    const box = await backend.invoke('ParcelInBoxExShort', params);
    expect(box?.ParcelIDInfoList).toEqual([inbound('InBoxTransferred')]);
    expect(bodyOf(requests[0])).toEqual({ mailboxId: 1001, status: 'InBoxTransferred', pageNo: 1, recordsPerPage: 500 });
    await notAvailable(backend.invoke('ParcelInBoxExShort', { ...params, Status: 'as2MDNSent' }), 'ParcelInBoxExShort');
    expect(requests).toHaveLength(2);
    expect(MAPPINGS.ParcelInBoxExShort.rest?.unsupportedParams).toHaveProperty('Status');
  });

  it('refuses a listing with an xs:long parcel ID beyond 2^53 with a MappingError', async () => {
    const { backend } = portAnswering(onePage([REST_PARCEL, { ...REST_PARCEL, parcelId: '9007199254740993' }]));
    const err = await backend.invoke('ParcelInBox', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toContain('9007199254740993');
  });
});

const ARCHIVE: FacadeParams<'ParcelInBoxArchiveEx'> = {
  NetworkID: 42,
  MailboxID: 1001,
  BeginDate: new Date('2026-05-01T00:00:00Z'),
  EndDate: new Date('2026-05-07T23:59:59Z'),
  ECGridIDFrom: 112233,
  ECGridIDTo: 0,
  MailbagControlID: '',
  PageNo: 2,
  RecordsPerPage: 10,
};

const ARCHIVE_BODY = {
  mailboxId: 1001,
  ecGridIdFrom: 112233,
  beginDate: '2026-05-01T00:00:00.000Z',
  endDate: '2026-05-07T23:59:59.000Z',
  pageNo: 2,
  recordsPerPage: 10,
};

describe('archives', () => {
  it('sends the date range and the caller page once (ParcelInBoxArchive), with no status and no mailbox', async () => {
    const { backend, requests } = portAnswering(() => [REST_PARCEL]);
    const { NetworkID: _n, MailboxID: _m, ...params } = ARCHIVE;
    const page = await backend.invoke('ParcelInBoxArchive', params);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.inboxList', idempotent: true });
    const { mailboxId: _, ...body } = ARCHIVE_BODY;
    expect(bodyOf(requests[0])).toEqual(body);
    expect(page).toEqual({ PageSize: 10, PageNumber: 2, Count: 1, TotalRecords: 1, TotalPages: 1, ParcelIDInfoList: [inbound()] });
  });

  it('leaves REST its default page for a page number and size of 0', async () => {
    const { backend, requests } = portAnswering(() => []);
    await backend.invoke('ParcelOutBoxArchiveEx', { ...ARCHIVE, PageNo: 0, RecordsPerPage: 0 });
    expect(bodyOf(requests[0])).toEqual({ ...ARCHIVE_BODY, pageNo: 1, recordsPerPage: undefined });
  });

  it.each<FacadeOperation>(['ParcelInBoxArchiveEx', 'ParcelInBoxArchiveExShort', 'ParcelInBoxArchiveDescEx'])('sends the mailbox of %s', async (op) => {
    const { backend, requests } = portAnswering(() => [REST_PARCEL]);
    const page = await backend.invoke(op, ARCHIVE as FacadeParams<typeof op>);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.inboxList' });
    expect(bodyOf(requests[0])).toEqual(ARCHIVE_BODY);
    expect(page).toMatchObject({ PageNumber: 2, PageSize: 10, ParcelIDInfoList: [inbound()] });
  });

  it.each<FacadeOperation>(['ParcelOutBoxArchive', 'ParcelOutBoxArchiveEx', 'ParcelOutBoxArchiveExShort', 'ParcelOutBoxArchiveDescEx'])(
    'lists %s on outbox-list.md with every field on the sending side',
    async (op) => {
      const { backend, requests } = portAnswering(() => [{ ...REST_PARCEL, status: 'OutBoxDelivered' }]);
      const page = await backend.invoke(op, ARCHIVE as FacadeParams<typeof op>);
      expect(requests[0]).toMatchObject({ endpoint: 'parcels.outboxList', method: 'POST', idempotent: true });
      expect(page).toEqual({ PageSize: 10, PageNumber: 2, Count: 1, TotalRecords: 1, TotalPages: 1, ParcelIDInfoList: [outbound('OutBoxDelivered')] });
    },
  );

  it.each<FacadeOperation>([
    'ParcelInBoxArchive', 'ParcelInBoxArchiveEx', 'ParcelInBoxArchiveExShort', 'ParcelInBoxArchiveDescEx',
    'ParcelOutBoxArchive', 'ParcelOutBoxArchiveEx', 'ParcelOutBoxArchiveExShort', 'ParcelOutBoxArchiveDescEx',
  ])('refuses a MailbagControlID filter for %s', async (op) => {
    const { backend, requests } = portAnswering(() => []);
    await notAvailable(backend.invoke(op, { ...ARCHIVE, MailbagControlID: 'ACME-2026050701' } as FacadeParams<typeof op>), op);
    expect(requests).toHaveLength(0);
    expect(MAPPINGS[op].rest?.unsupportedParams).toHaveProperty('MailbagControlID');
  });

  it('orders the DescEx page newest first, by ParcelDate then ParcelID, and lets parity compare that order', async () => {
    const parcel = (parcelId: number, created: string) => ({ ...REST_PARCEL, parcelId, created });
    const rest = [parcel(1, '2026-05-02T00:00:00Z'), parcel(3, '2026-05-05T00:00:00Z'), parcel(2, '2026-05-05T00:00:00Z'), parcel(4, '2026-05-01T00:00:00Z')];
    const { backend } = portAnswering(() => rest);
    for (const op of ['ParcelInBoxArchiveDescEx', 'ParcelOutBoxArchiveDescEx'] as const) {
      const page = await backend.invoke(op, ARCHIVE);
      expect(page?.ParcelIDInfoList?.map((p) => p.ParcelID)).toEqual([3, 2, 1, 4]);
      expect(MAPPINGS[op].orderBy).toBeUndefined();
      expect(MAPPINGS[op].assumes).toMatch(/newest first/);
    }
    expect(MAPPINGS.ParcelInBoxArchiveEx.orderBy).toBe('ParcelIDInfoList[].ParcelID');
  });
});

describe('mailbag control IDs, notes and manifests', () => {
  it('sets a mailbag control ID and refuses an empty one, which REST requires', async () => {
    const { backend, requests } = portAnswering(() => true);
    await expect(backend.invoke('ParcelSetMailbagControlID', { ParcelID: 987654321, MailbagControlID: 'ACME-2026050701' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.setMailbagControlId', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ parcelId: 987654321, mailbagControlId: 'ACME-2026050701' });
    await notAvailable(backend.invoke('ParcelSetMailbagControlID', { ParcelID: 987654321, MailbagControlID: '' }), 'ParcelSetMailbagControlID');
    expect(requests).toHaveLength(1);
  });

  it('finds parcels by mailbag control ID, each with that ID and its side read from the status', async () => {
    const { backend, requests } = portAnswering(() => [{ ...REST_PARCEL, status: 'InBoxTransferred' }, { ...REST_PARCEL, parcelId: 5, status: 'ftpSent' }]);
    const found = await backend.invoke('ParcelFindMailbagControlID', { NetworkID: 42, MailboxID: 1001, MailbagControlID: 'ACME-2026050701' });
    expect(found).toEqual([
      { ...inbound('InBoxTransferred'), MailbagControlID: 'ACME-2026050701' },
      { ...outbound('ftpSent'), ParcelID: 5, MailbagControlID: 'ACME-2026050701' },
    ]);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.findMailbagControlId', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ mailboxId: 1001, mailbagControlId: 'ACME-2026050701' });
    await backend.invoke('ParcelFindMailbagControlID', { NetworkID: 0, MailboxID: 0, MailbagControlID: 'X' });
    expect(bodyOf(requests[1])).toEqual({ mailbagControlId: 'X' });
    await notAvailable(backend.invoke('ParcelFindMailbagControlID', { NetworkID: 0, MailboxID: 0, MailbagControlID: '' }), 'ParcelFindMailbagControlID');
    expect(requests).toHaveLength(2);
  });

  it('declares both sides of a found parcel lossy: the REST record gives only one (find-mailbag-control-id.md)', () => {
    expect(MAPPINGS.ParcelFindMailbagControlID.rest?.lossy).toEqual(
      expect.arrayContaining(['[].NetworkIDFrom', '[].MailboxIDFrom', '[].NetworkIDTo', '[].MailboxIDTo']),
    );
  });

  it('adds an acknowledgment note; a subject or an empty note has no REST form', async () => {
    const { backend, requests } = portAnswering(() => true);
    await expect(backend.invoke('ParcelAcknowledgmentNote', { ParcelID: 987654321, Subject: '', Note: 'Processed.' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.acknowledgmentNote', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ parcelId: 987654321, note: 'Processed.' });
    await notAvailable(backend.invoke('ParcelAcknowledgmentNote', { ParcelID: 1, Subject: 'AP', Note: 'Processed.' }), 'ParcelAcknowledgmentNote');
    await notAvailable(backend.invoke('ParcelAcknowledgmentNote', { ParcelID: 1, Subject: '', Note: '' }), 'ParcelAcknowledgmentNote');
    expect(requests).toHaveLength(1);
  });

  it('maps every ManifestInfo field get-manifest.md gives; the parcel is the one asked for', async () => {
    const { backend, requests } = portAnswering(() => [
      { interchangeId: 555001, sender: '112233', receiver: '445566', documentType: '810', count: 3 },
      { interchangeId: 555002, sender: '112233', receiver: '445566', documentType: '850', count: 7 },
    ]);
    const base = { ManifestDate: DOTNET_MIN_DATE, NetworkID: 0, Type: 'System', ParcelID: 987654321 };
    expect(await backend.invoke('ParcelManifest', { ParcelID: 987654321 })).toEqual([
      { ...base, InterchangeID: 555001 },
      { ...base, InterchangeID: 555002 },
    ]);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.getManifest', method: 'GET', pathParams: { id: 987654321 } });
    expect(MAPPINGS.ParcelManifest.rest?.lossy).toEqual(['[].ManifestDate', '[].NetworkID', '[].NetworkName', '[].Type', '[].StatusCode', '[].StatusMessage', '[].StatusColor']);
  });
});

describe('status changes', () => {
  it('updates a status and answers true; TransLogOnly and WSDL-only states have no REST form', async () => {
    const { backend, requests } = portAnswering(() => ({ ...REST_PARCEL, status: 'InBoxTransferred' }));
    await expect(backend.invoke('ParcelUpdateStatus', { ParcelID: 987654321, Status: 'InBoxTransferred', TransLogOnly: false })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.update', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ parcelId: 987654321, status: 'InBoxTransferred' });
    await notAvailable(backend.invoke('ParcelUpdateStatus', { ParcelID: 1, Status: 'InBoxReady', TransLogOnly: true }), 'ParcelUpdateStatus');
    await notAvailable(backend.invoke('ParcelUpdateStatus', { ParcelID: 1, Status: 'oftpAborted', TransLogOnly: false }), 'ParcelUpdateStatus');
    expect(requests).toHaveLength(1);
  });

  it('confirms a download and resets one to the inbox', async () => {
    const { backend, requests } = portAnswering(() => true);
    await expect(backend.invoke('ParcelDownloadConfirm', { ParcelID: 987654321 })).resolves.toBe(true);
    await expect(backend.invoke('ParcelDownloadReset', { ParcelID: 987654322 })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.confirmDownload', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ parcelId: 987654321 });
    expect(requests[1]).toMatchObject({ endpoint: 'parcels.resetToInbox', pathParams: { id: 987654322 }, idempotent: false });
  });
});

const CONTENT = Buffer.from('ISA*00*          *00*          *ZZ*SENDER~');
const REST_FILE = { parcelId: 987654321, fileName: 'invoice_batch_20260507.edi', content: CONTENT.toString('base64'), bytes: 14872 };
const SOAP_FILE = {
  ParcelID: 987654321,
  FileName: 'invoice_batch_20260507.edi',
  FileDate: DOTNET_MIN_DATE,
  Bytes: 14872,
  Standard: 'X12',
  routerArchive: false,
};

describe('downloads', () => {
  it('maps every FileInfo field of download-parcel.md, the content as bytes (ParcelDownload)', async () => {
    const { backend, requests } = portAnswering(() => REST_FILE);
    expect(await backend.invoke('ParcelDownload', { ParcelID: 987654321 })).toEqual({ ...SOAP_FILE, Content: CONTENT });
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.download', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ parcelId: 987654321 });
    expect(MAPPINGS.ParcelDownload.rest?.lossy).toEqual(['FileDate', 'Standard', 'ContentBase64String', 'routerArchive']);
  });

  it('gives the content as a base64 string in ContentBase64String (ParcelDownloadA), in WSDL order', async () => {
    const { backend, requests } = portAnswering(() => REST_FILE);
    const file = await backend.invoke('ParcelDownloadA', { ParcelID: 987654321 });
    expect(file).toEqual({ ...SOAP_FILE, ContentBase64String: CONTENT.toString('base64') });
    expect(file?.Content).toBeUndefined();
    expect(Object.keys(file ?? {})).toEqual(['ParcelID', 'FileName', 'FileDate', 'Bytes', 'Standard', 'ContentBase64String', 'routerArchive']);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.download', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ parcelId: 987654321 });
    expect(MAPPINGS.ParcelDownloadA.rest?.lossy).toEqual(['FileDate', 'Standard', 'routerArchive', 'Content']);
  });

  it('refuses download content that is not base64 with a MappingError', async () => {
    const { backend } = portAnswering(() => ({ ...REST_FILE, content: 'not*base64' }));
    await expect(backend.invoke('ParcelDownloadA', { ParcelID: 1 })).rejects.toBeInstanceOf(MappingError);
  });
});

describe('uploads', () => {
  const base64 = CONTENT.toString('base64');
  const upload = { fileName: 'po_batch_20260507.edi', content: base64, bytes: CONTENT.length };

  it('sends the content as base64 with its size (ParcelUpload) and answers the new parcel ID', async () => {
    const { backend, requests } = portAnswering(() => 987654322);
    await expect(backend.invoke('ParcelUpload', { FileName: 'po_batch_20260507.edi', Bytes: CONTENT.length, Content: CONTENT })).resolves.toBe(987654322);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.upload', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual(upload);
  });

  it('takes the A forms content as a base64 string, its size counted from the bytes it stands for', async () => {
    const { backend, requests } = portAnswering(() => 987654322);
    await expect(backend.invoke('ParcelUploadA', { FileName: 'po_batch_20260507.edi', ContentBase64: base64 })).resolves.toBe(987654322);
    await backend.invoke('ParcelUploadExA', { NetworkID: 42, MailboxID: 1001, FileName: 'po_batch_20260507.edi', ContentBase64: base64 });
    await backend.invoke('ParcelUploadMftA', { FileName: 'po_batch_20260507.edi', ContentBase64: base64, ECGridIDFrom: 112233, ECGridIDTo: 445566 });
    expect(bodyOf(requests[0])).toEqual(upload);
    expect(bodyOf(requests[1])).toEqual({ ...upload, mailboxId: 1001 });
    expect(bodyOf(requests[2])).toEqual({ ...upload, ecGridIdFrom: 112233, ecGridIdTo: 445566 });
    for (const r of requests) expect(r).toMatchObject({ endpoint: 'parcels.upload', idempotent: false });
  });

  it('sends the mailbox of ParcelUploadEx (0: the default mailbox) and never the network', async () => {
    const { backend, requests } = portAnswering(() => 1);
    await backend.invoke('ParcelUploadEx', { NetworkID: 42, MailboxID: 1001, FileName: 'po_batch_20260507.edi', Bytes: CONTENT.length, Content: CONTENT });
    await backend.invoke('ParcelUploadEx', { NetworkID: 42, MailboxID: 0, FileName: 'po_batch_20260507.edi', Bytes: CONTENT.length, Content: CONTENT });
    expect(bodyOf(requests[0])).toEqual({ ...upload, mailboxId: 1001 });
    expect(bodyOf(requests[1])).toEqual(upload);
    expect(MAPPINGS.ParcelUploadExA.rest?.unsupportedParams).toHaveProperty('NetworkID');
  });

  it('sends the explicit sender and receiver of ParcelUploadMft as ecGridIdFrom/ecGridIdTo', async () => {
    const { backend, requests } = portAnswering(() => 1);
    await backend.invoke('ParcelUploadMft', { FileName: 'po_batch_20260507.edi', Bytes: CONTENT.length, Content: CONTENT, ECGridIDFrom: 112233, ECGridIDTo: 445566 });
    expect(bodyOf(requests[0])).toEqual({ ...upload, ecGridIdFrom: 112233, ecGridIdTo: 445566 });
  });

  it('refuses an A form content that is not base64 as an invalid parameter, sending nothing', async () => {
    const { backend, requests } = portAnswering(() => 1);
    for (const text of ['not*base64', 'QUJD=x', 'QUJDR']) {
      const err = await backend.invoke('ParcelUploadA', { FileName: 'a.edi', ContentBase64: text }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FacadeError);
      expect(err).toMatchObject({ code: 'InvalidParameter', operation: 'ParcelUploadA', backend: 'rest' });
    }
    expect(requests).toHaveLength(0);
  });

  it('refuses a new parcel ID beyond the xs:int the WSDL answers with a MappingError', async () => {
    const { backend } = portAnswering(() => 2_147_483_648);
    await expect(backend.invoke('ParcelUploadA', { FileName: 'a.edi', ContentBase64: base64 })).rejects.toBeInstanceOf(MappingError);
    await expect(backend.invoke('ParcelTest', { ECGridIDFrom: 1, ECGridIDTo: 2, DocumentType: 'X12' })).rejects.toBeInstanceOf(MappingError);
    const { backend: atMost } = portAnswering(() => 2_147_483_647);
    await expect(atMost.invoke('ParcelUploadMftA', { FileName: 'a.edi', ContentBase64: base64, ECGridIDFrom: 1, ECGridIDTo: 2 })).resolves.toBe(2_147_483_647);
  });

  it('refuses an empty file name, which REST requires', async () => {
    const { backend, requests } = portAnswering(() => 1);
    await notAvailable(backend.invoke('ParcelUpload', { FileName: '', Bytes: 1, Content: CONTENT }), 'ParcelUpload');
    await notAvailable(backend.invoke('ParcelUploadA', { ContentBase64: base64 }), 'ParcelUploadA');
    expect(requests).toHaveLength(0);
  });
});

describe('test parcels', () => {
  it('sends an X12 test parcel between two ECGrid IDs; another standard has no REST form', async () => {
    const { backend, requests } = portAnswering(() => 987654399);
    await expect(backend.invoke('ParcelTest', { ECGridIDFrom: 112233, ECGridIDTo: 445566, DocumentType: 'X12' })).resolves.toBe(987654399);
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.sendTestFile', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ ecGridIdFrom: 112233, ecGridIdTo: 445566 });
    await notAvailable(backend.invoke('ParcelTest', { ECGridIDFrom: 112233, ECGridIDTo: 445566, DocumentType: 'EDIFACT' }), 'ParcelTest');
    expect(requests).toHaveLength(1);
  });
});
