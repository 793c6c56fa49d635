import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Backend,
  type BackendName,
  type EcgridFacade,
  type FacadeOptions,
  type MigrationStage,
  type MismatchRecord,
  type RestPort,
  createEcgridFacade,
  createRestBackend,
  createRestPort,
  createSoapBackend,
} from '@ecgrid-bridge/facade';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The parcels of the seed's demo inbox that are ready (the demo workflow downloads and confirms each of them). */
const READY = [987650002, 987650003, 987650004];

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sandbox.close();
});

const credentials = () => ({ loginName: sandbox.credentials.email, password: sandbox.credentials.password });
const parcel = (id: number) => {
  const found = sandbox.admin.state().parcels.get(id);
  if (!found) throw new Error(`no parcel ${id}`);
  return found;
};
const confirmsOf = (id: number) => parcel(id).log.filter((e) => e.message.startsWith('Download confirmed')).length;

interface Observed {
  side: BackendName;
  operation: string;
  /** The parcel as the server held it right before and right after the call. */
  before: ReturnType<typeof parcel> | undefined;
  after: ReturnType<typeof parcel> | undefined;
}

/** Real backends on the sandbox, each call recorded with the parcel's state on the server around it. */
function observedBackends(restPort?: RestPort): { backends: Record<BackendName, Backend>; calls: Observed[] } {
  const calls: Observed[] = [];
  const watch = (inner: Backend): Backend => ({
    name: inner.name,
    async invoke(operation, params, options) {
      const id = Reflect.get(params ?? {}, 'ParcelID');
      const snapshot = () => (typeof id === 'number' ? sandbox.admin.state().parcels.get(id) : undefined);
      const before = snapshot();
      const result = await inner.invoke(operation, params, options);
      calls.push({ side: inner.name, operation, before, after: snapshot() });
      return result;
    },
    close: () => inner.close(),
  });
  return {
    backends: {
      soap: watch(createSoapBackend({ endpoint: sandbox.soapUrl, credentials: credentials() })),
      rest: watch(createRestBackend(restPort ?? createRestPort({ baseUrl: sandbox.restUrl, credentials: credentials() }))),
    },
    calls,
  };
}

/** The demo's workflow: every ready parcel downloaded, then confirmed. */
async function downloadAndConfirmAll(ecgrid: EcgridFacade): Promise<Map<number, Buffer>> {
  const got = new Map<number, Buffer>();
  await ecgrid.Login();
  const inbox = await ecgrid.ParcelInBox();
  for (const { ParcelID } of inbox?.ParcelIDInfoList ?? []) {
    const file = await ecgrid.ParcelDownload({ ParcelID });
    got.set(ParcelID, file?.Content ?? Buffer.alloc(0));
    expect(await ecgrid.ParcelDownloadConfirm({ ParcelID })).toBe(true);
  }
  await ecgrid.parityIdle();
  await ecgrid.Logout();
  return got;
}

function facadeWith(backends: Record<BackendName, Backend>, records: MismatchRecord[], options: FacadeOptions = {}): EcgridFacade {
  return createEcgridFacade({
    backend: 'parity',
    backends,
    ...options,
    parity: { publishMatches: true, publish: (r) => void records.push(r), ...options.parity },
  });
}

