import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EcgridFacade, type FacadeOperation, type FacadeParams, type FacadeResult, MAPPINGS } from '@ecgrid-bridge/facade';
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SEED_PATH, type RunningSandbox, SANDBOX_OPERATIONS, type SandboxSeed, restEndpointsOf, startSandbox } from '@ecgrid-bridge/sandbox';
import { facadeOn } from './support.js';

/**
 * Every write both backends serve in the sandbox, made once through the facade on SOAP and once on REST from the same
 * seed: the write's own answer must agree (beyond the fields the mapping declares lossy), and what it changed must
 * read back the same. The read-back always goes through SOAP, so the comparison is of the store, not of two mappings.
 * The list comes from the sandbox's operation table and the facade's mapping table; each write needs one row below.
 */

interface WriteRow<Op extends FacadeOperation> {
  readonly params: FacadeParams<Op>;
  /** Reads what the write changed (on the SOAP facade), projected onto what both writes must agree on. */
  readonly readBack: (soap: EcgridFacade, result: FacadeResult<Op>) => Promise<unknown>;
  /** The part of the write's own answer both backends must agree on; by default all of it. */
  readonly answer?: (result: FacadeResult<Op>) => unknown;
  /** Who writes: the demo user (a mailbox administrator) unless the write needs a network administrator. */
  readonly by?: 'networkAdmin';
  /** Prepares the store after each reset, before the write (on SOAP). */
  readonly setup?: (soap: EcgridFacade) => Promise<unknown>;
}

type Rows = { readonly [Op in FacadeOperation]?: WriteRow<Op> };

const X12 = [
  'ISA*00*          *00*          *ZZ*ACMEMFG        *ZZ*BETARETAIL     *250110*1200*U*00401*000000777*0*P*>~',
  'GS*IN*ACMEMFG*BETARETAIL*20250110*1200*777*X*004010~ST*810*0001~BIG*20250110*INV-777~SE*3*0001~GE*1*777~IEA*1*000000777~',
].join('');
const upload = Buffer.from(X12, 'latin1');

