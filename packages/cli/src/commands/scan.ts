import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parityCallsYaml, scanMarkdown, scanProject } from '@ecgrid-bridge/scan';
import { UsageError } from '../params.js';
import { renderScanReport } from '../report/scan-report.js';

export interface ScanCommandOptions {
  format: 'markdown' | 'json';
  /** Where the HTML page, the JSON and Markdown reports and `parity-calls.yaml` go. */
  out: string;
}

/** Scans a codebase for ECGridOS calls, prints the verdicts, and writes the reports and a parity calls file. */
export function runScan(path: string, options: ScanCommandOptions, out: Writable): number {
  const root = resolve(path);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${path} is not a folder.`);
  const report = scanProject(path);
  const markdown = scanMarkdown(report);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  // Shown as given (relative paths stay relative), written relative to the working folder.
  const dir = options.out;
  mkdirSync(resolve(dir), { recursive: true });
  const files = {
    html: join(dir, 'scan-report.html'),
    markdown: join(dir, 'scan-report.md'),
    json: join(dir, 'scan-report.json'),
    calls: join(dir, 'parity-calls.yaml'),
  };
  writeFileSync(files.html, renderScanReport(report));
  writeFileSync(files.markdown, markdown);
  writeFileSync(files.json, json);
  writeFileSync(files.calls, parityCallsYaml(report));
  if (options.format === 'json') {
    out.write(json);
    return 0;
  }
  out.write(markdown);
  out.write(`\nWrote ${files.html}, ${files.markdown}, ${files.json} and ${files.calls}.\n`);
  return 0;
}
