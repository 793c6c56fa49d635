import { ENDPOINTS, RESPONSE_EXAMPLES, REST_EQUIVALENTS } from '@ecgrid-bridge/catalog';
import { MAPPINGS } from './mapping/index.js';
import { FACADE_OPERATIONS, type FacadeOperation } from './operations.js';

export interface CoverageRow {
  operation: FacadeOperation;
  /** Every operation is served on SOAP. */
  soap: true;
  /** `METHOD /path (endpoint name)` of the REST route, or null when REST cannot serve it. */
  rest: string | null;
  /** Why REST cannot serve it, or where the route comes from and what it assumes. */
  note: string;
  /** SOAP result fields REST cannot provide (null without a REST route). */
  lossy: readonly string[] | null;
  /** SOAP parameters REST cannot take, with what happens to them. */
  unsupportedParams: Readonly<Record<string, string>>;
  /** What checks the mapping against the vendor documentation. */
  verifiedBy: readonly string[];
  /** read, download (parity compares the file on both sides), write (never doubled by parity), login or logout. */
  kind: string;
}

/** What checks a REST route: the docs' example answer through the result map, and the docs' request fields. */
function verification(endpoint: keyof typeof ENDPOINTS): string[] {
  const spec = ENDPOINTS[endpoint];
  const out = ['documented request fields'];
  if (RESPONSE_EXAMPLES[endpoint] !== undefined) out.push(`documented example (${spec.page})`);
  return out;
}

/** One row for every WSDL operation: served on SOAP, the REST route or the reason there is none. */
export function coverageRows(): CoverageRow[] {
  return FACADE_OPERATIONS.map((operation) => {
    const entry = MAPPINGS[operation];
    const docs = REST_EQUIVALENTS[operation];
    if (entry.rest === null) {
      return {
        operation,
        soap: true,
        rest: null,
        note: entry.noRestReason ?? '',
        lossy: null,
        unsupportedParams: {},
        verifiedBy: ['WSDL'],
        kind: entry.kind,
      };
    }
    const spec = ENDPOINTS[entry.rest.endpoint];
    const source = docs.endpoint === entry.rest.endpoint ? `documented (${docs.source ?? 'docs'})` : 'chosen by the facade';
    return {
      operation,
      soap: true,
      rest: `${spec.method} ${spec.path}`,
      note: entry.assumes ? `${source}; assumes ${entry.assumes}` : source,
      lossy: entry.rest.lossy,
      unsupportedParams: entry.rest.unsupportedParams,
      verifiedBy: verification(entry.rest.endpoint),
      kind: entry.kind,
    };
  });
}

export function coverageMarkdown(rows: readonly CoverageRow[] = coverageRows()): string {
  const withRest = rows.filter((r) => r.rest).length;
  const lines = [
    `${rows.length} WSDL operations, all served on SOAP; ${withRest} also on REST, ${rows.length - withRest} on SOAP only.`,
    '',
    '| operation | kind | REST route | note | SOAP fields REST cannot provide | verified by |',
    '|---|---|---|---|---|---|',
  ];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  for (const r of rows) {
    const lossy = r.lossy === null ? '' : r.lossy.includes('.') ? 'the whole result' : r.lossy.length === 0 ? 'none' : r.lossy.join(', ');
    lines.push(
      `| ${r.operation} | ${r.kind} | ${r.rest ? `\`${r.rest}\`` : 'SOAP only'} | ${cell(r.note)} | ${cell(lossy)} | ${cell(r.verifiedBy.join('; '))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