/** What an uploaded or changed parcel must agree on: not its dates, which are the moment of the write. */
const parcelState = async (soap: EcgridFacade, parcelId: number) => {
  const p = await soap.ParcelInfo({ ParcelID: parcelId });
  return p && { id: p.ParcelID, file: p.FileName, bytes: p.ParcelBytes, from: p.MailboxIDFrom, to: p.MailboxIDTo, status: p.StatusCode, control: p.MailbagControlID };
};
const tpState = async (soap: EcgridFacade, ecgridId: number) => {
  const tp = await soap.TPInfo({ ECGridID: ecgridId });
  return tp && { status: tp.Status, description: tp.Description };
};
const SEED = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SandboxSeed;
/** acme.netadmin: administers network 1001, which holds the demo user's mailbox. */
const NETWORK_ADMIN = 2004;
/** acme.demo, whom the facades log in as. */
const DEMO_USER = 2006;
const credentialsOf = (userId: number, password?: string) => {
  const u = SEED.users.find((x) => x.userId === userId);
  return { loginName: u?.email ?? '', password: password ?? u?.password ?? '' };
};
/** Whether a user can log in with a password: what a password write changes, seen from outside. */
const logsIn = async (userId: number, password: string) => {
  const facade = facadeOn(sandbox, 'soap', { credentials: credentialsOf(userId, password) });
  try {
    return (await facade.WhoAmI())?.UserID;
  } catch (err) {
    return err instanceof Error ? err.name : 'refused';
  } finally {
    await facade.close();
  }
};
const userState = async (soap: EcgridFacade, userId: number) => {
  const u = await soap.UserInfo({ UserID: userId });
  return u && { first: u.FirstName, last: u.LastName, email: u.EMail, level: u.AuthLevel, status: u.Status, network: u.NetworkID, mailbox: u.MailboxID };
};
const carbonCopyState = (id: number) => async (soap: EcgridFacade) => (await soap.CarbonCopyInfo({ CarbonCopyID: id }))?.Status;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/certificates/${name}`, import.meta.url));
const PARTNER_CERT = fixture('partner.cer');
const OWN_PFX = fixture('acme.p12');
/** The certificates of the demo mailbox's comms, without what a new key pair makes different each time. */
const certificateState = async (soap: EcgridFacade) => {
  const comms = await soap.CommListEx({ NetworkID: 0, MailboxID: 5001, CommType: 'none', PrivateKeyRequired: false, UseType: 'Undefined', ShowInactive: true, WithCerts: true });
  return (comms ?? []).flatMap((c) =>
    (c.Certificates ?? []).map((k) => ({ comm: c.CommID, id: k.CertKeyID, type: k.Type, usage: k.Usage, subject: k.Subject, key: k.HasPrivateKey, status: k.Status, ends: k.EndUsage.getUTCFullYear() > 1 })),
  );
};
const commAnswer = (r: { readonly CommID: number; readonly Identifier?: string | undefined; readonly Status: string } | undefined) => r && { id: r.CommID, identifier: r.Identifier, status: r.Status };

/** The ID of the (first) interchange a seed parcel carries, once the sandbox runs. */
const interchangeOf = (parcelId: number) => [...sandbox.admin.state().interchanges.values()].find((ic) => ic.parcelId === parcelId)?.interchangeId ?? 0;
/** Facades that keep a session of another user open until the end (what a reset must end). */
const openSessions: EcgridFacade[] = [];
const lastNote = async (soap: EcgridFacade, parcelId: number) => {
  const n = (await soap.ParcelNoteList({ ParcelID: parcelId }))?.at(-1);
  return n && { note: n.Note, by: n.PostedBy };
};
const delimiters = (config: { readonly SegTerm: number; readonly ElmSep: number; readonly SubElmSep: number } | undefined) =>
  config && [config.SegTerm, config.ElmSep, config.SubElmSep];

/** .NET's DateTime.MinValue: an unset date parameter. */
const DOTNET_MIN = new Date('0001-01-01T00:00:00Z');
const commState = (c: FacadeResult<'CommInfo'>) => c && { type: c.Type, identifier: c.Identifier, mailbox: c.MailboxID, use: c.UseType, status: c.Status };

/** A webhook listener on loopback, for the callback a test call reaches (the sandbox allows plain HTTP there). */
let hook: Server;
let hookUrl = '';
/** The ID the next callback registered on the untouched seed gets. */
const NEXT_CALLBACK = Math.max(...(SEED.callbacks ?? []).map((c) => c.callbackId)) + 1;
const newCallback = (url: () => string): FacadeParams<'CallBackAddEx'> => ({
  NetworkID: 0,
  MailboxID: 0,
  UserID: 0,
  SystemObject: 'Parcel',
  ObjectStatus: 0,
  Direction: 'NoDir',
  Frequency: 0,
  MaxRetries: 0,
  get URL() {
    return url();
  },
  HTTPAuthentication: 'Basic',
  HTTPUser: 'hook-user',
  HTTPPassword: 'Hook-Secret-77',
  Status: 'Active',
});
const callbackState = async (soap: EcgridFacade, id: number) => {
  const c = await soap.CallBackEventInfo({ CallBackEventID: id, QueueCount: 1 });
  const q = c?.CallBackQueue?.[0];
  return c && { status: c.Status, url: c.URL, auth: c.HTTPAuthentication, frequency: c.Frequency, maxCalls: c.MaxCalls, queue: q && { status: q.Status, test: q.Test, code: q.CallBackLog?.[0]?.ReturnCode } };
};

/** One row per write, chosen so that the change is visible in the read-back. */
const ROWS: Rows = {
  // mailboxes, partners and interconnects
  MailboxDescription: {
    params: { MailboxID: 5001, Description: 'Acme – Fertigung (Zürich)' },
    readBack: async (soap) => (await soap.MailboxInfo({ MailboxID: 5001 }))?.Description,
  },
  TPUpdateDescription: { params: { ECGridID: 100102, Description: 'Acme DUNS – neu' }, readBack: (soap) => tpState(soap, 100102) },
  TPActivate: { params: { ECGridID: 100103 }, readBack: (soap) => tpState(soap, 100103) },
  TPSuspend: { params: { ECGridID: 100102 }, readBack: (soap) => tpState(soap, 100102) },
  TPTerminate: { params: { ECGridID: 100102 }, readBack: (soap) => tpState(soap, 100102) },
  TPAddEx: {
    params: { NetworkID: 1001, MailboxID: 5001, Qualifier: 'ZZ', ID: 'ACMENEU', Description: 'Acme – neue ID', RoutingGroup: 'ProductionA' },
    readBack: async (soap, id) => {
      const tp = await soap.TPInfo({ ECGridID: id });
      return tp && { qualifier: tp.Qualifier, id: tp.ID, description: tp.Description, status: tp.Status, mailbox: tp.MailboxID };
    },
  },
  TPMoveMailbox: {
    params: { ECGridID: 100102, MailboxID: 5002 },
    readBack: async () => (await adminOnSoap.TPInfo({ ECGridID: 100102 }))?.MailboxID,
    by: 'networkAdmin',
  },
  TPMoveEx: {
    params: { NetworkID: 1001, MailboxID: 5002, ECGridID: 100102, MoveDateTime: new Date('2025-01-01T00:00:00Z') },
    readBack: async () => (await adminOnSoap.TPInfo({ ECGridID: 100102 }))?.MailboxID,
    by: 'networkAdmin',
  },
  InterconnectAdd: {
    params: { ECGridID1: 100102, ECGridID2: 200401, NotifyContact: false, Preconfirm: false },
    readBack: async (soap, added) => {
      const ic = await soap.InterconnectInfo({ InterconnectID: added?.InterconnectID ?? 0 });
      return ic && { status: ic.Status, from: ic.TP1?.ECGridID, to: ic.TP2?.ECGridID };
    },
    answer: (ic) => ic && { id: ic.InterconnectID, status: ic.Status, from: ic.TP1?.ECGridID, to: ic.TP2?.ECGridID },
  },
  InterconnectCancel: {
    params: { InterconnectID: 9001, EMailTo: 'NoEMail' },
    readBack: async (soap) => (await soap.InterconnectInfo({ InterconnectID: 9001 }))?.Status,
  },
  InterconnectNote: {
    params: { InterconnectID: 9003, AuthLevel: 'General', Note: 'Teststart am Montag', EMailTo: 'NoEMail' },
    readBack: async (soap) => (await soap.InterconnectNoteList({ InterconnectID: 9003 }))?.map((n) => n.Note),
  },
  MailboxTerminate: { params: { MailboxID: 5002 }, readBack: async () => (await adminOnSoap.MailboxInfo({ MailboxID: 5002 }))?.Status, by: 'networkAdmin' },
  NetworkUpdate: {
    params: { NetworkID: 1001, Name: 'Acme Supply – Zentrale' },
    readBack: async () => (await adminOnSoap.NetworkInfo({ NetworkID: 1001 }))?.Name,
    by: 'networkAdmin',
  },
  // users
  UserAdd: {
    params: { MailboxID: 5001, LoginName: 'acme.neu', Password: 'Grüße-2026!', FirstName: 'Zoë', LastName: 'Ødegård', EMail: 'zoe@acme.example', CellCarrier: 'NoChange', AuthLevel: 'MailboxUser' },
    readBack: (soap, id) => userState(soap, id),
  },
  UserAddEx: {
    params: { NetworkID: 1001, MailboxID: 5001, LoginName: 'acme.neu', Password: 'Grüße-2026!', FirstName: 'Zoë', EMail: 'zoe@acme.example', CellCarrier: 'NoChange', AuthLevel: 'TPUser' },
    readBack: (soap, id) => userState(soap, id),
  },
  UserUpdate: {
    params: { UserID: 2007, FirstName: 'Jó', LastName: 'Müller', EMail: 'jo@acme.example', CellCarrier: 'NoChange', AuthLevel: 'NoChange' },
    readBack: (soap) => userState(soap, 2007),
  },
  UserSetAuthLevel: { params: { UserID: 2009, AuthLevel: 'MailboxUser' }, readBack: (soap) => userState(soap, 2009) },
  ChangePassword: {
    params: { OldPassword: credentialsOf(DEMO_USER).password, NewPassword: 'Neu-Passwort-2026' },
    readBack: () => logsIn(DEMO_USER, 'Neu-Passwort-2026'),
  },
  UserSetNetworkMailbox: { params: { UserID: 2007, NetworkID: 1001, MailboxID: 5002 }, readBack: () => userState(adminOnSoap, 2007), by: 'networkAdmin' },
  UserPassword: { params: { UserID: 2007, Password: 'Neu-Passwort-2026' }, readBack: () => logsIn(2007, 'Neu-Passwort-2026'), by: 'networkAdmin' },
  GenerateAPIKey: {
    params: { UserID: 2007 },
    readBack: async (soap, key) => (await soap.UserGetAPIKey({ UserID: 2007 })) === key,
    answer: (key) => typeof key === 'string' && /^[0-9a-f-]{36}$/.test(key),
  },
  UserTerminate: { params: { UserID: 2008 }, readBack: (soap) => userState(soap, 2008) },
  // parcels
  ParcelSetMailbagControlID: {
    params: { ParcelID: 987650005, MailbagControlID: 'MB-WRITE-1' },
    readBack: (soap) => parcelState(soap, 987650005),
  },
  ParcelUpdateStatus: {
    params: { ParcelID: 987650003, Status: 'InBoxTransferred', TransLogOnly: false },
    readBack: (soap) => parcelState(soap, 987650003),
  },
  ParcelDownloadConfirm: { params: { ParcelID: 987650002 }, readBack: (soap) => parcelState(soap, 987650002) },
  ParcelDownloadReset: { params: { ParcelID: 987650001 }, readBack: (soap) => parcelState(soap, 987650001) },
  ParcelUpload: {
    params: { FileName: 'inv-777.x12', Bytes: upload.length, Content: upload },
    readBack: (soap, id) => parcelState(soap, id),
  },
  ParcelUploadA: { params: { FileName: 'inv-777.x12', ContentBase64: upload.toString('base64') }, readBack: (soap, id) => parcelState(soap, id) },
  ParcelUploadEx: {
    params: { NetworkID: 0, MailboxID: 0, FileName: 'inv-777.x12', Bytes: upload.length, Content: upload },
    readBack: (soap, id) => parcelState(soap, id),
  },
  ParcelUploadExA: {
    params: { NetworkID: 0, MailboxID: 0, FileName: 'inv-777.x12', ContentBase64: upload.toString('base64') },
    readBack: (soap, id) => parcelState(soap, id),
  },
  ParcelUploadMft: {
    params: { FileName: 'inv-777.x12', Bytes: upload.length, Content: upload, ECGridIDFrom: 100101, ECGridIDTo: 200301 },
    readBack: (soap, id) => parcelState(soap, id),
  },
  ParcelUploadMftA: {
    params: { FileName: 'inv-777.x12', ContentBase64: upload.toString('base64'), ECGridIDFrom: 100101, ECGridIDTo: 200301 },
    readBack: (soap, id) => parcelState(soap, id),
  },
  // comms and carbon copies
  // callbacks
  CallBackAddEx: {
    params: newCallback(() => 'https://hooks.acme-supply.example/ecgrid/new'),
    readBack: (soap, created) => callbackState(soap, created?.CallBackEventID ?? 0),
    answer: (r) => r && { id: r.CallBackEventID, url: r.URL, status: r.Status, object: r.SystemObject, mailbox: r.MailboxID, auth: r.HTTPAuthentication },
  },
  CallBackEventSetStatus: { params: { CallBackEventID: 71001, Status: 'Suspended' }, readBack: (soap) => callbackState(soap, 71001) },
  CallBackTest: {
    setup: (soap) => soap.CallBackAddEx(newCallback(() => hookUrl)),
    params: { CallBackEventID: NEXT_CALLBACK, ParcelID: 0, InterchangeID: 0, UserID: 0 },
    readBack: (soap) => callbackState(soap, NEXT_CALLBACK),
    answer: (r) => r && { test: r.Test, event: r.CallBackEvent?.CallBackEventID, code: r.CallBackLog?.[0]?.ReturnCode, message: r.CallBackLog?.[0]?.Message },
  },
  CommAdd: {
    params: {
      NetworkID: 0, MailboxID: 5001, CommType: 'sftp', OwnerUserID: 0, ECGridHosted: false, Identifier: 'acme-sftp-2', SignData: false, EncryptData: false,
      CompressData: false, ReceiptType: 'None', HTTPAuthentication: 'None', UseType: 'Production', BeginUsage: DOTNET_MIN, EndUsage: DOTNET_MIN, Status: 'Active',
    },
    readBack: async (soap, created) => commState(await soap.CommInfo({ CommID: created?.CommID ?? 0 })),
    answer: (r) => r && { type: r.Type, identifier: r.Identifier, mailbox: r.MailboxID, use: r.UseType, status: r.Status },
  },
  CommUpdate: {
    params: {
      CommID: 81001, OwnerUserID: 0, Identifier: 'ACME-AS2-NEU', SignData: false, EncryptData: false, CompressData: false, ReceiptType: 'None',
      HTTPAuthentication: 'None', UseType: 'Undefined', BeginUsage: DOTNET_MIN, EndUsage: DOTNET_MIN,
    },
    readBack: async (soap) => commState(await soap.CommInfo({ CommID: 81001 })),
    answer: (r) => r && { id: r.CommID, identifier: r.Identifier, status: r.Status },
  },
  // certificates
  CertificateAddPublic: {
    params: { CommID: 81001, CertType: 'X509', KeyId: 'partner-2026', UserId: '', BeginUsage: DOTNET_MIN, Usage: 'Encryption', PartnerCommID: 'PARTNER-AS2', PartnerURL: '', Cert: PARTNER_CERT },
    readBack: certificateState,
    answer: commAnswer,
  },
  CertificateAddPublicA: {
    params: { CommID: 81002, CertType: 'X509', KeyId: '', UserId: '', BeginUsage: DOTNET_MIN, Usage: 'Signature', PartnerCommID: '', PartnerURL: '', CertBase64: PARTNER_CERT.toString('base64') },
    readBack: certificateState,
    answer: commAnswer,
  },
  CertAddPrivate: {
    params: { CommID: 81002, CertType: 'X509', KeyId: '', UserId: '', BeginUsage: DOTNET_MIN, Usage: 'EncryptionAndSignature', PartnerAS2ID: '', Cert: OWN_PFX, Password: 'fixture-only' },
    readBack: certificateState,
    answer: commAnswer,
  },
  CertAddPrivateA: {
    params: { CommID: 81002, CertType: 'X509', KeyId: '', UserId: '', BeginUsage: DOTNET_MIN, Usage: 'Signature', PartnerAS2ID: '', CertBase64: OWN_PFX.toString('base64'), Password: 'fixture-only' },
    readBack: certificateState,
    answer: commAnswer,
  },
  CertificateCreatePrivate: {
    params: { CommID: 81002, BeginUsage: DOTNET_MIN, Usage: 'Signature', SecureHashAlgorithm: 'sha2', PartnerAS2ID: '', Expires: DOTNET_MIN },
    readBack: certificateState,
    answer: commAnswer,
  },
  CertificateRenewPrivate: { params: { CommID: 81001, CertKeyID: 91001, OverlapDays: 14, Years: 1, SecureHashAlgorithm: 'sha2' }, readBack: certificateState, answer: commAnswer },
  CertificateTerminate: { params: { CommID: 81001, CertKeyID: 91001 }, readBack: certificateState },
  // parcels, interchanges, IDs, settings and users
  ParcelAcknowledgmentNote: { params: { ParcelID: 987650002, Subject: '', Note: 'Gebucht – Beleg 4711' }, readBack: (soap) => lastNote(soap, 987650002) },
  ParcelTest: {
    params: { ECGridIDFrom: 100101, ECGridIDTo: 200301, DocumentType: 'X12' },
    readBack: async (soap, id) => {
      const p = await soap.ParcelInfo({ ParcelID: id });
      return p && { from: p.MailboxIDFrom, to: p.MailboxIDTo, status: p.StatusCode, test: p.FileName?.startsWith('ECGRID_TEST_100101_200301_') };
    },
  },
  InterchangeCancel: {
    params: {
      get InterchangeID() {
        return interchangeOf(3000000003);
      },
    },
    readBack: async (soap) => (await soap.InterchangeInfo({ InterchangeID: interchangeOf(3000000003) }))?.StatusCode,
  },
  InterchangeResend: {
    params: {
      get InterchangeID() {
        return interchangeOf(987650005);
      },
    },
    readBack: async (soap) => {
      const sent = await soap.ParcelOutBoxArchive({ BeginDate: new Date('2000-01-01T00:00:00Z'), EndDate: new Date('2100-01-01T00:00:00Z'), ECGridIDFrom: 0, ECGridIDTo: 0, PageNo: 1, RecordsPerPage: 0 });
      return (sent?.ParcelIDInfoList ?? []).filter((p) => p.FileName?.startsWith('RESEND_')).map((p) => [p.FileName, p.MailboxIDTo]);
    },
    answer: (r) => r?.Id,
  },
  TPUpdateDataEMail: {
    params: { ECGridID: 100101, EMailSystem: 'smtp', DataEMail: 'edi@acme-supply.example', PayloadPosition: 'Attachment' },
    readBack: async (soap) => (await soap.TPInfo({ ECGridID: 100101 }))?.DataEMail,
  },
  MailboxX12Delimiters: { params: { MailboxID: 5001, SegTerm: 126, ElmSep: 42, SubElmSep: 62 }, readBack: async (soap) => delimiters((await soap.MailboxInfo({ MailboxID: 5001 }))?.Config) },
  NetworkX12Delimiters: {
    params: { NetworkID: 1001, SegTerm: 39, ElmSep: 124, SubElmSep: 94 },
    readBack: async () => delimiters((await adminOnSoap.NetworkInfo({ NetworkID: 1001 }))?.OwnerInfo?.Config),
    by: 'networkAdmin',
  },
  UserReset: {
    setup: async () => {
      const clerk = facadeOn(sandbox, 'soap', { credentials: credentialsOf(2007) });
      openSessions.push(clerk);
      await clerk.WhoAmI();
    },
    params: { UserID: 2007 },
    readBack: async () => (await adminOnSoap.UserInfo({ UserID: 2007 }))?.OpenSessions,
    by: 'networkAdmin',
  },
  // The sandbox delivers no SMS: what it would have sent is in its outbox.
  UserSendSMS: { params: { UserID: 2007, Text: 'Parcel 987650002 is ready' }, readBack: async () => sandbox.admin.messages().map((m) => [m.to, m.text]) },
  CommSetStatus: { params: { CommID: 81001, Status: 'Suspended' }, readBack: async (soap) => (await soap.CommInfo({ CommID: 81001 }))?.Status },
  CarbonCopySuspend: { params: { CarbonCopyID: 51001 }, readBack: carbonCopyState(51001) },
  CarbonCopyActivate: { params: { CarbonCopyID: 51002 }, readBack: carbonCopyState(51002) },
  CarbonCopyTerminate: { params: { CarbonCopyID: 51001 }, readBack: carbonCopyState(51001) },
};

/** The writes the facade maps to a REST endpoint the sandbox serves for the same operation. */
const bothBackends = (): FacadeOperation[] =>
  SANDBOX_OPERATIONS.filter((op): op is FacadeOperation & typeof op => {
    const mapping = MAPPINGS[op];
    return mapping.kind === 'write' && mapping.rest !== null && restEndpointsOf(op).includes(mapping.rest.endpoint);
  });

let sandbox: RunningSandbox;
let onSoap: EcgridFacade;
let onRest: EcgridFacade;
let adminOnSoap: EcgridFacade;
let adminOnRest: EcgridFacade;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  hook = createServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('received')));
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/ecgrid`;
  onSoap = facadeOn(sandbox, 'soap');
  onRest = facadeOn(sandbox, 'rest');
  const admin = { credentials: credentialsOf(NETWORK_ADMIN) };
  adminOnSoap = facadeOn(sandbox, 'soap', admin);
  adminOnRest = facadeOn(sandbox, 'rest', admin);
});
afterAll(async () => {
  await onSoap.close();
  await onRest.close();
  await adminOnSoap.close();
  await adminOnRest.close();
  for (const facade of openSessions) await facade.close();
  await sandbox.close();
  await new Promise((resolve) => hook.close(resolve));
});
beforeEach(() => sandbox.admin.reset());