describe('parity compares the bytes of every download (sandbox)', () => {
  it('compares each download of the demo workflow: same bytes, by name, size and digest', async () => {
    const records: MismatchRecord[] = [];
    const { backends } = observedBackends();
    const ecgrid = facadeWith(backends, records, { parity: { waitForCandidate: true } });
    const got = await downloadAndConfirmAll(ecgrid);
    await ecgrid.close();
    expect([...got.keys()].sort()).toEqual(READY);
    const downloads = records.filter((r) => r.operation === 'ParcelDownload');
    expect(downloads).toHaveLength(3);
    for (const record of downloads) {
      const id = record.file?.id as number;
      const content = got.get(id)!;
      const stored = parcel(id);
      expect(record.outcome).toBe('match');
      expect(record.file).toEqual({
        id,
        control: { name: stored.fileName, bytes: content.length, sha256: sha256(content) },
        candidate: { name: stored.fileName, bytes: content.length, sha256: sha256(content) },
        verdict: 'same-bytes',
        differs: [],
      });
      expect(sha256(content)).toBe(sha256(Buffer.from(stored.content, 'base64')));
    }
    const summary = ecgrid.paritySummary();
    expect(summary.find((s) => s.operation === 'ParcelDownload')).toMatchObject({ calls: 3, matches: 3, mismatches: 0, errors: 0, notCompared: 0 });
    expect(summary.find((s) => s.operation === 'ParcelDownloadConfirm')).toMatchObject({ calls: 3, notCompared: 3 });
  });

  it.each<[string, MigrationStage, boolean]>([
    ['shadow (SOAP answers, REST downloads as the candidate), waiting', 'shadow', true],
    ['live (REST answers, SOAP reads with ParcelDownloadNoUpdate), waiting', 'live', true],
    ['shadow, candidate in the background', 'shadow', false],
    ['live, candidate in the background', 'live', false],
  ])('confirms each parcel once, and the candidate changes no status: %s', async (_name, stage, waitForCandidate) => {
    const records: MismatchRecord[] = [];
    const { backends, calls } = observedBackends();
    const ecgrid = facadeWith(backends, records, {
      backend: 'soap',
      stages: { ParcelDownload: stage, ParcelDownloadConfirm: stage, ParcelInBox: stage },
      parity: { waitForCandidate },
    });
    await downloadAndConfirmAll(ecgrid);
    await ecgrid.close();
    const authoritative: BackendName = stage === 'shadow' ? 'soap' : 'rest';
    const candidate: BackendName = stage === 'shadow' ? 'rest' : 'soap';

    // One confirm per parcel, on the authoritative side; the server logged exactly one each.
    const confirms = calls.filter((c) => c.operation === 'ParcelDownloadConfirm');
    expect(confirms.map((c) => c.side)).toEqual([authoritative, authoritative, authoritative]);
    for (const id of READY) {
      expect(confirmsOf(id), `parcel ${id}`).toBe(1);
      // appendix/parcel-status-codes.md: InBoxArchived after confirm-download.
      expect(parcel(id)).toMatchObject({ status: 'InBoxArchived', confirmed: true });
    }

    // The candidate downloaded each parcel once, only after the authoritative side had handed it out (and moved
    // it to InBoxTransferred), and never changed a status.
    const candidateDownloads = calls.filter((c) => c.side === candidate && c.operation.startsWith('ParcelDownload') && c.operation !== 'ParcelDownloadConfirm');
    expect(candidateDownloads.map((c) => c.operation)).toEqual(Array(3).fill(candidate === 'soap' ? 'ParcelDownloadNoUpdate' : 'ParcelDownload'));
    for (const call of candidateDownloads) expect(call.before?.status).toBe('InBoxTransferred');
    const authoritativeDownloads = calls.filter((c) => c.side === authoritative && c.operation === 'ParcelDownload');
    expect(authoritativeDownloads.map((c) => c.before?.status)).toEqual(['InBoxReady', 'InBoxReady', 'InBoxReady']);
    if (waitForCandidate) {
      // Nothing else runs while the candidate does: what changed on the server during its call is its doing.
      for (const call of candidateDownloads) {
        expect(call.after?.status).toBe(call.before?.status);
        expect(call.after?.confirmed).toBe(call.before?.confirmed);
        // SOAP's no-update twin leaves the parcel exactly as it was (no status, date or log change).
        if (candidate === 'soap') expect(call.after).toEqual(call.before);
      }
    }
    // The server's own parcel log: one confirm each; a status-updating download only by the authoritative side when
    // SOAP is the candidate (REST's download, as the candidate, is logged too: it leaves delivery to the confirm).
    for (const id of READY) {
      const downloads = parcel(id).log.filter((e) => e.message.startsWith('Downloaded by')).length;
      expect(downloads, `parcel ${id}`).toBe(candidate === 'soap' ? 1 : 2);
    }
    expect(records.filter((r) => r.operation === 'ParcelDownload').map((r) => r.file?.verdict)).toEqual(['same-bytes', 'same-bytes', 'same-bytes']);
  });

  it('catches one tampered byte on the REST side, with the parcel ID and both digests in the record', async () => {
    const tamperedId = 987650003;
    const real = createRestPort({ baseUrl: sandbox.restUrl, credentials: credentials() });
    const tampering: RestPort = {
      ...real,
      request: async (req) => {
        const data = await real.request(req);
        if (req.endpoint !== 'parcels.download' || (req.body as { parcelId?: number }).parcelId !== tamperedId) return data;
        const answer = data as { content: string };
        const bytes = Buffer.from(answer.content, 'base64');
        bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x20;
        return { ...answer, content: bytes.toString('base64') };
      },
    };
    const records: MismatchRecord[] = [];
    const { backends } = observedBackends(tampering);
    const ecgrid = facadeWith(backends, records, { parity: { waitForCandidate: true } });
    const got = await downloadAndConfirmAll(ecgrid);
    await ecgrid.close();

    const downloads = records.filter((r) => r.operation === 'ParcelDownload');
    expect(downloads.map((r) => [r.file?.id, r.file?.verdict])).toEqual([
      [987650002, 'same-bytes'],
      [tamperedId, 'different'],
      [987650004, 'same-bytes'],
    ]);
    const record = downloads[1]!;
    const genuine = got.get(tamperedId)!;
    const altered = Buffer.from(genuine);
    altered[altered.length - 2] = altered[altered.length - 2]! ^ 0x20;
    expect(record.outcome).toBe('mismatch');
    expect(record.args).toEqual({ ParcelID: tamperedId });
    expect(record.file).toEqual({
      id: tamperedId,
      control: { name: parcel(tamperedId).fileName, bytes: genuine.length, sha256: sha256(genuine) },
      candidate: { name: parcel(tamperedId).fileName, bytes: genuine.length, sha256: sha256(altered) },
      verdict: 'different',
      differs: ['digest'],
    });
    expect(record.differences).toEqual([{ path: 'Content.sha256', kind: 'changed', control: sha256(genuine), candidate: sha256(altered) }]);
    // The caller got SOAP's genuine bytes, and no record carries any content.
    expect(sha256(genuine)).toBe(sha256(Buffer.from(parcel(tamperedId).content, 'base64')));
    const published = JSON.stringify(records);
    for (const content of [genuine, altered]) {
      expect(published).not.toContain(content.toString('base64').slice(0, 24));
      expect(published).not.toContain(content.toString('latin1').slice(0, 24));
    }
    expect(ecgrid.paritySummary().find((s) => s.operation === 'ParcelDownload')).toMatchObject({ matches: 2, mismatches: 1 });
  });

  it('compares the A form (base64 text) on both sides too, by digest', async () => {
    const records: MismatchRecord[] = [];
    const { backends, calls } = observedBackends();
    const ecgrid = facadeWith(backends, records, { parity: { waitForCandidate: true, authoritative: 'rest' } });
    await ecgrid.Login();
    const file = await ecgrid.ParcelDownloadA({ ParcelID: 987650002 });
    await ecgrid.close();
    const bytes = Buffer.from(file?.ContentBase64String ?? '', 'base64');
    expect(calls.filter((c) => c.operation.startsWith('ParcelDownload')).map((c) => `${c.side}:${c.operation}`)).toEqual(['rest:ParcelDownloadA', 'soap:ParcelDownloadNoUpdateA']);
    expect(records[0]).toMatchObject({ outcome: 'match', file: { id: 987650002, verdict: 'same-bytes', control: { bytes: bytes.length, sha256: sha256(bytes) } } });
    expect(JSON.stringify(records)).not.toContain(file?.ContentBase64String?.slice(0, 24));
  });

  it('leaves a download to the authoritative side alone when its comparison is turned off', async () => {
    const records: MismatchRecord[] = [];
    const { backends, calls } = observedBackends();
    const ecgrid = facadeWith(backends, records, { parity: { waitForCandidate: true, compareDownloads: { ParcelDownload: false } } });
    await downloadAndConfirmAll(ecgrid);
    await ecgrid.close();
    expect(calls.filter((c) => c.side === 'rest' && c.operation !== 'Login' && c.operation !== 'Logout').map((c) => c.operation)).toEqual(['ParcelInBox']);
    expect(records.filter((r) => r.operation === 'ParcelDownload').map((r) => r.outcome)).toEqual(['not-compared', 'not-compared', 'not-compared']);
  });
});
