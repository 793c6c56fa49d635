import type { ScanReport } from './report.js';
import { VERDICT_TEXT } from './verdict.js';
import type { OperationFinding } from './verdict.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function lossText(f: OperationFinding): string {
  if (f.verdict === 'stays-on-soap') return '';
  const parts: string[] = [];
  if (f.lossy.includes('.')) parts.push('the whole result');
  else if (f.lossy.length > 0) {
    const read = f.lossyRead ?? [];
    parts.push(f.lossy.map((p) => (read.includes(p) ? `${p} (read by the code)` : p)).join(', '));
  }
  const params = Object.keys(f.unsupportedParams);
  if (params.length > 0) parts.push(`parameters: ${params.join(', ')}`);
  return parts.join('; ') || 'none';
}

export const sitesText = (f: OperationFinding): string => f.sites.map((s) => `${s.file}:${s.line}`).join(', ');

/** The configuration the summary suggests, as a `createEcgridFacade` options object. */
export function configText(report: ScanReport): string {
  const c = report.suggestedConfig;
  const lines = ['createEcgridFacade({', "  backend: 'soap',", '  fallback: true,'];
  const object = (o: Readonly<Record<string, string>>) => `{ ${Object.entries(o).map(([k, v]) => `${k}: '${v}'`).join(', ')} }`;
  if (Object.keys(c.routes).length > 0) lines.push(`  routes: ${object(c.routes)},   // no REST route: stays on SOAP`);
  if (Object.keys(c.stages).length > 0) lines.push(`  stages: ${object(c.stages)},   // shadow first`);
  lines.push('});');
  if (c.readsLostFields.length > 0) lines.push(`// before going live, the code reads fields REST cannot provide in: ${c.readsLostFields.join(', ')}`);
  if (c.writesAfterShadow.length > 0) lines.push(`// writes, after the reads are live: ${c.writesAfterShadow.join(', ')}`);
  return lines.join('\n');
}

export function scanMarkdown(report: ScanReport): string {
  const s = report.summary;
  const lines = [
    `# ECGridOS scan of ${report.root}`,
    '',
    `${s.operations} operation(s) in ${s.callSites} call site(s): ${s.movesCleanly} move cleanly, ${s.movesWithLosses} move with losses, ${s.staysOnSoap} stay on SOAP. Readiness: **${s.readiness}%**.`,
    `${report.files.scanned} files read in ${Math.round(report.durationMs)} ms (${report.files.ignored} ignored, ${report.files.binary} binary, ${report.files.tooLarge} too large${report.files.truncated ? ', stopped at the file limit' : ''}).`,
    '',
  ];
  if (report.operations.length > 0) {
    lines.push('| operation | kind | verdict | REST route or why none | SOAP fields REST cannot provide | call sites |', '|---|---|---|---|---|---|');
    for (const f of report.operations) {
      const rest = f.rest ? `\`${f.rest.route}\`` : cell(f.noRestReason ?? 'SOAP only');
      lines.push(`| ${f.operation} | ${f.kind} | ${VERDICT_TEXT[f.verdict]} | ${rest} | ${cell(lossText(f))} | ${cell(sitesText(f))} |`);
    }
    lines.push('');
  }
  if (report.definitions.length > 0) lines.push(`Generated proxies (the service's definition, not calls): ${report.definitions.map((d) => d.file).join(', ')}`, '');
  if (report.endpoints.length > 0) lines.push(`Service URL configured in: ${report.endpoints.map((e) => `${e.file}:${e.line}`).join(', ')}`, '');
  lines.push('Suggested facade configuration:', '', '```', configText(report), '```', '');
  return lines.join('\n');
}
