import { describe, expect, it } from 'vitest';
import { DOTNET_MIN_DATE, MAPPINGS, REST_EQUIVALENTS, type Backend, type FacadeOperation } from '../../src/index.js';
import { bodyOf, notAvailable, portAnswering } from '../support/port.js';

const GROUP: readonly FacadeOperation[] = [
  'MailboxList', 'MailboxListEx', 'NetworkInfo', 'NetworkInfoWithLog', 'NetworkList', 'NetworkOutageList', 'NetworkUpdate',
  'NetworkSetContact', 'NetworkGetContact', 'NetworkSetWebsite', 'NetworkX12Delimiters', 'NetworkRootDeleteOnDownload',
  'MailboxAdd', 'MailboxAddEx', 'MailboxActivate', 'MailboxSuspend', 'MailboxTerminate', 'MailboxManaged',
  'MailboxDeleteOnDownload', 'MailboxInfo', 'MailboxName', 'MailboxSetContact', 'MailboxX12Delimiters',
  'MailboxInBoxTimeout', 'MailboxDescription', 'MailboxUse',
];

const READS = ['MailboxList', 'MailboxListEx', 'NetworkInfo', 'NetworkInfoWithLog', 'NetworkList', 'NetworkOutageList', 'NetworkGetContact', 'MailboxInfo'];

const SOAP_ONLY: readonly FacadeOperation[] = [
  'NetworkOutageList', 'NetworkSetContact', 'NetworkSetWebsite', 'NetworkRootDeleteOnDownload', 'MailboxAdd', 'MailboxAddEx',
  'MailboxActivate', 'MailboxSuspend', 'MailboxManaged', 'MailboxDeleteOnDownload', 'MailboxName', 'MailboxSetContact',
  'MailboxInBoxTimeout', 'MailboxUse',
];

describe('the group', () => {
  it('decides all 26 operations, on the documented endpoint where there is a route', () => {
    expect(GROUP).toHaveLength(26);
    for (const op of GROUP) {
      const entry = MAPPINGS[op];
      expect(entry.kind, op).toBe(READS.includes(op) ? 'read' : 'write');
      if (entry.rest) expect(entry.rest.endpoint, op).toBe(REST_EQUIVALENTS[op].endpoint);
      expect(entry.rest === null, op).toBe(SOAP_ONLY.includes(op));
    }
  });

  it('gives every SOAP-only operation a specific reason that cites the docs', () => {
    for (const op of SOAP_ONLY) expect(MAPPINGS[op].noRestReason, op).toMatch(/\.md|no documented REST equivalent/);
  });

  const calls: readonly (readonly [FacadeOperation, (b: Backend) => Promise<unknown>])[] = [
    ['NetworkOutageList', (b) => b.invoke('NetworkOutageList', {})],
    ['NetworkSetContact', (b) => b.invoke('NetworkSetContact', { NetworkID: 1, UserID: 2, ContactType: 'Owner' })],
    ['NetworkSetWebsite', (b) => b.invoke('NetworkSetWebsite', { NetworkID: 1, URL: 'https://acme.example.com', WebsiteType: 'Home' })],
    ['NetworkRootDeleteOnDownload', (b) => b.invoke('NetworkRootDeleteOnDownload', { NetworkID: 1, DeleteOnDownload: true })],
    ['MailboxAdd', (b) => b.invoke('MailboxAdd', { Name: 'ACME', UserID: 2 })],
    ['MailboxAddEx', (b) => b.invoke('MailboxAddEx', { NetworkID: 1, Name: 'ACME', UserID: '2' })],
    ['MailboxActivate', (b) => b.invoke('MailboxActivate', { MailboxID: 5 })],
    ['MailboxSuspend', (b) => b.invoke('MailboxSuspend', { MailboxID: 5 })],
    ['MailboxManaged', (b) => b.invoke('MailboxManaged', { MailboxID: 5, Managed: true })],
    ['MailboxDeleteOnDownload', (b) => b.invoke('MailboxDeleteOnDownload', { MailboxID: 5, DeleteOnDownload: true })],
    ['MailboxName', (b) => b.invoke('MailboxName', { MailboxID: 5, Name: 'ACME' })],
    ['MailboxSetContact', (b) => b.invoke('MailboxSetContact', { MailboxID: 5, UserID: 2, ContactType: 'Owner' })],
    ['MailboxInBoxTimeout', (b) => b.invoke('MailboxInBoxTimeout', { MailboxID: 5, Minutes: 60 })],
    ['MailboxUse', (b) => b.invoke('MailboxUse', { MailboxID: 5, UseType: 'Production' })],
  ];

  it('covers every SOAP-only operation of the group below', () => {
    expect(calls.map(([op]) => op)).toEqual(SOAP_ONLY);
  });

  it.each(calls)('%s is NotAvailableOnBackend on REST and sends nothing', async (op, call) => {
    const { backend, requests } = portAnswering(() => null);
    await notAvailable(call(backend), op);
    expect(requests).toHaveLength(0);
  });
});

