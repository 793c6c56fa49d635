import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MismatchRecord, OperationSummary } from '@ecgrid-bridge/facade';
import { renderParityReport } from '@ecgrid-bridge/facade';
import { CHROMIUM, hasChromium, renderInChromium } from './chromium.js';

const summary: OperationSummary[] = [
  { operation: 'MailboxInfo', calls: 4, matches: 3, mismatches: 1, errors: 0, notCompared: 0, sides: { soap: { calls: 4, errors: 0, p50Ms: 2.5, p95Ms: 9 }, rest: { calls: 4, errors: 0, p50Ms: 3.1, p95Ms: 12 } } },
  { operation: 'ParcelInBox', calls: 2, matches: 2, mismatches: 0, errors: 0, notCompared: 0, sides: { soap: { calls: 2, errors: 0, p50Ms: 4, p95Ms: 5 }, rest: { calls: 2, errors: 0, p50Ms: 3, p95Ms: 4 } } },
];

const mismatch: MismatchRecord = {
  id: 'r1',
  match: false,
  operation: 'MailboxInfo',
  at: '2026-11-25T12:00:00.000Z',
  authoritative: 'soap',
  args: { MailboxID: 7 },
  control: { backend: 'soap', ok: true, value: { Name: 'Acme' }, durationMs: 2 },
  candidate: { backend: 'rest', ok: true, value: { Name: 'Acme <Corp>' }, durationMs: 3 },
  outcome: 'mismatch',
  differences: [{ path: 'Name', kind: 'changed', control: 'Acme', candidate: 'Acme <Corp>' }],
  ignored: ['Description'],
};

const html = renderParityReport({ title: 'Parity report', generatedAt: new Date('2026-11-25T12:00:00Z'), summary, records: [mismatch] });

describe('parity report HTML', () => {
  it('is one self-contained page that escapes what it shows', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(script|link)[\s>]/i);
    expect(html).not.toMatch(/src="http/);
    expect(html).toContain('Acme &lt;Corp&gt;');
    expect(html).not.toContain('Acme <Corp>');
    expect(html).toContain('<b>6</b> compared calls');
  });
});

// CI installs Chromium (see .ci/run); elsewhere the browser check runs when /usr/bin/chromium (or CHROMIUM_PATH) exists.
const browserTitle = hasChromium ? 'parity report in headless Chromium' : `parity report in headless Chromium (skipped: ${CHROMIUM} is absent)`;
if (!hasChromium && process.env['CI']) throw new Error(`CI must provide Chromium at ${CHROMIUM}`);

describe.skipIf(!hasChromium)(browserTitle, () => {
  it('renders the per-operation table, the chart and the mismatch diff', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecgrid-report-'));
    const file = join(dir, 'parity.html');
    writeFileSync(file, html);
    const shot = join(dir, 'parity.png');
    const dom = await renderInChromium(file, shot);
    const summaryRows = dom.match(/<tr data-operation="[^"]+">/g) ?? [];
    expect(summaryRows).toHaveLength(2);
    expect(dom).toMatch(/<section class="mismatch" data-outcome="mismatch">/);
    expect(dom).toMatch(/<td class="candidate"><pre>"Acme &lt;Corp&gt;"<\/pre><\/td>/);
    expect(dom).toMatch(/<svg class="chart"[^>]*>[\s\S]*<rect/);
    expect(existsSync(shot) && statSync(shot).size).toBeGreaterThan(10_000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  });
});
