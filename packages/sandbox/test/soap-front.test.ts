import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as soap from 'soap';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { type XmlNode, items, soapCall, x12File } from './support/clients.js';

let sb: RunningSandbox;
let sid: string;
const call = (op: string, params: Record<string, string | number | boolean> = {}) => soapCall(sb.soapUrl, op, params);
const S = () => ({ SessionID: sid });

beforeAll(async () => {
  sb = await startSandbox();
  const login = await call('Login', { LoginName: sb.credentials.loginName, Password: sb.credentials.password });
  sid = String(login.result);
});
afterAll(() => sb.close());

describe('SOAP front: session operations', () => {
  it('Version needs no session', async () => {
    const r = await call('Version');
    expect(r.status).toBe(200);
    expect(String(r.result)).toMatch(/v4\.1/);
  });

  it('Login accepts the login name or the email and returns a SessionID', async () => {
    const r = await call('Login', { LoginName: sb.credentials.email, Password: sb.credentials.password });
    expect(String(r.result)).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.result).not.toBe(sid);
  });

  it('Login with a wrong password is an Authentication fault (soap:Client, HTTP 500) that does not echo it', async () => {
    const r = await call('Login', { LoginName: sb.credentials.loginName, Password: 'Wrong#Pass1234' });
    expect(r.status).toBe(500);
    expect(r.fault).toMatchObject({ code: 'soap:Client', detail: 'Authentication' });
    expect(r.text).not.toContain('Wrong#Pass1234');
  });

  it('WhoAmI describes the session user', async () => {
    const r = await call('WhoAmI', S());
    expect(r.result).toMatchObject({ SessionID: sid, UserID: '2006', LoginName: 'acme.demo', AuthLevel: 'MailboxAdmin', MailboxID: '5001', NetworkID: '1001', TimeOut: '20' });
  });

  it('accepts the API key in place of a SessionID, without echoing the key', async () => {
    const r = await call('WhoAmI', { SessionID: sb.credentials.apiKey });
    expect(r.result).toMatchObject({ UserID: '2006', SessionID: '' });
    expect(r.text).not.toContain(sb.credentials.apiKey);
  });

  it('SessionLog lists the user sessions with their calls, masking other sessions IDs', async () => {
    await call('WhoAmI', S());
    const r = await call('SessionLog', { ...S(), MaxRecords: 10 });
    const log = items(r.result, 'SessionLogInfo');
    const mine = log.find((s) => s['SessionID'] === sid);
    expect(mine).toMatchObject({ Status: 'Open', UserID: '2006' });
    expect(items(mine!['Events'], 'SessionEvents').map((e) => e['APICall'])).toContain('WhoAmI');
    expect(log.length).toBeGreaterThan(1);
    expect(log.filter((s) => s['SessionID'] !== sid).every((s) => String(s['SessionID']).endsWith('…'))).toBe(true);
  });

  it('Logout ends the session', async () => {
    const other = String((await call('Login', { LoginName: 'acme.clerk', Password: 'Clerk#Sandbox25' })).result);
    expect((await call('Logout', { SessionID: other })).result).toBe('0');
    const after = await call('WhoAmI', { SessionID: other });
    expect(after.fault).toMatchObject({ detail: 'Authentication' });
    expect(after.fault?.string).toMatch(/logged out/);
  });
});

