import { type ScanReport, VERDICT_TEXT, configText, lossText } from '@ecgrid-bridge/scan';
import { REPORT_STYLE, escapeHtml as escape } from '@ecgrid-bridge/facade';

const VERDICT_BADGE = { 'moves-cleanly': 'match', 'moves-with-losses': 'warn', 'stays-on-soap': 'mismatch' } as const;

/** One self-contained page in the parity report's style: readiness first, then every operation and its call sites. */
export function renderScanReport(report: ScanReport): string {
  const s = report.summary;
  const banner =
    s.operations === 0
      ? '<p class="muted">No ECGridOS call found.</p>'
      : s.staysOnSoap > 0
        ? `<p class="warn">Readiness <b>${s.readiness}%</b>: ${s.staysOnSoap} of ${s.operations} operations stay on SOAP (keep the fallback), ${s.movesWithLosses} move with losses.</p>`
        : `<p class="good">Readiness <b>${s.readiness}%</b>: every operation found has a REST route; ${s.movesWithLosses} lose fields.</p>`;
  const rows = report.operations
    .map(
      (f) =>
        `<tr data-operation="${escape(f.operation)}" data-verdict="${escape(f.verdict)}"><td>${escape(f.operation)}</td><td>${escape(f.kind)}</td><td><span class="badge ${VERDICT_BADGE[f.verdict]}">${escape(VERDICT_TEXT[f.verdict])}</span></td><td>${f.rest ? `<code>${escape(f.rest.route)}</code>` : escape(f.noRestReason ?? 'SOAP only')}</td><td>${escape(lossText(f))}</td><td>${f.sites.map((site) => `<code>${escape(`${site.file}:${site.line}`)}</code> <span class="muted">${escape(site.via)}</span>`).join('<br>')}</td></tr>`,
    )
    .join('\n');
  const list = (title: string, items: readonly string[]) =>
    items.length === 0 ? '' : `<h2>${escape(title)}</h2><ul>${items.map((i) => `<li><code>${escape(i)}</code></li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ecgrid-bridge scan</title>
<style>
${REPORT_STYLE}.badge.warn{padding:1px 7px;border-radius:9px;font-size:12px}
</style></head>
<body>
<h1>ecgrid-bridge scan: which calls move to REST</h1>
${banner}
<p class="muted">${escape(report.root)} · generated ${escape(report.generatedAt)} · ${report.files.scanned} files read in ${Math.round(report.durationMs)} ms</p>
<p class="totals"><span><b>${s.operations}</b> operations</span><span><b>${s.callSites}</b> call sites</span><span><b>${s.movesCleanly}</b> move cleanly</span><span><b>${s.movesWithLosses}</b> move with losses</span><span><b>${s.staysOnSoap}</b> stay on SOAP</span></p>
<h2>Per operation</h2>
<table class="summary"><thead><tr><th>operation</th><th>kind</th><th>verdict</th><th>REST route or why none</th><th>SOAP fields REST cannot provide</th><th>call sites</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Suggested facade configuration</h2>
<pre>${escape(configText(report))}</pre>
${list("Generated proxies (the service's definition, not calls)", report.definitions.map((d) => d.file))}
${list('Service URL configured in', report.endpoints.map((e) => `${e.file}:${e.line} ${e.url}`))}
</body></html>
`;
}