/** A REST network whose every value is distinct (and none a .NET default), so a swapped or dropped field shows. */
const REST_NETWORK = {
  networkId: 1001,
  uniqueId: 'MYNETWORK',
  companyName: 'Acme Corporation',
  status: 'Suspended',
  created: '2020-03-15T08:00:00Z',
  modified: '2024-11-01T14:22:10Z',
};

const SOAP_NETWORK = {
  NetworkID: 1001,
  Name: 'Acme Corporation',
  LastContact: DOTNET_MIN_DATE,
  Type: 'Network',
  Status: 'Suspended',
  RunStatus: 'Restart',
  NetworkStatus: 'Redirected',
  ECGridAccount: false,
  OwnerUserID: 0,
  RoutingUserID: 0,
  ErrorsUserID: 0,
  InterconnectsUserID: 0,
  NoticesUserID: 0,
  ReportsUserID: 0,
  AccountingUserID: 0,
  CustomerServiceUserID: 0,
  Created: new Date('2020-03-15T08:00:00Z'),
  Modified: new Date('2024-11-01T14:22:10Z'),
};

describe('networks', () => {
  it('maps every NetworkIDInfo field get-network.md gives: companyName is the Name, uniqueId has no SOAP field', async () => {
    const { backend, requests } = portAnswering(() => REST_NETWORK);
    const network = await backend.invoke('NetworkInfo', { NetworkID: 1001 });
    expect(requests[0]).toMatchObject({ endpoint: 'networks.get', method: 'GET', pathParams: { id: 1001 }, idempotent: true });
    expect(network).toEqual(SOAP_NETWORK);
    const lossy = MAPPINGS.NetworkInfo.rest?.lossy;
    expect(lossy).toEqual(expect.arrayContaining(['Location', 'AdminContact', 'Type', 'RunStatus', 'NetworkStatus', 'HomeWebsite', 'LastLog']));
    expect(lossy).not.toContain('Name');
  });

  it('answers NetworkInfoWithLog as NetworkInfo, its log lossy', async () => {
    const { backend, requests } = portAnswering(() => REST_NETWORK);
    expect(await backend.invoke('NetworkInfoWithLog', { NetworkID: 1001 })).toEqual(SOAP_NETWORK);
    expect(requests[0]).toMatchObject({ endpoint: 'networks.get', pathParams: { id: 1001 } });
    expect(MAPPINGS.NetworkInfoWithLog.rest?.lossy).toContain('LastLog');
  });

  it('lists every network page by page, and refuses a name filter', async () => {
    const { backend, requests } = portAnswering(() => ({ totalRecords: 1, pageNo: 1, recordsPerPage: 500, networks: [REST_NETWORK] }));
    expect(await backend.invoke('NetworkList', {})).toEqual([SOAP_NETWORK]);
    expect(requests[0]).toMatchObject({ endpoint: 'networks.list', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ recordsPerPage: 500, pageNo: 1 });
    await notAvailable(backend.invoke('NetworkList', { Name: 'Acme' }), 'NetworkList');
    expect(requests).toHaveLength(1);
  });

  it('updates the name as companyName and answers true; an empty Name changes nothing; a Location is refused', async () => {
    const { backend, requests } = portAnswering(() => REST_NETWORK);
    expect(await backend.invoke('NetworkUpdate', { NetworkID: 1001, Name: 'Acme Corporation', Location: '' })).toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'networks.update', method: 'PUT', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ networkId: 1001, companyName: 'Acme Corporation' });
    await backend.invoke('NetworkUpdate', { NetworkID: 1001 });
    expect(bodyOf(requests[1])).toEqual({ networkId: 1001 });
    await notAvailable(backend.invoke('NetworkUpdate', { NetworkID: 1001, Name: 'Acme', Location: 'Chicago' }), 'NetworkUpdate');
    expect(requests).toHaveLength(2);
  });

  it('reads a network contact into UserIDInfo: network, e-mail and phone; the user itself is lossy', async () => {
    const { backend, requests } = portAnswering(() => ({
      networkId: 1001,
      contactType: 'Accounting',
      name: 'Jane Smith',
      email: 'billing@acme.example.com',
      phone: '312-555-0199',
    }));
    const contact = await backend.invoke('NetworkGetContact', { NetworkID: 1001, ContactType: 'Accounting' });
    expect(requests[0]).toMatchObject({ endpoint: 'networks.getContact', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ networkId: 1001, contactType: 'Accounting' });
    expect(contact).toEqual({
      UserID: 0,
      EMail: 'billing@acme.example.com',
      Phone: '312-555-0199',
      CellCarrier: 'NoChange',
      TimeZoneOffset: 0,
      NetworkID: 1001,
      MailboxID: 0,
      AuthLevel: 'NoChange',
      Created: DOTNET_MIN_DATE,
      Modified: DOTNET_MIN_DATE,
      LastLogin: DOTNET_MIN_DATE,
      Status: 'Development',
      LockedOut: false,
      OpenSessions: 0,
    });
    expect(MAPPINGS.NetworkGetContact.rest?.lossy).toEqual(expect.arrayContaining(['UserID', 'LoginName', 'FirstName', 'LastName']));
  });
});

