import { describe, expect, it } from 'vitest';
import type { CallBackEventIDInfo, CallBackQueueIDInfo, ECGridIDInfo, InterchangeIDInfo } from '@ecgrid-bridge/soap';
import {
  DOTNET_MIN_DATE,
  MAPPINGS,
  MappingError,
  NotAvailableOnBackendError,
  REST_EQUIVALENTS,
  type FacadeOperation,
  type FacadeParams,
  type RestPortRequest,
} from '../../src/index.js';
import { SAMPLE_ISA } from '../samples/interchanges-callbacks.js';
import { portAnswering } from '../support/port.js';

/** The body as it goes on the wire (JSON leaves undefined fields out). */
function bodyOf(req: RestPortRequest | undefined): Record<string, unknown> {
  const body = req?.body;
  if (typeof body !== 'object' || body === null) throw new Error('expected a JSON body');
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

async function notAvailable(p: Promise<unknown>, operation: FacadeOperation): Promise<void> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(NotAvailableOnBackendError);
  expect(err).toMatchObject({ code: 'NotAvailableOnBackend', operation, backend: 'rest' });
}

const GROUP: readonly FacadeOperation[] = [
  'InterchangeDate', 'CallBackPendingList', 'CallBackPendingListEx', 'CallBackPendingListExA', 'CallBackFailedList',
  'CallBackFailedListEx', 'InterchangeManifest', 'InterchangeInfo', 'InterchangeInBox', 'InterchangeInBoxArchive',
  'InterchangeInBoxEx', 'InterchangeInBoxArchiveEx', 'InterchangeOutBox', 'InterchangeOutBoxArchive', 'InterchangeOutBoxEx',
  'InterchangeOutBoxArchiveEx', 'InterchangeOutBoxArchiveExNoParcel', 'InterchangeOutBoxPending', 'InterchangeOutBoxPendingEx',
  'InterchangeInBoxPending', 'InterchangeInBoxPendingEx', 'InterchangeInBoxBlocked', 'InterchangeInBoxBlockedEx',
  'InterchangeOutBoxBlocked', 'InterchangeOutBoxBlockedEx', 'InterchangeHeaderInfo', 'InterchangeHeaderInfoB',
  'InterchangeOutBoxNoRoute', 'InterchangeOutBoxNoRouteEx', 'InterchangeResend', 'InterchangeCancel', 'CallBackEventInfo',
  'CallBackEventListEx', 'CallBackAddEx', 'CallBackEventSetStatus', 'CallBackQueueInfo', 'CallBackTest',
];

const SOAP_ONLY: readonly FacadeOperation[] = [
  'CallBackPendingList', 'CallBackPendingListEx', 'CallBackPendingListExA', 'CallBackFailedList', 'CallBackFailedListEx',
  'InterchangeManifest', 'InterchangeOutBoxPending', 'InterchangeOutBoxPendingEx', 'InterchangeInBoxPending',
  'InterchangeInBoxPendingEx', 'InterchangeInBoxBlocked', 'InterchangeInBoxBlockedEx', 'InterchangeOutBoxBlocked',
  'InterchangeOutBoxBlockedEx', 'InterchangeOutBoxNoRoute', 'InterchangeOutBoxNoRouteEx', 'CallBackEventInfo',
  'CallBackEventListEx', 'CallBackQueueInfo',
];

const WRITES: readonly FacadeOperation[] = ['InterchangeResend', 'InterchangeCancel', 'CallBackAddEx', 'CallBackEventSetStatus', 'CallBackTest'];

