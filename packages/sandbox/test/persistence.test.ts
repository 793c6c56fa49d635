import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxSeedError, startSandbox } from '../src/index.js';
import { readSeedFile } from '../src/store/seed.js';
import { restCall, soapCall, x12File } from './support/clients.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecgrid-sandbox-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const upload = (restUrl: string, apiKey: string, content: string) =>
  restCall(restUrl, 'POST', '/v2/parcels/upload', { headers: { 'x-api-key': apiKey }, body: { fileName: 'p.x12', content: Buffer.from(content).toString('base64') } });

describe('persistence', () => {
  it('keeps parcels, sessions and counters across a restart, and never stores a password', async () => {
    const file = path.join(tempDir(), 'state.json');
    const first = await startSandbox({ persistPath: file });
    const sid = String((await soapCall(first.soapUrl, 'Login', { LoginName: first.credentials.loginName, Password: first.credentials.password })).result);
    const up = await upload(first.restUrl, first.credentials.apiKey, x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL']));
    const parcelId = up.json!.data as number;
    await first.close();

    const text = fs.readFileSync(file, 'utf8');
    for (const u of readSeedFile().users) expect(text).not.toContain(u.password);

    const second = await startSandbox({ persistPath: file });
    try {
      const info = await restCall(second.restUrl, 'GET', `/v2/parcels/${parcelId}`, { headers: { 'x-api-key': second.credentials.apiKey } });
      // The uploader sees its parcel from the sending side (appendix/parcel-status-codes.md, OutBox States).
      expect(info.json?.data).toMatchObject({ parcelId, fileName: 'p.x12', status: 'outboxSent' });
      expect((await soapCall(second.soapUrl, 'WhoAmI', { SessionID: sid })).result).toMatchObject({ SessionID: sid });
      const next = await upload(second.restUrl, second.credentials.apiKey, x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL'], { control: 2 }));
      expect(next.json?.data).toBe(parcelId + 1);
    } finally {
      await second.close();
    }
  });

  it('an upload that fails validation applies nothing: no parcel, no interchange, no counter, no file change', async () => {
    const file = path.join(tempDir(), 'state.json');
    const sb = await startSandbox({ persistPath: file });
    try {
      const before = fs.readFileSync(file);
      const parcels = sb.admin.state().parcels.size;
      const interchanges = sb.admin.state().interchanges.size;
      const counters = sb.admin.state().counters;
      const mixed = x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL'], { control: 1 }) + x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'UNKNOWNRCVR'], { control: 2 });
      const r = await upload(sb.restUrl, sb.credentials.apiKey, mixed);
      expect([r.status, r.json?.errorCode]).toEqual([400, 'InvalidParameter']);
      expect(r.json?.message).toMatch(/UNKNOWNRCVR/);
      expect(sb.admin.state().parcels.size).toBe(parcels);
      expect(sb.admin.state().interchanges.size).toBe(interchanges);
      expect(sb.admin.state().counters).toEqual(counters);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    } finally {
      await sb.close();
    }
  });

  it('an upload whose state cannot be saved is not applied, on either protocol', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'state.json');
    const sb = await startSandbox({ persistPath: file });
    try {
      const parcels = sb.admin.state().parcels.size;
      fs.rmSync(dir, { recursive: true, force: true });
      const content = x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL']);
      const rest = await upload(sb.restUrl, sb.credentials.apiKey, content);
      expect([rest.status, rest.json?.errorCode]).toEqual([500, 'InternalError']);
      const bytes = Buffer.from(content);
      const soap = await soapCall(sb.soapUrl, 'ParcelUpload', { SessionID: sb.credentials.apiKey, FileName: 'p.x12', Bytes: bytes.length, Content: bytes.toString('base64') });
      expect(soap.fault).toMatchObject({ code: 'soap:Server', detail: 'SystemError' });
      expect(sb.admin.state().parcels.size).toBe(parcels);
      const inbox = await restCall(sb.restUrl, 'POST', '/v2/parcels/outbox-list', { headers: { 'x-api-key': sb.credentials.apiKey }, body: {} });
      expect((inbox.json?.data as unknown[]).length).toBe(5);

      fs.mkdirSync(dir);
      const ok = await upload(sb.restUrl, sb.credentials.apiKey, content);
      expect(ok.status).toBe(200);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).parcels).toHaveLength(parcels + 1);
    } finally {
      await sb.close();
    }
  });

  it('reset puts the seed records back and keeps sessions signed in', async () => {
    const sb = await startSandbox();
    try {
      const sid = String((await soapCall(sb.soapUrl, 'Login', { LoginName: sb.credentials.loginName, Password: sb.credentials.password })).result);
      const headers = { 'x-api-key': sb.credentials.apiKey };
      await restCall(sb.restUrl, 'POST', '/v2/parcels/download', { headers, body: { parcelId: 987650002 } });
      await upload(sb.restUrl, sb.credentials.apiKey, x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL']));
      const changed = sb.admin.state().parcels.size;
      expect((await restCall(sb.adminUrl, 'POST', '/reset')).status).toBe(200);
      expect(sb.admin.state().parcels.size).toBe(changed - 1);
      expect(sb.admin.state().parcels.get(987650002)?.status).toBe('InBoxReady');
      expect((await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: sid })).fault).toBeUndefined();
      const again = await upload(sb.restUrl, sb.credentials.apiKey, x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'BETARETAIL']));
      expect(again.json?.data).toBe(readSeedFile().counters.nextParcelId);
    } finally {
      await sb.close();
    }
  });

  it('refuses a state file it cannot read', async () => {
    const file = path.join(tempDir(), 'state.json');
    fs.writeFileSync(file, '{"format":"something-else"}');
    await expect(startSandbox({ persistPath: file })).rejects.toBeInstanceOf(SandboxSeedError);
    fs.writeFileSync(file, '{not json');
    await expect(startSandbox({ persistPath: file })).rejects.toBeInstanceOf(SandboxSeedError);
  });
});