describe('X12 delimiters', () => {
  const bytes = { SegTerm: 126, ElmSep: 42, SubElmSep: 62 };
  const chars = { elementDelimiter: '*', subElementDelimiter: '>', segmentTerminator: '~' };

  it('sends each WSDL byte as its character for a network, and answers true on no data', async () => {
    const { backend, requests } = portAnswering(() => null);
    expect(await backend.invoke('NetworkX12Delimiters', { NetworkID: 1001, ...bytes })).toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'networks.x12Delimiters', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ networkId: 1001, ...chars });
  });

  it('sends each WSDL byte as its character for a mailbox, and answers true on no data', async () => {
    const { backend, requests } = portAnswering(() => null);
    expect(await backend.invoke('MailboxX12Delimiters', { MailboxID: 5001, ...bytes })).toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'mailboxes.x12Delimiters', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ mailboxId: 5001, ...chars });
  });

  it('refuses a 0 byte, which is no delimiter character', async () => {
    const { backend, requests } = portAnswering(() => null);
    await notAvailable(backend.invoke('NetworkX12Delimiters', { NetworkID: 1001, ...bytes, SubElmSep: 0 }), 'NetworkX12Delimiters');
    await notAvailable(backend.invoke('MailboxX12Delimiters', { MailboxID: 5001, ...bytes, SegTerm: 0 }), 'MailboxX12Delimiters');
    expect(requests).toHaveLength(0);
  });
});