describe('the group', () => {
  it('decides all 37 operations, on the documented endpoint where there is a route', () => {
    expect(new Set(GROUP).size).toBe(37);
    for (const op of GROUP) {
      const entry = MAPPINGS[op];
      if (entry.rest) expect(entry.rest.endpoint, op).toBe(REST_EQUIVALENTS[op].endpoint);
      else expect(entry.noRestReason?.length, op).toBeGreaterThan(120);
    }
    expect(GROUP.filter((op) => MAPPINGS[op].rest === null)).toEqual(GROUP.filter((op) => SOAP_ONLY.includes(op)));
  });

  it('keeps on SOAP the operations the documentation names an endpoint for that cannot serve them, citing the pages', () => {
    expect(REST_EQUIVALENTS.InterchangeManifest.endpoint).toBe('interchanges.getManifest');
    expect(MAPPINGS.InterchangeManifest.noRestReason).toContain('get-manifest.md');
    expect(REST_EQUIVALENTS.CallBackPendingList.endpoint).toBe('callbacks.queueList');
    expect(MAPPINGS.CallBackPendingList.noRestReason).toContain('status=Pending');
    expect(MAPPINGS.CallBackFailedList.noRestReason).toContain('status=Failed');
    expect(MAPPINGS.CallBackEventInfo.noRestReason).toContain('callbackEventId');
    expect(MAPPINGS.CallBackQueueInfo.noRestReason).toContain('get-queue-by-id.md');
    expect(MAPPINGS.CallBackEventListEx.noRestReason).toContain('event-list.md');
    expect(MAPPINGS.CallBackPendingListExA.noRestReason).toContain('NetworkExclude');
    expect(MAPPINGS.InterchangeOutBoxNoRoute.noRestReason).toContain('Unroutable');
  });

  it('marks what changes state as a write and everything else as a read', () => {
    for (const op of GROUP) expect(MAPPINGS[op].kind, op).toBe(WRITES.includes(op) ? 'write' : 'read');
  });

  it.each(SOAP_ONLY)('answers NotAvailableOnBackend for %s without a request', async (op) => {
    const { backend, requests } = portAnswering(() => true);
    await notAvailable(backend.invoke(op, {} as FacadeParams<typeof op>), op);
    expect(requests).toHaveLength(0);
  });
});

// Interchanges.

/** A REST interchange whose every value is distinct, so a swapped field shows. */
const REST_INTERCHANGE = {
  interchangeId: 9870001,
  parcelId: 5550001,
  sender: 'ACME_CORP',
  receiver: 'BUYER_INC',
  standard: 'EDIFACT',
  documentType: '850',
  status: 'Active',
  created: '2026-05-01T10:30:00Z',
};

const tp = (fields: Partial<ECGridIDInfo>): ECGridIDInfo => ({
  ECGridID: 0,
  NetworkID: 0,
  MailboxID: 0,
  MailboxDefault: false,
  Status: 'Active',
  UseType: 'Undefined',
  ...fields,
});

/** REST_INTERCHANGE as SOAP: every field REST gives, .NET defaults for the required rest, the status left out. */
const SOAP_INTERCHANGE: InterchangeIDInfo = {
  InterchangeID: 9870001,
  InterchangeProcessDate: new Date('2026-05-01T10:30:00Z'),
  NetworkIDFrom: 0,
  MailboxIDFrom: 0,
  NetworkIDTo: 0,
  MailboxIDTo: 0,
  Standard: 'EDIFACT',
  Bytes: 0,
  InterchangeDateTime: DOTNET_MIN_DATE,
  ArchiveDate: DOTNET_MIN_DATE,
  StatusDate: DOTNET_MIN_DATE,
  DocumentType: '850',
  TPFrom: tp({ ID: 'ACME_CORP' }),
  TPTo: tp({ ID: 'BUYER_INC' }),
};

describe('InterchangeInfo', () => {
  it('maps every field get-interchange.md gives that a WSDL field holds', async () => {
    const { backend, requests } = portAnswering(() => REST_INTERCHANGE);
    expect(await backend.invoke('InterchangeInfo', { InterchangeID: 9870001 })).toEqual(SOAP_INTERCHANGE);
    expect(requests[0]).toMatchObject({ endpoint: 'interchanges.get', method: 'GET', pathParams: { id: 9870001 }, idempotent: true });
  });

  it('leaves StatusCode out (REST documents a Status, not an interchange state) and declares it lossy with Parcels', async () => {
    expect(MAPPINGS.InterchangeInfo.rest?.lossy).toEqual(
      expect.arrayContaining(['StatusCode', 'Parcels', 'Header', 'InterchangeControlID', 'Bytes', 'MailboxIDFrom', 'TPFrom.ECGridID', 'TPTo.Qualifier']),
    );
    expect(MAPPINGS.InterchangeInfo.rest?.lossy).not.toContain('TPFrom.ID');
    expect(MAPPINGS.InterchangeInfo.rest?.lossy).not.toContain('InterchangeProcessDate');
  });

  it('refuses a standard the WSDL does not have', async () => {
    const { backend } = portAnswering(() => ({ ...REST_INTERCHANGE, standard: 'HL7' }));
    await expect(backend.invoke('InterchangeInfo', { InterchangeID: 1 })).rejects.toBeInstanceOf(MappingError);
  });
});

