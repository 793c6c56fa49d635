import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_LIMIT_MS, runCli } from './run-cli.js';

const cli = (...args: string[]) => runCli(args);

/** A parity call file of two reads, one of which errors: mailbox 5003 is outside the demo user's scope on both backends. */
function callFileWithAnError(): { dir: string; calls: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ecgrid-cli-exit-'));
  const calls = join(dir, 'calls.json');
  writeFileSync(calls, JSON.stringify([{ operation: 'MailboxInfo', params: { MailboxID: 5001 } }, { operation: 'MailboxInfo', params: { MailboxID: 5003 } }]));
  return { dir, calls };
}

// The exit codes the help and the README promise: 0 success, 1 a call or the workflow failed, 2 bad usage or
// configuration, 3 the parity gate failed.
describe('the exit code of the ecgrid-bridge process', { timeout: 4 * RUN_LIMIT_MS }, () => {
  it('0: a call that succeeds (on the embedded sandbox)', async () => {
    const run = await cli('call', 'MailboxInfo', '--MailboxID', '5001');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ MailboxID: 5001, NetworkID: 1001 });
  });

  it('1: a call the server refuses', async () => {
    const run = await cli('call', 'MailboxInfo', '--MailboxID', '5003');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Authorization/);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['an unknown command', ['nosuchcommand'], /unknown command 'nosuchcommand'/],
    ['an unknown option', ['coverage', '--bogus'], /unknown option '--bogus'/],
    ['an option value outside its choices', ['coverage', '--format', 'xml'], /Allowed choices are markdown, json/],
    ['a threshold that is not a number', ['parity', '--max-errors', 'x'], /expected a whole number/],
    ['a missing argument', ['call'], /missing required argument 'operation'/],
    ['no command at all', [], /Usage: ecgrid-bridge/],
    ['an unknown operation', ['call', 'NoSuchOperation'], /Unknown operation "NoSuchOperation"/],
    ['a parameter of the wrong type', ['call', 'MailboxInfo', '--MailboxID', 'x'], /--MailboxID must be a whole number/],
  ])('2: bad usage — %s', async (_name, args, message) => {
    const run = await cli(...args);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('0 for --help, which is not bad usage', async () => {
    const run = await cli('parity', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: ecgrid-bridge parity');
  });

  it('3: the parity gate fails when errors pass --max-errors; the same run under a looser gate exits 0', async () => {
    const { dir, calls } = callFileWithAnError();
    const gated = await cli('parity', '--calls', calls, '--report', join(dir, 'gated.html'), '--max-errors', '0');
    expect(gated.signal).toBeNull();
    expect(gated.code).toBe(3);
    expect(gated.stdout).toContain('Parity gate failed: 0 mismatch(es) (allowed 0), 1 error(s) (allowed 0)');

    const loose = await cli('parity', '--calls', calls, '--report', join(dir, 'loose.html'), '--max-errors', '1');
    expect(loose.signal).toBeNull();
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('Parity gate passed');
  });
});
