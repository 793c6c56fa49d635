import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH, type RunningSandbox, type SandboxSeed, startSandbox } from '../src/index.js';
import { LOCKOUT_AFTER } from '../src/service/auth.js';
import { type XmlNode, callsTo, items, soapCall } from './support/clients.js';

/** The SOAP-only operations on stored objects: what each changes is read back on SOAP. */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);
const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SandboxSeed;
const keyOf = (userId: number) => seed.users.find((u) => u.userId === userId)?.apiKey ?? '';
const NETWORK_ADMIN = keyOf(2004);
const result = async (op: string, params: Record<string, string | number | boolean> = {}, apiKey?: string) => (await soap(op, params, apiKey)).result as XmlNode;
const login = (password: string) => soapCall(sb.soapUrl, 'Login', { LoginName: 'clerk@acme-supply.example', Password: password });

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('mailboxes and networks', () => {
  it('MailboxAdd and MailboxAddEx create mailboxes a network administrator then sees; a mailbox user may not', async () => {
    const id = Number((await soap('MailboxAdd', { Name: 'Acme Außenlager', UserID: 2007 }, NETWORK_ADMIN)).result);
    expect(await result('MailboxInfo', { MailboxID: id }, NETWORK_ADMIN)).toMatchObject({ NetworkID: '1001', Name: 'Acme Außenlager', Status: 'Active', OwnerUserID: { UserID: '2007' } });
    const ex = Number((await soap('MailboxAddEx', { NetworkID: 1001, Name: 'Acme Lab', UserID: '' }, NETWORK_ADMIN)).result);
    expect(ex).toBe(id + 1);
    expect((await soap('MailboxAdd', { Name: 'Nope', UserID: 0 })).fault).toBeDefined();
    expect((await soap('MailboxAddEx', { NetworkID: 1002, Name: 'Other network', UserID: '' }, NETWORK_ADMIN)).fault).toBeDefined();
  });

  it('MailboxName, MailboxUse, MailboxSetContact, MailboxInBoxTimeout and MailboxDeleteOnDownload show in MailboxInfo', async () => {
    for (const [op, params] of [
      ['MailboxName', { MailboxID: 5001, Name: 'Acme Supply (neu)' }],
      ['MailboxUse', { MailboxID: 5001, UseType: 'TestAndProduction' }],
      ['MailboxSetContact', { MailboxID: 5001, UserID: 2007, ContactType: 'Errors' }],
      ['MailboxInBoxTimeout', { MailboxID: 5001, Minutes: 72 }],
      ['MailboxDeleteOnDownload', { MailboxID: 5001, DeleteOnDownload: true }],
    ] as const) {
      expect((await soap(op, params)).result, op).toBe('true');
    }
    const info = await result('MailboxInfo', { MailboxID: 5001 });
    expect(info).toMatchObject({ Name: 'Acme Supply (neu)', UseType: 'TestAndProduction', ErrorsUserID: { UserID: '2007' } });
    expect(info['Config']).toMatchObject({ InBoxTimeout: '72', DeleteOnDownload: 'true' });
    expect((await soap('MailboxUse', { MailboxID: 5001, UseType: 'Undefined' })).fault).toBeDefined();
    expect((await soap('MailboxSetContact', { MailboxID: 5001, UserID: 2011, ContactType: 'Errors' })).fault).toBeDefined();
  });

  it('MailboxManaged needs a network administrator', async () => {
    expect((await soap('MailboxManaged', { MailboxID: 5001, Managed: true })).fault).toBeDefined();
    expect((await soap('MailboxManaged', { MailboxID: 5001, Managed: true }, NETWORK_ADMIN)).result).toBe('true');
    expect((await result('MailboxInfo', { MailboxID: 5001 }))['Managed']).toBe('true');
  });

  it('NetworkSetContact, NetworkSetWebsite and NetworkRootDeleteOnDownload show in NetworkInfo and NetworkGetContact', async () => {
    expect((await soap('NetworkSetContact', { NetworkID: 1001, UserID: 2007, ContactType: 'Reports' }, NETWORK_ADMIN)).result).toBe('true');
    expect((await result('NetworkGetContact', { NetworkID: 1001, ContactType: 'Reports' }, NETWORK_ADMIN))['UserID']).toBe('2007');
    expect((await soap('NetworkSetWebsite', { NetworkID: 1001, URL: 'https://support.acme-supply.example/', WebsiteType: 'Support' }, NETWORK_ADMIN)).result).toBe('true');
    expect((await soap('NetworkRootDeleteOnDownload', { NetworkID: 1001, DeleteOnDownload: true }, NETWORK_ADMIN)).result).toBe('true');
    const info = await result('NetworkInfo', { NetworkID: 1001 }, NETWORK_ADMIN);
    expect(info['SupportWebsite']).toBe('https://support.acme-supply.example/');
    expect((info['OwnerInfo'] as XmlNode)['Config']).toMatchObject({ DeleteOnDownload: 'true' });
    expect((await soap('NetworkSetWebsite', { NetworkID: 1001, URL: 'javascript:alert(1)', WebsiteType: 'Home' }, NETWORK_ADMIN)).fault).toBeDefined();
    expect((await soap('NetworkSetContact', { NetworkID: 1001, UserID: 2007, ContactType: 'Reports' })).fault).toBeDefined();
  });
});