const RANGE = {
  BeginDate: new Date('2026-05-01T00:00:00Z'),
  EndDate: new Date('2026-05-07T23:59:59Z'),
  ECGridIDFrom: 112233,
  ECGridIDTo: 0,
  InterchangeControlID: '',
};

const RANGE_BODY = { ecGridIdFrom: 112233, beginDate: '2026-05-01T00:00:00.000Z', endDate: '2026-05-07T23:59:59.000Z' };

const SECOND = { ...REST_INTERCHANGE, interchangeId: 9870002, sender: 'OTHER', receiver: 'THIRD' };
const SOAP_SECOND = { ...SOAP_INTERCHANGE, InterchangeID: 9870002, TPFrom: tp({ ID: 'OTHER' }), TPTo: tp({ ID: 'THIRD' }) };

/** A page wrapper of inbox-list.md holding one interchange per page, two in all. */
const twoPages = (req: RestPortRequest) => {
  const pageNo = bodyOf(req)['pageNo'];
  return { totalRecords: 2, pageNo, recordsPerPage: 500, interchanges: [pageNo === 1 ? REST_INTERCHANGE : SECOND] };
};

describe('the current interchange boxes', () => {
  it.each<[FacadeOperation, string]>([
    ['InterchangeInBox', 'interchanges.inboxList'],
    ['InterchangeOutBox', 'interchanges.outboxList'],
  ])('lists %s whole: every page of %s, with the date range and the ECGrid IDs other than 0', async (op, endpoint) => {
    const { backend, requests } = portAnswering(twoPages);
    expect(await backend.invoke(op, RANGE as FacadeParams<typeof op>)).toEqual([SOAP_INTERCHANGE, SOAP_SECOND]);
    expect(requests.map((r) => r.endpoint)).toEqual([endpoint, endpoint]);
    expect(requests[0]).toMatchObject({ method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ ...RANGE_BODY, pageNo: 1, recordsPerPage: 500 });
    expect(bodyOf(requests[1])).toEqual({ ...RANGE_BODY, pageNo: 2, recordsPerPage: 500 });
  });

  it.each<[FacadeOperation, string]>([
    ['InterchangeInBoxEx', 'interchanges.inboxList'],
    ['InterchangeOutBoxEx', 'interchanges.outboxList'],
  ])('sends the mailbox of %s and leaves the network out', async (op, endpoint) => {
    const { backend, requests } = portAnswering(twoPages);
    await backend.invoke(op, { ...RANGE, NetworkID: 42, MailboxID: 1001, ECGridIDTo: 445566 } as FacadeParams<typeof op>);
    expect(requests[0]?.endpoint).toBe(endpoint);
    expect(bodyOf(requests[0])).toEqual({ ...RANGE_BODY, mailboxId: 1001, ecGridIdTo: 445566, pageNo: 1, recordsPerPage: 500 });
    expect(MAPPINGS[op].rest?.unsupportedParams).toHaveProperty('NetworkID');
  });

  it.each<FacadeOperation>(['InterchangeInBox', 'InterchangeInBoxEx', 'InterchangeOutBox', 'InterchangeOutBoxEx'])(
    'refuses an InterchangeControlID filter for %s',
    async (op) => {
      const { backend, requests } = portAnswering(twoPages);
      await notAvailable(backend.invoke(op, { ...RANGE, NetworkID: 0, MailboxID: 0, InterchangeControlID: '000000001' } as FacadeParams<typeof op>), op);
      expect(requests).toHaveLength(0);
    },
  );
});

const ARCHIVE: FacadeParams<'InterchangeInBoxArchiveEx'> = { ...RANGE, NetworkID: 42, MailboxID: 1001, PageNo: 2, RecordsPerPage: 10 };
const ARCHIVE_BODY = { ...RANGE_BODY, mailboxId: 1001, pageNo: 2, recordsPerPage: 10 };
const onePageOf = (...items: unknown[]) => () => ({ totalRecords: 21, pageNo: 2, recordsPerPage: 100, interchanges: items });

