import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '@ecgrid-bridge/sandbox';
import { runScan } from '../packages/cli/src/commands/scan.js';
import { capture } from '../packages/cli/test/capture.js';
import { COVERAGE_DOC, README, coverageDocument, withCoverage } from '../scripts/update-readme.js';
import { readmeSamples } from '../scripts/packaging/consumers.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const readme = readFileSync(README, 'utf8');
const samples = readmeSamples(readme);
const SAMPLE_DIR = join(ROOT, 'test/.readme');

/** Runs one README sample as a module of this repository, against a fresh sandbox, with the given environment. */
async function runSample(index: number, env: Record<string, string>): Promise<string> {
  mkdirSync(SAMPLE_DIR, { recursive: true });
  const file = join(SAMPLE_DIR, `sample-${index}.ts`);
  writeFileSync(file, samples[index]!);
  const sandbox = await startSandbox({ port: 0 });
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: ROOT,
      timeout: 60_000,
      env: {
        PATH: process.env['PATH'],
        ECGrid__SoapUrl: sandbox.soapUrl,
        ECGrid__RestUrl: sandbox.restUrl,
        ECGrid__Email: sandbox.credentials.email,
        ECGrid__Password: sandbox.credentials.password,
        ...env,
      },
    });
    return stdout;
  } finally {
    await sandbox.close();
  }
}

describe('README', () => {
  it('has code samples, and every one of them is run below', () => {
    expect(samples).toHaveLength(5);
  });

  it('switching ECGRID_BACKEND changes nothing in what legacy code sees', async () => {
    const viaSoap = await runSample(0, { ECGRID_BACKEND: 'soap' });
    const viaRest = await runSample(0, { ECGRID_BACKEND: 'rest' });
    expect(viaSoap.trim().split('\n')).toHaveLength(3);
    expect(viaRest).toBe(viaSoap);
  });

  it('the parity sample passes', async () => {
    expect(await runSample(1, {})).toContain('SOAP and REST agree');
  });

  it('the rollout sample runs and reports its parity summary', async () => {
    const out = await runSample(2, {});
    expect(out).toContain('["MailboxInfo",1,0]');
    expect(out).toContain('0 mismatches');
  });

  it('the sandbox sample runs on its own', async () => {
    expect((await runSample(3, {})).trim()).toBe('Production EDI for the Columbus plant');
  });

  it('the observability sample logs each call with its callId, counts its HTTP requests and exports its parity records', async () => {
    const records = join(ROOT, 'out/parity-records.jsonl');
    rmSync(records, { force: true });
    const out = await runSample(4, {});
    const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l['operation'] === 'MailboxInfo')).toMatchObject({ msg: 'ecgrid call ended', ok: true, callId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // Login: the SOAP Login and the REST JWT login; MailboxInfo: one request on each backend; at close, a logout on each.
    expect(out).toMatch(/^6 HTTP requests$/m);
    const seeded = await startSandbox({ port: 0 });
    const { password } = seeded.credentials;
    await seeded.close();
    expect(out).not.toContain(password);
    expect(readFileSync(records, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { operation: string }).operation)).toContain('MailboxInfo');
  });

  it('carries the current generated coverage summary, and docs/COVERAGE.md the current table', () => {
    expect(withCoverage(readme)).toBe(readme);
    expect(readFileSync(COVERAGE_DOC, 'utf8')).toBe(coverageDocument());
  });

  it('shows the scan output the scan command prints today (but for its timing line)', () => {
    const shown = /pnpm ecgrid scan (\S+)\n```\n\n~~~text\n([\s\S]*?)~~~/.exec(readme);
    expect(shown).not.toBeNull();
    const { stream, text } = capture();
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      runScan(shown![1]!, { format: 'markdown', out: 'out/scan' }, stream);
    } finally {
      process.chdir(cwd);
    }
    const untimed = (s: string) => s.replace(/^\d+ files read in \d+ ms/m, 'N files read in T ms');
    expect(untimed(text())).toBe(untimed(shown![2]!));
  });

  it('names commands that exist', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const command of readme.matchAll(/npx --yes pnpm@12 (\w+)/g)) {
      if (command[1] !== 'install') expect(scripts).toHaveProperty(command[1]!);
    }
    for (const command of ['demo', 'test', 'sandbox', 'generate', 'readme', 'bench', 'ecgrid']) expect(scripts).toHaveProperty(command);
  });
});
