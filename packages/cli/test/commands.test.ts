import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCall } from '../src/commands/call.js';
import { runCoverage } from '../src/commands/coverage.js';
import { runDemo } from '../src/commands/demo.js';
import { runParity } from '../src/commands/parity.js';
import { UsageError, parseParams } from '../src/params.js';
import { capture } from './capture.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const NO_ENV = { PATH: process.env['PATH'] };
const tmp = () => mkdtempSync(join(tmpdir(), 'ecgrid-cli-'));

describe('parameters', () => {
  it('converts --Name value pairs by the operation’s XSD types', () => {
    const all = ['--BeginDate', '2026-01-01T00:00:00Z', '--EndDate', '2026-02-01T00:00:00Z', '--ECGridIDFrom', '0', '--ECGridIDTo', '0', '--pageno=2', '--RecordsPerPage', '10'];
    expect(parseParams('ParcelInBoxArchive', all)).toEqual({
      BeginDate: new Date('2026-01-01T00:00:00Z'),
      EndDate: new Date('2026-02-01T00:00:00Z'),
      ECGridIDFrom: 0,
      ECGridIDTo: 0,
      PageNo: 2,
      RecordsPerPage: 10,
    });
    expect(parseParams('TPList', ['--ShowInactive', 'true'])).toEqual({ ShowInactive: true });
  });

  it('refuses a missing required parameter (minOccurs 1 in the WSDL) instead of sending 0, false or an invented date', () => {
    expect(() => parseParams('ParcelInBoxArchive', ['--BeginDate', '2026-01-01T00:00:00Z', '--PageNo', '1', '--RecordsPerPage', '10'])).toThrow(
      /ParcelInBoxArchive needs --EndDate <dateTime>, --ECGridIDFrom <int>, --ECGridIDTo <int> \(required by the WSDL; nothing was sent\)/,
    );
    expect(() => parseParams('TPList', [])).toThrow(/TPList needs --ShowInactive <boolean>/);
    // Strings are minOccurs 0 in the WSDL: they may be left out.
    expect(parseParams('MailboxList', [])).toEqual({});
  });

  it('explains what is valid when a parameter is wrong, and suggests the nearest name', () => {
    expect(() => parseParams('MailboxInfo', ['--MailboxId', 'x'])).toThrow(/--MailboxID must be a whole number.*\n.*MailboxInfo parameters: --MailboxID <int>/);
    expect(() => parseParams('MailboxInfo', ['--MailboxID', '2147483648'])).toThrow(/--MailboxID must be a whole number from -2147483648 to 2147483647/);
    expect(() => parseParams('MailboxInfo', ['--Mailbox', '1'])).toThrow(UsageError);
    expect(() => parseParams('MailboxInfo', ['--Mailbox', '1'])).toThrow(/has no parameter Mailbox\. Did you mean --MailboxID\?/);
    expect(() => parseParams('MailboxInfo', ['--MalboxID', '1'])).toThrow(/has no parameter MalboxID\. Did you mean --MailboxID\?/);
    expect(() => parseParams('MailboxInfo', ['--Colour', '1'])).toThrow(/has no parameter Colour\.\n/);
  });
});

