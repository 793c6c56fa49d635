import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH, type RunningSandbox, type SandboxSeed, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo, items } from './support/clients.js';

/**
 * The SOAP-only interchange state lists (pending, blocked, no route) and parcel writes (download cancel, confirm with
 * a pending acknowledgment, local status, resend): what each list holds of the seed, and what each write changes as a
 * later SOAP read shows. The default caller is user 2006, MailboxAdmin of mailbox 5001 (Acme).
 */

let sb: RunningSandbox;
const { soap } = callsTo(() => sb);
const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SandboxSeed;
const keyOf = (userId: number) => seed.users.find((u) => u.userId === userId)?.apiKey ?? '';
/** beta.admin, MailboxAdmin of mailbox 5003 (Beta Retail), which receives Acme's parcels 3000000003 and 2147483649. */
const BETA = 2011;
const NET_OPS = 2003;
const NETWORK_ADMIN = 2004;
const interchangeOf = (parcelId: number) => String([...sb.admin.state().interchanges.values()].find((ic) => ic.parcelId === parcelId)?.interchangeId ?? 0);
const ids = async (op: string, params: Record<string, string | number>, userId?: number) => {
  const answer = await soap(op, params, userId === undefined ? undefined : keyOf(userId));
  expect(answer.fault, op).toBeUndefined();
  return items(answer.result, 'InterchangeIDInfo').map((ic) => ic['InterchangeID']);
};
const parcelInfo = async (parcelId: number, userId?: number) =>
  (await soap('ParcelInfo', { ParcelID: parcelId }, userId === undefined ? undefined : keyOf(userId))).result as XmlNode;
const inBox = async (userId?: number) =>
  items(((await soap('ParcelInBox', {}, userId === undefined ? undefined : keyOf(userId))).result as XmlNode)['ParcelIDInfoList'], 'ParcelIDInfo').map((p) => p['ParcelID']);
const ANY = { ECGridIDFrom: 0, ECGridIDTo: 0 };
const WINDOW = { BeginDate: '2000-01-01T00:00:00', EndDate: '2100-01-01T00:00:00', ...ANY };

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('interchange state lists', () => {
  it('Pending lists the interchange of the outboxPending parcel, in the sender\'s outbox and the receiver\'s inbox', async () => {
    const queued = interchangeOf(3000000003);
    expect(await ids('InterchangeOutBoxPending', ANY)).toEqual([queued]);
    expect(await ids('InterchangeOutBoxPendingEx', { NetworkID: 1001, MailboxID: 5001, ...ANY })).toEqual([queued]);
    expect(await ids('InterchangeOutBoxPending', { ECGridIDFrom: 0, ECGridIDTo: 200401 })).toEqual([]);
    expect(await ids('InterchangeInBoxPending', ANY, BETA)).toEqual([queued]);
    expect(await ids('InterchangeInBoxPendingEx', { NetworkID: 0, MailboxID: 5003, ...ANY }, BETA)).toEqual([queued]);
    // Acme receives nothing in process, and Beta sends nothing.
    expect(await ids('InterchangeInBoxPending', ANY)).toEqual([]);
    expect(await ids('InterchangeOutBoxPending', ANY, BETA)).toEqual([]);
    // Another network's mailbox is not the caller's to list.
    expect((await soap('InterchangeInBoxPendingEx', { NetworkID: 0, MailboxID: 5003, ...ANY })).fault).toBeDefined();
  });

  it('a cancelled interchange leaves the pending lists', async () => {
    const queued = interchangeOf(3000000003);
    expect((await soap('InterchangeCancel', { InterchangeID: Number(queued) })).result).toBe('true');
    expect(await ids('InterchangeOutBoxPending', ANY)).toEqual([]);
    expect(await ids('InterchangeInBoxPending', ANY, BETA)).toEqual([]);
  });

  it('Blocked is empty in the seed; an ID suspended while its interchange is pending moves it from Pending to Blocked', async () => {
    for (const [op, params, user] of [
      ['InterchangeOutBoxBlocked', WINDOW, undefined],
      ['InterchangeOutBoxBlockedEx', { NetworkID: 0, MailboxID: 5001, ...WINDOW }, undefined],
      ['InterchangeInBoxBlocked', WINDOW, BETA],
      ['InterchangeInBoxBlockedEx', { NetworkID: 0, MailboxID: 5003, ...WINDOW }, BETA],
    ] as const) {
      expect(await ids(op, params, user), op).toEqual([]);
    }
    const queued = interchangeOf(3000000003);
    expect((await soap('TPSuspend', { ECGridID: 100101 })).result).toBe('true');
    expect(await ids('InterchangeOutBoxBlocked', WINDOW)).toEqual([queued]);
    expect(await ids('InterchangeOutBoxBlockedEx', { NetworkID: 0, MailboxID: 5001, ...WINDOW })).toEqual([queued]);
    expect(await ids('InterchangeInBoxBlocked', WINDOW, BETA)).toEqual([queued]);
    expect(await ids('InterchangeInBoxBlockedEx', { NetworkID: 1002, MailboxID: 5003, ...WINDOW }, BETA)).toEqual([queued]);
    expect(await ids('InterchangeOutBoxPending', ANY)).toEqual([]);
    // The date range applies: the parcel was sent on 2025-01-12.
    expect(await ids('InterchangeOutBoxBlocked', { ...WINDOW, BeginDate: '2025-01-13T00:00:00' })).toEqual([]);
  });

  it('NoRoute lists the interchange of the failed parcel; once resent, it is pending again', async () => {
    const failed = interchangeOf(3000000002);
    expect(await ids('InterchangeOutBoxNoRoute', WINDOW)).toEqual([failed]);
    expect(await ids('InterchangeOutBoxNoRouteEx', { NetworkID: 1001, MailboxID: 5001, ...WINDOW })).toEqual([failed]);
    expect(await ids('InterchangeOutBoxNoRouteEx', { NetworkID: 0, MailboxID: 5002, ...WINDOW }, NETWORK_ADMIN)).toEqual([]);
    expect((await soap('InterchangeOutBoxNoRouteEx', { NetworkID: 0, MailboxID: 5002, ...WINDOW })).fault?.string).toMatch(/scope/);
    expect(await ids('InterchangeOutBoxNoRoute', { ...WINDOW, EndDate: '2025-01-10T00:00:00' })).toEqual([]);
    expect((await soap('ParcelResend', { ParcelID: 3000000002 }, keyOf(NET_OPS))).result).toBe('true');
    expect(await ids('InterchangeOutBoxNoRoute', WINDOW)).toEqual([]);
    expect(await ids('InterchangeOutBoxPending', ANY)).toEqual([failed, interchangeOf(3000000003)]);
  });
});