describe('the archives', () => {
  it.each<[FacadeOperation, string]>([
    ['InterchangeInBoxArchive', 'interchanges.inboxList'],
    ['InterchangeOutBoxArchive', 'interchanges.outboxList'],
  ])('sends the caller page of %s once and answers a collection with the total REST reports', async (op, endpoint) => {
    const { backend, requests } = portAnswering(onePageOf(REST_INTERCHANGE, SECOND));
    const { NetworkID: _n, MailboxID: _m, ...params } = ARCHIVE;
    const page = await backend.invoke(op, params as FacadeParams<typeof op>);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ endpoint, method: 'POST', idempotent: true });
    const { mailboxId: _, ...body } = ARCHIVE_BODY;
    expect(bodyOf(requests[0])).toEqual(body);
    expect(page).toEqual({ PageSize: 10, PageNumber: 2, Count: 2, TotalRecords: 21, TotalPages: 3, InterchangeIDInfoList: [SOAP_INTERCHANGE, SOAP_SECOND] });
  });

  it.each<[FacadeOperation, string]>([
    ['InterchangeInBoxArchiveEx', 'interchanges.inboxList'],
    ['InterchangeOutBoxArchiveEx', 'interchanges.outboxList'],
    ['InterchangeOutBoxArchiveExNoParcel', 'interchanges.outboxList'],
  ])('sends the mailbox of %s and leaves the network out', async (op, endpoint) => {
    const { backend, requests } = portAnswering(onePageOf(REST_INTERCHANGE));
    const page = await backend.invoke(op, ARCHIVE as FacadeParams<typeof op>);
    expect(requests[0]?.endpoint).toBe(endpoint);
    expect(bodyOf(requests[0])).toEqual(ARCHIVE_BODY);
    expect(page).toEqual({ PageSize: 10, PageNumber: 2, Count: 1, TotalRecords: 21, TotalPages: 3, InterchangeIDInfoList: [SOAP_INTERCHANGE] });
    expect(MAPPINGS[op].rest?.unsupportedParams).toHaveProperty('NetworkID');
    expect(MAPPINGS[op].rest?.lossy).toEqual(expect.arrayContaining(['PageSize', 'InterchangeIDInfoList[].StatusCode']));
    expect(MAPPINGS[op].rest?.lossy).not.toContain('TotalRecords');
  });

  it('leaves REST its default page for a page number and size of 0, and reads the size it used from the answer', async () => {
    const { backend, requests } = portAnswering(onePageOf(REST_INTERCHANGE));
    const page = await backend.invoke('InterchangeOutBoxArchiveEx', { ...ARCHIVE, PageNo: 0, RecordsPerPage: 0 });
    expect(bodyOf(requests[0])).toEqual({ ...ARCHIVE_BODY, pageNo: 1, recordsPerPage: undefined });
    expect(page).toMatchObject({ PageSize: 100, PageNumber: 1, TotalRecords: 21, TotalPages: 1 });
  });

  it.each<FacadeOperation>(['InterchangeInBoxArchive', 'InterchangeInBoxArchiveEx', 'InterchangeOutBoxArchive', 'InterchangeOutBoxArchiveEx', 'InterchangeOutBoxArchiveExNoParcel'])(
    'refuses a control ID filter and pages over 500 records for %s',
    async (op) => {
      const { backend, requests } = portAnswering(onePageOf());
      await notAvailable(backend.invoke(op, { ...ARCHIVE, InterchangeControlID: '000000001' } as FacadeParams<typeof op>), op);
      await notAvailable(backend.invoke(op, { ...ARCHIVE, RecordsPerPage: 501 } as FacadeParams<typeof op>), op);
      await backend.invoke(op, { ...ARCHIVE, RecordsPerPage: 500 } as FacadeParams<typeof op>);
      expect(requests).toHaveLength(1);
    },
  );
});