/** A REST mailbox whose every value is distinct (and none a .NET default). */
const REST_MAILBOX = {
  mailboxId: 5001,
  networkId: 1001,
  uniqueId: 'ACMEMBOX01',
  companyName: 'Acme Mailbox One',
  status: 'Preproduction',
  created: '2021-06-10T09:00:00Z',
  modified: '2025-02-14T11:30:00Z',
};

const SOAP_MAILBOX = {
  MailboxID: 5001,
  NetworkID: 1001,
  Created: new Date('2021-06-10T09:00:00Z'),
  Modified: new Date('2025-02-14T11:30:00Z'),
  Status: 'Preproduction',
  Description: 'Acme Mailbox One',
  Managed: false,
  UseType: 'Undefined',
  ECGridAccount: false,
};

describe('mailboxes', () => {
  it('maps every MailboxIDInfo field get-mailbox.md gives: companyName is the Description, the Name is lossy', async () => {
    const { backend, requests } = portAnswering(() => REST_MAILBOX);
    expect(await backend.invoke('MailboxInfo', { MailboxID: 5001 })).toEqual(SOAP_MAILBOX);
    expect(requests[0]).toMatchObject({ endpoint: 'mailboxes.get', method: 'GET', pathParams: { id: 5001 }, idempotent: true });
    const lossy = MAPPINGS.MailboxInfo.rest?.lossy;
    expect(lossy).toEqual(expect.arrayContaining(['Name', 'Managed', 'UseType', 'Config', 'OwnerUserID']));
    expect(lossy).not.toContain('Description');
  });

  it('lists every mailbox page by page; MailboxListEx sends its network, 0 meaning all', async () => {
    const page = { totalRecords: 1, pageNo: 1, recordsPerPage: 500, mailboxes: [REST_MAILBOX] };
    const { backend, requests } = portAnswering(() => page);
    expect(await backend.invoke('MailboxList', {})).toEqual([SOAP_MAILBOX]);
    expect(requests[0]).toMatchObject({ endpoint: 'mailboxes.list', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ recordsPerPage: 500, pageNo: 1 });
    expect(await backend.invoke('MailboxListEx', { NetworkID: 1001 })).toEqual([SOAP_MAILBOX]);
    expect(bodyOf(requests[1])).toEqual({ networkId: 1001, recordsPerPage: 500, pageNo: 1 });
    await backend.invoke('MailboxListEx', { NetworkID: 0, Name: '' });
    expect(bodyOf(requests[2])).toEqual({ recordsPerPage: 500, pageNo: 1 });
  });

  it('refuses a name filter on either list', async () => {
    const { backend, requests } = portAnswering(() => null);
    await notAvailable(backend.invoke('MailboxList', { Name: 'ACME' }), 'MailboxList');
    await notAvailable(backend.invoke('MailboxListEx', { NetworkID: 1001, Name: 'ACME' }), 'MailboxListEx');
    expect(requests).toHaveLength(0);
    expect(MAPPINGS.MailboxListEx.rest?.unsupportedParams).toHaveProperty('Name');
  });

  it('sets the Description as companyName and answers true; an empty Description changes nothing', async () => {
    const { backend, requests } = portAnswering(() => REST_MAILBOX);
    expect(await backend.invoke('MailboxDescription', { MailboxID: 5001, Description: 'Acme Mailbox One' })).toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'mailboxes.update', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ mailboxId: 5001, companyName: 'Acme Mailbox One' });
    await backend.invoke('MailboxDescription', { MailboxID: 5001, Description: '' });
    expect(bodyOf(requests[1])).toEqual({ mailboxId: 5001 });
  });

  it('terminates a mailbox with DELETE and answers true on no data', async () => {
    const { backend, requests } = portAnswering(() => null);
    expect(await backend.invoke('MailboxTerminate', { MailboxID: 5001 })).toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'mailboxes.delete', method: 'DELETE', pathParams: { id: 5001 }, idempotent: false });
  });
});
