import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { restCall, x12File } from './support/clients.js';

let sb: RunningSandbox;
type Obj = Record<string, unknown>;
const key = () => ({ 'x-api-key': sb.credentials.apiKey });
const get = async (path: string, headers = key()) => restCall(sb.restUrl, 'GET', path, { headers });
const post = async (path: string, body: unknown = {}, headers = key()) => restCall(sb.restUrl, 'POST', path, { body, headers });
const data = <T = Obj>(r: Awaited<ReturnType<typeof get>>): T => {
  expect(r.json?.success, r.text).toBe(true);
  return r.json!.data as T;
};

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('REST front: envelope and errors', () => {
  it('answers in the {success, data, errorCode, message} envelope', async () => {
    const r = await get('/v2/auth/version', {} as ReturnType<typeof key>);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.json).toEqual({ success: true, data: { version: '2.6' }, errorCode: null, message: null });
  });

  it('uses the catalogue error codes and statuses', async () => {
    const notFound = await get('/v2/mailboxes/4242');
    expect(notFound.status).toBe(404);
    expect(notFound.json).toMatchObject({ success: false, data: null, errorCode: 'ObjectNotFound' });
    const denied = await get('/v2/mailboxes/5003');
    expect([denied.status, denied.json?.errorCode]).toEqual([403, 'AccessDenied']);
    const badId = await get('/v2/mailboxes/abc');
    expect([badId.status, badId.json?.errorCode]).toEqual([400, 'InvalidParameter']);
    const noRoute = await get('/v2/nothing/here');
    expect([noRoute.status, noRoute.json?.errorCode]).toEqual([404, 'ObjectNotFound']);
    const wrongMethod = await get('/v2/parcels/inbox-list');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const badJson = await restCall(sb.restUrl, 'POST', '/v2/ids/list', { headers: { ...key(), 'content-type': 'application/json' }, rawBody: '{"mailboxId":' });
    expect([badJson.status, badJson.json?.errorCode]).toEqual([400, 'InvalidParameter']);
    const badType = await post('/v2/ids/list', { mailboxId: 'five' });
    expect(badType.json?.message).toMatch(/mailboxId/);
  });

  it('refuses credentials in the query string', async () => {
    const r = await get(`/v2/users/me?apiKey=${sb.credentials.apiKey}`, {} as ReturnType<typeof key>);
    expect([r.status, r.json?.errorCode]).toEqual([400, 'InvalidParameter']);
    expect(r.text).not.toContain(sb.credentials.apiKey);
  });
});

