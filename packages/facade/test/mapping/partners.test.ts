import { describe, expect, it } from 'vitest';
import type { StatusECGridID, StatusInterconnect } from '@ecgrid-bridge/soap';
import {
  DOTNET_MIN_DATE,
  MAPPINGS,
  REST_EQUIVALENTS,
  type Backend,
  type FacadeOperation,
  type FacadeParams,
} from '../../src/index.js';
import { bodyOf, notAvailable, onePage, portAnswering } from '../support/port.js';

const GROUP: readonly FacadeOperation[] = [
  'TPAdd', 'TPAddVAN', 'TPAddEx', 'TPMove', 'TPMoveMailbox', 'TPMoveEx', 'TPUpdateDescription', 'TPUpdateDataEMail',
  'TPActivate', 'TPSuspend', 'TPTerminate', 'TPSetRoutingGroup', 'TPInfo', 'TPSearch', 'TPSearchEx', 'TPList',
  'TPListEx', 'TPListExPaged', 'TPListByOwner', 'TPFindEx', 'TPGetMailboxDefault', 'TPSetMailboxDefault', 'TPSetOwner',
  'InterconnectAdd', 'InterconnectNote', 'InterconnectCancel', 'InterconnectInfo', 'InterconnectInfoGUID',
  'InterconnectNoteList', 'InterconnectListByECGridID', 'InterconnectListByStatus', 'InterconnectListByStatusEx',
  'InterconnectCount', 'InterconnectCountEx', 'MigrationAdd', 'MigrationAddEx', 'MigrationList', 'MigrationListEx',
  'MigrationInfo', 'MigrationAddTP', 'CarbonCopyAdd', 'CarbonCopyAddEx', 'CarbonCopyActivate', 'CarbonCopySuspend',
  'CarbonCopyTerminate', 'CarbonCopyInfo', 'CarbonCopyList', 'CarbonCopyListEx',
];

describe('the group', () => {
  it('decides all 48 operations, on the documented endpoint where there is a route', () => {
    expect(GROUP).toHaveLength(48);
    for (const op of GROUP) {
      const entry = MAPPINGS[op];
      if (entry.rest) expect(entry.rest.endpoint, op).toBe(REST_EQUIVALENTS[op].endpoint);
    }
  });
});

/** A REST ID whose every value is distinct (and none a .NET default), so a swapped or dropped field shows. */
const REST_ID = {
  ecGridId: 123456,
  mailboxId: 1001,
  networkId: 42,
  qualifier: '01',
  id: 'PARTNER001',
  description: 'Acme Corp Production',
  status: 'Suspended',
  routingGroup: 'ProductionA',
  ediStandard: 'X12',
};

const SOAP_ID = {
  ECGridID: 123456,
  NetworkID: 42,
  MailboxID: 1001,
  Qualifier: '01',
  ID: 'PARTNER001',
  Description: 'Acme Corp Production',
  MailboxDefault: false,
  Status: 'Suspended',
  UseType: 'Undefined',
};

