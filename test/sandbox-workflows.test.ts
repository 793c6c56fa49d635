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
