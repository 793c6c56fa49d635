import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '@ecgrid-bridge/soap';
import { FACADE_OPERATIONS, FacadeError, MAPPINGS, type MismatchRecord, createEcgridFacade, normalizeResult } from '../src/index.js';
import { variant } from '../src/mapping/builders.js';
import { digestBase64, digestBytes } from '../src/parity/normalize.js';
import { ParityAssertionError, expectParity } from '../src/testing.js';
import { fakeBackend } from './fakes.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

const CONTENT = Buffer.from('ISA*00*          *00*          *ZZ*SENDER~GS*PO*1*2~ST*850*0001~SE*2*0001~GE*1*1~IEA*1*000000001~', 'latin1');

/** A FileInfo as either backend answers it (REST leaves FileDate, Standard and routerArchive unset: declared lossy). */
const file = (content: Buffer, name = 'PO_1.x12', id = 77) => ({ ParcelID: id, FileName: name, Bytes: content.length, Content: content });
const fileA = (content: Buffer, name = 'PO_1.x12', id = 77) => ({ ParcelID: id, FileName: name, Bytes: content.length, ContentBase64String: content.toString('base64') });

type Options = Parameters<typeof createEcgridFacade>[0];

/** Both sides hand out `soapFile`/`restFile`; every call is logged in order, with the side that ran it. */
function setup(restContent: Buffer, options: Options = {}, soapContent = CONTENT) {
  const order: string[] = [];
  const logged =
    <T>(label: string, answer: () => T) =>
    () => {
      order.push(label);
      return answer();
    };
  const soap = fakeBackend('soap', {
    ParcelDownload: logged('soap:ParcelDownload', () => file(soapContent)),
    ParcelDownloadNoUpdate: logged('soap:ParcelDownloadNoUpdate', () => file(soapContent)),
    ParcelDownloadA: logged('soap:ParcelDownloadA', () => fileA(soapContent)),
    ParcelDownloadNoUpdateA: logged('soap:ParcelDownloadNoUpdateA', () => fileA(soapContent)),
    ParcelDownloadConfirm: logged('soap:ParcelDownloadConfirm', () => true),
  });
  const rest = fakeBackend('rest', {
    ParcelDownload: logged('rest:ParcelDownload', () => file(restContent)),
    ParcelDownloadA: logged('rest:ParcelDownloadA', () => fileA(restContent)),
    ParcelDownloadConfirm: logged('rest:ParcelDownloadConfirm', () => true),
  });
  const records: MismatchRecord[] = [];
  const facade = createEcgridFacade({
    backend: 'parity',
    backends: { soap: soap.backend, rest: rest.backend },
    ...options,
    parity: { waitForCandidate: true, publishMatches: true, publish: (r) => void records.push(r), ...options.parity },
  });
  return { facade, records, soap, rest, order };
}

describe('downloads in the mapping table', () => {
  it('are their own kind, each naming the SOAP twin that downloads without a status update', () => {
    const downloads = FACADE_OPERATIONS.filter((op) => MAPPINGS[op].kind === 'download');
    expect(downloads.sort()).toEqual(['ParcelDownload', 'ParcelDownloadA']);
    expect(MAPPINGS.ParcelDownload.download).toEqual({ soapNoUpdate: 'ParcelDownloadNoUpdate', id: 'ParcelID', name: 'FileName', content: 'Content', encoding: 'bytes' });
    expect(MAPPINGS.ParcelDownloadA.download).toEqual({
      soapNoUpdate: 'ParcelDownloadNoUpdateA',
      id: 'ParcelID',
      name: 'FileName',
      content: 'ContentBase64String',
      encoding: 'base64',
    });
    for (const op of downloads) {
      const twin = MAPPINGS[op].download!.soapNoUpdate;
      // The twin reads (never doubled as a write) and takes and answers exactly what the download does.
      expect(MAPPINGS[twin].kind, twin).toBe('read');
      expect(OPERATIONS[twin].params, twin).toEqual(OPERATIONS[op].params);
      expect(OPERATIONS[op].result?.type, op).toBe('tns:FileInfo');
      expect(OPERATIONS[twin].result?.type, twin).toBe(OPERATIONS[op].result?.type);
    }
    // Everything else keeps its kind: confirms, resets and uploads stay writes.
    for (const op of ['ParcelDownloadConfirm', 'ParcelDownloadReset', 'ParcelUpload', 'ParcelDownloadS3'] as const) expect(MAPPINGS[op].kind).toBe('write');
    expect(FACADE_OPERATIONS.filter((op) => MAPPINGS[op].download !== undefined).sort()).toEqual(downloads.sort());
  });

  it('refuses a plain variant of a download, which would inherit the wrong twin', () => {
    expect(() => variant(MAPPINGS.ParcelDownload, 'ParcelDownloadA', { params: (p) => p, result: (r) => r })).toThrow(/downloadVariant/);
  });
});