describe('users', () => {
  it('UserSetMaxSessions limits how many sessions a user may open; 0 lifts the limit', async () => {
    expect((await soap('UserSetMaxSessions', { UserID: 2007, MaxSessions: 1 }, NETWORK_ADMIN)).result).toBe('true');
    expect((await login('Clerk#Sandbox25')).fault).toBeUndefined();
    expect((await login('Clerk#Sandbox25')).fault?.string).toMatch(/open session/);
    await soap('UserSetMaxSessions', { UserID: 2007, MaxSessions: 0 }, NETWORK_ADMIN);
    expect((await login('Clerk#Sandbox25')).fault).toBeUndefined();
    expect((await soap('UserSetMaxSessions', { UserID: 2007, MaxSessions: -1 }, NETWORK_ADMIN)).fault).toBeDefined();
  });

  it(`locks a user out after ${LOCKOUT_AFTER} wrong passwords in a row; UserListLockedOut lists it until a new password is set`, async () => {
    for (let i = 0; i < LOCKOUT_AFTER - 1; i++) await login('wrong');
    expect((await login('Clerk#Sandbox25')).fault).toBeUndefined();
    for (let i = 0; i < LOCKOUT_AFTER; i++) await login('wrong');
    expect((await login('Clerk#Sandbox25')).fault?.string).toMatch(/locked out/);
    const locked = items((await soap('UserListLockedOutEx', { NetworkID: 1001, MailboxID: 0 }, NETWORK_ADMIN)).result, 'UserIDInfo');
    expect(locked.map((u) => [u['UserID'], u['LockedOut']])).toEqual([['2007', 'true']]);
    expect(items((await soap('UserListLockedOut', {}, keyOf(2011))).result, 'UserIDInfo')).toEqual([]);
    await soap('UserPassword', { UserID: 2007, Password: 'Neu-Passwort-2026' }, NETWORK_ADMIN);
    expect((await login('Neu-Passwort-2026')).fault).toBeUndefined();
    expect(items((await soap('UserListLockedOut', {}, NETWORK_ADMIN)).result, 'UserIDInfo')).toEqual([]);
  });
});

