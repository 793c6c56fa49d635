import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EcgridFacade,
  FacadeError,
  NotAvailableOnBackendError,
  type RestPort,
  createEcgridFacade,
  createRestPort,
} from '@ecgrid-bridge/facade';
import { ParityAssertionError, expectParity } from '@ecgrid-bridge/facade/testing';
import type { RestEvent } from '@ecgrid-bridge/rest';
import type { RunningSandbox } from '@ecgrid-bridge/sandbox';
import { startSandbox } from '@ecgrid-bridge/sandbox';
import type { SoapEvent } from '@ecgrid-bridge/soap';
import { functionalAck } from '../packages/cli/src/x12-ack.js';
import { facadeOn, withSandbox } from './support.js';

/** Legacy-style code: it only knows ECGridOS method names and SOAP result shapes. */
async function legacyWorkflow(ecgrid: EcgridFacade, midway?: () => Promise<void>) {
  const log: unknown[] = [];
  await ecgrid.Login();
  try {
    const me = await ecgrid.WhoAmI();
    log.push({ user: me?.UserID, mailbox: me?.MailboxID, level: me?.AuthLevel });
    await midway?.();
    const inbox = await ecgrid.ParcelInBox();
    for (const parcel of inbox?.ParcelIDInfoList ?? []) {
      const file = await ecgrid.ParcelDownload({ ParcelID: parcel.ParcelID });
      log.push({ parcel: parcel.ParcelID, name: file?.FileName, bytes: file?.Content?.toString('latin1') });
      log.push({ confirmed: await ecgrid.ParcelDownloadConfirm({ ParcelID: parcel.ParcelID }) });
    }
    log.push({ pendingAfter: (await ecgrid.ParcelInBox())?.ParcelIDInfoList?.length });
    const first = log.find((e): e is { bytes: string } => typeof (e as { bytes?: unknown }).bytes === 'string');
    if (first) {
      const ack = Buffer.from(functionalAck(first.bytes, 900_000_001, new Date('2026-01-02T03:04:05Z')), 'latin1');
      log.push({ uploaded: await ecgrid.ParcelUpload({ FileName: '997.x12', Bytes: ack.length, Content: ack }) });
    }
  } finally {
    await ecgrid.Logout();
  }
  return log;
}

describe('the same legacy workflow on either backend', () => {
  it('gives equal results on SOAP and on REST, switched by ECGRID_BACKEND alone, with a re-login midway', async () => {
    const soapEvents: SoapEvent[] = [];
    const restEvents: RestEvent[] = [];
    const viaSoap = await withSandbox(async (sandbox) => {
      const ecgrid = facadeOn(sandbox, 'soap', { soap: { onEvent: (e) => soapEvents.push(e) } });
      try {
        return await legacyWorkflow(ecgrid, async () => void sandbox.admin.expireSessions());
      } finally {
        await ecgrid.close();
      }
    });
    const viaRest = await withSandbox(async (sandbox) => {
      const ecgrid = facadeOn(sandbox, 'rest', { rest: { onEvent: (e) => restEvents.push(e) } });
      try {
        return await legacyWorkflow(ecgrid, async () => void sandbox.admin.expireTokens());
      } finally {
        await ecgrid.close();
      }
    });
    expect(viaRest).toEqual(viaSoap);
    expect(viaSoap.filter((e) => 'confirmed' in (e as object))).toHaveLength(3);
    expect(viaSoap).toContainEqual({ pendingAfter: 0 });
    expect(soapEvents.filter((e) => e.type === 'login')).toHaveLength(2);
    expect(soapEvents.filter((e) => e.type === 'relogin')).toHaveLength(1);
    expect(restEvents.some((e) => e.type === 'refresh' || (e.type === 'login' && e.outcome === 'ok'))).toBe(true);
  });
});