describe('envelope headers', () => {
  it('reads the date of an ISA header (InterchangeDate)', async () => {
    const { backend, requests } = portAnswering(() => '2026-05-01T10:30:00Z');
    expect(await backend.invoke('InterchangeDate', { InterchangeHeader: SAMPLE_ISA })).toEqual(new Date('2026-05-01T10:30:00Z'));
    expect(requests[0]).toMatchObject({ endpoint: 'interchanges.getDate', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ interchangeHeader: SAMPLE_ISA });
  });

  it.each<FacadeOperation>(['InterchangeDate', 'InterchangeHeaderInfo'])('refuses an EDIFACT UNB or empty header for %s', async (op) => {
    const { backend, requests } = portAnswering(() => '2026-05-01T10:30:00Z');
    await notAvailable(backend.invoke(op, { InterchangeHeader: "UNB+UNOA:2+SENDER:ZZ+RECEIVER:ZZ+260501:1030+1'" }), op);
    await notAvailable(backend.invoke(op, { InterchangeHeader: '' }), op);
    await notAvailable(backend.invoke(op, {}), op);
    expect(requests).toHaveLength(0);
  });

  /** get-header.md's answer with every value distinct. */
  const REST_HEADER = {
    authorizationInfoQualifier: '00',
    authorizationInfo: '          ',
    securityInfoQualifier: '01',
    securityInfo: '          ',
    senderIdQualifier: 'ZZ',
    senderId: 'ACMECORP       ',
    receiverIdQualifier: '12',
    receiverId: 'BUYERINC       ',
    interchangeDate: '260501',
    interchangeTime: '1030',
    repetitionSeparator: '^',
    controlVersionNumber: '00501',
    controlNumber: '000000001',
    acknowledgmentRequested: '0',
    usageIndicator: 'P',
    componentElementSeparator: '>',
  };

  const SOAP_HEADER: InterchangeIDInfo = {
    InterchangeID: 0,
    InterchangeProcessDate: DOTNET_MIN_DATE,
    NetworkIDFrom: 0,
    MailboxIDFrom: 0,
    NetworkIDTo: 0,
    MailboxIDTo: 0,
    Standard: 'X12',
    Bytes: 0,
    InterchangeControlID: '000000001',
    InterchangeDateTime: new Date('2026-05-01T10:30:00Z'),
    ArchiveDate: DOTNET_MIN_DATE,
    StatusDate: DOTNET_MIN_DATE,
    Header: SAMPLE_ISA,
    TPFrom: tp({ Qualifier: 'ZZ', ID: 'ACMECORP       ' }),
    TPTo: tp({ Qualifier: '12', ID: 'BUYERINC       ' }),
  };

  it('maps every parsed ISA field a WSDL field holds (InterchangeHeaderInfo)', async () => {
    const { backend, requests } = portAnswering(() => REST_HEADER);
    expect(await backend.invoke('InterchangeHeaderInfo', { InterchangeHeader: SAMPLE_ISA })).toEqual(SOAP_HEADER);
    expect(requests[0]).toMatchObject({ endpoint: 'interchanges.getHeader', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ interchangeHeader: SAMPLE_ISA });
    expect(MAPPINGS.InterchangeHeaderInfo.rest?.lossy).toEqual(expect.arrayContaining(['InterchangeID', 'StatusCode', 'DocumentType', 'TPFrom.ECGridID']));
  });

  it('sends the header bytes of InterchangeHeaderInfoB as text and echoes that text', async () => {
    const { backend, requests } = portAnswering(() => REST_HEADER);
    expect(await backend.invoke('InterchangeHeaderInfoB', { InterchangeHeader: Buffer.from(SAMPLE_ISA, 'ascii') })).toEqual(SOAP_HEADER);
    expect(requests[0]).toMatchObject({ endpoint: 'interchanges.getHeader' });
    expect(bodyOf(requests[0])).toEqual({ interchangeHeader: SAMPLE_ISA });
  });

  it('refuses header bytes that are not ASCII, or not an ISA segment (InterchangeHeaderInfoB)', async () => {
    const { backend, requests } = portAnswering(() => REST_HEADER);
    await notAvailable(backend.invoke('InterchangeHeaderInfoB', { InterchangeHeader: Buffer.from(`${SAMPLE_ISA}é`, 'utf8') }), 'InterchangeHeaderInfoB');
    await notAvailable(backend.invoke('InterchangeHeaderInfoB', { InterchangeHeader: Buffer.from('UNB+UNOA:2', 'ascii') }), 'InterchangeHeaderInfoB');
    expect(requests).toHaveLength(0);
  });

  it('refuses an ISA date that is no calendar date rather than rolling it over', async () => {
    const { backend } = portAnswering(() => ({ ...REST_HEADER, interchangeDate: '260230' }));
    await expect(backend.invoke('InterchangeHeaderInfo', { InterchangeHeader: SAMPLE_ISA })).rejects.toBeInstanceOf(MappingError);
  });
});