describe('IDs', () => {
  it('TPAdd adds to the caller\'s mailbox; TPSetRoutingGroup, TPSetOwner and TPListByOwner', async () => {
    const id = Number((await soap('TPAdd', { Qualifier: 'ZZ', ID: 'ACMETEST', Description: 'Acme Test' })).result);
    expect(await result('TPInfo', { ECGridID: id })).toMatchObject({ MailboxID: '5001', Qualifier: 'ZZ', ID: 'ACMETEST' });
    expect((await soap('TPSetRoutingGroup', { ECGridID: id, RoutingGroup: 'ProductionB' })).result).toBe('true');
    expect(((await result('TPInfo', { ECGridID: id }))['OwnerInfo'] as XmlNode)['RoutingGroup']).toBe('ProductionB');
    for (const ecgridId of [id, 100101]) expect((await soap('TPSetOwner', { ECGridID: ecgridId, OwnerUserID: 2007 })).result).toBe('true');
    const owned = await result('TPListByOwner', { OwnerUserID: 2007, OrderBy: 'Description', ShowInactive: true, PageSize: 10, PageNumber: 1 });
    const listed = items(owned['ECGridIDInfoList'], 'ECGridIDInfo');
    expect(listed.map((tp) => tp['ECGridID']).sort()).toEqual(['100101', String(id)].sort());
    expect(listed.map((tp) => String(tp['Description']))).toEqual(listed.map((tp) => String(tp['Description'])).sort((a, b) => a.localeCompare(b)));
    const second = await result('TPListByOwner', { OwnerUserID: 2007, OrderBy: 'Description', ShowInactive: true, PageSize: 1, PageNumber: 2 });
    expect(items(second['ECGridIDInfoList'], 'ECGridIDInfo').map((tp) => tp['ECGridID'])).toEqual([listed[1]?.['ECGridID']]);
    expect((await result('TPInfo', { ECGridID: 100101 }))['Owner']).toMatchObject({ UserID: '2007' });
    expect((await soap('TPSetOwner', { ECGridID: 200301, OwnerUserID: 2007 })).fault).toBeDefined();
    expect((await soap('TPAdd', { Qualifier: 'ZZ', ID: 'ACMETEST', Description: 'again' })).fault?.string).toMatch(/already in use/);
  });

  it('TPGetMailboxDefault answers the oldest active ID until TPSetMailboxDefault picks another', async () => {
    const before = await result('TPGetMailboxDefault', { NetworkID: 0, MailboxID: 5001 });
    expect(before).toMatchObject({ MailboxDefault: 'true', MailboxID: '5001' });
    const other = before['ECGridID'] === '100101' ? 100102 : 100101;
    expect((await soap('TPSetMailboxDefault', { ECGridID: other })).result).toBe('true');
    expect((await result('TPGetMailboxDefault', { NetworkID: 1001, MailboxID: 0 }))['ECGridID']).toBe(String(other));
    expect((await result('TPInfo', { ECGridID: Number(before['ECGridID']) }))['MailboxDefault']).toBe('false');
    expect((await soap('TPSetMailboxDefault', { ECGridID: 200301 })).fault).toBeDefined();
  });

  it('TPMove moves an ID into the session\'s own mailbox', async () => {
    const admin = keyOf(2004);
    expect((await soap('TPMove', { ECGridID: 100101, MoveDateTime: '2020-01-01T00:00:00' }, admin)).fault?.string).toMatch(/own mailbox/);
    expect(Number((await soap('TPMove', { ECGridID: 100102, MoveDateTime: '2020-01-01T00:00:00' })).result)).toBe(100102);
    expect((await soap('TPMove', { ECGridID: 100102, MoveDateTime: '2099-01-01T00:00:00' })).fault?.string).toMatch(/schedule/);
  });
});