async function writeThenRead<Op extends FacadeOperation>(backend: 'soap' | 'rest', operation: Op, row: WriteRow<Op>) {
  sandbox.admin.reset();
  await row.setup?.(onSoap);
  const writer = row.by === 'networkAdmin' ? (backend === 'soap' ? adminOnSoap : adminOnRest) : backend === 'soap' ? onSoap : onRest;
  const result = await writer.invoke(operation, row.params);
  const answer = row.answer ? row.answer(result) : result;
  return { result, answer, state: await row.readBack(onSoap, result) };
}

/** The read-back on the untouched seed (what it raised, when the object does not exist yet). */
async function untouched<Op extends FacadeOperation>(row: WriteRow<Op>, result: FacadeResult<Op>): Promise<unknown> {
  sandbox.admin.reset();
  await row.setup?.(onSoap);
  return row.readBack(onSoap, result).catch((err: unknown) => ({ absent: err instanceof Error ? err.name : String(err) }));
}

async function run<Op extends FacadeOperation>(operation: Op): Promise<void> {
  const row: WriteRow<Op> | undefined = ROWS[operation];
  if (row === undefined) throw new Error(`no row for ${operation}`);
  const bySoap = await writeThenRead('soap', operation, row);
  const byRest = await writeThenRead('rest', operation, row);
  expect(bySoap.state, `${operation} leaves no trace in its read-back`).not.toEqual(await untouched(row, bySoap.result));
  expect(byRest.state).toEqual(bySoap.state);
  expect(stripLossy(operation, byRest.answer)).toEqual(stripLossy(operation, bySoap.answer));
}

/** Leaves out of an answer the top-level fields the mapping declares REST cannot provide. */
function stripLossy(operation: FacadeOperation, answer: unknown): unknown {
  const lossy = MAPPINGS[operation].rest?.lossy ?? [];
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || answer instanceof Date) return answer;
  return Object.fromEntries(Object.entries(answer).filter(([key]) => !lossy.includes(key)));
}

describe('every write both backends serve in the sandbox', () => {
  it('has one row for each of them, and none for anything else', () => {
    const writes = bothBackends();
    expect(writes.filter((op) => ROWS[op] === undefined)).toEqual([]);
    expect(Object.keys(ROWS).filter((op) => !writes.some((w) => w === op))).toEqual([]);
  });

  it.each(bothBackends())('%s changes the store the same way on SOAP and on REST', run);
});