describe('resend and cancel', () => {
  it('resends on resend-interchange.md and answers the status of that interchange, of which REST gives the ID only', async () => {
    const { backend, requests } = portAnswering(() => true);
    const status = await backend.invoke('InterchangeResend', { InterchangeID: 9870001 });
    expect(requests[0]).toMatchObject({ endpoint: 'interchanges.resend', method: 'POST', pathParams: { id: 9870001 }, idempotent: false });
    expect(status).toEqual({
      Id: 9870001,
      InterchangeProcessDate: DOTNET_MIN_DATE,
      NetworkIDFrom: 0,
      MailboxIDFrom: 0,
      ECGridIDFrom: 0,
      NetworkIDTo: 0,
      MailboxIDTo: 0,
      ECGridIDTo: 0,
      RouterID: 0,
      Bytes: 0,
      StatusDate: DOTNET_MIN_DATE,
      standard: 'X12',
      ParcelIDInbox: 0,
    });
    expect(MAPPINGS.InterchangeResend.rest?.lossy).toEqual(expect.arrayContaining(['StatusCode', 'RouterID', 'standard', 'ParcelIDInbox']));
    expect(MAPPINGS.InterchangeResend.rest?.lossy).not.toContain('Id');
  });

  it('answers no status when REST does not accept the resend', async () => {
    const { backend } = portAnswering(() => false);
    expect(await backend.invoke('InterchangeResend', { InterchangeID: 9870001 })).toBeUndefined();
  });

  it.each([true, false])('cancels on cancel-interchange.md and answers its boolean (%s)', async (answer) => {
    const { backend, requests } = portAnswering(() => answer);
    expect(await backend.invoke('InterchangeCancel', { InterchangeID: 9870099 })).toBe(answer);
    expect(requests[0]).toMatchObject({ endpoint: 'interchanges.cancel', method: 'POST', pathParams: { id: 9870099 }, idempotent: false });
  });
});

// Callbacks.

const ADD: FacadeParams<'CallBackAddEx'> = {
  NetworkID: 42,
  MailboxID: 12345,
  UserID: 0,
  SystemObject: 'Interchange',
  ObjectStatus: 0,
  Direction: 'NoDir',
  Frequency: 0,
  MaxRetries: 0,
  URL: 'https://app.example.com/webhooks/ecgrid',
  HTTPAuthentication: 'Digest',
  HTTPUser: 'webhook_user',
  HTTPPassword: 's3cr3t!',
  Status: 'Active',
};

/** create-callback.md's answer with every value distinct. */
const REST_CALLBACK = {
  callbackId: 7001,
  url: 'https://app.example.com/webhooks/ecgrid',
  event: 'Interchange',
  mailboxId: 12345,
  networkId: 42,
  httpAuthType: 'Digest',
  status: 'Active',
};

describe('CallBackAddEx', () => {
  it('creates the callback with every field create-callback.md takes, and maps every field of its answer', async () => {
    const { backend, requests } = portAnswering(() => REST_CALLBACK);
    const created = await backend.invoke('CallBackAddEx', ADD);
    expect(requests[0]).toMatchObject({ endpoint: 'callbacks.create', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({
      url: 'https://app.example.com/webhooks/ecgrid',
      event: 'Interchange',
      mailboxId: 12345,
      networkId: 42,
      httpAuthType: 'Digest',
      username: 'webhook_user',
      password: 's3cr3t!',
    });
    const expected: CallBackEventIDInfo = {
      CallBackEventID: 7001,
      NetworkID: 42,
      MailboxID: 12345,
      UserID: 0,
      Created: DOTNET_MIN_DATE,
      Modified: DOTNET_MIN_DATE,
      SystemObject: 'Interchange',
      ObjectStatus: 0,
      Direction: 'NoDir',
      Frequency: 0,
      MaxCalls: 0,
      Status: 'Active',
      URL: 'https://app.example.com/webhooks/ecgrid',
      HTTPAuthentication: { Type: 'Digest', User: 'webhook_user' },
    };
    expect(created).toEqual(expected);
    expect(MAPPINGS.CallBackAddEx.rest?.lossy).toEqual(
      expect.arrayContaining(['UserID', 'Created', 'Modified', 'ObjectStatus', 'Direction', 'Frequency', 'MaxCalls', 'CallBackQueue', 'HTTPAuthentication.Password']),
    );
    expect(MAPPINGS.CallBackAddEx.rest?.lossy).not.toContain('HTTPAuthentication.User');
  });

  it('leaves out a mailbox and network of 0 (the wider scope) and empty credentials', async () => {
    const { backend, requests } = portAnswering(() => ({ ...REST_CALLBACK, mailboxId: 0, networkId: 0, httpAuthType: 'None' }));
    await backend.invoke('CallBackAddEx', { ...ADD, NetworkID: 0, MailboxID: 0, HTTPAuthentication: 'None', HTTPUser: '', HTTPPassword: '' });
    expect(bodyOf(requests[0])).toEqual({ url: ADD.URL, event: 'Interchange', httpAuthType: 'None' });
  });

  it.each<[string, Partial<FacadeParams<'CallBackAddEx'>>]>([
    ['UserID', { UserID: 3 }],
    ['ObjectStatus', { ObjectStatus: 10 }],
    ['Frequency', { Frequency: 5 }],
    ['MaxRetries', { MaxRetries: 3 }],
    ['Direction', { Direction: 'InBox' }],
    ['Status', { Status: 'Suspended' }],
    ['HTTPAuthentication', { HTTPAuthentication: 'Certificate' }],
    ['SystemObject', { SystemObject: 'ParcelNotes' }],
    ['URL', { URL: '' }],
  ])('refuses a %s REST cannot take', async (name, change) => {
    const { backend, requests } = portAnswering(() => REST_CALLBACK);
    await notAvailable(backend.invoke('CallBackAddEx', { ...ADD, ...change }), 'CallBackAddEx');
    expect(requests).toHaveLength(0);
    expect(MAPPINGS.CallBackAddEx.rest?.unsupportedParams).toHaveProperty(name);
  });
});

describe('CallBackEventSetStatus', () => {
  it.each(['Suspended', 'Terminated', 'Active'] as const)('sets the callback to %s on update-callback.md and answers true', async (status) => {
    const { backend, requests } = portAnswering(() => ({ ...REST_CALLBACK, status }));
    expect(await backend.invoke('CallBackEventSetStatus', { CallBackEventID: 7001, Status: status })).toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'callbacks.update', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ callbackId: 7001, status });
  });
});