describe('parcels and interchanges', () => {
  const interchangeOf = (parcelId: number) => String([...sb.admin.state().interchanges.values()].find((ic) => ic.parcelId === parcelId)?.interchangeId ?? 0);
  const ids = async (op: string, params: Record<string, string | number>, apiKey?: string) => items((await soap(op, params, apiKey)).result, 'InterchangeIDInfo').map((ic) => ic['InterchangeID']);
  const FILTER = { ECGridIDFrom: 0, ECGridIDTo: 0 };
  const WINDOW = { BeginDate: '2000-01-01T00:00:00', EndDate: '2100-01-01T00:00:00', ...FILTER };

  it('lists interchanges in process as pending (on both sides), failed ones as no route, and held ones as blocked', async () => {
    const inProcess = interchangeOf(3000000003);
    expect(await ids('InterchangeOutBoxPending', FILTER)).toEqual([inProcess]);
    expect(await ids('InterchangeInBoxPendingEx', { NetworkID: 0, MailboxID: 5003, ...FILTER }, keyOf(2011))).toEqual([inProcess]);
    expect(await ids('InterchangeOutBoxNoRoute', WINDOW)).toEqual([interchangeOf(3000000002)]);
    expect(await ids('InterchangeOutBoxBlocked', WINDOW)).toEqual([]);
    expect((await soap('TPSuspend', { ECGridID: 100101 })).result).toBe('true');
    expect(await ids('InterchangeOutBoxBlockedEx', { NetworkID: 0, MailboxID: 5001, ...WINDOW })).toEqual([inProcess]);
    expect(await ids('InterchangeInBoxBlocked', WINDOW, keyOf(2011))).toEqual([inProcess]);
    expect(await ids('InterchangeOutBoxPendingEx', { NetworkID: 0, MailboxID: 5001, ...FILTER })).toEqual([]);
    expect((await soap('InterchangeOutBoxPendingEx', { NetworkID: 0, MailboxID: 5003, ...FILTER })).fault).toBeDefined();
  });

  it('ParcelDownloadCancel removes a parcel from the inbox as Cancelled; ParcelDownloadConfirmPendingAck confirms it', async () => {
    expect((await soap('ParcelDownloadCancel', { ParcelID: 987650002 })).result).toBe('true');
    expect((await result('ParcelInfo', { ParcelID: 987650002 }))['StatusCode']).toBe('Cancelled');
    expect(items((await soap('ParcelInBox', {})).result, 'ParcelIDInfo').map((p) => p['ParcelID'])).not.toContain('987650002');
    expect((await soap('ParcelDownloadCancel', { ParcelID: 987650002 })).fault).toBeDefined();
    expect((await soap('ParcelDownloadConfirmPendingAck', { ParcelID: 987650003, Status: 'InBoxReady' })).fault).toBeDefined();
    expect((await soap('ParcelDownloadConfirmPendingAck', { ParcelID: 987650003, Status: 'as2MDNPending' })).result).toBe('true');
    expect((await result('ParcelInfo', { ParcelID: 987650003 }))['StatusCode']).toBe('InBoxArchived');
    expect(items((await soap('ParcelNoteList', { ParcelID: 987650003 })).result, 'ParcelNote').at(-1)?.['Note']).toMatch(/as2MDNPending/);
  });

  it('ParcelUpdateLocalStatus sets the caller\'s number; ParcelResend needs NetOps and requeues what was not confirmed', async () => {
    expect((await soap('ParcelUpdateLocalStatus', { ParcelID: 987650002, Status: 7 })).result).toBe('true');
    expect((await result('ParcelInfo', { ParcelID: 987650002 }))['LocalStatus']).toBe('7');
    expect((await soap('ParcelResend', { ParcelID: 3000000002 })).fault?.string).toMatch(/NetOps/);
    expect((await soap('ParcelResend', { ParcelID: 3000000002 }, keyOf(2001))).result).toBe('true');
    expect((await result('ParcelInfo', { ParcelID: 3000000002 }))['StatusCode']).toBe('outboxPending');
    expect((await soap('ParcelResend', { ParcelID: 987650001 }, keyOf(2001))).fault?.string).toMatch(/confirmed/);
  });
});

