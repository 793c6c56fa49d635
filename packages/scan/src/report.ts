import type { OperationName } from '@ecgrid-bridge/soap';
import type { TreeFindings } from './scan.js';
import type { CallSite, EndpointMention, ProxyDefinition } from './types.js';
import { type OperationFinding, judge } from './verdict.js';

/** A starting configuration for `createEcgridFacade`: what the scan suggests, not a decision. */
export interface SuggestedConfig {
  readonly backend: 'soap';
  readonly fallback: true;
  /** Operations REST cannot serve, pinned to SOAP for when the default backend changes. */
  readonly routes: Readonly<Record<string, 'soap'>>;
  /**
   * Reads and downloads REST can serve, the lossless ones first: SOAP keeps answering while REST is compared (parity
   * leaves out the fields REST cannot provide, so the comparison is about what both sides have).
   */
  readonly stages: Readonly<Record<string, 'shadow'>>;
  /** Of those, the ones whose calling code reads a field REST cannot provide: fix the code before going live. */
  readonly readsLostFields: readonly string[];
  /** Writes are never doubled by parity: they move after the reads are live, behind the fallback. */
  readonly writesAfterShadow: readonly string[];
}

export interface ScanSummary {
  readonly operations: number;
  readonly callSites: number;
  readonly movesCleanly: number;
  readonly movesWithLosses: number;
  readonly staysOnSoap: number;
  /** Percentage of the operations found that REST can serve, lossless ones counting fully and lossy ones half. */
  readonly readiness: number;
}

export interface ScanReport {
  readonly root: string;
  readonly generatedAt: string;
  readonly files: TreeFindings['files'];
  readonly durationMs: number;
  readonly summary: ScanSummary;
  readonly operations: readonly OperationFinding[];
  readonly definitions: readonly ProxyDefinition[];
  readonly endpoints: readonly EndpointMention[];
  readonly suggestedConfig: SuggestedConfig;
}

const isRead = (f: OperationFinding) => f.kind === 'read' || f.kind === 'download';

function suggest(findings: readonly OperationFinding[]): SuggestedConfig {
  const names = (keep: (f: OperationFinding) => boolean) => findings.filter(keep).map((f) => f.operation);
  return {
    backend: 'soap',
    fallback: true,
    routes: Object.fromEntries(names((f) => f.verdict === 'stays-on-soap').map((op) => [op, 'soap' as const])),
    stages: Object.fromEntries(
      [...names((f) => isRead(f) && f.verdict === 'moves-cleanly'), ...names((f) => isRead(f) && f.verdict === 'moves-with-losses')].map((op) => [op, 'shadow' as const]),
    ),
    readsLostFields: names((f) => isRead(f) && (f.lossyRead?.length ?? 0) > 0),
    writesAfterShadow: names((f) => f.kind === 'write' && f.verdict !== 'stays-on-soap'),
  };
}

/** Judges every operation found, and sums them up. */
export function buildReport(findings: TreeFindings, generatedAt = new Date()): ScanReport {
  const byOperation = new Map<OperationName, CallSite[]>();
  for (const site of findings.sites) byOperation.set(site.operation, [...(byOperation.get(site.operation) ?? []), site]);
  const operations = [...byOperation].map(([operation, sites]) => judge(operation, sites, findings.callingFiles)).sort((a, b) => a.operation.localeCompare(b.operation));
  const count = (verdict: OperationFinding['verdict']) => operations.filter((o) => o.verdict === verdict).length;
  const [clean, lossy, soap] = [count('moves-cleanly'), count('moves-with-losses'), count('stays-on-soap')];
  return {
    root: findings.root,
    generatedAt: generatedAt.toISOString(),
    files: findings.files,
    durationMs: findings.durationMs,
    summary: {
      operations: operations.length,
      callSites: findings.sites.length,
      movesCleanly: clean,
      movesWithLosses: lossy,
      staysOnSoap: soap,
      readiness: operations.length === 0 ? 100 : Math.round(((clean + lossy / 2) / operations.length) * 100),
    },
    operations,
    definitions: findings.definitions,
    endpoints: findings.endpoints,
    suggestedConfig: suggest(operations),
  };
}