describe('ParcelDownloadCancel', () => {
  it('takes a ready parcel out of the inbox as Cancelled, with its interchanges', async () => {
    expect(await inBox()).toContain('987650002');
    expect((await soap('ParcelDownloadCancel', { ParcelID: 987650002 })).result).toBe('true');
    expect(await parcelInfo(987650002)).toMatchObject({ StatusCode: 'Cancelled', Direction: 'InBox' });
    expect(await inBox()).not.toContain('987650002');
    const ic = (await soap('InterchangeInfo', { InterchangeID: Number(interchangeOf(987650002)) })).result as XmlNode;
    expect(ic['StatusCode']).toBe('Cancelled');
    expect(items((await soap('ParcelNoteList', { ParcelID: 987650002 })).result, 'ParcelNote').at(-1)?.['Note']).toMatch(/cancelled/i);
  });

  it('cancels a downloaded (InBoxTransferred) parcel for its receiver only', async () => {
    expect((await parcelInfo(2147483649, BETA))['StatusCode']).toBe('InBoxTransferred');
    expect((await soap('ParcelDownloadCancel', { ParcelID: 2147483649 })).fault?.string).toMatch(/inbox/);
    expect((await soap('ParcelDownloadCancel', { ParcelID: 2147483649 }, keyOf(BETA))).result).toBe('true');
    expect((await parcelInfo(2147483649, BETA))['StatusCode']).toBe('Cancelled');
  });

  it('refuses a confirmed parcel, a cancelled one, and one not yet delivered', async () => {
    const archived = await soap('ParcelDownloadCancel', { ParcelID: 987650001 });
    expect(archived.fault?.string).toMatch(/InBoxArchived.*confirmed/);
    expect((await parcelInfo(987650001))['StatusCode']).toBe('InBoxArchived');
    expect((await soap('ParcelDownloadCancel', { ParcelID: 987650002 })).result).toBe('true');
    expect((await soap('ParcelDownloadCancel', { ParcelID: 987650002 })).fault?.string).toMatch(/already Cancelled/);
    expect((await soap('ParcelDownloadCancel', { ParcelID: 3000000003 }, keyOf(BETA))).fault).toBeDefined();
  });
});

