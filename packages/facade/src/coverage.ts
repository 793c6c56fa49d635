import { OPERATIONS, type OperationName } from '@ecgrid-bridge/soap';
import { REST_EQUIVALENTS } from './generated/rest-equivalents.js';
import { MAPPINGS } from './mapping/index.js';
import { isFacadeOperation } from './operations.js';

export interface CoverageRow {
  operation: OperationName;
  /** `METHOD /path` of the REST equivalent, or null. */
  rest: string | null;
  /** Why there is no REST equivalent, or where the equivalent comes from. */
  note: string;
  /** Whether the facade serves the operation (on SOAP always; on REST when `rest` is not null). */
  mapped: boolean;
  /** SOAP result fields REST cannot provide, for mapped operations with a REST route. */
  lossy: readonly string[] | null;
}

/** One row for every WSDL operation: its REST equivalent or why none, and what the facade does with it. */
export function coverageRows(): CoverageRow[] {
  return (Object.keys(OPERATIONS) as OperationName[]).map((operation) => {
    if (isFacadeOperation(operation)) {
      const entry = MAPPINGS[operation];
      if (entry.rest === null) {
        return { operation, rest: null, note: entry.noRestReason, mapped: true, lossy: null };
      }
      const docs = REST_EQUIVALENTS[operation];
      return {
        operation,
        rest: `${entry.rest.method} ${entry.rest.path}`,
        note: docs.source ? `documented (${docs.source})` : 'mapped by the facade',
        mapped: true,
        lossy: entry.rest.lossy,
      };
    }
    const docs = REST_EQUIVALENTS[operation];
    return {
      operation,
      rest: docs.rest ? `${docs.rest.method} ${docs.rest.path}` : null,
      note: docs.rest ? `documented (${docs.source ?? 'docs'}); not mapped yet` : (docs.note ?? 'the documentation names no REST equivalent'),
      mapped: false,
      lossy: null,
    };
  });
}

export function coverageMarkdown(rows: readonly CoverageRow[] = coverageRows()): string {
  const mapped = rows.filter((r) => r.mapped).length;
  const withRest = rows.filter((r) => r.rest).length;
  const lines = [
    `${rows.length} WSDL operations; ${withRest} have a documented REST equivalent; the facade maps ${mapped}.`,
    '',
    '| operation | REST equivalent | facade | note | SOAP fields REST cannot provide |',
    '|---|---|---|---|---|',
  ];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  for (const r of rows) {
    const lossy = r.lossy === null ? '' : r.lossy.includes('.') ? 'the whole result' : r.lossy.length === 0 ? 'none' : r.lossy.join(', ');
    lines.push(`| ${r.operation} | ${r.rest ? `\`${r.rest}\`` : '—'} | ${r.mapped ? 'yes' : 'no'} | ${cell(r.note)} | ${cell(lossy)} |`);
  }
  return `${lines.join('\n')}\n`;
}
