import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { type XmlNode, items, restCall, soapCall } from './support/clients.js';

type Obj = Record<string, unknown>;
let sb: RunningSandbox;
const ACME = '5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8a06';
const BETA = 'a0d1e2f3-4b5c-4d6e-9f7a-9b0c1d2e3f11';
const NETADMIN = '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e04';
const DIST = '9c0d1e2f-3a4b-4c5d-8e6f-8a9b0c1d2e10';

const rest = async <T = Obj>(key: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const r = await restCall(sb.restUrl, method, path, { headers: { 'x-api-key': key }, ...(body !== undefined ? { body } : {}) });
  expect(r.json?.success, r.text).toBe(true);
  return r.json!.data as T;
};
const ids = (list: Obj[]) => list.map((p) => p['parcelId']);

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('parcel statuses (appendix/parcel-status-codes.md)', () => {
  it('outbox listings carry outbound statuses on REST and SOAP', async () => {
    const out = await rest<Obj[]>(ACME, 'POST', '/v2/parcels/outbox-list', {});
    expect(out.map((p) => [p['parcelId'], p['status']])).toEqual([
      [987650005, 'outboxSent'],
      [987650006, 'outboxAcknowledged'],
      [2147483649, 'outboxSent'],
      [3000000002, 'outboxFailed'],
      [3000000003, 'outboxPending'],
    ]);
    // A parcel the network has not delivered is in no inbox.
    expect(ids(await rest<Obj[]>(BETA, 'POST', '/v2/parcels/inbox-list', {}))).not.toContain(3000000003);
    expect(ids(await rest<Obj[]>(ACME, 'POST', '/v2/parcels/outbox-list', { status: 'outboxAcknowledged' }))).toEqual([987650006]);
    expect(ids(await rest<Obj[]>(ACME, 'POST', '/v2/parcels/outbox-list', { status: 'InBoxReady' }))).toEqual([]);
    // The receiver sees the same parcels with their inbound states.
    expect((await rest(BETA, 'GET', '/v2/parcels/987650006'))['status']).toBe('InBoxArchived');

    const r = await soapCall(sb.soapUrl, 'ParcelOutBoxArchive', {
      SessionID: ACME, BeginDate: '0001-01-01T00:00:00', EndDate: '0001-01-01T00:00:00', ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 25,
    });
    expect(items((r.result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo').map((p) => p['StatusCode'])).toEqual(['outboxSent', 'outboxAcknowledged', 'outboxSent', 'outboxFailed', 'outboxPending']);
  });

  it('download, then confirm: InBoxTransferred, then InBoxArchived; pending-inbox-list drops it at download', async () => {
    const before = ids(await rest<Obj[]>(BETA, 'POST', '/v2/parcels/pending-inbox-list', {}));
    expect(before).toContain(987650005);
    await rest(BETA, 'POST', '/v2/parcels/download', { parcelId: 987650005 });
    expect((await rest(BETA, 'GET', '/v2/parcels/987650005'))['status']).toBe('InBoxTransferred');
    expect(ids(await rest<Obj[]>(BETA, 'POST', '/v2/parcels/pending-inbox-list', {}))).not.toContain(987650005);
    expect((await rest(ACME, 'GET', '/v2/parcels/987650005'))['status']).toBe('outboxSent');

    expect(await rest(BETA, 'POST', '/v2/parcels/confirm', { parcelId: 987650005 })).toBe(true);
    expect((await rest(BETA, 'GET', '/v2/parcels/987650005'))['status']).toBe('InBoxArchived');
    expect((await rest(ACME, 'GET', '/v2/parcels/987650005'))['status']).toBe('outboxAcknowledged');

    // A repeat download (docs silent) does not take back the confirm.
    await rest(BETA, 'POST', '/v2/parcels/download', { parcelId: 987650005 });
    expect((await rest(BETA, 'GET', '/v2/parcels/987650005'))['status']).toBe('InBoxArchived');
    expect(await rest(BETA, 'POST', '/v2/parcels/reset-to-inbox/987650005')).toBe(true);
    expect((await rest(BETA, 'GET', '/v2/parcels/987650005'))['status']).toBe('InBoxReady');
  });

  it('parcel lists without mailboxId default to the caller’s own mailbox', async () => {
    // acme.dist (mailbox 5002) sees only its own mailbox's parcels, whether mailboxId is left out or 0.
    expect(ids(await rest<Obj[]>(DIST, 'POST', '/v2/parcels/pending-inbox-list', {}))).toEqual([987650007]);
    expect(ids(await rest<Obj[]>(DIST, 'POST', '/v2/parcels/inbox-list', { mailboxId: 0 }))).toEqual([987650007]);
    // A network admin has no mailbox of its own: every mailbox of its network (the sandbox's choice).
    const network = ids(await rest<Obj[]>(NETADMIN, 'POST', '/v2/parcels/pending-inbox-list', {}));
    expect(network).toEqual(expect.arrayContaining([987650002, 987650007]));
    expect(ids(await rest<Obj[]>(NETADMIN, 'POST', '/v2/parcels/pending-inbox-list', { mailboxId: 5002 }))).toEqual([987650007]);
  });
});