describe('ParcelDownloadConfirmPendingAck', () => {
  it('confirms the download (InBoxArchived, off the inbox) and notes the acknowledgment state awaited', async () => {
    expect((await soap('ParcelDownloadConfirmPendingAck', { ParcelID: 987650003, Status: 'as2MDNPending' })).result).toBe('true');
    expect((await parcelInfo(987650003))['StatusCode']).toBe('InBoxArchived');
    expect(await inBox()).not.toContain('987650003');
    expect(items((await soap('ParcelNoteList', { ParcelID: 987650003 })).result, 'ParcelNote').at(-1)?.['Note']).toMatch(/as2MDNPending/);
  });

  it('refuses a Status that awaits no acknowledgment, and a cancelled parcel', async () => {
    const wrong = await soap('ParcelDownloadConfirmPendingAck', { ParcelID: 987650003, Status: 'InBoxReady' });
    expect(wrong.fault?.string).toMatch(/not a pending-acknowledgment state/);
    expect((await parcelInfo(987650003))['StatusCode']).toBe('InBoxReady');
    expect((await soap('ParcelDownloadCancel', { ParcelID: 987650002 })).result).toBe('true');
    expect((await soap('ParcelDownloadConfirmPendingAck', { ParcelID: 987650002, Status: 'as4MDNPending' })).fault?.string).toMatch(/Cancelled/);
    expect((await parcelInfo(987650002))['StatusCode']).toBe('Cancelled');
  });
});

describe('ParcelUpdateLocalStatus', () => {
  it('stores the caller\'s number on a parcel either side sees, shown by ParcelInfo', async () => {
    expect((await parcelInfo(987650002))['LocalStatus']).toBe('0');
    expect((await soap('ParcelUpdateLocalStatus', { ParcelID: 987650002, Status: 7 })).result).toBe('true');
    const info = await parcelInfo(987650002);
    expect(info).toMatchObject({ LocalStatus: '7', StatusCode: 'InBoxReady' });
    expect(info['LocalStatusDate']).toBeDefined();
    expect((await soap('ParcelUpdateLocalStatus', { ParcelID: 3000000003, Status: -2 })).result).toBe('true');
    expect((await parcelInfo(3000000003))['LocalStatus']).toBe('-2');
  });

  it('refuses a parcel the caller does not see (Beta to Acme Distribution, mailbox 5002)', async () => {
    expect((await soap('ParcelUpdateLocalStatus', { ParcelID: 987650007, Status: 1 })).fault).toBeDefined();
    expect((await parcelInfo(987650007, BETA))['LocalStatus']).toBe('0');
    expect((await soap('ParcelUpdateLocalStatus', { ParcelID: 987650002, Status: 40000 })).fault).toBeDefined();
    expect((await parcelInfo(987650002))['LocalStatus']).toBe('0');
  });
});

describe('ParcelResend', () => {
  it('needs NetOps', async () => {
    expect((await soap('ParcelResend', { ParcelID: 3000000002 })).fault?.string).toMatch(/NetOps/);
    expect((await parcelInfo(3000000002))['StatusCode']).toBe('outboxFailed');
  });

  it('queues a failed parcel again (outboxPending): the sender sees it in process', async () => {
    expect((await soap('ParcelResend', { ParcelID: 3000000002 }, keyOf(NET_OPS))).result).toBe('true');
    expect((await parcelInfo(3000000002))['StatusCode']).toBe('outboxPending');
    const inProcess = (await soap('ParcelOutBoxInProcess', {})).result as XmlNode;
    expect(items(inProcess['ParcelIDInfoList'], 'ParcelIDInfo').map((p) => p['ParcelID'])).toContain('3000000002');
  });

  it('delivers a parcel downloaded but not confirmed again: InBoxReady in the receiver\'s inbox', async () => {
    expect(await inBox(BETA)).not.toContain('2147483649');
    expect((await soap('ParcelResend', { ParcelID: 2147483649 }, keyOf(NET_OPS))).result).toBe('true');
    expect((await parcelInfo(2147483649, BETA))['StatusCode']).toBe('InBoxReady');
    expect(await inBox(BETA)).toContain('2147483649');
  });

  it('refuses a parcel not sent yet, a confirmed one and a cancelled one', async () => {
    const netOps = keyOf(NET_OPS);
    expect((await soap('ParcelResend', { ParcelID: 3000000003 }, netOps)).fault?.string).toMatch(/outboxPending/);
    expect((await soap('ParcelResend', { ParcelID: 987650001 }, netOps)).fault?.string).toMatch(/confirmed/);
    expect((await soap('ParcelDownloadCancel', { ParcelID: 987650002 })).result).toBe('true');
    expect((await soap('ParcelResend', { ParcelID: 987650002 }, netOps)).fault?.string).toMatch(/Cancelled/);
    expect((await parcelInfo(987650002))['StatusCode']).toBe('Cancelled');
  });
});