describe('SOAP front: directory operations', () => {
  it('NetworkInfo: own network, another network (Authorization), a missing one (ObjectNotFound)', async () => {
    expect((await call('NetworkInfo', { ...S(), NetworkID: 1001 })).result).toMatchObject({ NetworkID: '1001', Name: 'Acme Supply Network', Status: 'Active', Type: 'Network' });
    expect((await call('NetworkInfo', { ...S(), NetworkID: 1002 })).fault).toMatchObject({ code: 'soap:Client', detail: 'Authorization' });
    expect((await call('NetworkInfo', { ...S(), NetworkID: 9999 })).fault).toMatchObject({ detail: 'ObjectNotFound' });
  });

  it('NetworkList lists what the user may see', async () => {
    expect(items((await call('NetworkList', { ...S(), Name: '' })).result, 'NetworkIDInfo').map((n) => n['NetworkID'])).toEqual(['1001']);
    const root = await call('NetworkList', { SessionID: '0f3b6c1e-7a52-4d0b-9e6a-5c1f2d3e4a01' });
    expect(items(root.result, 'NetworkIDInfo').map((n) => n['NetworkID'])).toEqual(['1001', '1002']);
  });

  it('MailboxInfo and MailboxList', async () => {
    expect((await call('MailboxInfo', { ...S(), MailboxID: 5001 })).result).toMatchObject({ MailboxID: '5001', Name: 'Acme Manufacturing', NetworkID: '1001' });
    expect((await call('MailboxInfo', { ...S(), MailboxID: 5002 })).fault?.detail).toBe('Authorization');
    const netAdmin = '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e04';
    const list = await call('MailboxList', { SessionID: netAdmin, Name: 'dist' });
    expect(items(list.result, 'MailboxIDInfo').map((m) => m['MailboxID'])).toEqual(['5002']);
  });

  it('TPInfo, TPSearch (ShowInactive) and TPList', async () => {
    expect((await call('TPInfo', { ...S(), ECGridID: 200301 })).result).toMatchObject({ ECGridID: '200301', Qualifier: 'ZZ', ID: 'BETARETAIL', MailboxID: '5003', Status: 'Active' });
    const active = await call('TPSearch', { ...S(), Qualifier: 'ZZ', ID: 'ACMEMFG', ShowInactive: false });
    expect(items(active.result, 'ECGridIDInfo').map((t) => t['ID'])).toEqual(['ACMEMFG']);
    const all = await call('TPSearch', { ...S(), Qualifier: 'ZZ', ID: 'ACMEMFG', ShowInactive: true });
    expect(items(all.result, 'ECGridIDInfo').map((t) => t['ID'])).toEqual(['ACMEMFG', 'ACMEMFGTEST']);
    const list = await call('TPList', { ...S(), ShowInactive: false });
    expect(items(list.result, 'ECGridIDInfo').map((t) => t['ECGridID'])).toEqual(['100101', '100102']);
  });

  it('InterconnectInfo', async () => {
    const r = await call('InterconnectInfo', { ...S(), InterconnectID: 9001 });
    expect(r.result).toMatchObject({ InterconnectID: '9001', Status: 'Completed' });
    expect((r.result as XmlNode)['TP2']).toMatchObject({ ECGridID: '200301', ID: 'BETARETAIL' });
  });

  it('UserInfo, UserList and UserGetAPIKey', async () => {
    expect((await call('UserInfo', { ...S(), UserID: 2007 })).result).toMatchObject({ UserID: '2007', LoginName: 'acme.clerk', AuthLevel: 'MailboxUser' });
    expect((await call('UserInfo', { ...S(), UserID: 2011 })).fault?.detail).toBe('Authorization');
    const users = items((await call('UserList', { ...S(), Name: '' })).result, 'UserIDInfo').map((u) => u['UserID']);
    expect(users).toEqual(['2006', '2007', '2008', '2009', '2013']);
    expect((await call('UserGetAPIKey', { ...S(), UserID: 2006 })).result).toBe(sb.credentials.apiKey);
  });
});