describe('comms', () => {
  it('CommSetPair chooses the channels CommPair answers for a pair; CommDefaultMailbox is stored on the channel', async () => {
    const before = items((await soap('CommPair', { CommType: 'none', ECGridIDFrom: 100101, ECGridIDTo: 200301, TestMode: false })).result, 'CommIDInfo');
    expect(before.map((c) => c['CommID'])).toEqual(['81001', '81003']);
    await soap('CommSetStatus', { CommID: 81002, Status: 'Active' });
    const set = await soap('CommSetPair', { ECGridIDFrom: 100101, ECGridIDTo: 200301, Identifier1: 'acme-sftp-test', Identifier2: 'BETA-AS2' });
    expect(items(set.result, 'CommIDInfo').map((c) => c['CommID'])).toEqual(['81002', '81003']);
    const after = items((await soap('CommPair', { CommType: 'none', ECGridIDFrom: 100101, ECGridIDTo: 200301, TestMode: false })).result, 'CommIDInfo');
    expect(after.map((c) => c['CommID'])).toEqual(['81002', '81003']);
    expect((await soap('CommSetPair', { ECGridIDFrom: 100101, ECGridIDTo: 200301, Identifier1: 'no-such-channel', Identifier2: 'BETA-AS2' })).fault).toBeDefined();
    expect((await soap('CommSetPair', { ECGridIDFrom: 200301, ECGridIDTo: 100101, Identifier1: 'BETA-AS2', Identifier2: 'ACME-AS2-PROD' })).fault).toBeDefined();
    expect((await soap('CommDefaultMailbox', { CommID: 81001, MailboxID: 5002 }, NETWORK_ADMIN)).result).toBe('true');
    expect(sb.admin.state().comms.get(81001)?.defaultMailboxId).toBe(5002);
    expect((await soap('CommDefaultMailbox', { CommID: 81001, MailboxID: 5003 }, NETWORK_ADMIN)).fault).toBeDefined();
  });
});

describe('carbon copies and summaries', () => {
  it('CarbonCopyAdd copies an ID\'s traffic to another pair; CarbonCopyInfo reads it back', async () => {
    const id = Number((await soap('CarbonCopyAdd', { ECGridIDFrom: 100101, ECGridIDTo: 200301, ECGridIDCCFrom: 100101, ECGridIDCCTo: 100102, GSFrom: 'ACMEMFG', GSTo: '', TransactionSet: '810' })).result);
    const info = await result('CarbonCopyInfo', { CarbonCopyID: id });
    expect(info).toMatchObject({ MailboxID: '5001', Status: 'Active', GSFrom: 'ACMEMFG', TransactionSet: '810' });
    expect((info['CCTo'] as XmlNode)['ECGridID']).toBe('100102');
    expect((await soap('CarbonCopyAddEx', { NetworkID: 0, MailboxID: 0, ECGridIDFrom: 200301, ECGridIDTo: 200302, ECGridIDCCFrom: 200301, ECGridIDCCTo: 100101, TransactionSet: '' })).fault).toBeDefined();
    expect((await soap('CarbonCopyAdd', { ECGridIDFrom: 100101, ECGridIDTo: 200301, ECGridIDCCFrom: 100101, ECGridIDCCTo: 200301 })).fault).toBeDefined();
  });

  it('NetworkStatusSummary counts each network\'s mailboxes and traffic; ReportTrafficStatsPublic needs no session', async () => {
    const summary = await soap('NetworkStatusSummary', { ShowInactive: true }, keyOf(2001));
    const table = (((summary.result as XmlNode)['diffgram'] as XmlNode)['NewDataSet'] as XmlNode)['Table'] as XmlNode[];
    const mailboxes = (networkId: number) => seed.mailboxes.filter((m) => m.networkId === networkId).length;
    expect(table.map((r) => [r['NetworkID'], Number(r['MailboxCount'])])).toEqual(seed.networks.map((n) => [String(n.networkId), mailboxes(n.networkId)]));
    expect(table.reduce((n, r) => n + Number(r['InterchangeInCount']), 0)).toBeGreaterThan(0);
    const publicReport = await soapCall(sb.soapUrl, 'ReportTrafficStatsPublic', {});
    expect(publicReport.fault).toBeUndefined();
    expect(publicReport.text.match(/<Table /g)).toHaveLength(7);
  });
});
