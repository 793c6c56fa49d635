import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EcgridFacade, type FacadeOperation, type FacadeParams, MAPPINGS } from '@ecgrid-bridge/facade';
import { expectParity } from '@ecgrid-bridge/facade/testing';
import { type RunningSandbox, SANDBOX_OPERATIONS, restEndpointsOf, startSandbox } from '@ecgrid-bridge/sandbox';
import { facadeOn } from './support.js';

/**
 * Every read both backends serve in the sandbox, on SOAP and on REST, compared through the facade: no difference
 * beyond the fields each mapping declares lossy. The list comes from the sandbox's operation table and the facade's
 * mapping table, so it grows with them; each read needs one row of arguments below.
 */

const EVER = new Date('2000-01-01T00:00:00Z');
const NEVER = new Date('2030-01-01T00:00:00Z');
const ISA = 'ISA*00*          *00*          *ZZ*BETARETAIL     *ZZ*ACMEMFG        *250107*0928*U*00401*000000101*0*P*:~';

type Args = { readonly [Op in FacadeOperation]?: FacadeParams<Op> };

/** One row of arguments per read, chosen so that each answer is non-empty where the seed allows. */
const ARGS: Args = {
  Version: {},
  WhoAmI: {},
  NetworkInfo: { NetworkID: 1001 },
  NetworkInfoWithLog: { NetworkID: 1001 },
  NetworkList: {},
  NetworkGetContact: { NetworkID: 1001, ContactType: 'CustomerService' },
  MailboxInfo: { MailboxID: 5001 },
  MailboxList: {},
  MailboxListEx: { NetworkID: 1001 },
  UserInfo: { UserID: 2007 },
  UserList: {},
  UserListEx: { NetworkID: 1001, MailboxID: 5001 },
  UserInfobyLogin: { LoginName: 'acme.clerk' },
  UserGetAPIKey: { UserID: 2007 },
  TPInfo: { ECGridID: 200301 },
  TPSearch: { Qualifier: 'ZZ', ID: 'ACME', ShowInactive: true },
  TPSearchEx: { NetworkID: 0, MailboxID: 5001, Qualifier: 'ZZ', ID: 'ACME', ShowInactive: true },
  TPList: { ShowInactive: true },
  TPListEx: { NetworkID: 1001, MailboxID: 5001, ShowInactive: false },
  TPListExPaged: { NetworkID: 1001, MailboxID: 5001, ShowInactive: true, PageSize: 2, PageNumber: 1 },
  InterconnectInfo: { InterconnectID: 9001 },
  InterconnectListByECGridID: { ECGridID1: 100101, ECGridID2: -1 },
  InterconnectListByStatus: { Status: 'Completed', ECGridID: 100101, MaxDays: 0 },
  InterconnectListByStatusEx: { NetworkID: 0, MailboxID: 0, IntStatus: 'Pending', ECGridID: 100101, MaxDays: 0 },
  InterconnectNoteList: { InterconnectID: 9001 },
  InterconnectCountEx: { NetworkID: 0, MailboxID: 0, ECGridID: 100101, MaxDays: 0 },
  ParcelInBox: {},
  ParcelInBoxEx: { NetworkID: 0, MailboxID: 5001, ECGridIDFrom: 0, ECGridIDTo: 0 },
  ParcelInBoxExShort: { NetworkID: 0, MailboxID: 5001, ECGridIDFrom: 0, ECGridIDTo: 0, Status: 'InBoxTransferred' },
  ParcelInBoxArchive: { BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 3 },
  ParcelInBoxArchiveEx: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 200301, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 0 },
  ParcelInBoxArchiveExShort: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 2, RecordsPerPage: 2 },
  ParcelInBoxArchiveDescEx: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 25 },
  ParcelOutBoxArchive: { BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 0 },
  ParcelOutBoxArchiveEx: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 200301, PageNo: 1, RecordsPerPage: 0 },
  ParcelOutBoxArchiveExShort: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 2 },
  ParcelOutBoxArchiveDescEx: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 25 },
  ParcelInfo: { ParcelID: 2147483649 },
  ParcelManifest: { ParcelID: 987650003 },
  ParcelFindMailbagControlID: { NetworkID: 0, MailboxID: 5001, MailbagControlID: 'MB-2025-0042' },
  InterchangeInfo: { InterchangeID: 7300002 },
  InterchangeInBox: { BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0 },
  InterchangeInBoxEx: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 200401, ECGridIDTo: 0 },
  InterchangeInBoxArchive: { BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 2 },
  InterchangeInBoxArchiveEx: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 2, RecordsPerPage: 2 },
  InterchangeOutBox: { BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0 },
  InterchangeOutBoxEx: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 200301 },
  InterchangeOutBoxArchive: { BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 0 },
  InterchangeOutBoxArchiveEx: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 3 },
  InterchangeOutBoxArchiveExNoParcel: { NetworkID: 0, MailboxID: 5001, BeginDate: EVER, EndDate: NEVER, ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 0 },
  InterchangeHeaderInfo: { InterchangeHeader: ISA },
  InterchangeHeaderInfoB: { InterchangeHeader: Buffer.from(ISA, 'ascii') },
  InterchangeDate: { InterchangeHeader: ISA },
  GeneratePassword: { Length: 16 },
  CommInfo: { CommID: 81001 },
  CommList: { CommType: 'none', PrivateKeyRequired: false, UseType: 'Undefined', ShowInactive: true, WithCerts: false },
  CommListEx: { NetworkID: 0, MailboxID: 5001, CommType: 'as2', PrivateKeyRequired: true, UseType: 'Undefined', ShowInactive: false, WithCerts: false },
  CommFind: { Identifier: 'acme', CommType: 'none', PrivateKeyRequired: false, UseType: 'Undefined', ShowInactive: true },
  CommPair: { CommType: 'none', ECGridIDFrom: 100101, ECGridIDTo: 200301, TestMode: false },
  CarbonCopyInfo: { CarbonCopyID: 51001 },
  CarbonCopyList: { ECGridIDFrom: 0, ECGridIDTo: 0, ShowInactive: true },
  CarbonCopyListEx: { NetworkID: 0, MailboxID: 5001, ECGridIDFrom: 0, ECGridIDTo: 0, ShowInactive: false },
  ReportMonthly: { Report: 1, Month: new Date('2025-01-15T00:00:00Z') },
  ReportMonthlyEx: { NetworkID: 0, MailboxID: 0, Report: 2, Month: new Date('2025-01-01T00:00:00Z') },
  ReportByDateEx: { NetworkID: 0, MailboxID: 0, Report: 1, StartDate: new Date('2025-01-05T00:00:00Z'), EndDate: new Date('2025-01-12T23:59:59Z') },
  ReportTrafficStats: { TargetTime: new Date('2025-01-12T12:00:00Z'), NumPeriods: 7, Period: 'Day' },
  ReportTrafficStatsEx: { NetworkID: 0, MailboxID: 0, TargetTime: new Date('2025-01-31T00:00:00Z'), NumPeriods: 3, Period: 'Month' },
  ReportInstantStats: { Minutes1: 15, Minutes2: 60 },
  ReportInstantStatsEx: { NetworkID: 0, MailboxID: 0, ECGridID: 0, Minutes1: 5, Minutes2: 1440 },
  ReportMailboxStats: {},
  ReportMailboxStatsEx: { NetworkID: 0, MailboxID: 0 },
  ReportMailboxInterchangeStats: {},
  ReportMailboxInterchangeStatsEx: { NetworkID: 0, MailboxID: 0 },
  ReportInterchangeStats: { StartTime: new Date('2025-01-06T00:00:00Z'), EndTime: new Date('2025-01-10T23:59:59Z'), Direction: 'NoDir' },
  ReportInterchangeStatsEx: { StartTime: new Date('2025-01-06T00:00:00Z'), EndTime: new Date('2025-01-10T23:59:59Z'), Direction: 'InBox', NetworkID: 0, MailboxID: 0 },
};