describe('CallBackTest', () => {
  const REST_TEST = {
    callbackId: 7001,
    url: 'https://app.example.com/webhooks/ecgrid',
    httpStatus: 202,
    responseBody: 'accepted',
    testedAt: '2026-05-07T11:00:00Z',
  };

  it('tests the callback on test-callback.md and maps every field of its answer', async () => {
    const { backend, requests } = portAnswering(() => REST_TEST);
    const queued = await backend.invoke('CallBackTest', { CallBackEventID: 7001, ParcelID: 0, InterchangeID: 0, UserID: 0 });
    expect(requests[0]).toMatchObject({ endpoint: 'callbacks.test', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ callbackId: 7001 });
    const expected: CallBackQueueIDInfo = {
      CallBackQueueID: 0,
      Date: new Date('2026-05-07T11:00:00Z'),
      CallBackEvent: {
        CallBackEventID: 7001,
        NetworkID: 0,
        MailboxID: 0,
        UserID: 0,
        Created: DOTNET_MIN_DATE,
        Modified: DOTNET_MIN_DATE,
        SystemObject: 'System',
        ObjectStatus: 0,
        Direction: 'NoDir',
        Frequency: 0,
        MaxCalls: 0,
        Status: 'Development',
        URL: 'https://app.example.com/webhooks/ecgrid',
      },
      CallsRemaining: 0,
      NextCall: DOTNET_MIN_DATE,
      Status: 'Active',
      ObjectID: 0,
      UserID: 0,
      Test: true,
      CallBackLog: [{ CallBackLogID: 0, Date: new Date('2026-05-07T11:00:00Z'), CallNumber: 0, ReturnCode: 202, Message: 'accepted' }],
    };
    expect(queued).toEqual(expected);
    expect(MAPPINGS.CallBackTest.rest?.lossy).toEqual(
      expect.arrayContaining(['CallBackQueueID', 'Status', 'CallsRemaining', 'NextCall', 'ObjectID', 'CallBackLog[].CallBackLogID', 'CallBackLog[].CallNumber', 'CallBackEvent.Status']),
    );
    expect(MAPPINGS.CallBackTest.rest?.lossy).not.toContain('CallBackLog[].ReturnCode');
  });

  it.each(['ParcelID', 'InterchangeID', 'UserID'])('refuses a %s for the test payload, which REST does not take', async (name) => {
    const { backend, requests } = portAnswering(() => REST_TEST);
    await notAvailable(backend.invoke('CallBackTest', { CallBackEventID: 7001, ParcelID: 0, InterchangeID: 0, UserID: 0, [name]: 5 }), 'CallBackTest');
    expect(requests).toHaveLength(0);
  });
});