describe('commands on the embedded sandbox', () => {
  it('call prints the SOAP-shaped result as JSON on either backend', async () => {
    for (const backend of ['soap', 'rest']) {
      const out = capture();
      expect(await runCall('MailboxInfo', ['--MailboxID', '5001'], { backend }, out.stream, NO_ENV)).toBe(0);
      const result = JSON.parse(out.text()) as Record<string, unknown>;
      expect(result).toMatchObject({ MailboxID: 5001, NetworkID: 1001, Description: 'Production EDI for the Columbus plant' });
      expect(result['Created']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('call in parity mode prints the comparison', async () => {
    const out = capture();
    expect(await runCall('ParcelInBox', [], { backend: 'parity' }, out.stream, NO_ENV)).toBe(0);
    expect(JSON.parse(out.text())).toMatchObject({ outcome: 'match', authoritative: 'soap', differences: [] });
  });

  it('call refuses an unknown operation with the list of valid ones', async () => {
    await expect(runCall('MailboxInfos', [], { backend: 'soap' }, capture().stream, NO_ENV)).rejects.toThrow(/Unknown operation "MailboxInfos"\. Did you mean MailboxInfo\?[\s\S]*221 operations/);
  });

  it('parity runs a YAML set of reads, writes the report and gates on mismatches', async () => {
    const dir = tmp();
    const calls = join(dir, 'calls.yaml');
    writeFileSync(calls, '- operation: MailboxInfo\n  params: { MailboxID: 5001 }\n- operation: ParcelInBox\n');
    const out = capture();
    const report = join(dir, 'report.html');
    expect(await runParity({ calls, report, maxMismatches: 0, maxErrors: 0 }, out.stream, NO_ENV)).toBe(0);
    expect(out.text()).toContain('Parity gate passed');
    expect(readFileSync(report, 'utf8')).toContain('<tr data-operation="MailboxInfo">');
  });

  it('parity fails the gate when an error passes the threshold', async () => {
    const dir = tmp();
    const calls = join(dir, 'calls.json');
    writeFileSync(calls, JSON.stringify([{ operation: 'MailboxInfo', params: { MailboxID: 5003 } }, { operation: 'SessionLog', params: { MaxRecords: 3 } }]));
    const out = capture();
    expect(await runParity({ calls, report: join(dir, 'r.html'), maxMismatches: 0, maxErrors: 0 }, out.stream, NO_ENV)).toBe(3);
    expect(out.text()).toContain('Parity gate failed');
  });

  it('parity refuses writes in a call file', () => {
    const dir = tmp();
    const calls = join(dir, 'calls.json');
    writeFileSync(calls, JSON.stringify([{ operation: 'ParcelUpload', params: {} }]));
    return expect(runParity({ calls, report: join(dir, 'r.html'), maxMismatches: 0, maxErrors: 0 }, capture().stream, NO_ENV)).rejects.toThrow(/changes state/);
  });

  it('demo runs the workflow on SOAP, REST and parity, tells the re-login story and writes the report', async () => {
    const out = capture();
    const report = join(tmp(), 'demo.html');
    expect(await runDemo({ report }, out.stream, NO_ENV)).toBe(0);
    const text = out.text();
    expect(text).toContain('▶ SOAP');
    expect(text).toContain('▶ REST');
    expect(text).toMatch(/SOAP session expired → logged in again once/);
    expect(text).toMatch(/Parity summary[\s\S]*ParcelInBox\s+1\s+1\s+0\s+0/);
    expect(text).not.toMatch(/\u001b\[/);
    expect(readFileSync(report, 'utf8')).toContain('Workflow runs');
    // The parity run compares its 3 downloads, parcel by parcel, and says so in the output and first in the report.
    expect(text).toMatch(/Parity summary[\s\S]*ParcelDownload\s+3\s+3\s+0\s+0\s+0\s/);
    expect(text).toMatch(/Parity summary[\s\S]*ParcelDownloadConfirm\s+3\s+0\s+0\s+0\s+3\s/);
    expect(text.match(/≡ SOAP ↔ REST: same bytes \(\d+ bytes, sha256 [0-9a-f]{12}…\)/g)).toHaveLength(3);
    expect(text).toMatch(/987650002\s+BETARETAIL_PO_20250107\.x12\s+same bytes/);
    expect(text).toContain('3 of 3 parcels: same bytes.');
    const html = readFileSync(report, 'utf8');
    expect(html.match(/<tr data-parcel="\d+" data-verdict="same-bytes"/g)).toHaveLength(3);
    expect(html.indexOf('<section class="downloads">')).toBeLessThan(html.indexOf('<h2>Per operation</h2>'));
    expect(html).toContain('All 3 downloaded parcels: same bytes on SOAP and REST.');
    expect(html).toContain('<h2>Mismatches and errors (0)</h2>');
  });

  it('parity accepts downloads in a call file and compares their bytes', async () => {
    const dir = tmp();
    const calls = join(dir, 'calls.json');
    writeFileSync(calls, JSON.stringify([{ operation: 'ParcelDownload', params: { ParcelID: 987650002 } }, { operation: 'ParcelDownloadA', params: { ParcelID: 987650003 } }]));
    const out = capture();
    const report = join(dir, 'report.html');
    expect(await runParity({ calls, report, maxMismatches: 0, maxErrors: 0 }, out.stream, NO_ENV)).toBe(0);
    expect(out.text()).toMatch(/ParcelDownload … match — parcel 987650002: same bytes \(\d+ bytes, sha256 [0-9a-f]{12}…\)\n/);
    expect(out.text()).toMatch(/ParcelDownloadA … match — parcel 987650003: same bytes/);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<tr data-parcel="987650002" data-verdict="same-bytes"');
    expect(html).toContain('<tr data-parcel="987650003" data-verdict="same-bytes"');
  });

  it('demo pointed at real services by environment runs only the read-only part', async () => {
    const { startSandbox } = await import('@ecgrid-bridge/sandbox');
    const services = await startSandbox({ port: 0 });
    try {
      const out = capture();
      const env = {
        ...NO_ENV,
        ECGrid__SoapUrl: services.soapUrl,
        ECGrid__RestUrl: services.restUrl,
        ECGrid__Email: services.credentials.email,
        ECGrid__Password: services.credentials.password,
      };
      expect(await runDemo({ report: join(tmp(), 'real.html') }, out.stream, env)).toBe(0);
      const text = out.text();
      expect(text).toContain('read-only part of the workflow');
      expect(text).toMatch(/ParcelInBox\s+3 parcel\(s\) ready/);
      expect(text).not.toContain('ParcelDownload');
      expect(text).not.toContain(services.credentials.password);
      const inbox = await fetch(`${services.restUrl}/v2/parcels/inbox-list`, {
        method: 'POST',
        headers: { 'X-API-Key': services.credentials.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'InBoxReady' }),
      });
      expect(((await inbox.json()) as { data: unknown[] }).data).toHaveLength(3);
    } finally {
      await services.close();
    }
  });

  it('coverage prints JSON with one row per WSDL operation', () => {
    const out = capture();
    runCoverage({ format: 'json' }, out.stream);
    const rows = JSON.parse(out.text()) as { operation: string; soap: boolean; rest: string | null; note: string }[];
    expect(rows).toHaveLength(221);
    expect(rows.every((r) => r.soap)).toBe(true);
    expect(rows.find((r) => r.operation === 'ParcelInBox')?.rest).toBe('POST /v2/parcels/inbox-list');
    expect(rows.find((r) => r.operation === 'SessionLog')).toMatchObject({ rest: null, note: expect.stringContaining('no session log') });
  });
});

describe('the command line', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'packages/cli/src/bin.ts', ...args], { cwd: ROOT, env: { ...NO_ENV, NO_COLOR: '1' } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('has --help on every command and documents exit codes', async () => {
    const top = await cli('--help');
    expect(top.stdout).toMatch(/Exit codes: 0 success, 1 .*2 bad usage.*3 the parity gate failed/);
    for (const command of ['demo', 'sandbox', 'call', 'parity', 'coverage']) {
      const help = await cli(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: ecgrid-bridge ${command}`);
    }
  });

  it('exits 2 with a clear message on bad usage', async () => {
    const bad = await cli('call', 'NoSuchOperation');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown operation "NoSuchOperation"');
  });
});
