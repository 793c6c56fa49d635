import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, SANDBOX_OPERATIONS, restEndpointsOf, startSandbox } from '../src/index.js';
import { type XmlNode, items, soapCall } from './support/clients.js';

/** Reads the sandbox serves on SOAP only (REST has no form of them), over the same store, and what it does not emulate. */

let sb: RunningSandbox;
const call = (op: string, params: Record<string, string | number | boolean> = {}) =>
  soapCall(sb.soapUrl, op, { SessionID: sb.credentials.apiKey, ...params });
const ANY_TIME = { BeginDate: '2000-01-01T00:00:00Z', EndDate: '2030-01-01T00:00:00Z' };

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('parcels in an outbound state', () => {
  it('ParcelOutBoxError lists the failed, ParcelOutBoxInProcess the undelivered, and neither reaches an inbox', async () => {
    const failed = items(((await call('ParcelOutBoxError', ANY_TIME)).result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo');
    expect(failed.map((p) => [p['ParcelID'], p['StatusCode']])).toEqual([['3000000002', 'outboxFailed']]);
    const pending = items(((await call('ParcelOutBoxInProcessEx', { NetworkID: 0, MailboxID: 5001 })).result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo');
    expect(pending.map((p) => [p['ParcelID'], p['StatusCode'], p['Direction']])).toEqual([['3000000003', 'outboxPending', 'OutBox']]);
  });

  it('ParcelFindMailbagControlIDTo searches what the mailbox received, within dates', async () => {
    const beta = [...sb.admin.state().users.values()].find((u) => u.loginName === 'beta.admin');
    const r = await soapCall(sb.soapUrl, 'ParcelFindMailbagControlIDTo', {
      SessionID: beta?.apiKey ?? '',
      NetworkID: 0,
      MailboxID: 0,
      ...ANY_TIME,
      MailbagControlID: 'MB-2025-0042',
    });
    expect(items(r.result, 'ParcelIDInfo').map((p) => [p['ParcelID'], p['StatusCode'], p['Direction']])).toEqual([['2147483649', 'InBoxTransferred', 'InBox']]);
  });
});

describe('callbacks', () => {
  it('CallBackEventInfo gives the event with its latest queue entries; CallBackEventListEx hides inactive ones', async () => {
    const info = (await call('CallBackEventInfo', { CallBackEventID: 71001, QueueCount: 2 })).result as XmlNode;
    expect(info).toMatchObject({ CallBackEventID: '71001', SystemObject: 'Parcel', Direction: 'InBox', Status: 'Active' });
    expect(String(info['URL'])).toContain('Düsseldorf');
    expect(items(info['CallBackQueue'], 'CallBackQueueIDInfo').map((q) => q['CallBackQueueID'])).toEqual(['4294967303', '4294967301']);
    const active = items((await call('CallBackEventListEx', { NetworkID: 0, MailboxID: 0, ShowInactive: false })).result, 'CallBackEventIDInfo');
    expect(active.map((e) => e['CallBackEventID'])).toEqual(['71001']);
    const all = items((await call('CallBackEventListEx', { NetworkID: 0, MailboxID: 0, ShowInactive: true })).result, 'CallBackEventIDInfo');
    expect(all.map((e) => e['CallBackEventID'])).toEqual(['71001', '71002']);
    expect((await call('CallBackEventInfo', { CallBackEventID: 71003, QueueCount: 0 })).fault?.detail).toBe('Authorization');
  });

  it('the pending and failed lists, and one queue entry with its event (IDs above 2^31)', async () => {
    const pending = items((await call('CallBackPendingList')).result, 'CallBackQueueIDInfo');
    expect(pending.map((q) => [q['CallBackQueueID'], q['ObjectID'], q['Status']])).toEqual([['4294967301', '987650002', 'Pending']]);
    const failed = items((await call('CallBackFailedListEx', { NetworkID: 1001, MailboxID: 0, MaxDays: 0 })).result, 'CallBackQueueIDInfo');
    expect(failed.map((q) => q['CallBackQueueID'])).toEqual(['4294967302']);
    expect(items((await call('CallBackPendingListExA', { NetworkID: 0, MailboxID: 0, NetworkExclude: '1001' })).result, 'CallBackQueueIDInfo')).toEqual([]);
    const one = (await call('CallBackQueueInfo', { CallBackQueueID: 4294967303 })).result as XmlNode;
    expect(one).toMatchObject({ CallBackQueueID: '4294967303', ObjectID: '3000000004', Test: 'true', CallBackEvent: { CallBackEventID: '71001' } });
  });
});

describe('keys and comms with certificates', () => {
  it('KeyList and KeyGet read the keys of an object, with their non-ASCII text', async () => {
    const list = items((await call('KeyList', { SystemObject: 'Mailbox', ObjectID: 5001 })).result, 'KeyValue');
    expect(list.map((k) => k['Key'])).toEqual(['acme.erp.endpoint', 'acme.shared.holidays']);
    const one = (await call('KeyGet', { Key: 'acme.erp.endpoint', SystemObject: 'Mailbox', ObjectID: 5001, Visibility: 'Private' })).result as XmlNode;
    expect(one).toMatchObject({ Value: 'https://erp.acme-supply.example/edi/Eingang', Meta: 'ERP-Anbindung (Zürich)' });
    expect((await call('KeyGet', { Key: 'nope', SystemObject: 'Mailbox', ObjectID: 5001, Visibility: 'Private' })).fault?.detail).toBe('ObjectNotFound');
  });

  it('CommList with WithCerts gives each channel its certificates', async () => {
    const params = { CommType: 'none', PrivateKeyRequired: false, UseType: 'Undefined', ShowInactive: true, WithCerts: true };
    const list = items((await call('CommList', params)).result, 'CommIDInfo');
    expect(list.map((c) => c['CommID'])).toEqual(['81001', '81002']);
    expect(items(list[0]!['Certificates'], 'Certificate')[0]).toMatchObject({ CertKeyID: '91001', Subject: 'CN=as2.acme-supply.example, O=Acme Supply GmbH, L=München' });
  });
});

describe('more SOAP-only reads of stored objects', () => {
  it('NowUTC, SessionLogCurrent, ParcelNoteList, InterchangeManifest and InterconnectInfoGUID', async () => {
    expect(Date.parse(String((await soapCall(sb.soapUrl, 'NowUTC')).result))).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z'));
    const session = String((await soapCall(sb.soapUrl, 'Login', { LoginName: sb.credentials.loginName, Password: sb.credentials.password })).result);
    await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: session });
    const log = (await soapCall(sb.soapUrl, 'SessionLogCurrent', { SessionID: session })).result as XmlNode;
    expect(log).toMatchObject({ SessionID: session, UserID: '2006', Status: 'Open' });
    const notes = items((await call('ParcelNoteList', { ParcelID: 987650001 })).result, 'ParcelNote');
    expect(notes.map((n) => n['ParcelNoteID'])).toEqual(['1', '2']);
    const ic = [...sb.admin.state().interchanges.values()].find((i) => i.parcelId === 987650004);
    const manifest = items((await call('InterchangeManifest', { InterchangeID: ic?.interchangeId ?? 0 })).result, 'ManifestInfo');
    expect(manifest[0]).toMatchObject({ ParcelID: '987650004', InterchangeID: String(ic?.interchangeId) });
    expect((await call('InterconnectInfoGUID', { UniqueID: 'IC9001' })).result).toMatchObject({ InterconnectID: '9001', UniqueID: 'IC9001' });
    expect((await call('InterconnectInfoGUID', { UniqueID: 'nope' })).fault?.detail).toBe('ObjectNotFound');
    const sessions = items((await call('SessionLogEx', { UserID: 2006, StartTime: '2000-01-01T00:00:00Z', EndTime: '2100-01-01T00:00:00Z', MaxRecords: 0 })).result, 'SessionLogInfo');
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    const found = items((await call('TPFindEx', { NetworkID: 0, MailboxID: 0, Description: 'production', ShowInactive: true })).result, 'ECGridIDInfo');
    expect(found.map((tp) => tp['ECGridID'])).toContain('100101');
  });
});

describe('the operation table', () => {
  it('answers an operation it does not emulate with a SOAP fault that says so', async () => {
    expect(SANDBOX_OPERATIONS).not.toContain('MigrationList');
    const r = await call('MigrationList', {});
    expect([r.status, r.fault?.code, r.fault?.string]).toEqual([500, 'soap:Client', 'MigrationList is not emulated by the sandbox: the sandbox models no migrations']);
  });

  it('gives REST endpoints only to operations that have them', () => {
    expect(restEndpointsOf('CallBackPendingList')).toEqual([]);
    expect(restEndpointsOf('ParcelInBox')).toEqual(['parcels.inboxList', 'parcels.pendingInboxList']);
    expect(restEndpointsOf('MigrationList')).toEqual([]);
  });
});
