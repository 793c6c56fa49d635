import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MismatchRecord } from '@ecgrid-bridge/facade';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { runCall } from '../src/commands/call.js';
import { runParity } from '../src/commands/parity.js';
import { renderJunit } from '../src/report/junit.js';
import { type ParityCallResult, reasonOf } from '../src/report/parity-results.js';
import { capture } from './capture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ecgrid-cli-out-'));

describe('call and parity output', () => {
  let sandbox: RunningSandbox;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    env = {
      PATH: process.env['PATH'],
      ECGrid__SoapUrl: sandbox.soapUrl,
      ECGrid__RestUrl: sandbox.restUrl,
      ECGrid__Email: sandbox.credentials.email,
      ECGrid__Password: sandbox.credentials.password,
    };
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('on a terminal, shows how long the call has been waiting, then erases the line before the result', async () => {
    const latency = sandbox.admin.setLatency(700, { protocol: 'soap', operation: 'MailboxInfo' });
    try {
      const terminal = capture();
      Object.assign(terminal.stream, { isTTY: true });
      expect(await runCall('MailboxInfo', ['--MailboxID', '5001'], {}, terminal.stream, env)).toBe(0);
      const text = terminal.text();
      expect(text).toMatch(/^\r\u001b\[Kwaiting for MailboxInfo on soap… 0\.\d s/);
      const lastErase = text.lastIndexOf('\r\u001b[K');
      expect(text.slice(lastErase + 4).startsWith('{')).toBe(true);
      expect(JSON.parse(text.slice(lastErase + 4))).toMatchObject({ MailboxID: 5001 });

      const pipe = capture();
      expect(await runCall('MailboxInfo', ['--MailboxID', '5001'], {}, pipe.stream, env)).toBe(0);
      expect(pipe.text()).not.toContain('waiting');
      expect(pipe.text()).not.toContain('\u001b');
    } finally {
      sandbox.admin.removeFault(latency.id);
    }
  });

  it('parity --timeout ends a call that waits too long on one backend, names the timeout as its reason and goes on', async () => {
    const latency = sandbox.admin.setLatency(2_000, { protocol: 'rest', operation: 'MailboxInfo' });
    try {
      const dir = tmp();
      const calls = join(dir, 'calls.json');
      writeFileSync(calls, JSON.stringify([{ operation: 'MailboxInfo', params: { MailboxID: 5001 } }, { operation: 'WhoAmI', params: {} }]));
      const out = capture();
      const json = join(dir, 'parity.json');
      expect(await runParity({ calls, report: join(dir, 'r.html'), json, maxMismatches: 0, maxErrors: 0, timeoutMs: 400 }, out.stream, env)).toBe(3);
      const lines = out.text().split('\n').filter((l) => l.startsWith('  '));
      expect(lines[0]).toBe('  MailboxInfo … candidate-error — REST Timeout: GET /v2/mailboxes/5001 did not complete within 400 ms; no complete response arrived.');
      expect(lines[1]).toBe('  WhoAmI … match');
      const report = JSON.parse(readFileSync(json, 'utf8')) as { calls: { outcome: string; durationMs?: number }[] };
      expect(report.calls[0]?.outcome).not.toBe('match');
    } finally {
      sandbox.admin.removeFault(latency.id);
    }
  });

  it('parity gives each call its own line, even when an operation repeats with a different outcome, with the reason of each error', async () => {
    const dir = tmp();
    const calls = join(dir, 'calls.json');
    // Mailbox 5003 is outside the demo user's scope: both backends refuse it.
    writeFileSync(
      calls,
      JSON.stringify([
        { operation: 'MailboxInfo', params: { MailboxID: 5003 } },
        { operation: 'MailboxInfo', params: { MailboxID: 5001 } },
        { operation: 'MailboxInfo', params: { MailboxID: 5003 } },
      ]),
    );
    const out = capture();
    const json = join(dir, 'parity.json');
    const junit = join(dir, 'parity.xml');
    expect(await runParity({ calls, report: join(dir, 'r.html'), json, junit, maxMismatches: 0, maxErrors: 0 }, out.stream, env)).toBe(3);
    const lines = out.text().split('\n').filter((l) => l.startsWith('  MailboxInfo'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ {2}MailboxInfo … both-error — SOAP Forbidden: .+; REST Forbidden: .+$/);
    expect(lines[1]).toBe('  MailboxInfo … match');
    expect(lines[2]).toMatch(/^ {2}MailboxInfo … both-error — SOAP Forbidden: /);
    expect(out.text()).toContain('Parity gate failed: 0 mismatch(es) (allowed 0), 2 error(s) (allowed 0).');

    const report = JSON.parse(readFileSync(json, 'utf8')) as { gate: unknown; calls: { index: number; outcome: string; reason?: string }[]; records: unknown[] };
    expect(report.gate).toMatchObject({ passed: false, mismatches: 0, errors: 2, maxErrors: 0 });
    expect(report.calls.map((c) => [c.index, c.outcome])).toEqual([
      [1, 'both-error'],
      [2, 'match'],
      [3, 'both-error'],
    ]);
    expect(report.records).toHaveLength(3);

    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(junit, 'utf8')) as {
      testsuites: { tests: string; errors: string; failures: string; testsuite: { testcase: { name: string; classname: string; error?: { type: string; message: string } }[] } };
    };
    expect(xml.testsuites).toMatchObject({ tests: '3', errors: '2', failures: '0' });
    const cases = xml.testsuites.testsuite.testcase;
    expect(cases.map((c) => [c.name, c.classname, c.error?.type])).toEqual([
      ['#1 MailboxInfo', 'parity.MailboxInfo', 'both-error'],
      ['#2 MailboxInfo', 'parity.MailboxInfo', undefined],
      ['#3 MailboxInfo', 'parity.MailboxInfo', 'both-error'],
    ]);
    expect(cases[0]?.error?.message).toMatch(/^SOAP Forbidden: /);
    for (const file of [json, junit]) expect(readFileSync(file, 'utf8')).not.toContain(sandbox.credentials.password);
  });

  it('JUnit XML: a mismatch is a failure holding its differences, an excluded call is skipped, and the XML stays well formed', () => {
    const record: MismatchRecord = {
      id: 'r1',
      match: false,
      operation: 'MailboxInfo',
      at: '2026-11-25T12:00:00.000Z',
      authoritative: 'soap',
      args: { MailboxID: 7 },
      control: { backend: 'soap', ok: true, value: { Description: 'Acme' }, durationMs: 2 },
      candidate: { backend: 'rest', ok: true, value: { Description: 'Acme <"Corp"> & \u0001' }, durationMs: 3 },
      outcome: 'mismatch',
      differences: [{ path: 'Description', kind: 'changed', control: 'Acme', candidate: 'Acme <"Corp"> & \u0001' }],
      ignored: [],
    };
    const mismatch: ParityCallResult = { index: 1, operation: 'MailboxInfo', outcome: 'mismatch', excluded: false, reason: reasonOf(record), durationMs: 3, record };
    // A server's message may hold characters XML 1.0 cannot carry at all.
    const skipped: ParityCallResult = { ...mismatch, index: 2, excluded: true, reason: 'odd\u0001reason' };
    const xml = renderJunit([mismatch, skipped], new Date('2026-11-25T12:00:00Z'));
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { tests: string; failures: string; skipped: string; testsuite: { testcase: { name: string; failure?: { type: string; message: string; '#text': string }; skipped?: { message: string } }[] } };
    };
    expect(parsed.testsuites).toMatchObject({ tests: '2', failures: '1', skipped: '1' });
    const [first, second] = parsed.testsuites.testsuite.testcase;
    expect(first?.failure).toMatchObject({ type: 'mismatch', message: '1 difference(s): Description' });
    expect(JSON.parse(first?.failure?.['#text'] ?? '')).toEqual(record.differences);
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
    expect(second?.skipped?.message).toBe('excluded from the gate (mismatch: odd\uFFFDreason)');
  });
});