describe('REST front: directory endpoints', () => {
  it('GET /v2/users/me, /v2/users/{id}, POST /v2/users/list, GET /v2/users/key/{id}', async () => {
    expect(data(await get('/v2/users/me'))).toEqual({
      userId: 2006, login: 'acme.demo', email: 'demo@acme-supply.example', firstName: 'Alex', lastName: 'Morgan',
      networkId: 1001, mailboxId: 5001, authLevel: 'MailboxAdmin', status: 'Active', created: '2019-04-02T09:30:00.000Z',
    });
    expect(data(await get('/v2/users/2007'))).toMatchObject({ userId: 2007, login: 'acme.clerk', authLevel: 'MailboxUser' });
    const users = data<Obj[]>(await post('/v2/users/list', { authLevel: 'MailboxUser' }));
    expect(users.map((u) => u['userId'])).toEqual([2007, 2013]);
    expect(data(await get('/v2/users/key/2006'))).toBe(sb.credentials.apiKey);
  });

  it('networks and mailboxes, with the paged list wrappers', async () => {
    expect(data(await get('/v2/networks/1001'))).toEqual({
      networkId: 1001, uniqueId: 'ACMENET', companyName: 'Acme Supply Network', status: 'Active',
      created: '2019-04-02T08:00:00.000Z', modified: '2024-06-18T13:20:00.000Z',
    });
    expect(data(await post('/v2/networks/list', {}))).toMatchObject({ totalRecords: 1, pageNo: 1, recordsPerPage: 25, networks: [{ networkId: 1001 }] });
    expect(data(await get('/v2/mailboxes/5001'))).toMatchObject({ mailboxId: 5001, networkId: 1001, uniqueId: 'ACMEMFG', companyName: 'Production EDI for the Columbus plant' });
    const root = { 'x-api-key': '0f3b6c1e-7a52-4d0b-9e6a-5c1f2d3e4a01' };
    const page = data(await post('/v2/mailboxes/list', { pageNo: 2, recordsPerPage: 3 }, root));
    expect(page).toMatchObject({ totalRecords: 4, pageNo: 2, recordsPerPage: 3, mailboxes: [{ mailboxId: 5004 }] });
    const bad = await post('/v2/mailboxes/list', { recordsPerPage: 501 });
    expect(bad.json?.errorCode).toBe('InvalidParameter');
  });

  it('ids: get, find, list', async () => {
    expect(data(await get('/v2/ids/200301'))).toEqual({
      ecGridId: 200301, mailboxId: 5003, networkId: 1002, qualifier: 'ZZ', id: 'BETARETAIL',
      description: 'Beta Retail Stores', status: 'Active', routingGroup: 'ProductionB', ediStandard: 'X12',
    });
    const found = data<Obj[]>(await post('/v2/ids/find', { qualifier: 'ZZ', id: 'ACMEMFG' }));
    expect(found.map((t) => [t['id'], t['status']])).toEqual([['ACMEMFG', 'Active'], ['ACMEMFGTEST', 'Suspended']]);
    expect((await post('/v2/ids/find', { qualifier: 'ZZ' })).json?.errorCode).toBe('InvalidParameter');
    expect(data<Obj[]>(await post('/v2/ids/list', { status: 'Active' })).map((t) => t['ecGridId'])).toEqual([100101, 100102]);
  });

  it('GET /v2/partners/{id}', async () => {
    expect(data(await get('/v2/partners/9001'))).toEqual({
      interconnectId: 9001, ecGridIdFrom: 100101, ecGridIdTo: 200301, status: 'Active',
      created: '2020-10-01T12:00:00.000Z', modified: '2023-02-14T10:20:00.000Z',
    });
    // REST speaks the generic Status (rest-api/partners/get-partner.md), never StatusInterconnect's Pending.
    expect(data(await get('/v2/partners/9003'))).toMatchObject({ status: 'Development' });
    const root = { 'x-api-key': '0f3b6c1e-7a52-4d0b-9e6a-5c1f2d3e4a01' };
    expect(data(await get('/v2/partners/9005', root))).toMatchObject({ status: 'Preproduction' });
  });

  it('gives IDs the generic Status on REST and StatusECGridID on SOAP', async () => {
    const root = { 'x-api-key': '0f3b6c1e-7a52-4d0b-9e6a-5c1f2d3e4a01' };
    expect(data(await get('/v2/ids/200403', root))).toMatchObject({ status: 'Development', description: 'Gamma Foods – intégration en préparation (Zürich, 東京)' });
    expect(data(await get('/v2/ids/200404', root))).toMatchObject({ status: 'Preproduction' });
    const dev = data<Obj[]>(await post('/v2/ids/list', { status: 'Development' }, root));
    expect(dev.map((t) => t['ecGridId'])).toEqual([200403]);
    expect((await post('/v2/ids/list', { status: 'Pending' }, root)).json?.errorCode).toBe('InvalidParameter');
  });
});

