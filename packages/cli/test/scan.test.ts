import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readCalls } from '../src/commands/parity.js';
import { runScan } from '../src/commands/scan.js';
import { capture } from './capture.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'fixtures/scan');
const run = promisify(execFile);

describe('scan command', () => {
  it('prints the operations and verdicts, and writes the HTML, Markdown, JSON and parity calls', () => {
    const out = mkdtempSync(join(tmpdir(), 'ecgrid-scan-'));
    const { stream, text } = capture();
    expect(runScan(join(FIXTURES, 'node'), { format: 'markdown', out }, stream)).toBe(0);
    expect(text()).toContain('| ParcelInBox | read | moves with losses | `POST /v2/parcels/inbox-list` |');
    expect(text()).toContain('| SessionLog | read | stays on SOAP (fallback needed) |');
    expect(text()).toContain("stages: { ParcelInBox: 'shadow', WhoAmI: 'shadow' }");
    const html = readFileSync(join(out, 'scan-report.html'), 'utf8');
    expect(html).toContain('<tr data-operation="SessionLog" data-verdict="stays-on-soap">');
    expect(html).toContain('font:14px/1.45 system-ui');
    expect(JSON.parse(readFileSync(join(out, 'scan-report.json'), 'utf8')).summary).toMatchObject({ operations: 5, staysOnSoap: 1 });
    expect(readFileSync(join(out, 'scan-report.md'), 'utf8')).toBe(text().slice(0, text().indexOf('\nWrote ')));
  });

  it('writes a parity calls file the parity command reads, with a placeholder for every parameter', () => {
    const out = mkdtempSync(join(tmpdir(), 'ecgrid-scan-'));
    runScan(join(FIXTURES, 'vb'), { format: 'json', out }, capture().stream);
    const file = join(out, 'parity-calls.yaml');
    expect(readFileSync(file, 'utf8')).toContain('    MailboxID: 0   # fill in (int)');
    expect(readCalls(file)).toEqual([
      { operation: 'MailboxInfo', params: { MailboxID: 0 } },
      { operation: 'WhoAmI', params: {} },
    ]);
  });

  it('prints JSON with --format json, and exits 2 for a path that is not a folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ecgrid-scan-'));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'packages/cli/src/bin.ts', 'scan', 'fixtures/scan/php', '--format', 'json', '--out', out], { cwd: ROOT });
    expect((JSON.parse(stdout) as { operations: Array<{ operation: string }> }).operations.map((o) => o.operation)).toEqual(['Login', 'Logout', 'ParcelDownloadConfirm', 'ParcelInBox']);
    const exitCode = await run(process.execPath, ['--import', 'tsx', 'packages/cli/src/bin.ts', 'scan', 'fixtures/scan/none', '--out', out], { cwd: ROOT }).then(
      () => 0,
      (err: { code: number }) => err.code,
    );
    expect(exitCode).toBe(2);
  });
});
