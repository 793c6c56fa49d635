import { describe, expect, it } from 'vitest';
import type { EcgridFacade, FacadeEvent, MismatchRecord } from '@ecgrid-bridge/facade';
import { functionalAck } from '../packages/cli/src/x12-ack.js';
import { facadeOn, withSandbox } from './support.js';

/**
 * Legacy code written against the v4.1 variants public integrations use: the `A` (base64 text) upload and download,
 * the MFT upload with explicit sender and receiver, and the short inbox filter.
 */
async function variantsWorkflow(ecgrid: EcgridFacade) {
  const log: unknown[] = [];
  await ecgrid.Login();
  try {
    const me = await ecgrid.WhoAmI();
    const inbox = await ecgrid.ParcelInBoxExShort({
      NetworkID: me?.NetworkID ?? 0,
      MailboxID: me?.MailboxID ?? 0,
      ECGridIDFrom: 0,
      ECGridIDTo: 0,
      Status: 'InBoxReady',
    });
    const parcels = [...(inbox?.ParcelIDInfoList ?? [])].sort((a, b) => a.ParcelID - b.ParcelID);
    log.push({ ready: parcels.map((p) => [p.ParcelID, p.FileName]) });
    for (const parcel of parcels) {
      const file = await ecgrid.ParcelDownloadA({ ParcelID: parcel.ParcelID });
      const text = file?.ContentBase64String ?? (file?.Content ? file.Content.toString('base64') : '');
      log.push({ parcel: parcel.ParcelID, name: file?.FileName, base64: text });
      log.push({ confirmed: await ecgrid.ParcelDownloadConfirm({ ParcelID: parcel.ParcelID }) });
    }
    const first = log.find((e): e is { base64: string } => typeof (e as { base64?: unknown }).base64 === 'string');
    if (first) {
      const original = Buffer.from(first.base64, 'base64').toString('latin1');
      const ack = (control: number) => Buffer.from(functionalAck(original, control, new Date('2026-01-02T03:04:05Z')), 'latin1');
      const uploadedA = await ecgrid.ParcelUploadA({ FileName: '997a.x12', ContentBase64: ack(900_000_001).toString('base64') });
      log.push({ uploadedA: typeof uploadedA === 'number' && uploadedA > 0 });
      const mft = ack(900_000_002);
      const [, , , , , senderQualifier, sender, receiverQualifier, receiver] = mft.toString('latin1').split('*');
      const idOf = async (qualifier = '', id = '') =>
        (await ecgrid.TPSearch({ Qualifier: qualifier, ID: id.trim(), ShowInactive: false }))?.[0]?.ECGridID ?? 0;
      const uploadedMft = await ecgrid.ParcelUploadMft({
        FileName: '997mft.x12',
        Bytes: mft.length,
        Content: mft,
        ECGridIDFrom: await idOf(senderQualifier, sender),
        ECGridIDTo: await idOf(receiverQualifier, receiver),
      });
      log.push({ uploadedMft: typeof uploadedMft === 'number' && uploadedMft > 0 });
    }
    const after = await ecgrid.ParcelInBoxExShort({ NetworkID: 0, MailboxID: 0, ECGridIDFrom: 0, ECGridIDTo: 0, Status: 'InBoxReady' });
    log.push({ readyAfter: after?.ParcelIDInfoList?.length ?? 0 });
  } finally {
    await ecgrid.Logout();
  }
  return log;
}

describe('the v4.1 variants through the facade', () => {
  it('give equal results on SOAP and on REST', async () => {
    const run = (backend: string) =>
      withSandbox(async (sandbox) => {
        const ecgrid = facadeOn(sandbox, backend);
        try {
          return await variantsWorkflow(ecgrid);
        } finally {
          await ecgrid.close();
        }
      });
    const viaSoap = await run('soap');
    const viaRest = await run('rest');
    expect(viaRest).toEqual(viaSoap);
    expect(viaSoap.filter((e) => 'confirmed' in (e as object)).length).toBeGreaterThan(0);
    expect(viaSoap).toContainEqual({ uploadedA: true });
    expect(viaSoap).toContainEqual({ uploadedMft: true });
    expect(viaSoap).toContainEqual({ readyAfter: 0 });
  });

  it('complete their SOAP-only calls on SOAP when routed to REST with fallback, and say which backend served each', async () => {
    await withSandbox(async (sandbox) => {
      const events: FacadeEvent[] = [];
      const records: MismatchRecord[] = [];
      const ecgrid = facadeOn(sandbox, 'rest', { fallback: true, onEvent: (e) => void events.push(e) });
      const shadow = facadeOn(sandbox, 'parity', { parity: { publishMatches: true, publish: (r) => void records.push(r) } });
      try {
        await ecgrid.Login();
        const inbox = await ecgrid.ParcelInBox();
        const parcelId = inbox?.ParcelIDInfoList?.[0]?.ParcelID ?? 0;
        const peek = await ecgrid.ParcelDownloadNoUpdateA({ ParcelID: parcelId });
        expect(peek?.ParcelID).toBe(parcelId);
        const errors = await ecgrid.ParcelOutBoxErrorEx({
          NetworkID: 0,
          MailboxID: 0,
          BeginDate: new Date('2000-01-01T00:00:00Z'),
          EndDate: new Date('2100-01-01T00:00:00Z'),
        });
        expect(Array.isArray(errors?.ParcelIDInfoList ?? [])).toBe(true);
        const served = (op: string) => events.flatMap((e) => (e.type === 'call' && e.operation === op && e.ok ? [e.backend] : []));
        expect(served('ParcelInBox')).toEqual(['rest']);
        expect(served('ParcelDownloadNoUpdateA')).toEqual(['soap']);
        expect(served('ParcelOutBoxErrorEx')).toEqual(['soap']);
        expect(events.flatMap((e) => (e.type === 'fallback' ? [e.operation] : []))).toEqual(['ParcelDownloadNoUpdateA', 'ParcelOutBoxErrorEx']);

        await shadow.ParcelDownloadNoUpdateA({ ParcelID: parcelId });
        await shadow.parityIdle();
        expect(records.find((r) => r.operation === 'ParcelDownloadNoUpdateA')).toMatchObject({ outcome: 'soap-only', control: { backend: 'soap', ok: true } });
      } finally {
        await ecgrid.close();
        await shadow.close();
      }
    });
  });
});

describe('the session stays inside the facade', () => {
  it('WhoAmI leaves SessionInfo.SessionID out on either backend, as Login hands out only a handle', async () => {
    await withSandbox(async (sandbox) => {
      for (const backend of ['soap', 'rest']) {
        const ecgrid = facadeOn(sandbox, backend);
        try {
          expect(await ecgrid.Login()).toBe('ecgrid-bridge-session');
          const me = await ecgrid.WhoAmI();
          expect(me?.UserID, backend).toBeGreaterThan(0);
          expect(me && 'SessionID' in me, backend).toBe(false);
        } finally {
          await ecgrid.close();
        }
      }
    });
  });
});