describe('REST front: parcels and interchanges', () => {
  it('inbox-list (filters, paging), pending-inbox-list and outbox-list', async () => {
    const ready = data<Obj[]>(await post('/v2/parcels/inbox-list', { status: 'InBoxReady' }));
    expect(ready.map((p) => p['parcelId'])).toEqual([987650002, 987650003, 987650004]);
    expect(ready[0]).toEqual({
      parcelId: 987650002, mailboxId: 5001, networkId: 1001, fileName: 'BETARETAIL_PO_20250107.x12', bytes: 409,
      status: 'InBoxReady', ecGridIdFrom: 200301, ecGridIdTo: 100101, created: '2025-01-07T09:30:00.000Z', modified: '2025-01-07T09:34:00.000Z',
    });
    const all = data<Obj[]>(await post('/v2/parcels/inbox-list', { beginDate: '2025-01-01T00:00:00Z', endDate: '2025-01-07T10:00:00Z' }));
    expect(all.map((p) => p['parcelId'])).toEqual([987650001, 987650002]);
    expect(data<Obj[]>(await post('/v2/parcels/inbox-list', { recordsPerPage: 2, pageNo: 2 })).map((p) => p['parcelId'])).toEqual([987650002, 987650003]);
    expect((await post('/v2/parcels/inbox-list', { status: 'Sideways' })).json?.errorCode).toBe('InvalidParameter');
    expect((await post('/v2/parcels/inbox-list', { beginDate: 'yesterday' })).json?.errorCode).toBe('InvalidParameter');
    const pending = data<Obj[]>(await post('/v2/parcels/pending-inbox-list', { mailboxId: 5001 }));
    expect(pending.map((p) => p['parcelId'])).toEqual([987650002, 987650003, 987650004]);
    expect(pending[0]).not.toHaveProperty('status');
    const out = data<Obj[]>(await post('/v2/parcels/outbox-list', {}));
    expect(out.map((p) => [p['parcelId'], p['mailboxId']])).toEqual([[987650005, 5001], [987650006, 5001], [2147483649, 5001], [3000000002, 5001], [3000000003, 5001]]);
  });

  it('GET /v2/parcels/{id} and /v2/parcels/manifest/{id}', async () => {
    expect(data(await get('/v2/parcels/987650005'))).toMatchObject({ parcelId: 987650005, mailboxId: 5001, ecGridIdTo: 200301 });
    expect((await get('/v2/parcels/987650007')).status).toBe(403);
    expect(data(await get('/v2/parcels/manifest/987650003'))).toEqual([
      { interchangeId: expect.any(Number), sender: '5551234567', receiver: '123456789', documentType: '850', count: 2 },
    ]);
  });

  it('interchanges: get, inbox-list, outbox-list', async () => {
    const inbox = data<{ totalRecords: number; interchanges: Obj[] }>(await post('/v2/interchanges/inbox-list', { ecGridIdFrom: 200401, beginDate: '2025-01-01T00:00:00Z' }));
    expect(inbox.totalRecords).toBe(2);
    expect(inbox.interchanges.map((i) => i['sender'])).toEqual(['GAMMAFOODS', 'GAMMAFOODS']);
    const first = inbox.interchanges[0]!;
    expect(data(await get(`/v2/interchanges/${String(first['interchangeId'])}`))).toEqual(first);
    expect(first).toMatchObject({ parcelId: 987650004, receiver: 'ACMEMFG', standard: 'X12', documentType: '850' });
    const out = data<{ interchanges: Obj[] }>(await post('/v2/interchanges/outbox-list', { endDate: '2025-01-08T23:00:00Z' }));
    expect(out.interchanges.map((i) => i['documentType'])).toEqual(['810']);
  });

  it('download, confirm, reset-to-inbox and upload', async () => {
    const dl = data(await post('/v2/parcels/download', { parcelId: 987650003 }));
    expect(dl).toMatchObject({ parcelId: 987650003, fileName: 'BETA_DUNS_PO_BATCH_20250107.edi', bytes: 633 });
    expect(Buffer.from(String(dl['content']), 'base64')).toHaveLength(633);
    expect(data(await get('/v2/parcels/987650003'))).toMatchObject({ status: 'InBoxTransferred' });
    // pending-inbox-list.md: InBoxReady parcels "that have not yet been downloaded", so a downloaded one is off it.
    expect(data<Obj[]>(await post('/v2/parcels/pending-inbox-list', {})).map((p) => p['parcelId'])).not.toContain(987650003);
    expect(data(await post('/v2/parcels/confirm', { parcelId: 987650003 }))).toBe(true);
    expect(data(await get('/v2/parcels/987650003'))).toMatchObject({ status: 'InBoxArchived' });
    expect(data<Obj[]>(await post('/v2/parcels/pending-inbox-list', {})).map((p) => p['parcelId'])).not.toContain(987650003);
    expect(data(await post('/v2/parcels/reset-to-inbox/987650003'))).toBe(true);
    expect(data(await get('/v2/parcels/987650003'))).toMatchObject({ status: 'InBoxReady' });
    expect((await post('/v2/parcels/confirm', {})).json?.errorCode).toBe('InvalidParameter');

    const content = Buffer.from(x12File(['01', '123456789'], ['12', '5551234567'], { type: '856' }));
    const id = data<number>(await post('/v2/parcels/upload', { fileName: 'asn.x12', content: content.toString('base64'), bytes: content.length, ecGridIdTo: 200302 }));
    expect(typeof id).toBe('number');
    const betaKey = { 'x-api-key': 'a0d1e2f3-4b5c-4d6e-9f7a-9b0c1d2e3f11' };
    expect(data<Obj[]>(await post('/v2/parcels/inbox-list', { status: 'InBoxReady' }, betaKey)).map((p) => p['parcelId'])).toContain(id);
    const mismatch = await post('/v2/parcels/upload', { fileName: 'asn.x12', content: content.toString('base64'), ecGridIdTo: 200301 });
    expect([mismatch.status, mismatch.json?.errorCode]).toEqual([400, 'InvalidParameter']);
    expect((await post('/v2/parcels/upload', { fileName: 'x', content: '***' })).json?.message).toMatch(/base64/);
  });
});