describe('trading-partner IDs', () => {
  it('maps every field of an ID (TPInfo), with .NET defaults for what REST lacks', async () => {
    const { backend, requests } = portAnswering(() => REST_ID);
    expect(await backend.invoke('TPInfo', { ECGridID: 123456 })).toEqual(SOAP_ID);
    expect(requests[0]).toMatchObject({ endpoint: 'ids.get', method: 'GET', pathParams: { id: 123456 }, idempotent: true });
    expect(MAPPINGS.TPInfo.rest?.lossy).toEqual(
      expect.arrayContaining(['NetworkName', 'MailboxName', 'DataEMail', 'MailboxDefault', 'UseType', 'Owner', 'OwnerInfo', 'Config']),
    );
  });

  it.each<[string, StatusECGridID]>([
    ['Development', 'Pending'],
    ['Active', 'Active'],
    ['Preproduction', 'Pending'],
    ['Suspended', 'Suspended'],
    ['Terminated', 'Terminated'],
  ])('translates the REST status %s to StatusECGridID %s', async (rest, soap) => {
    const { backend } = portAnswering(() => ({ ...REST_ID, status: rest }));
    expect((await backend.invoke('TPInfo', { ECGridID: 1 }))?.Status).toBe(soap);
  });

  it('lists every ID (TPList with ShowInactive), Development and Preproduction ones included, reading every page', async () => {
    const ids = ['Development', 'Active', 'Preproduction', 'Suspended', 'Terminated'].map((status, i) => ({ ...REST_ID, ecGridId: i + 1, status }));
    const { backend, requests } = portAnswering(onePage(ids));
    const list = await backend.invoke('TPList', { ShowInactive: true });
    expect(list?.map((tp) => [tp.ECGridID, tp.Status])).toEqual([
      [1, 'Pending'],
      [2, 'Active'],
      [3, 'Pending'],
      [4, 'Suspended'],
      [5, 'Terminated'],
    ]);
    expect(list?.[1]).toEqual({ ...SOAP_ID, ECGridID: 2, Status: 'Active' });
    expect(requests.map((r) => r.endpoint)).toEqual(['ids.list', 'ids.list']);
    expect(requests.map((r) => bodyOf(r)['pageNo'])).toEqual([1, 2]);
    expect(Object.keys(bodyOf(requests[0])).sort()).toEqual(['pageNo', 'recordsPerPage']);
  });

  it('asks REST for Active IDs when ShowInactive is false (TPList)', async () => {
    const { backend, requests } = portAnswering(onePage([{ ...REST_ID, status: 'Active' }]));
    await backend.invoke('TPList', { ShowInactive: false });
    expect(bodyOf(requests[0])).toMatchObject({ status: 'Active' });
    expect(bodyOf(requests[0])).not.toHaveProperty('mailboxId');
  });

  it('sends the network and mailbox of TPListEx, leaving 0 (any) out', async () => {
    const { backend, requests } = portAnswering(onePage([]));
    await backend.invoke('TPListEx', { NetworkID: 42, MailboxID: 1001, ShowInactive: true });
    await backend.invoke('TPListEx', { NetworkID: 42, MailboxID: 0, ShowInactive: false });
    expect(bodyOf(requests[0])).toEqual({ networkId: 42, mailboxId: 1001, pageNo: 1, recordsPerPage: 500 });
    expect(requests).toHaveLength(2);
    expect(bodyOf(requests[1])).toEqual({ networkId: 42, status: 'Active', pageNo: 1, recordsPerPage: 500 });
  });

  it('sends the page of TPListExPaged and wraps it in an ECGridIDInfoCollection', async () => {
    const { backend, requests } = portAnswering(() => [REST_ID, { ...REST_ID, ecGridId: 123457 }]);
    const page = await backend.invoke('TPListExPaged', { NetworkID: 42, MailboxID: 1001, ShowInactive: false, PageSize: 25, PageNumber: 3 });
    expect(requests).toHaveLength(1);
    expect(bodyOf(requests[0])).toEqual({ networkId: 42, mailboxId: 1001, status: 'Active', pageNo: 3, recordsPerPage: 25 });
    expect(page).toEqual({
      PageSize: 25,
      PageNumber: 3,
      Count: 2,
      TotalRecords: 2,
      TotalPages: 1,
      ECGridIDInfoList: [SOAP_ID, { ...SOAP_ID, ECGridID: 123457 }],
    });
    expect(MAPPINGS.TPListExPaged.rest?.lossy).toEqual(expect.arrayContaining(['TotalRecords', 'TotalPages', 'ECGridIDInfoList[].UseType']));
  });

  it('applies ShowInactive and the Ex scope of a search to the REST answer', async () => {
    const found = [
      { ...REST_ID, ecGridId: 1, status: 'Active' },
      { ...REST_ID, ecGridId: 2, status: 'Suspended' },
      { ...REST_ID, ecGridId: 3, status: 'Active', networkId: 43, mailboxId: 2002 },
      { ...REST_ID, ecGridId: 4, status: 'Active', mailboxId: 1002 },
    ];
    const { backend, requests } = portAnswering(() => found);
    const ids = async (p: Promise<{ ECGridID: number }[] | undefined>) => (await p)?.map((tp) => tp.ECGridID);
    expect(await ids(backend.invoke('TPSearch', { Qualifier: '01', ID: 'PARTNER001', ShowInactive: false }))).toEqual([1, 3, 4]);
    expect(await ids(backend.invoke('TPSearchEx', { NetworkID: 42, MailboxID: 0, Qualifier: '01', ID: 'PARTNER001', ShowInactive: true }))).toEqual([1, 2, 4]);
    expect(await ids(backend.invoke('TPSearchEx', { NetworkID: 0, MailboxID: 1001, Qualifier: '01', ID: 'PARTNER001', ShowInactive: false }))).toEqual([1]);
    for (const r of requests) expect(r).toMatchObject({ endpoint: 'ids.find', method: 'POST', body: { qualifier: '01', id: 'PARTNER001' } });
    expect(Object.keys(bodyOf(requests[1])).sort()).toEqual(['id', 'qualifier']);
  });

  it('creates an ID in the named mailbox (TPAddEx) and answers its ECGridID', async () => {
    const { backend, requests } = portAnswering(() => ({ ...REST_ID, ecGridId: 555 }));
    const params: FacadeParams<'TPAddEx'> = { NetworkID: 42, MailboxID: 1001, Qualifier: 'ZZ', ID: 'NEWPARTNER', Description: '', RoutingGroup: 'Test' };
    await expect(backend.invoke('TPAddEx', params)).resolves.toBe(555);
    expect(requests[0]).toMatchObject({ endpoint: 'ids.create', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ mailboxId: 1001, qualifier: 'ZZ', id: 'NEWPARTNER', routingGroup: 'Test' });
    await backend.invoke('TPAddEx', { ...params, Description: 'New partner' });
    expect(bodyOf(requests[1])).toMatchObject({ description: 'New partner' });
    await notAvailable(backend.invoke('TPAddEx', { ...params, MailboxID: 0 }), 'TPAddEx');
    expect(requests).toHaveLength(2);
  });

  it('moves an ID to a mailbox (TPMoveMailbox, TPMoveEx when due) and answers its ECGridID', async () => {
    const { backend, requests } = portAnswering(() => ({ ...REST_ID, mailboxId: 1002 }));
    await expect(backend.invoke('TPMoveMailbox', { ECGridID: 123456, MailboxID: 1002 })).resolves.toBe(123456);
    await expect(backend.invoke('TPMoveEx', { NetworkID: 42, MailboxID: 1002, ECGridID: 123456, MoveDateTime: new Date('2024-01-01T00:00:00Z') })).resolves.toBe(123456);
    for (const r of requests) expect(r).toMatchObject({ endpoint: 'ids.moveTp', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ ecGridId: 123456, newMailboxId: 1002 });
    expect(bodyOf(requests[1])).toEqual({ ecGridId: 123456, newMailboxId: 1002 });
    await notAvailable(backend.invoke('TPMoveEx', { NetworkID: 42, MailboxID: 1002, ECGridID: 123456, MoveDateTime: new Date('2099-01-01T00:00:00Z') }), 'TPMoveEx');
    await notAvailable(backend.invoke('TPMoveMailbox', { ECGridID: 123456, MailboxID: 0 }), 'TPMoveMailbox');
    expect(requests).toHaveLength(2);
  });

  it('activates and suspends an ID through PUT /v2/ids/{id} with the status, and terminates it with DELETE', async () => {
    const { backend, requests } = portAnswering((req) => (req.method === 'DELETE' ? true : REST_ID));
    await expect(backend.invoke('TPActivate', { ECGridID: 123456 })).resolves.toBe(true);
    await expect(backend.invoke('TPSuspend', { ECGridID: 123456 })).resolves.toBe(true);
    await expect(backend.invoke('TPTerminate', { ECGridID: 123456 })).resolves.toBe(true);
    expect(requests.map((r) => [r.endpoint, r.method, r.pathParams, r.body, r.idempotent])).toEqual([
      ['ids.update', 'PUT', { id: 123456 }, { status: 'Active' }, false],
      ['ids.update', 'PUT', { id: 123456 }, { status: 'Suspended' }, false],
      ['ids.delete', 'DELETE', { id: 123456 }, undefined, false],
    ]);
  });

  it('updates the description and the data e-mail', async () => {
    const { backend, requests } = portAnswering(() => true);
    await expect(backend.invoke('TPUpdateDescription', { ECGridID: 123456, Description: 'Acme EDI' })).resolves.toBe(true);
    await expect(backend.invoke('TPUpdateDataEMail', { ECGridID: 123456, EMailSystem: 'x400', DataEMail: 'edi@acme.example', PayloadPosition: 'Body' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'ids.updateDescription', body: { ecGridId: 123456, description: 'Acme EDI' } });
    expect(requests[1]).toMatchObject({ endpoint: 'ids.updateDataEmail' });
    expect(bodyOf(requests[1])).toEqual({ ecGridId: 123456, email: 'edi@acme.example', emailSystem: 'x400', emailPayload: 'Body' });
  });
});

/** A REST interconnect whose every value is distinct. */
const REST_IC = {
  interconnectId: 9001,
  ecGridIdFrom: 123456,
  ecGridIdTo: 654321,
  status: 'Suspended',
  created: '2024-01-15T08:30:00Z',
  modified: '2024-03-22T14:00:00Z',
};

/** The trading-partner side REST gives: only its ECGrid ID, the rest .NET defaults. */
const side = (ECGridID: number) => ({ ECGridID, NetworkID: 0, MailboxID: 0, MailboxDefault: false, Status: 'Active', UseType: 'Undefined' });

const SOAP_IC = {
  InterconnectID: 9001,
  Created: new Date('2024-01-15T08:30:00Z'),
  Modified: new Date('2024-03-22T14:00:00Z'),
  Completed: DOTNET_MIN_DATE,
  LastTraffic: DOTNET_MIN_DATE,
  LastTrafficInbound: DOTNET_MIN_DATE,
  LastTrafficOutbound: DOTNET_MIN_DATE,
  Status: 'Delayed',
  SuspendPendingInterchanges: false,
  TP1: side(123456),
  TP2: side(654321),
};

describe('interconnects', () => {
  it('maps every field of an interconnect (InterconnectInfo): ecGridIdFrom is TP1, ecGridIdTo TP2', async () => {
    const { backend, requests } = portAnswering(() => REST_IC);
    expect(await backend.invoke('InterconnectInfo', { InterconnectID: 9001 })).toEqual(SOAP_IC);
    expect(requests[0]).toMatchObject({ endpoint: 'partners.get', method: 'GET', pathParams: { id: 9001 } });
    expect(MAPPINGS.InterconnectInfo.rest?.lossy).toEqual(expect.arrayContaining(['UniqueID', 'Completed', 'TP1.NetworkID', 'TP2.Status', 'ContactUser']));
  });

  it.each<[string, StatusInterconnect]>([
    ['Development', 'Pending'],
    ['Active', 'Completed'],
    ['Preproduction', 'Pending'],
    ['Suspended', 'Delayed'],
    ['Terminated', 'Canceled'],
  ])('translates the REST status %s to StatusInterconnect %s', async (rest, soap) => {
    const { backend } = portAnswering(() => ({ ...REST_IC, status: rest }));
    expect((await backend.invoke('InterconnectInfo', { InterconnectID: 1 }))?.Status).toBe(soap);
  });

  const add: FacadeParams<'InterconnectAdd'> = {
    ECGridID1: 123456,
    ECGridID2: 654321,
    Reference: '',
    ContactName: '',
    ContactEMail: '',
    NotifyContact: false,
    Preconfirm: false,
    Note: '',
  };

  it('creates an interconnect from ECGridID1 to ECGridID2 and answers it', async () => {
    const { backend, requests } = portAnswering(() => REST_IC);
    expect(await backend.invoke('InterconnectAdd', add)).toEqual(SOAP_IC);
    expect(requests[0]).toMatchObject({ endpoint: 'partners.create', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ ecGridIdFrom: 123456, ecGridIdTo: 654321 });
  });

  it.each<[string, Partial<FacadeParams<'InterconnectAdd'>>]>([
    ['a reference', { Reference: 'PO-1' }],
    ['a contact name', { ContactName: 'Jane' }],
    ['a contact e-mail', { ContactEMail: 'jane@example.com' }],
    ['a note', { Note: 'please confirm' }],
    ['a contact notification', { NotifyContact: true }],
    ['a pre-confirmation', { Preconfirm: true }],
  ])('refuses an interconnect request with %s', async (_what, extra) => {
    const { backend, requests } = portAnswering(() => REST_IC);
    await notAvailable(backend.invoke('InterconnectAdd', { ...add, ...extra }), 'InterconnectAdd');
    expect(requests).toHaveLength(0);
  });

  const note: FacadeParams<'InterconnectNote'> = { InterconnectID: 9001, AuthLevel: 'General', Note: 'Approved', EMailTo: 'NoEMail' };

  it('adds a note open to everyone, and refuses visibility, attachments and e-mail', async () => {
    const { backend, requests } = portAnswering(() => true);
    await expect(backend.invoke('InterconnectNote', note)).resolves.toBe(true);
    await expect(backend.invoke('InterconnectNote', { ...note, AuthLevel: 'NoChange', AttachmentName: '', AttachmentContent: Buffer.alloc(0) })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'partners.addNote', method: 'POST' });
    expect(bodyOf(requests[0])).toEqual({ interconnectId: 9001, note: 'Approved' });
    for (const extra of [
      { AuthLevel: 'NetOps' as const },
      { AttachmentName: 'a.txt' },
      { AttachmentContent: Buffer.from('x') },
      { EMailTo: 'Requestor' as const },
      { OtherEMailAddress: 'x@example.com' },
    ]) {
      await notAvailable(backend.invoke('InterconnectNote', { ...note, ...extra }), 'InterconnectNote');
    }
    expect(requests).toHaveLength(2);
  });

  it('cancels an interconnect with DELETE, refusing a note or e-mail', async () => {
    const { backend, requests } = portAnswering(() => true);
    await expect(backend.invoke('InterconnectCancel', { InterconnectID: 9001, EMailTo: 'NoEMail' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'partners.delete', method: 'DELETE', pathParams: { id: 9001 }, body: undefined });
    await notAvailable(backend.invoke('InterconnectCancel', { InterconnectID: 9001, Note: 'ended', EMailTo: 'NoEMail' }), 'InterconnectCancel');
    await notAvailable(backend.invoke('InterconnectCancel', { InterconnectID: 9001, EMailTo: 'Network' }), 'InterconnectCancel');
    await notAvailable(backend.invoke('InterconnectCancel', { InterconnectID: 9001, EMailTo: 'NoEMail', OtherEMailAddress: 'x@example.com' }), 'InterconnectCancel');
    expect(requests).toHaveLength(1);
  });

  it('maps every field of a note (InterconnectNoteList)', async () => {
    const { backend, requests } = portAnswering(() => [{ text: 'Approved', timestamp: '2024-06-01T14:35:00Z', userId: 501 }]);
    expect(await backend.invoke('InterconnectNoteList', { InterconnectID: 9001 })).toEqual([
      { InterconnectID: 9001, InterconnectNoteID: 0, NoteDate: new Date('2024-06-01T14:35:00Z'), Status: 'Pending', UserID: 501, Note: 'Approved' },
    ]);
    expect(requests[0]).toMatchObject({ endpoint: 'partners.listNotes', body: { interconnectId: 9001 } });
    expect(MAPPINGS.InterconnectNoteList.rest?.lossy).toEqual(['[].InterconnectNoteID', '[].Status', '[].PostedBy', '[].MailTo', '[].Attachment']);
  });

  const interconnects = [
    { ...REST_IC, interconnectId: 1, ecGridIdFrom: 100, ecGridIdTo: 200 },
    { ...REST_IC, interconnectId: 2, ecGridIdFrom: 300, ecGridIdTo: 100 },
    { ...REST_IC, interconnectId: 3, ecGridIdFrom: 100, ecGridIdTo: 400 },
  ];

  it('lists the interconnects of ECGridID1, of every partner (-1) or of one pair in either direction', async () => {
    const { backend, requests } = portAnswering(onePage(interconnects));
    const ids = async (ECGridID2: number) =>
      (await backend.invoke('InterconnectListByECGridID', { ECGridID1: 100, ECGridID2 }))?.map((ic) => ic.InterconnectID);
    expect(await ids(-1)).toEqual([1, 2, 3]);
    expect(await ids(300)).toEqual([2]);
    expect(await ids(200)).toEqual([1]);
    expect(await ids(999)).toEqual([]);
    expect(requests[0]).toMatchObject({ endpoint: 'partners.list', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ ecGridId: 100, pageNo: 1, recordsPerPage: 500 });
  });

  it.each<[StatusInterconnect, string | undefined, number[]]>([
    ['Completed', 'Active', [2]],
    ['Delayed', 'Suspended', [4]],
    ['Canceled', 'Terminated', [5]],
    ['Pending', undefined, [1, 3]],
  ])('lists interconnects in status %s by sending REST status %s', async (status, restStatus, expected) => {
    const all = ['Development', 'Active', 'Preproduction', 'Suspended', 'Terminated'].map((s, i) => ({ ...REST_IC, interconnectId: i + 1, status: s }));
    // The server filters when asked to; for Pending the answer is kept to Development and Preproduction.
    const { backend, requests } = portAnswering(onePage(all.filter((ic) => restStatus === undefined || ic.status === restStatus)));
    const list = await backend.invoke('InterconnectListByStatus', { Status: status, ECGridID: 123456, MaxDays: 0 });
    expect(list?.map((ic) => ic.InterconnectID)).toEqual(expected);
    expect(list?.every((ic) => ic.Status === status)).toBe(true);
    const sent = bodyOf(requests[0]);
    expect(sent['ecGridId']).toBe(123456);
    expect(sent['status']).toBe(restStatus);
    const ex = portAnswering(onePage(all.filter((ic) => restStatus === undefined || ic.status === restStatus)));
    const listEx = await ex.backend.invoke('InterconnectListByStatusEx', { NetworkID: 0, MailboxID: 0, IntStatus: status, ECGridID: 123456, MaxDays: 0 });
    expect(listEx?.map((ic) => ic.InterconnectID)).toEqual(expected);
    expect(bodyOf(ex.requests[0])).toEqual(sent);
  });

  it.each<[string, FacadeParams<'InterconnectListByStatus'>]>([
    ['a status REST lacks (Problem)', { Status: 'Problem', ECGridID: 1, MaxDays: 0 }],
    ['a status REST lacks (AuthorizationRequired)', { Status: 'AuthorizationRequired', ECGridID: 1, MaxDays: 0 }],
    ['a status REST lacks (NoStatusChange)', { Status: 'NoStatusChange', ECGridID: 1, MaxDays: 0 }],
    ['no ECGrid ID (the whole mailbox)', { Status: 'Completed', ECGridID: 0, MaxDays: 0 }],
    ['an age limit', { Status: 'Completed', ECGridID: 1, MaxDays: 30 }],
  ])('refuses InterconnectListByStatus with %s', async (_what, params) => {
    const { backend, requests } = portAnswering(onePage([]));
    await notAvailable(backend.invoke('InterconnectListByStatus', params), 'InterconnectListByStatus');
    expect(requests).toHaveLength(0);
  });

  it('refuses InterconnectListByStatusEx scoped to a network or mailbox', async () => {
    const { backend, requests } = portAnswering(onePage([]));
    const params: FacadeParams<'InterconnectListByStatusEx'> = { NetworkID: 0, MailboxID: 0, IntStatus: 'Completed', ECGridID: 1, MaxDays: 0 };
    await notAvailable(backend.invoke('InterconnectListByStatusEx', { ...params, NetworkID: 42 }), 'InterconnectListByStatusEx');
    await notAvailable(backend.invoke('InterconnectListByStatusEx', { ...params, MailboxID: 1001 }), 'InterconnectListByStatusEx');
    expect(requests).toHaveLength(0);
  });

  it('answers InterconnectCountEx with a one-row DataSet holding the REST count, and refuses what REST cannot count', async () => {
    const { backend, requests } = portAnswering(() => 14);
    const params: FacadeParams<'InterconnectCountEx'> = { NetworkID: 0, MailboxID: 0, ECGridID: 123456, MaxDays: 0 };
    const xml = (await backend.invoke('InterconnectCountEx', params))?.xml ?? '';
    expect(xml).toContain('<xs:element name="Count" type="xs:int" minOccurs="0"/>');
    expect(xml).toContain('<NewDataSet xmlns=""><Table diffgr:id="Table1" msdata:rowOrder="0"><Count>14</Count></Table></NewDataSet>');
    expect(requests[0]).toMatchObject({ endpoint: 'partners.count', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ ecGridId: 123456 });
    expect(MAPPINGS.InterconnectCountEx.rest?.lossy).toEqual(['.']);
    for (const extra of [{ ECGridID: 0 }, { NetworkID: 42 }, { MailboxID: 1001 }, { MaxDays: 7 }]) {
      await notAvailable(backend.invoke('InterconnectCountEx', { ...params, ...extra }), 'InterconnectCountEx');
    }
    expect(requests).toHaveLength(1);
  });
});

const REST_CC = { ccId: 1042, fromMailboxId: 101, toMailboxId: 202, status: 'Suspended', direction: 'OutBox', created: '2025-01-15T10:30:00Z' };
const SOAP_CC = { CarbonCopyID: 1042, NetworkID: 0, MailboxID: 0, Created: new Date('2025-01-15T10:30:00Z'), Modified: DOTNET_MIN_DATE, Status: 'Suspended' };

describe('carbon copies', () => {
  it('maps every field of a carbon copy (CarbonCopyInfo); the REST mailboxes are not the billed mailbox', async () => {
    const { backend, requests } = portAnswering(() => REST_CC);
    expect(await backend.invoke('CarbonCopyInfo', { CarbonCopyID: 1042 })).toEqual(SOAP_CC);
    expect(requests[0]).toMatchObject({ endpoint: 'carbonCopies.get', method: 'GET', pathParams: { id: 1042 } });
    expect(MAPPINGS.CarbonCopyInfo.rest?.lossy).toEqual(
      expect.arrayContaining(['NetworkID', 'MailboxID', 'Modified', 'OriginalFrom', 'OriginalTo', 'CCFrom', 'CCTo', 'GSFrom', 'GSTo', 'TransactionSet']),
    );
  });

  it('activates and suspends through PUT /v2/carboncopies/update, and terminates with DELETE', async () => {
    const { backend, requests } = portAnswering((req) => (req.method === 'DELETE' ? true : REST_CC));
    await expect(backend.invoke('CarbonCopyActivate', { CarbonCopyID: 1042 })).resolves.toBe(true);
    await expect(backend.invoke('CarbonCopySuspend', { CarbonCopyID: 1042 })).resolves.toBe(true);
    await expect(backend.invoke('CarbonCopyTerminate', { CarbonCopyID: 1042 })).resolves.toBe(true);
    expect(requests.map((r) => [r.endpoint, r.method, r.pathParams, r.body, r.idempotent])).toEqual([
      ['carbonCopies.update', 'PUT', undefined, { ccId: 1042, status: 'Active' }, false],
      ['carbonCopies.update', 'PUT', undefined, { ccId: 1042, status: 'Suspended' }, false],
      ['carbonCopies.delete', 'DELETE', { id: 1042 }, undefined, false],
    ]);
  });

  it('lists carbon copies page by page (up to 1000 a page), Active ones unless ShowInactive', async () => {
    const { backend, requests } = portAnswering(onePage([REST_CC]));
    expect(await backend.invoke('CarbonCopyList', { ECGridIDFrom: 0, ECGridIDTo: 0, ShowInactive: false })).toEqual([SOAP_CC]);
    expect(requests.map(bodyOf)).toEqual([
      { status: 'Active', recordsPerPage: 1000, pageNo: 1 },
      { status: 'Active', recordsPerPage: 1000, pageNo: 2 },
    ]);
    await backend.invoke('CarbonCopyListEx', { NetworkID: 1, MailboxID: 101, ECGridIDFrom: 0, ECGridIDTo: 0, ShowInactive: true });
    expect(requests[2]).toMatchObject({ endpoint: 'carbonCopies.list', method: 'POST', idempotent: true });
    expect(bodyOf(requests[2])).toEqual({ mailboxId: 101, recordsPerPage: 1000, pageNo: 1 });
  });

  it('refuses carbon-copy lists filtered by ECGrid ID, or by network without mailbox', async () => {
    const { backend, requests } = portAnswering(onePage([]));
    await notAvailable(backend.invoke('CarbonCopyList', { ECGridIDFrom: 123456, ECGridIDTo: 0, ShowInactive: true }), 'CarbonCopyList');
    await notAvailable(backend.invoke('CarbonCopyList', { ECGridIDFrom: 0, ECGridIDTo: 654321, ShowInactive: true }), 'CarbonCopyList');
    await notAvailable(
      backend.invoke('CarbonCopyListEx', { NetworkID: 0, MailboxID: 101, ECGridIDFrom: 123456, ECGridIDTo: 0, ShowInactive: true }),
      'CarbonCopyListEx',
    );
    await notAvailable(backend.invoke('CarbonCopyListEx', { NetworkID: 42, MailboxID: 0, ECGridIDFrom: 0, ECGridIDTo: 0, ShowInactive: true }), 'CarbonCopyListEx');
    expect(requests).toHaveLength(0);
  });
});

describe('SOAP-only operations', () => {
  /** One SOAP-only call, typed by its operation. */
  const call = <Op extends FacadeOperation>(op: Op, params: FacadeParams<Op>) => [op, (b: Backend) => b.invoke(op, params)] as const;
  const at = new Date('2026-05-07T08:00:00Z');
  const soapOnly = [
    call('TPAdd', { Qualifier: 'ZZ', ID: 'NEW', Description: 'New' }),
    call('TPAddVAN', { NetworkID: 42, Qualifier: 'ZZ', ID: 'NEW', Description: 'New' }),
    call('TPMove', { ECGridID: 123456, MoveDateTime: at }),
    call('TPSetRoutingGroup', { ECGridID: 123456, RoutingGroup: 'Test' }),
    call('TPListByOwner', { OwnerUserID: 1, OrderBy: 'QID', ShowInactive: true, PageSize: 25, PageNumber: 1 }),
    call('TPFindEx', { NetworkID: 42, MailboxID: 1001, Description: 'Acme', ShowInactive: true }),
    call('TPGetMailboxDefault', { NetworkID: 42, MailboxID: 1001 }),
    call('TPSetMailboxDefault', { ECGridID: 123456 }),
    call('TPSetOwner', { ECGridID: 123456, OwnerUserID: 1 }),
    call('InterconnectInfoGUID', { UniqueID: '0f8fad5b-d9cb-469f-a165-70867728950e' }),
    call('InterconnectCount', { MaxDays: 0 }),
    call('MigrationAdd', { Name: 'm', Scheduled: at, TargetNetworkId: 1, TargetMailboxId: 2, Status: 'Planned' }),
    call('MigrationAddEx', { NetworkId: 1, MailboxId: 2, Name: 'm', Scheduled: at, TargetNetworkId: 3, TargetMailboxId: 4, Status: 'Planned' }),
    call('MigrationList', { Status: 'All', ShowCanceled: false }),
    call('MigrationListEx', { NetworkID: 1, MailboxID: 2, Status: 'All', ShowCanceled: false }),
    call('MigrationInfo', { MigrationID: 1, MigrationBatchID: 0 }),
    call('MigrationAddTP', { MigrationID: 1, MigrationBatchID: 1, ECGridID: 123456 }),
    call('CarbonCopyAdd', { ECGridIDFrom: 1, ECGridIDTo: 2, ECGridIDCCFrom: 3, ECGridIDCCTo: 4 }),
    call('CarbonCopyAddEx', { NetworkID: 1, MailboxID: 2, ECGridIDFrom: 1, ECGridIDTo: 2, ECGridIDCCFrom: 3, ECGridIDCCTo: 4 }),
  ];

  it.each(soapOnly)('gives NotAvailableOnBackend for SOAP-only %s, with a reason citing the docs', async (op, invoke) => {
    const { backend, requests } = portAnswering(() => null);
    expect(MAPPINGS[op].rest).toBeNull();
    expect(MAPPINGS[op].noRestReason).toMatch(/\.md/);
    await notAvailable(invoke(backend), op);
    expect(requests).toHaveLength(0);
  });

  it('keeps the reads among them reads and the rest writes', () => {
    const reads = new Set<FacadeOperation>(['TPListByOwner', 'TPFindEx', 'TPGetMailboxDefault', 'InterconnectInfoGUID', 'InterconnectCount', 'MigrationList', 'MigrationListEx', 'MigrationInfo']);
    for (const [op] of soapOnly) expect(MAPPINGS[op].kind, op).toBe(reads.has(op) ? 'read' : 'write');
  });
});
