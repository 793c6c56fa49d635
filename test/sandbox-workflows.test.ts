import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcgridFacade } from '@ecgrid-bridge/facade';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { facadeOn } from './support.js';

/**
 * A legacy-style workflow per API group, run in parity mode on the sandbox: each call is answered by SOAP and
 * compared with REST's answer, and every comparison must match (fields REST cannot provide left out).
 */

const EVER = new Date('2000-01-01T00:00:00Z');
const NEVER = new Date('2030-01-01T00:00:00Z');

let sandbox: RunningSandbox;
let ecgrid: EcgridFacade;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 });
  ecgrid = facadeOn(sandbox, 'parity');
});
afterEach(async () => {
  await ecgrid.close();
  await sandbox.close();
});

/** Every comparison of the workflow, as `operation: outcome`; all must be matches. */
async function outcomes(): Promise<string[]> {
  await ecgrid.parityIdle();
  return ecgrid.parityRecords().map((r) => `${r.operation}: ${r.outcome}`);
}

const allMatch = async (atLeast: number) => {
  const seen = await outcomes();
  expect(seen.length).toBeGreaterThanOrEqual(atLeast);
  expect(seen.filter((o) => !o.endsWith(': match'))).toEqual([]);
};

describe('legacy workflows give equal results on SOAP and on REST', () => {
  it('parcels and interchanges: the inbox and outbox, each parcel, its manifest and its interchanges', async () => {
    const inbox = await ecgrid.ParcelInBox({});
    const outbox = await ecgrid.ParcelOutBoxArchive({ BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 0 });
    const parcels = [...(inbox?.ParcelIDInfoList ?? []), ...(outbox?.ParcelIDInfoList ?? [])];
    expect(parcels.length).toBeGreaterThanOrEqual(8);
    for (const p of parcels) {
      await ecgrid.ParcelInfo({ ParcelID: p.ParcelID });
      await ecgrid.ParcelManifest({ ParcelID: p.ParcelID });
    }
    const sent = await ecgrid.InterchangeOutBox({ BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0 });
    for (const ic of sent ?? []) await ecgrid.InterchangeInfo({ InterchangeID: ic.InterchangeID });
    await allMatch(parcels.length * 2 + 3);
  });

  it('directory: networks, their contacts, mailboxes', async () => {
    for (const n of (await ecgrid.NetworkList({})) ?? []) {
      await ecgrid.NetworkInfo({ NetworkID: n.NetworkID });
      await ecgrid.NetworkGetContact({ NetworkID: n.NetworkID, ContactType: 'CustomerService' });
    }
    for (const m of (await ecgrid.MailboxListEx({ NetworkID: 1001 })) ?? []) await ecgrid.MailboxInfo({ MailboxID: m.MailboxID });
    await allMatch(4);
  });

  it('partners and interconnects: the IDs, their interconnects and notes', async () => {
    const ids = (await ecgrid.TPList({ ShowInactive: true })) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    for (const tp of ids) {
      await ecgrid.TPInfo({ ECGridID: tp.ECGridID });
      for (const ic of (await ecgrid.InterconnectListByECGridID({ ECGridID1: tp.ECGridID, ECGridID2: -1 })) ?? []) {
        await ecgrid.InterconnectInfo({ InterconnectID: ic.InterconnectID });
        await ecgrid.InterconnectNoteList({ InterconnectID: ic.InterconnectID });
      }
    }
    await allMatch(ids.length * 2 + 1);
  });

  it('users: the list, each user by ID and by login', async () => {
    const users = (await ecgrid.UserList({})) ?? [];
    expect(users.length).toBeGreaterThan(1);
    for (const u of users) {
      await ecgrid.UserInfo({ UserID: u.UserID });
      await ecgrid.UserInfobyLogin({ LoginName: u.LoginName });
    }
    await allMatch(users.length * 2 + 1);
  });
});

/**
 * Callback writes have no REST read to compare against in parity mode (the facade reads callbacks on SOAP only), so the
 * callbacks workflow runs twice from the same seed, once through a SOAP facade and once through a REST one, reading
 * back through SOAP each time: both runs must see the same.
 */
describe('the callbacks workflow gives equal results on SOAP and on REST', () => {
  let hook: Server;
  const calls: string[] = [];
  beforeEach(async () => {
    calls.length = 0;
    hook = createServer((req, res) => {
      calls.push(`${req.method ?? ''} ${req.headers['authorization'] ?? 'no auth'}`);
      req.resume().on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => new Promise((resolve) => hook.close(resolve)));

  /** Register a webhook, test it, suspend it, test it again; what SOAP reads back after each step. */
  async function workflow(backend: 'soap' | 'rest'): Promise<unknown[]> {
    sandbox.admin.reset();
    const writer = facadeOn(sandbox, backend);
    const reader = facadeOn(sandbox, 'soap');
    try {
      const seen: unknown[] = [];
      const read = async (id: number) => {
        const c = await reader.CallBackEventInfo({ CallBackEventID: id, QueueCount: 5 });
        seen.push(c && { url: c.URL, status: c.Status, auth: c.HTTPAuthentication, queue: (c.CallBackQueue ?? []).map((q) => [q.Status, q.Test, q.CallBackLog?.[0]?.ReturnCode]) });
      };
      const created = await writer.CallBackAddEx({
        NetworkID: 0, MailboxID: 5001, UserID: 0, SystemObject: 'Parcel', ObjectStatus: 0, Direction: 'NoDir', Frequency: 0, MaxRetries: 0,
        URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/ecgrid`,
        HTTPAuthentication: 'Basic', HTTPUser: 'hook-user', HTTPPassword: 'Hook-Secret-77', Status: 'Active',
      });
      const id = created?.CallBackEventID ?? 0;
      await read(id);
      const tested = await writer.CallBackTest({ CallBackEventID: id, ParcelID: 0, InterchangeID: 0, UserID: 0 });
      seen.push(tested?.CallBackLog?.map((l) => l.ReturnCode));
      await read(id);
      seen.push(await writer.CallBackEventSetStatus({ CallBackEventID: id, Status: 'Suspended' }));
      await read(id);
      const pending = await reader.CallBackPendingListEx({ NetworkID: 0, MailboxID: 5001 });
      seen.push((pending ?? []).map((q) => q.CallBackEvent?.CallBackEventID));
      return seen;
    } finally {
      await writer.close();
      await reader.close();
    }
  }

  it('registers, tests and suspends a callback the same way through either backend', async () => {
    const bySoap = await workflow('soap');
    const byRest = await workflow('rest');
    expect(byRest).toEqual(bySoap);
    expect(bySoap[1]).toEqual([204]);
    expect(calls).toEqual(Array(2).fill(`POST Basic ${Buffer.from('hook-user:Hook-Secret-77').toString('base64')}`));
  });
});