describe('SOAP front: parcels and interchanges (reads)', () => {
  it('ParcelInBox lists the ready parcels of the mailbox', async () => {
    const r = await call('ParcelInBox', S());
    const list = items((r.result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo');
    expect(list.map((p) => p['ParcelID'])).toEqual(['987650002', '987650003', '987650004']);
    expect(list.every((p) => p['StatusCode'] === 'InBoxReady' && p['Direction'] === 'InBox' && p['MailboxIDTo'] === '5001')).toBe(true);
    expect(r.result).toMatchObject({ Count: '3', TotalRecords: '3', PageNumber: '1' });
  });

  it('ParcelInBoxEx filters by sender', async () => {
    const r = await call('ParcelInBoxEx', { ...S(), NetworkID: 0, MailboxID: 5001, ECGridIDFrom: 200401, ECGridIDTo: 0 });
    expect(items((r.result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo').map((p) => p['ParcelID'])).toEqual(['987650004']);
  });

  it('ParcelInBoxArchive pages through every inbound parcel in a date range', async () => {
    const base = { ...S(), BeginDate: '2025-01-01T00:00:00', EndDate: '2025-01-31T00:00:00', ECGridIDFrom: 0, ECGridIDTo: 0, MailbagControlID: '' };
    const page1 = await call('ParcelInBoxArchive', { ...base, PageNo: 1, RecordsPerPage: 3 });
    expect(page1.result).toMatchObject({ TotalRecords: '4', TotalPages: '2', Count: '3', PageSize: '3' });
    const page2 = await call('ParcelInBoxArchive', { ...base, PageNo: 2, RecordsPerPage: 3 });
    expect(items((page2.result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo').map((p) => p['ParcelID'])).toEqual(['987650004']);
    const narrow = await call('ParcelInBoxArchive', { ...base, EndDate: '2025-01-06T23:59:59Z', PageNo: 0, RecordsPerPage: 0 });
    expect(items((narrow.result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo').map((p) => p['StatusCode'])).toEqual(['InBoxArchived']);
  });

  it('ParcelOutBoxArchive lists what the mailbox sent', async () => {
    const r = await call('ParcelOutBoxArchive', { ...S(), BeginDate: '0001-01-01T00:00:00', EndDate: '0001-01-01T00:00:00', ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 25 });
    const list = items((r.result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo');
    expect(list.map((p) => [p['ParcelID'], p['Direction'], p['MailboxIDFrom']])).toEqual([
      ['987650005', 'OutBox', '5001'],
      ['987650006', 'OutBox', '5001'],
      ['2147483649', 'OutBox', '5001'],
      ['3000000002', 'OutBox', '5001'],
      ['3000000003', 'OutBox', '5001'],
    ]);
  });

  it('ParcelInfo and ParcelManifest', async () => {
    expect((await call('ParcelInfo', { ...S(), ParcelID: 987650004 })).result).toMatchObject({ ParcelID: '987650004', FileName: 'GAMMAFOODS_ORDERS_20250108.x12', MailboxIDFrom: '5004' });
    expect((await call('ParcelInfo', { ...S(), ParcelID: 987650007 })).fault?.detail).toBe('Authorization');
    expect((await call('ParcelInfo', { ...S(), ParcelID: 1 })).fault?.detail).toBe('ObjectNotFound');
    const manifest = items((await call('ParcelManifest', { ...S(), ParcelID: 987650004 })).result, 'ManifestInfo');
    expect(manifest).toHaveLength(2);
    expect(manifest.every((m) => m['ParcelID'] === '987650004' && m['Type'] === 'System')).toBe(true);
  });

  it('ParcelInfo and InterconnectInfo give each date field its own value', async () => {
    const parcel = (await call('ParcelInfo', { ...S(), ParcelID: 987650004 })).result as XmlNode;
    expect([parcel['ParcelDate'], parcel['StatusDate']].map((d) => new Date(String(d)).toISOString())).toEqual([
      '2025-01-08T08:45:00.000Z',
      '2025-01-08T08:47:00.000Z',
    ]);
    const ic = (await call('InterconnectInfo', { ...S(), InterconnectID: 9001 })).result as XmlNode;
    expect([ic['Created'], ic['Completed'], ic['Modified']].map((d) => new Date(String(d)).toISOString())).toEqual([
      '2020-10-01T12:00:00.000Z',
      '2020-10-03T09:00:00.000Z',
      '2023-02-14T10:20:00.000Z',
    ]);
  });

  it('InterchangeInBox, InterchangeOutBox and InterchangeInfo', async () => {
    const range = { BeginDate: '2025-01-01T00:00:00Z', EndDate: '2025-12-31T00:00:00Z', ECGridIDFrom: 0, ECGridIDTo: 0, InterchangeControlID: '' };
    const inbox = items((await call('InterchangeInBox', { ...S(), ...range })).result, 'InterchangeIDInfo');
    expect(inbox.map((i) => i['InterchangeControlID'])).toEqual(['000000100', '000000101', '000000102', '000005001', '000005002']);
    const out = items((await call('InterchangeOutBox', { ...S(), ...range })).result, 'InterchangeIDInfo');
    expect(out.map((i) => i['DocumentType'])).toEqual(['810', '856', '810', '856', '810']);
    const byControl = items((await call('InterchangeInBox', { ...S(), ...range, InterchangeControlID: '5002' })).result, 'InterchangeIDInfo');
    expect(byControl).toHaveLength(1);
    const info = await call('InterchangeInfo', { ...S(), InterchangeID: Number(byControl[0]!['InterchangeID']) });
    expect(info.result).toMatchObject({ InterchangeControlID: '000005002', Standard: 'X12', DocumentType: '850', MailboxIDTo: '5001' });
    expect(String((info.result as XmlNode)['Header'])).toMatch(/^ISA\*00\*/);
  });
});

describe('SOAP front: parcel changes', () => {
  it('download, confirm, reset and upload follow the EDI flow', async () => {
    const dl = await call('ParcelDownload', { ...S(), ParcelID: 987650002 });
    expect(Buffer.from(String((dl.result as XmlNode)['Content']), 'base64').toString('latin1')).toMatch(/^ISA\*/);
    const afterDownload = items(((await call('ParcelInBox', S())).result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo');
    expect(afterDownload.map((p) => p['ParcelID'])).not.toContain('987650002');
    expect((await call('ParcelInfo', { ...S(), ParcelID: 987650002 })).result).toMatchObject({ StatusCode: 'InBoxTransferred' });
    expect((await call('ParcelDownloadConfirm', { ...S(), ParcelID: 987650002 })).result).toBe('true');
    expect((await call('ParcelDownloadReset', { ...S(), ParcelID: 987650002 })).result).toBe('true');
    expect((await call('ParcelInfo', { ...S(), ParcelID: 987650002 })).result).toMatchObject({ StatusCode: 'InBoxReady' });

    const content = Buffer.from(x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL'], { type: '810' }));
    const up = await call('ParcelUpload', { ...S(), FileName: 'inv.x12', Bytes: content.length, Content: content.toString('base64') });
    const parcelId = Number(up.result);
    expect(parcelId).toBeGreaterThan(987650007);
    const beta = await soapCall(sb.soapUrl, 'ParcelInBox', { SessionID: 'a0d1e2f3-4b5c-4d6e-9f7a-9b0c1d2e3f11' });
    expect(items((beta.result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo').map((p) => Number(p['ParcelID']))).toContain(parcelId);

    const ex = await call('ParcelUploadEx', { ...S(), NetworkID: 1001, MailboxID: 5001, FileName: 'po.x12', Bytes: content.length, Content: content.toString('base64') });
    expect(Number(ex.result)).toBe(parcelId + 1);
    const wrongBox = await call('ParcelUploadEx', { ...S(), NetworkID: 0, MailboxID: 5002, FileName: 'po.x12', Bytes: content.length, Content: content.toString('base64') });
    expect(wrongBox.fault?.detail).toBe('Authorization');
  });

  it('an upload to an unknown receiver or with a wrong Bytes count is InvalidParameter', async () => {
    const content = Buffer.from(x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'NOSUCHPARTNER']));
    const unknown = await call('ParcelUpload', { ...S(), FileName: 'x.x12', Bytes: content.length, Content: content.toString('base64') });
    expect(unknown.fault).toMatchObject({ code: 'soap:Client', detail: 'InvalidParameter' });
    expect(unknown.fault?.string).toMatch(/NOSUCHPARTNER/);
    const good = Buffer.from(x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL']));
    const wrongBytes = await call('ParcelUpload', { ...S(), FileName: 'x.x12', Bytes: good.length + 1, Content: good.toString('base64') });
    expect(wrongBytes.fault?.detail).toBe('InvalidParameter');
  });
});

describe('SOAP front: a faithful 1.1 endpoint', () => {
  it('refuses a wrong or missing SOAPAction with a soap:Client fault', async () => {
    const wrong = await soapCall(sb.soapUrl, 'WhoAmI', S(), { soapAction: 'http://www.ecgridos.net/WhoAmI' });
    expect(wrong.status).toBe(500);
    expect(wrong.fault).toMatchObject({ code: 'soap:Client', detail: 'InvalidParameter' });
    expect(wrong.fault?.string).toMatch(/SOAPAction/);
    const missing = await soapCall(sb.soapUrl, 'WhoAmI', S(), { soapAction: null });
    expect(missing.fault?.string).toMatch(/SOAPAction/);
    const mismatch = await soapCall(sb.soapUrl, 'WhoAmI', S(), { soapAction: 'https://os.ecgrid.io/Logout' });
    expect(mismatch.fault?.string).toMatch(/Logout/);
  });

  it('refuses a request element in the docs namespace', async () => {
    const r = await soapCall(sb.soapUrl, 'WhoAmI', S(), { requestNs: 'http://www.ecgridos.net/' });
    expect(r.fault).toMatchObject({ code: 'soap:Client', detail: 'InvalidParameter' });
    expect(r.fault?.string).toMatch(/namespace/);
  });

  it('refuses a SOAP 1.2 envelope with a VersionMismatch fault', async () => {
    const r = await soapCall(sb.soapUrl, 'WhoAmI', S(), { envelopeNs: 'http://www.w3.org/2003/05/soap-envelope' });
    expect(r.status).toBe(500);
    expect(r.text).toContain('VersionMismatch');
    const ct = await soapCall(sb.soapUrl, 'WhoAmI', S(), { contentType: 'application/soap+xml; charset=utf-8' });
    expect(ct.text).toContain('VersionMismatch');
  });

  it('refuses malformed XML, DTDs, unknown parameters and bad values', async () => {
    expect((await soapCall(sb.soapUrl, 'WhoAmI', {}, { body: '<soap:Envelope><soap:Body>' })).fault?.string).toMatch(/well-formed/);
    const dtd = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>';
    expect((await soapCall(sb.soapUrl, 'WhoAmI', {}, { body: dtd })).fault?.string).toMatch(/DTD/);
    const docsLogin = await call('Login', { Email: 'x', Password: 'y' });
    expect(docsLogin.fault?.string).toMatch(/no parameter Email/);
    const badInt = await call('NetworkInfo', { ...S(), NetworkID: 'abc' });
    expect(badInt.fault).toMatchObject({ detail: 'InvalidParameter' });
  });

  it('serves its WSDL, which node-soap\'s own client loads and calls through', async () => {
    const wsdl = await (await fetch(sb.wsdlUrl)).text();
    expect(wsdl).toContain('soapAction="https://os.ecgrid.io/ParcelInBox"');
    expect(wsdl).toContain(`location="${sb.soapUrl}"`);
    const client = await soap.createClientAsync(sb.wsdlUrl);
    const port = (client as unknown as Record<string, Record<string, Record<string, unknown>>>)['ECGridOS_x0020_API_x0020_v4']!['ECGridOS_x0020_API_x0020_v4Soap']!;
    expect(typeof port['WhoAmI']).toBe('function');
    const [who] = (await client['WhoAmIAsync']({ SessionID: sid })) as [{ WhoAmIResult: { LoginName: string; UserID: number } }];
    expect(who.WhoAmIResult).toMatchObject({ LoginName: 'acme.demo', UserID: 2006 });
    await expect(client['NetworkInfoAsync']({ SessionID: sid, NetworkID: 1002 })).rejects.toMatchObject({ response: { status: 500 } });
  });
});