/** The reads the facade maps to a REST endpoint the sandbox serves for the same operation. */
const bothBackends = (): FacadeOperation[] =>
  SANDBOX_OPERATIONS.filter((op): op is FacadeOperation & typeof op => {
    const mapping = MAPPINGS[op];
    return mapping.kind === 'read' && mapping.rest !== null && restEndpointsOf(op).includes(mapping.rest.endpoint);
  });

let sandbox: RunningSandbox;
let ecgrid: EcgridFacade;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  ecgrid = facadeOn(sandbox, 'parity');
});
afterAll(async () => {
  await ecgrid.close();
  await sandbox.close();
});

describe('every read both backends serve in the sandbox', () => {
  it('serves on REST the endpoint the facade maps each of its REST operations to', () => {
    const stray = SANDBOX_OPERATIONS.filter((op) => {
      const served = restEndpointsOf(op);
      const mapped = MAPPINGS[op].rest?.endpoint;
      return served.length > 0 && (mapped === undefined || !served.includes(mapped));
    });
    expect(stray).toEqual([]);
  });

  it('has one row of arguments for each of them, and none for anything else', () => {
    const reads = bothBackends();
    expect(reads.length).toBeGreaterThanOrEqual(50);
    expect(reads.filter((op) => ARGS[op] === undefined)).toEqual([]);
    expect(Object.keys(ARGS).filter((op) => !reads.some((r) => r === op))).toEqual([]);
  });

  it.each(bothBackends())('%s gives the same answer on SOAP and on REST', async (operation) => {
    const args = ARGS[operation];
    if (args === undefined) throw new Error(`no arguments for ${operation}`);
    const record = await expectParity(ecgrid, operation, args);
    expect(record.candidate?.ok).toBe(true);
  });
});
