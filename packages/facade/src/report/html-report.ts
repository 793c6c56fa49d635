import type { Difference } from '../parity/diff.js';
import type { MismatchRecord, ParityOutcome } from '../parity/record.js';
import type { OperationSummary } from '../parity/summary.js';
import { type DownloadRecord, byteSummary, downloadsWorstFirst } from './bytes.js';

export interface RunRow {
  operation: string;
  backend: string;
  ok: boolean;
  /** A short result or error text, already free of secrets. */
  result: string;
  durationMs: number;
}

export interface ParityReportInput {
  title: string;
  generatedAt: Date;
  summary: readonly OperationSummary[];
  records: readonly MismatchRecord[];
  runs?: readonly RunRow[];
}

/** The look every HTML report shares (the parity report here, the scan report of the command line). */
export const REPORT_STYLE = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;background:#fafbfc}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:0 0 4px}
table{border-collapse:collapse;background:#fff;margin:8px 0}th,td{border:1px solid #dde1e8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f6;font-weight:600}td.bad,tr.bad td{color:#a4161a;font-weight:600}.muted{color:#667085}
.badge{font-size:12px;padding:1px 7px;border-radius:9px;background:#e4e7ec}.badge.mismatch,.badge.both-error,.badge.candidate-error,.badge.control-error{background:#fde2e1;color:#a4161a}.badge.match{background:#dcfae6;color:#067647}
section.mismatch{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:12px 14px;margin:12px 0}
pre{margin:0;white-space:pre-wrap;word-break:break-all;font-size:12px}td.control{background:#f0f6ff}td.candidate{background:#fff6ed}
.chart .label,.chart .value{font-size:11px;fill:#344054}.chart .p95.soap{fill:#93b4f5}.chart .p95.rest{fill:#f7b27a}.chart .p50{fill:#1d2330;opacity:.55}
.error{color:#a4161a}.totals span{margin-right:18px}
.alarm{background:#fde2e1;color:#a4161a;border:1px solid #f4a3a0;border-radius:6px;padding:8px 12px;font-size:15px}.good{background:#dcfae6;color:#067647;border-radius:6px;padding:8px 12px}.warn{background:#fef0c7;color:#93370d;border-radius:6px;padding:8px 12px}
code.digest{font-size:11px;word-break:break-all}table.downloads td.digest{max-width:280px}
`;

export const escape = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ms = (v: number | undefined): string => (v === undefined ? '—' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`);

const json = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v, null, 1));

function matchRate(s: OperationSummary): string {
  const compared = s.matches + s.mismatches;
  return compared === 0 ? '—' : `${Math.round((s.matches / compared) * 100)}%`;
}

/** A horizontal bar chart of p50/p95 per operation and side, as inline SVG. */
function latencyChart(summary: readonly OperationSummary[]): string {
  const rows = summary.flatMap((s) =>
    (['soap', 'rest'] as const).flatMap((side) => {
      const stats = s.sides[side];
      return stats ? [{ label: `${s.operation} · ${side.toUpperCase()}`, side, p50: stats.p50Ms, p95: stats.p95Ms }] : [];
    }),
  );
  if (rows.length === 0) return '<p class="muted">No latencies recorded.</p>';
  const max = Math.max(...rows.map((r) => r.p95), 1);
  const barHeight = 16;
  const gap = 6;
  const labelWidth = 230;
  const width = 720;
  const scale = (v: number) => Math.max(1, ((width - labelWidth - 140) * v) / max);
  const bars = rows
    .map((r, i) => {
      const y = i * (barHeight + gap);
      return [
        `<text x="0" y="${y + 12}" class="label">${escape(r.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${scale(r.p95).toFixed(1)}" height="${barHeight}" class="p95 ${r.side}"><title>p95 ${escape(ms(r.p95))}</title></rect>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${scale(r.p50).toFixed(1)}" height="${barHeight - 8}" class="p50"><title>p50 ${escape(ms(r.p50))}</title></rect>`,
        `<text x="${(labelWidth + scale(r.p95) + 6).toFixed(1)}" y="${y + 12}" class="value">${escape(ms(r.p50))} / ${escape(ms(r.p95))}</text>`,
      ].join('');
    })
    .join('\n');
  const height = rows.length * (barHeight + gap);
  return `<svg class="chart" role="img" aria-label="p50 and p95 latency per operation and backend" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}</svg>`;
}

function differenceRows(differences: readonly Difference[], control: string, candidate: string): string {
  if (differences.length === 0) return '';
  const rows = differences
    .map((d) => `<tr><td><code>${escape(d.path)}</code></td><td class="control"><pre>${escape(json(d.control))}</pre></td><td class="candidate"><pre>${escape(json(d.candidate))}</pre></td></tr>`)
    .join('\n');
  return `<table class="diff"><thead><tr><th>path</th><th>${escape(control)}</th><th>${escape(candidate)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function recordSection(r: MismatchRecord): string {
  const control = `${r.control.backend.toUpperCase()} (authoritative)`;
  const candidate = r.candidate ? r.candidate.backend.toUpperCase() : '—';
  const errors = [r.control, r.candidate]
    .filter((o) => o && !o.ok)
    .map((o) => `<p class="error">${escape(o!.backend.toUpperCase())} failed: <code>${escape(o!.error?.code)}</code> ${escape(o!.error?.message)}</p>`)
    .join('');
  return `<section class="mismatch" data-outcome="${escape(r.outcome)}">
<h3>${escape(r.operation)}${r.file ? ` · parcel ${escape(r.file.id)}` : ''} <span class="badge ${escape(r.outcome)}">${escape(r.outcome)}</span></h3>
<p class="muted">${escape(r.at)} · ${escape(control)} ${escape(ms(r.control.durationMs))} · ${escape(candidate)} ${escape(ms(r.candidate?.durationMs))}</p>
<details><summary>arguments</summary><pre>${escape(json(r.args))}</pre></details>
${errors}
${differenceRows(r.differences, control, candidate)}
${r.ignored.length > 0 ? `<details><summary>${r.ignored.length} ignored paths</summary><p class="muted">${escape(r.ignored.join(', '))}</p></details>` : ''}
</section>`;
}

const NOT_A_PROBLEM: ReadonlySet<ParityOutcome> = new Set<ParityOutcome>(['match', 'write-not-doubled', 'soap-only', 'not-compared']);

/** A mismatch or an error: neither agreement nor a call one side served alone (what the mismatch section lists). */
export const isProblem = (r: MismatchRecord): boolean => !NOT_A_PROBLEM.has(r.outcome);

const fileName = (r: DownloadRecord): string => {
  const [c, k] = [r.file.control?.name, r.file.candidate?.name];
  return r.file.differs.includes('name') ? `${c ?? '—'} ≠ ${k ?? '—'}` : (c ?? k ?? '—');
};

const fileSize = (r: DownloadRecord): string => {
  const [c, k] = [r.file.control?.bytes, r.file.candidate?.bytes];
  return r.file.differs.includes('size') ? `${c} ≠ ${k}` : String(c ?? k ?? '—');
};

/**
 * The byte comparison of every downloaded parcel, the report's first section: parcels whose bytes differ lead,
 * under a banner that counts them. Only sizes and digests are shown, never content.
 */
function downloadSection(records: readonly MismatchRecord[]): string {
  const downloads = downloadsWorstFirst(records);
  const differing = downloads.filter((r) => r.file.verdict === 'different').length;
  const unknown = downloads.filter((r) => r.file.verdict === 'not-compared').length;
  const banner =
    downloads.length === 0
      ? '<p class="muted">No download was compared in this run.</p>'
      : differing > 0
        ? `<p class="alarm"><b>${differing}</b> of ${downloads.length} downloaded parcel${downloads.length === 1 ? '' : 's'} differ between SOAP and REST.</p>`
        : unknown > 0
          ? `<p class="warn">${downloads.length - unknown} of ${downloads.length} downloaded parcels: same bytes; ${unknown} not compared.</p>`
          : `<p class="good">All ${downloads.length} downloaded parcel${downloads.length === 1 ? '' : 's'}: same bytes on SOAP and REST.</p>`;
  const rows = downloads
    .map((r) => {
      const side = (o: typeof r.control | undefined) => (o ? o.backend.toUpperCase() : '—');
      return `<tr data-parcel="${escape(r.file.id)}" data-verdict="${escape(r.file.verdict)}" class="${r.file.verdict === 'different' ? 'bad' : ''}"><td>${escape(r.file.id)}</td><td>${escape(r.operation)}</td><td class="verdict">${escape(byteSummary(r))}</td><td>${escape(fileName(r))}</td><td>${escape(fileSize(r))}</td><td class="digest"><code>${escape(side(r.control))}</code> <code class="digest">${escape(r.file.control?.sha256 ?? '—')}</code></td><td class="digest"><code>${escape(side(r.candidate))}</code> <code class="digest">${escape(r.file.candidate?.sha256 ?? '—')}</code></td></tr>`;
    })
    .join('\n');
  const table =
    downloads.length === 0
      ? ''
      : `<table class="downloads"><thead><tr><th>parcel</th><th>operation</th><th>bytes</th><th>file name</th><th>size</th><th>SHA-256 (authoritative)</th><th>SHA-256 (candidate)</th></tr></thead><tbody>${rows}</tbody></table>`;
  return `<section class="downloads"><h2>Downloaded files: same bytes on SOAP and REST?</h2>\n${banner}\n${table}</section>`;
}

/**
 * One self-contained HTML page: first the byte comparison of every downloaded parcel, then the per-operation parity
 * table, the latency chart, and every mismatch or error with its differences.
 */
export function renderParityReport(input: ParityReportInput): string {
  const summaryRows = input.summary
    .map(
      (s) => `<tr data-operation="${escape(s.operation)}"><td>${escape(s.operation)}</td><td>${s.calls}</td><td>${escape(matchRate(s))}</td><td>${s.matches}</td><td class="${s.mismatches > 0 ? 'bad' : ''}">${s.mismatches}</td><td class="${s.errors > 0 ? 'bad' : ''}">${s.errors}</td><td>${s.notCompared}</td><td>${escape(ms(s.sides.soap?.p50Ms))}</td><td>${escape(ms(s.sides.soap?.p95Ms))}</td><td>${escape(ms(s.sides.rest?.p50Ms))}</td><td>${escape(ms(s.sides.rest?.p95Ms))}</td></tr>`,
    )
    .join('\n');
  const runs = input.runs?.length
    ? `<h2>Workflow runs</h2><table class="runs"><thead><tr><th>operation</th><th>backend</th><th>result</th><th>latency</th></tr></thead><tbody>${input.runs
        .map((r) => `<tr class="${r.ok ? '' : 'bad'}"><td>${escape(r.operation)}</td><td>${escape(r.backend)}</td><td>${escape(r.result)}</td><td>${escape(ms(r.durationMs))}</td></tr>`)
        .join('\n')}</tbody></table>`
    : '';
  const totals = input.summary.reduce(
    (t, s) => ({ compared: t.compared + s.calls - s.notCompared, writes: t.writes + s.notCompared, mismatches: t.mismatches + s.mismatches, errors: t.errors + s.errors }),
    { compared: 0, writes: 0, mismatches: 0, errors: 0 },
  );
  const problems = input.records.filter(isProblem);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(input.title)}</title>
<style>
${REPORT_STYLE}</style></head>
<body>
<h1>${escape(input.title)}</h1>
${downloadSection(input.records)}
<p class="muted">Generated ${escape(input.generatedAt.toISOString())}</p>
<p class="totals"><span><b>${totals.compared}</b> compared calls</span><span><b>${totals.writes}</b> not compared (writes on the authoritative side, SOAP-only operations on SOAP, downloads with comparison turned off)</span><span><b>${totals.mismatches}</b> mismatches</span><span><b>${totals.errors}</b> errors</span></p>
<h2>Per operation</h2>
<table class="summary"><thead><tr><th>operation</th><th>calls</th><th>match rate</th><th>matches</th><th>mismatches</th><th>errors</th><th>not compared (writes, SOAP-only, downloads turned off)</th><th>SOAP p50</th><th>SOAP p95</th><th>REST p50</th><th>REST p95</th></tr></thead>
<tbody>
${summaryRows}
</tbody></table>
<h2>Latency (p50 dark, p95 light)</h2>
${latencyChart(input.summary)}
${runs}
<h2>Mismatches and errors (${problems.length})</h2>
${problems.length === 0 ? '<p class="muted">None: every compared call matched.</p>' : problems.map(recordSection).join('\n')}
</body></html>
`;
}
