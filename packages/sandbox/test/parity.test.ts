import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { type XmlNode, items, restCall, soapCall, x12File } from './support/clients.js';

/** One store behind both fronts: the same record read over SOAP and over REST. */

let sb: RunningSandbox;
type Obj = Record<string, unknown>;
const soap = async (op: string, params: Record<string, string | number | boolean> = {}) => {
  const r = await soapCall(sb.soapUrl, op, { SessionID: sb.credentials.apiKey, ...params });
  expect(r.fault, r.text).toBeUndefined();
  return r.result as XmlNode;
};
const rest = async <T = Obj>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const r = await restCall(sb.restUrl, method, path, { headers: { 'x-api-key': sb.credentials.apiKey }, ...(body !== undefined ? { body } : {}) });
  expect(r.json?.success, r.text).toBe(true);
  return r.json!.data as T;
};
const iso = (v: unknown) => new Date(String(v)).toISOString();

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('the same records over SOAP and REST', () => {
  it('network, mailbox, trading partner, interconnect', async () => {
    const [sNet, rNet] = await Promise.all([soap('NetworkInfo', { NetworkID: 1001 }), rest('GET', '/v2/networks/1001')]);
    expect([Number(sNet['NetworkID']), sNet['Name'], sNet['Status'], iso(sNet['Created'])]).toEqual([rNet['networkId'], rNet['companyName'], rNet['status'], rNet['created']]);
    const [sBox, rBox] = await Promise.all([soap('MailboxInfo', { MailboxID: 5001 }), rest('GET', '/v2/mailboxes/5001')]);
    expect([Number(sBox['MailboxID']), Number(sBox['NetworkID']), sBox['Description'], iso(sBox['Modified'])]).toEqual([rBox['mailboxId'], rBox['networkId'], rBox['companyName'], rBox['modified']]);
    const [sTp, rTp] = await Promise.all([soap('TPInfo', { ECGridID: 100102 }), rest('GET', '/v2/ids/100102')]);
    expect([Number(sTp['ECGridID']), sTp['Qualifier'], sTp['ID'], sTp['Description'], sTp['Status']]).toEqual([rTp['ecGridId'], rTp['qualifier'], rTp['id'], rTp['description'], rTp['status']]);
    const [sIc, rIc] = await Promise.all([soap('InterconnectInfo', { InterconnectID: 9002 }), rest('GET', '/v2/partners/9002')]);
    expect([Number((sIc['TP1'] as XmlNode)['ECGridID']), Number((sIc['TP2'] as XmlNode)['ECGridID']), iso(sIc['Created'])]).toEqual([rIc['ecGridIdFrom'], rIc['ecGridIdTo'], rIc['created']]);
  });

  it('users, API key and the signed-in user', async () => {
    const [sUser, rUser] = await Promise.all([soap('UserInfo', { UserID: 2008 }), rest('GET', '/v2/users/2008')]);
    expect([Number(sUser['UserID']), sUser['LoginName'], sUser['EMail'], sUser['AuthLevel'], sUser['Status']]).toEqual([rUser['userId'], rUser['login'], rUser['email'], rUser['authLevel'], rUser['status']]);
    const [sList, rList] = await Promise.all([soap('UserList'), rest<Obj[]>('POST', '/v2/users/list', {})]);
    expect(items(sList, 'UserIDInfo').map((u) => Number(u['UserID']))).toEqual(rList.map((u) => u['userId']));
    const [sKey, rKey] = await Promise.all([soap('UserGetAPIKey', { UserID: 2007 }), rest('GET', '/v2/users/key/2007')]);
    expect(sKey).toBe(rKey);
    const [sMe, rMe] = await Promise.all([soap('WhoAmI'), rest('GET', '/v2/users/me')]);
    expect([Number(sMe['UserID']), sMe['LoginName'], sMe['AuthLevel'], Number(sMe['MailboxID'])]).toEqual([rMe['userId'], rMe['login'], rMe['authLevel'], rMe['mailboxId']]);
  });

  it('lists: networks, mailboxes, IDs', async () => {
    const [sNets, rNets] = await Promise.all([soap('NetworkList'), rest<{ networks: Obj[] }>('POST', '/v2/networks/list', {})]);
    expect(items(sNets, 'NetworkIDInfo').map((n) => Number(n['NetworkID']))).toEqual(rNets.networks.map((n) => n['networkId']));
    const [sBoxes, rBoxes] = await Promise.all([soap('MailboxList'), rest<{ mailboxes: Obj[] }>('POST', '/v2/mailboxes/list', {})]);
    expect(items(sBoxes, 'MailboxIDInfo').map((n) => Number(n['MailboxID']))).toEqual(rBoxes.mailboxes.map((n) => n['mailboxId']));
    const [sTps, rTps] = await Promise.all([soap('TPList', { ShowInactive: true }), rest<Obj[]>('POST', '/v2/ids/list', {})]);
    expect(items(sTps, 'ECGridIDInfo').map((n) => Number(n['ECGridID']))).toEqual(rTps.map((n) => n['ecGridId']));
    const [sFind, rFind] = await Promise.all([soap('TPSearch', { Qualifier: 'ZZ', ID: 'BETA', ShowInactive: true }), rest<Obj[]>('POST', '/v2/ids/find', { qualifier: 'ZZ', id: 'BETA' })]);
    expect(items(sFind, 'ECGridIDInfo').map((n) => Number(n['ECGridID']))).toEqual(rFind.map((n) => n['ecGridId']));
  });

  it('parcels, manifests and interchanges', async () => {
    const [sIn, rIn] = await Promise.all([soap('ParcelInBox'), rest<Obj[]>('POST', '/v2/parcels/inbox-list', { status: 'InBoxReady' })]);
    const sParcels = items(sIn['ParcelIDInfoList'], 'ParcelIDInfo');
    expect(sParcels.map((p) => [Number(p['ParcelID']), p['FileName'], Number(p['ParcelBytes']), iso(p['ParcelDate']), Number(p['MailboxIDTo'])])).toEqual(
      rIn.map((p) => [p['parcelId'], p['fileName'], p['bytes'], p['created'], p['mailboxId']]),
    );
    const range = { BeginDate: '2025-01-01T00:00:00Z', EndDate: '2025-12-31T00:00:00Z', ECGridIDFrom: 0, ECGridIDTo: 0 };
    const [sOut, rOut] = await Promise.all([
      soap('ParcelOutBoxArchive', { ...range, MailbagControlID: '', PageNo: 1, RecordsPerPage: 25 }),
      rest<Obj[]>('POST', '/v2/parcels/outbox-list', { beginDate: '2025-01-01T00:00:00Z', endDate: '2025-12-31T00:00:00Z' }),
    ]);
    expect(items(sOut['ParcelIDInfoList'], 'ParcelIDInfo').map((p) => Number(p['ParcelID']))).toEqual(rOut.map((p) => p['parcelId']));
    const [sMan, rMan] = await Promise.all([soap('ParcelManifest', { ParcelID: 987650004 }), rest<Obj[]>('GET', '/v2/parcels/manifest/987650004')]);
    expect(items(sMan, 'ManifestInfo').map((m) => Number(m['InterchangeID']))).toEqual(rMan.map((m) => m['interchangeId']));
    const [sIcs, rIcs] = await Promise.all([
      soap('InterchangeInBox', { ...range, InterchangeControlID: '' }),
      rest<{ interchanges: Obj[] }>('POST', '/v2/interchanges/inbox-list', { beginDate: '2025-01-01T00:00:00Z', endDate: '2025-12-31T00:00:00Z' }),
    ]);
    const sList = items(sIcs, 'InterchangeIDInfo');
    expect(sList.map((i) => [Number(i['InterchangeID']), i['DocumentType'], (i['TPFrom'] as XmlNode)['ID'], iso(i['InterchangeProcessDate'])])).toEqual(
      rIcs.interchanges.map((i) => [i['interchangeId'], i['documentType'], i['sender'], i['created']]),
    );
    const id = Number(sList[0]!['InterchangeID']);
    const [sIc, rIc] = await Promise.all([soap('InterchangeInfo', { InterchangeID: id }), rest('GET', `/v2/interchanges/${id}`)]);
    expect([(sIc['TPTo'] as XmlNode)['ID'], sIc['DocumentType']]).toEqual([rIc['receiver'], rIc['documentType']]);
  });

  it('a parcel uploaded over REST is downloaded over SOAP, confirmed over REST and reset over SOAP', async () => {
    const content = x12File(['ZZ', 'GAMMAFOODS'], ['ZZ', 'ACMEMFG'], { control: 99 });
    const gamma = { 'x-api-key': 'b1e2f3a4-5c6d-4e7f-8a8b-0c1d2e3f4a12' };
    const up = await restCall(sb.restUrl, 'POST', '/v2/parcels/upload', { headers: gamma, body: { fileName: 'gamma.x12', content: Buffer.from(content).toString('base64') } });
    const parcelId = up.json!.data as number;
    const inbox = items((await soap('ParcelInBox'))['ParcelIDInfoList'], 'ParcelIDInfo');
    expect(inbox.map((p) => Number(p['ParcelID']))).toContain(parcelId);

    const file = await soap('ParcelDownload', { ParcelID: parcelId });
    expect(Buffer.from(String(file['Content']), 'base64').toString('latin1')).toBe(content);
    expect(await rest('GET', `/v2/parcels/${parcelId}`)).toMatchObject({ status: 'InBoxTransferred' });
    // pending-inbox-list.md: only InBoxReady parcels "that have not yet been downloaded".
    expect((await rest<Obj[]>('POST', '/v2/parcels/pending-inbox-list', {})).map((p) => p['parcelId'])).not.toContain(parcelId);

    expect(await rest('POST', '/v2/parcels/confirm', { parcelId })).toBe(true);
    expect(await soap('ParcelInfo', { ParcelID: parcelId })).toMatchObject({ StatusCode: 'InBoxArchived', StatusMessage: 'Archived after a confirmed download' });
    expect((await rest<Obj[]>('POST', '/v2/parcels/pending-inbox-list', {})).map((p) => p['parcelId'])).not.toContain(parcelId);

    expect(await soap('ParcelDownloadReset', { ParcelID: parcelId })).toBe('true');
    expect((await rest<Obj[]>('POST', '/v2/parcels/inbox-list', { status: 'InBoxReady' })).map((p) => p['parcelId'])).toContain(parcelId);
  });
});
