import type { Writable } from 'node:stream';
import { coverageMarkdown, coverageRows } from '@ecgrid-bridge/facade';

export interface CoverageOptions {
  format: 'markdown' | 'json';
}

/** Prints the coverage of every WSDL operation, as Markdown or JSON. */
export function runCoverage(options: CoverageOptions, out: Writable): number {
  const rows = coverageRows();
  out.write(options.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : coverageMarkdown(rows));
  return 0;
}