describe('every read of the slice through both backends', () => {
  let sandbox: RunningSandbox;
  let facade: EcgridFacade;
  let rootFacade: EcgridFacade;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    facade = facadeOn(sandbox, 'parity');
    rootFacade = createEcgridFacade({
      backend: 'parity',
      credentials: { loginName: 'sandbox.root', password: 'Root#Sandbox2025' },
      soap: { endpoint: sandbox.soapUrl },
      rest: { baseUrl: sandbox.restUrl },
    });
  });

  afterAll(async () => {
    await facade.close();
    await rootFacade.close();
    await sandbox.close();
  });

  it('returns the same SOAP-shaped values, modulo the declared lossy fields', async () => {
    const me = await facade.WhoAmI();
    expect(me?.MailboxID).toBe(5001);
    const tps = await facade.TPList({ ShowInactive: true });
    expect(tps?.length).toBeGreaterThan(1);
    const tp = tps![0]!;
    const inbox = await facade.ParcelInBox();
    const parcelId = inbox!.ParcelIDInfoList![0]!.ParcelID;
    const manifest = await facade.ParcelManifest({ ParcelID: parcelId });
    const range = { BeginDate: new Date('2000-01-01T00:00:00Z'), EndDate: new Date('2100-01-01T00:00:00Z'), ECGridIDFrom: 0, ECGridIDTo: 0 };
    const interchanges = await facade.InterchangeInBox(range);
    expect(interchanges?.length).toBeGreaterThan(0);

    await expectParity(facade, 'WhoAmI', {});
    await expectParity(facade, 'Version', {});
    await expectParity(facade, 'NetworkInfo', { NetworkID: 1001 });
    await expectParity(rootFacade, 'NetworkList', {});
    await expectParity(facade, 'MailboxInfo', { MailboxID: 5001 });
    await expectParity(rootFacade, 'MailboxList', {});
    await expectParity(facade, 'TPInfo', { ECGridID: tp.ECGridID });
    await expectParity(facade, 'TPSearch', { Qualifier: tp.Qualifier, ID: tp.ID, ShowInactive: true });
    await expectParity(facade, 'TPList', { ShowInactive: false });
    await expectParity(facade, 'TPList', { ShowInactive: true });
    await expectParity(rootFacade, 'InterconnectInfo', { InterconnectID: 9001 });
    await expectParity(facade, 'ParcelInBox', {});
    await expectParity(facade, 'ParcelInBoxEx', { NetworkID: 1001, MailboxID: 5001, ECGridIDFrom: 0, ECGridIDTo: 0 });
    await expectParity(facade, 'ParcelInBoxArchive', { ...range, PageNo: 1, RecordsPerPage: 50 });
    await expectParity(facade, 'ParcelOutBoxArchive', { ...range, PageNo: 1, RecordsPerPage: 50 });
    await expectParity(facade, 'ParcelInfo', { ParcelID: parcelId });
    await expectParity(facade, 'ParcelManifest', { ParcelID: parcelId });
    if (manifest?.[0]) await expectParity(facade, 'InterchangeInfo', { InterchangeID: manifest[0].InterchangeID });
    await expectParity(facade, 'InterchangeInfo', { InterchangeID: interchanges![0]!.InterchangeID });
    await expectParity(facade, 'InterchangeInBox', range);
    await expectParity(facade, 'InterchangeOutBox', range);
    await expectParity(facade, 'UserInfo', { UserID: me!.UserID });
    await expectParity(facade, 'UserList', {});
    await expectParity(facade, 'UserGetAPIKey', { UserID: me!.UserID });
  });

  it('says SessionLog is not available on REST, and serves it on SOAP', async () => {
    const rest = facadeOn(sandbox, 'rest');
    const soap = facadeOn(sandbox, 'soap');
    try {
      const err = await rest.SessionLog({ MaxRecords: 5 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotAvailableOnBackendError);
      expect((err as FacadeError).message).toContain('SessionLog');
      expect(Array.isArray(await soap.SessionLog({ MaxRecords: 5 }))).toBe(true);
    } finally {
      await rest.close();
      await soap.close();
    }
  });

  it('normalizes errors from both backends to the same codes, keeping their own', async () => {
    for (const backend of ['soap', 'rest'] as const) {
      const ecgrid = facadeOn(sandbox, backend);
      try {
        const missing = (await ecgrid.MailboxInfo({ MailboxID: 99_999 }).catch((e: unknown) => e)) as FacadeError;
        expect(missing).toBeInstanceOf(FacadeError);
        expect(missing).toMatchObject({ code: 'NotFound', backend, backendCode: 'ObjectNotFound' });
        const foreign = (await ecgrid.MailboxInfo({ MailboxID: 5003 }).catch((e: unknown) => e)) as FacadeError;
        expect(foreign.code).toBe('Forbidden');
        expect(foreign.backendCode).toBe(backend === 'soap' ? 'Authorization' : 'AccessDenied');
        expect(foreign.httpStatus).toBe(backend === 'soap' ? 500 : 403);
      } finally {
        await ecgrid.close();
      }
      const wrong = createEcgridFacade({
        backend,
        credentials: { loginName: sandbox.credentials.email, password: 'Wrong#Password1' },
        soap: { endpoint: sandbox.soapUrl },
        rest: { baseUrl: sandbox.restUrl },
      });
      const denied = (await wrong.Login().catch((e: unknown) => e)) as FacadeError;
      expect(denied).toBeInstanceOf(FacadeError);
      expect(denied.code).toBe('Unauthenticated');
      expect(JSON.stringify(denied) + denied.stack).not.toContain('Wrong#Password1');
      await wrong.close();
    }
  });

  it('catches a deliberately injected difference with a readable diff', async () => {
    const real = createRestPort({ baseUrl: sandbox.restUrl, credentials: { loginName: sandbox.credentials.email, password: sandbox.credentials.password } });
    const tampered: RestPort = {
      ...real,
      request: async (req) => {
        const data = await real.request(req);
        return req.endpoint === 'mailboxes.get' && req.pathParams?.['id'] === 5001 ? { ...(data as object), companyName: 'Tampered Inc' } : data;
      },
    };
    const ecgrid = createEcgridFacade({
      backend: 'parity',
      credentials: { loginName: sandbox.credentials.email, password: sandbox.credentials.password },
      soap: { endpoint: sandbox.soapUrl },
      rest: { port: tampered },
    });
    try {
      const err = await expectParity(ecgrid, 'MailboxInfo', { MailboxID: 5001 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParityAssertionError);
      const record = (err as ParityAssertionError).record;
      expect(record.outcome).toBe('mismatch');
      expect(record.differences).toEqual([{ path: 'Description', kind: 'changed', control: 'Production EDI for the Columbus plant', candidate: 'Tampered Inc' }]);
      expect((err as Error).message).toContain('Description: "Production EDI for the Columbus plant" (soap) ≠ "Tampered Inc" (rest)');
    } finally {
      await ecgrid.close();
    }
  });

  it('falls back to SOAP when REST has an outage, but not when REST says no', async () => {
    const ecgrid = facadeOn(sandbox, 'rest', { fallback: true });
    const events: string[] = [];
    const watched = facadeOn(sandbox, 'rest', { fallback: true, onEvent: (e) => e.type === 'fallback' && events.push(e.code) });
    try {
      sandbox.admin.injectFault({ kind: 'server-error', protocol: 'rest', operation: 'MailboxInfo', status: 503, count: 10 });
      await expect(watched.MailboxInfo({ MailboxID: 5001 })).resolves.toMatchObject({ MailboxID: 5001, Name: 'Acme Manufacturing' });
      expect(events).toEqual(['Internal']);
      sandbox.admin.clearFaults();
      await expect(ecgrid.MailboxInfo({ MailboxID: 5003 })).rejects.toMatchObject({ code: 'Forbidden', backend: 'rest' });
    } finally {
      sandbox.admin.clearFaults();
      await ecgrid.close();
      await watched.close();
    }
  });
});