describe('content digests', () => {
  it('digest base64 text a slice at a time, exactly as the decoded bytes', () => {
    const big = Buffer.alloc(300_001, 0);
    for (let i = 0; i < big.length; i += 1) big[i] = (i * 7919) % 251;
    const text = big.toString('base64');
    const wrapped = text.replace(/.{76}/g, '$&\r\n');
    for (const input of [text, wrapped, '', 'QQ==', ' Q Q = = ']) {
      const decoded = Buffer.from(input, 'base64');
      expect(digestBase64(input), input.slice(0, 20)).toEqual({ bytes: decoded.length, sha256: sha256(decoded) });
    }
  });

  it('digest bytes in place, a Buffer or any Uint8Array', () => {
    const view = new Uint8Array(CONTENT.buffer, CONTENT.byteOffset, CONTENT.length);
    expect(digestBytes(view)).toEqual({ bytes: CONTENT.length, sha256: sha256(CONTENT) });
    expect(normalizeResult({ Content: view }, { ignore: [] })).toEqual({ Content: { bytes: CONTENT.length, sha256: sha256(CONTENT) } });
  });
});

describe('parity on downloads', () => {
  it('reads the file on both sides once the authoritative side has handed it out, and says "same bytes"', async () => {
    const { facade, records, order } = setup(CONTENT);
    await expect(facade.ParcelDownload({ ParcelID: 77 })).resolves.toEqual(file(CONTENT));
    expect(order).toEqual(['soap:ParcelDownload', 'rest:ParcelDownload']);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ operation: 'ParcelDownload', outcome: 'match', differences: [] });
    expect(records[0]!.file).toEqual({
      id: 77,
      control: { name: 'PO_1.x12', bytes: CONTENT.length, sha256: sha256(CONTENT) },
      candidate: { name: 'PO_1.x12', bytes: CONTENT.length, sha256: sha256(CONTENT) },
      verdict: 'same-bytes',
      differs: [],
    });
    expect(facade.paritySummary()).toEqual([expect.objectContaining({ operation: 'ParcelDownload', calls: 1, matches: 1, notCompared: 0 })]);
  });

  it('uses the no-update twin when SOAP is the candidate (stage live), the plain download otherwise', async () => {
    const { facade, soap, rest, order } = setup(CONTENT, { stages: { ParcelDownload: 'live', ParcelDownloadA: 'live' } });
    await facade.ParcelDownload({ ParcelID: 77 });
    await facade.ParcelDownloadA({ ParcelID: 77 });
    expect(order).toEqual(['rest:ParcelDownload', 'soap:ParcelDownloadNoUpdate', 'rest:ParcelDownloadA', 'soap:ParcelDownloadNoUpdateA']);
    expect(soap.count('ParcelDownload') + soap.count('ParcelDownloadA')).toBe(0);
    expect(rest.calls.map((c) => c.params)).toEqual([{ ParcelID: 77 }, { ParcelID: 77 }]);
    expect(soap.calls.map((c) => c.params)).toEqual([{ ParcelID: 77 }, { ParcelID: 77 }]);

    const shadow = setup(CONTENT, { stages: { ParcelDownload: 'shadow' } });
    await shadow.facade.ParcelDownload({ ParcelID: 77 });
    expect(shadow.order).toEqual(['soap:ParcelDownload', 'rest:ParcelDownload']);
  });

  it('starts the candidate after the authoritative answer also when not waiting, and never when that answer failed', async () => {
    const { facade, records, order } = setup(CONTENT, { parity: { waitForCandidate: false } });
    await facade.ParcelDownload({ ParcelID: 77 });
    expect(order).toEqual(['soap:ParcelDownload']);
    await facade.parityIdle();
    expect(order).toEqual(['soap:ParcelDownload', 'rest:ParcelDownload']);
    expect(records[0]?.file?.verdict).toBe('same-bytes');

    const failing = new FacadeError({ operation: 'ParcelDownload', backend: 'soap', code: 'Transport', backendCode: undefined, httpStatus: 0, message: 'down' });
    const soap = fakeBackend('soap', {
      ParcelDownload: () => {
        throw failing;
      },
    });
    const rest = fakeBackend('rest', { ParcelDownload: () => file(CONTENT) });
    const published: MismatchRecord[] = [];
    const down = createEcgridFacade({ backend: 'parity', backends: { soap: soap.backend, rest: rest.backend }, parity: { waitForCandidate: true, publish: (r) => void published.push(r) } });
    await expect(down.ParcelDownload({ ParcelID: 77 })).rejects.toBe(failing);
    expect(rest.count('ParcelDownload')).toBe(0);
    expect(published[0]).toMatchObject({ outcome: 'control-error', file: { id: 77, verdict: 'not-compared' } });
    expect(published[0]!.candidate).toBeUndefined();
  });

  it('catches a changed byte with the parcel ID and both digests, and never publishes the content', async () => {
    const tampered = Buffer.from(CONTENT);
    tampered[20] = tampered[20]! ^ 0x01;
    const { facade, records } = setup(tampered);
    await expect(facade.ParcelDownload({ ParcelID: 77 })).resolves.toEqual(file(CONTENT));
    const [record] = records;
    expect(record).toMatchObject({ outcome: 'mismatch', args: { ParcelID: 77 } });
    expect(record!.file).toMatchObject({ id: 77, verdict: 'different', differs: ['digest'] });
    expect(record!.file!.control!.sha256).toBe(sha256(CONTENT));
    expect(record!.file!.candidate!.sha256).toBe(sha256(tampered));
    expect(record!.differences).toEqual([{ path: 'Content.sha256', kind: 'changed', control: sha256(CONTENT), candidate: sha256(tampered) }]);
    const published = JSON.stringify(records);
    for (const form of [CONTENT.toString('latin1'), CONTENT.toString('base64'), tampered.toString('latin1'), tampered.toString('base64')]) {
      expect(published).not.toContain(form.slice(0, 40));
    }
  });

  it('digests the base64 text of the A form, and tells size and name differences apart', async () => {
    const longer = Buffer.concat([CONTENT, Buffer.from('\n')]);
    const { facade, records } = setup(longer);
    await facade.ParcelDownloadA({ ParcelID: 77 });
    const [record] = records;
    expect(record!.file).toMatchObject({ verdict: 'different', differs: ['size', 'digest'], control: { bytes: CONTENT.length }, candidate: { bytes: longer.length } });
    expect(record!.differences.map((d) => d.path).sort()).toEqual(['Bytes', 'ContentBase64String.bytes', 'ContentBase64String.sha256']);
    expect(JSON.stringify(records)).not.toContain(CONTENT.toString('base64').slice(0, 40));

    const soap = fakeBackend('soap', { ParcelDownload: () => file(CONTENT) });
    const rest = fakeBackend('rest', { ParcelDownload: () => file(CONTENT, 'OTHER.x12') });
    const renamed: MismatchRecord[] = [];
    const other = createEcgridFacade({ backend: 'parity', backends: { soap: soap.backend, rest: rest.backend }, parity: { waitForCandidate: true, publish: (r) => void renamed.push(r) } });
    await other.ParcelDownload({ ParcelID: 77 });
    expect(renamed[0]!.file).toMatchObject({ verdict: 'different', differs: ['name'] });
    expect(renamed[0]!.differences).toEqual([{ path: 'FileName', kind: 'changed', control: 'PO_1.x12', candidate: 'OTHER.x12' }]);
  });

  it('can be turned off per operation or for every download: the authoritative side alone runs it', async () => {
    const perOperation = setup(CONTENT, { parity: { compareDownloads: { ParcelDownload: false } } });
    await perOperation.facade.ParcelDownload({ ParcelID: 77 });
    await perOperation.facade.ParcelDownloadA({ ParcelID: 77 });
    expect(perOperation.order).toEqual(['soap:ParcelDownload', 'soap:ParcelDownloadA', 'rest:ParcelDownloadA']);
    expect(perOperation.records.map((r) => [r.operation, r.outcome])).toEqual([
      ['ParcelDownload', 'not-compared'],
      ['ParcelDownloadA', 'match'],
    ]);
    expect(perOperation.facade.paritySummary().find((s) => s.operation === 'ParcelDownload')).toMatchObject({ calls: 1, notCompared: 1 });

    const all = setup(CONTENT, { parity: { compareDownloads: false } });
    await all.facade.ParcelDownload({ ParcelID: 77 });
    await all.facade.ParcelDownloadA({ ParcelID: 77 });
    expect(all.order).toEqual(['soap:ParcelDownload', 'soap:ParcelDownloadA']);
  });

  it('keeps the confirm single', async () => {
    const { facade, order } = setup(CONTENT);
    await facade.ParcelDownload({ ParcelID: 77 });
    await facade.ParcelDownloadConfirm({ ParcelID: 77 });
    expect(order).toEqual(['soap:ParcelDownload', 'rest:ParcelDownload', 'soap:ParcelDownloadConfirm']);
  });

  it('compares a download on demand, and expectParity names the parcel whose bytes differ', async () => {
    const { facade, order } = setup(CONTENT);
    const record = await facade.compare('ParcelDownload', { ParcelID: 77 });
    expect(record).toMatchObject({ outcome: 'match', file: { id: 77, verdict: 'same-bytes' } });
    expect(order).toEqual(['soap:ParcelDownload', 'rest:ParcelDownload']);

    const other = setup(Buffer.from('something else'));
    const err = await expectParity(other.facade, 'ParcelDownload', { ParcelID: 77 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParityAssertionError);
    expect((err as Error).message).toContain('file 77: size, digest differ');
    expect((err as Error).message).toContain(`Content.sha256: "${sha256(CONTENT)}" (soap) ≠ "${sha256(Buffer.from('something else'))}" (rest)`);
  });
});
