import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileSide, MismatchRecord, OperationSummary } from '@ecgrid-bridge/facade';
import { renderParityReport } from '@ecgrid-bridge/facade';
import { CHROMIUM, hasChromium, renderInChromium } from './chromium.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const side = (name: string, bytes: number, sha256: string): FileSide => ({ name, bytes, sha256 });

const download = (id: number, outcome: MismatchRecord['outcome'], file: NonNullable<MismatchRecord['file']>, candidateOk = true): MismatchRecord => ({
  id: `r${id}`,
  match: outcome === 'match',
  operation: 'ParcelDownload',
  at: '2026-11-25T12:00:00.000Z',
  authoritative: 'soap',
  args: { ParcelID: id },
  control: { backend: 'soap', ok: true, value: { ParcelID: id }, durationMs: 2 },
  candidate: candidateOk
    ? { backend: 'rest', ok: true, value: { ParcelID: id }, durationMs: 3 }
    : { backend: 'rest', ok: false, error: { name: 'FacadeError', code: 'Transport', backendCode: undefined, status: 0, message: 'socket hang up' }, durationMs: 3 },
  outcome,
  differences: outcome === 'mismatch' ? [{ path: 'Content.sha256', kind: 'changed', control: A, candidate: B }] : [],
  ignored: [],
  file,
});

const same = download(101, 'match', { id: 101, control: side('PO_101.x12', 409, A), candidate: side('PO_101.x12', 409, A), verdict: 'same-bytes', differs: [] });
const tampered = download(102, 'mismatch', { id: 102, control: side('PO_<102>.x12', 409, A), candidate: side('PO_<102>.x12', 410, B), verdict: 'different', differs: ['size', 'digest'] });
const unreadable = download(103, 'candidate-error', { id: 103, control: side('PO_103.x12', 12, A), verdict: 'not-compared', differs: [] }, false);
const confirm: MismatchRecord = { ...same, id: 'c', operation: 'ParcelDownloadConfirm', outcome: 'write-not-doubled', file: undefined, candidate: undefined };

const summary: OperationSummary[] = [
  { operation: 'ParcelDownload', calls: 3, matches: 1, mismatches: 1, errors: 1, notCompared: 0, sides: { soap: { calls: 3, errors: 0, p50Ms: 2, p95Ms: 3 }, rest: { calls: 3, errors: 1, p50Ms: 3, p95Ms: 4 } } },
];

const html = renderParityReport({ title: 'Parity report', generatedAt: new Date('2026-11-25T12:00:00Z'), summary, records: [same, confirm, tampered, unreadable] });

describe('the parity report on downloads', () => {
  it('leads with the byte comparison, the differing parcel first, under a banner', () => {
    const body = html.slice(html.indexOf('<body>'));
    expect(body).toMatch(/^<body>\n<h1>Parity report<\/h1>\n<section class="downloads"><h2>Downloaded files: same bytes on SOAP and REST\?<\/h2>\n<p class="alarm"><b>1<\/b> of 3 downloaded parcels differ between SOAP and REST\.<\/p>/);
    const rows = [...html.matchAll(/<tr data-parcel="(\d+)" data-verdict="([a-z-]+)"/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ['102', 'different'],
      ['103', 'not-compared'],
      ['101', 'same-bytes'],
    ]);
  });

  it('shows per parcel "same bytes" or what differs, with both full digests', () => {
    const row = (id: number) => html.slice(html.indexOf(`<tr data-parcel="${id}"`), html.indexOf('</tr>', html.indexOf(`<tr data-parcel="${id}"`)));
    expect(row(101)).toContain('<td class="verdict">same bytes</td>');
    expect(row(101)).toContain('<td>409</td>');
    expect(row(102)).toContain('<td class="verdict">bytes differ: size, digest</td>');
    expect(row(102)).toContain('<td>409 ≠ 410</td>');
    expect(row(102)).toContain(`<code>SOAP</code> <code class="digest">${A}</code>`);
    expect(row(102)).toContain(`<code>REST</code> <code class="digest">${B}</code>`);
    expect(row(102)).toContain('PO_&lt;102&gt;.x12');
    expect(row(103)).toContain('not compared: REST failed (Transport)');
  });

  it('lists only mismatches and errors below, not matches or calls one side served alone', () => {
    expect(html).toContain('<h2>Mismatches and errors (2)</h2>');
    expect(html.match(/<section class="mismatch"/g)).toHaveLength(2);
    expect(html).not.toContain('data-outcome="match"');
    expect(html).not.toContain('data-outcome="write-not-doubled"');
  });

  it('says so when every parcel has the same bytes, or when no download was compared', () => {
    const allSame = renderParityReport({ title: 't', generatedAt: new Date(0), summary: [], records: [same] });
    expect(allSame).toContain('<p class="good">All 1 downloaded parcel: same bytes on SOAP and REST.</p>');
    const none = renderParityReport({ title: 't', generatedAt: new Date(0), summary: [], records: [] });
    expect(none).toContain('<p class="muted">No download was compared in this run.</p>');
  });
});

const browserTitle = hasChromium ? 'the download section in headless Chromium' : `the download section in headless Chromium (skipped: ${CHROMIUM} is absent)`;

describe.skipIf(!hasChromium)(browserTitle, () => {
  it('renders the byte comparison as the first section, the differing parcel on top', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecgrid-report-'));
    const file = join(dir, 'downloads.html');
    writeFileSync(file, html);
    const dom = await renderInChromium(file);
    const body = dom.slice(dom.indexOf('<body>'));
    expect(body.indexOf('<section class="downloads">')).toBeLessThan(body.indexOf('<table class="summary">'));
    expect(body).toMatch(/<p class="alarm"><b>1<\/b> of 3 downloaded parcels differ/);
    expect(body.match(/<tr data-parcel="(\d+)"/)?.[1]).toBe('102');
  });
});
