import { type CoverageRow, MAPPINGS, coverageRows } from '@ecgrid-bridge/facade';
import type { OperationName } from '@ecgrid-bridge/soap';
import { escapeRegExp } from './source-text.js';
import type { CallSite } from './types.js';

export type Verdict = 'moves-cleanly' | 'moves-with-losses' | 'stays-on-soap';

export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  'moves-cleanly': 'moves cleanly',
  'moves-with-losses': 'moves with losses',
  'stays-on-soap': 'stays on SOAP (fallback needed)',
};

/** One operation the code calls, judged against its mapping decision. */
export interface OperationFinding {
  readonly operation: OperationName;
  readonly kind: string;
  readonly verdict: Verdict;
  /** `METHOD /path` and the endpoint's catalogue name, or null when REST cannot serve it. */
  readonly rest: { readonly route: string; readonly endpoint: string } | null;
  readonly noRestReason: string | null;
  /** SOAP result fields REST cannot provide (`.` for the whole result). */
  readonly lossy: readonly string[];
  /**
   * Of those, the ones the calling files appear to read (a `.Field`, `->Field`, `['Field']` or `getField(` next to
   * the call); null when that cannot be told (the whole result, or nothing lossy).
   */
  readonly lossyRead: readonly string[] | null;
  readonly unsupportedParams: Readonly<Record<string, string>>;
  readonly sites: readonly CallSite[];
}

let rowsByOperation: ReadonlyMap<string, CoverageRow> | undefined;
const coverageOf = (operation: OperationName): CoverageRow | undefined =>
  (rowsByOperation ??= new Map(coverageRows().map((r) => [r.operation, r]))).get(operation);

const leafField = (path: string): string => path.split(/[.[\]]+/).filter(Boolean).pop() ?? path;

function fieldsRead(lossy: readonly string[], texts: readonly string[]): string[] | null {
  if (lossy.length === 0 || lossy.includes('.')) return null;
  return lossy.filter((path) => {
    const field = escapeRegExp(leafField(path));
    const reads = new RegExp(`(?:\\.|->|\\?\\.)\\s*(?:get)?${field}\\b|\\[\\s*['"]${field}['"]\\s*\\]`, 'i');
    return texts.some((t) => reads.test(t));
  });
}

/**
 * Judges one operation: no REST route stays on SOAP; a route that loses result fields or parameters moves with
 * losses; otherwise it moves cleanly. Login and Logout move cleanly whenever REST has a route: the facade keeps the
 * session (a SOAP SessionID or a REST token) inside the backends, so the calling code never sees the difference.
 */
export function judge(operation: OperationName, sites: readonly CallSite[], callingFiles: ReadonlyMap<string, string>): OperationFinding {
  const entry = MAPPINGS[operation];
  const row = coverageOf(operation);
  const texts = [...new Set(sites.map((s) => s.file))].map((f) => callingFiles.get(f) ?? '');
  const route = entry.rest;
  if (route === null) {
    return { operation, kind: entry.kind, verdict: 'stays-on-soap', rest: null, noRestReason: entry.noRestReason, lossy: [], lossyRead: null, unsupportedParams: {}, sites };
  }
  const session = entry.kind === 'login' || entry.kind === 'logout';
  const lossy = session ? [] : route.lossy;
  const losses = lossy.length > 0 || Object.keys(route.unsupportedParams).length > 0;
  return {
    operation,
    kind: entry.kind,
    verdict: losses ? 'moves-with-losses' : 'moves-cleanly',
    rest: { route: row?.rest ?? route.endpoint, endpoint: route.endpoint },
    noRestReason: null,
    lossy,
    lossyRead: fieldsRead(lossy, texts),
    unsupportedParams: route.unsupportedParams,
    sites,
  };
}
