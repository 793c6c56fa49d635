import type { BackendName } from '../operations.js';
import type { ParityOutcome } from './record.js';

export interface SideStats {
  calls: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
}

export interface OperationSummary {
  operation: string;
  calls: number;
  matches: number;
  mismatches: number;
  /** Runs where one side or both failed. */
  errors: number;
  /** Calls one side served alone: writes, SOAP-only operations, downloads whose comparison is turned off. */
  notCompared: number;
  sides: Partial<Record<BackendName, SideStats>>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** Counts and latencies per operation, kept in memory; bounded so a long run does not grow without end. */
export class ParitySummary {
  private readonly ops = new Map<string, { counts: Omit<OperationSummary, 'operation' | 'sides'>; sides: Map<BackendName, { calls: number; errors: number; latencies: number[] }> }>();

  constructor(private readonly maxSamples = 10_000) {}

  record(operation: string, outcome: ParityOutcome, sides: { backend: BackendName; ok: boolean; durationMs: number }[]): void {
    let entry = this.ops.get(operation);
    if (!entry) {
      entry = { counts: { calls: 0, matches: 0, mismatches: 0, errors: 0, notCompared: 0 }, sides: new Map() };
      this.ops.set(operation, entry);
    }
    entry.counts.calls += 1;
    if (outcome === 'match') entry.counts.matches += 1;
    else if (outcome === 'mismatch') entry.counts.mismatches += 1;
    else if (outcome === 'write-not-doubled' || outcome === 'soap-only' || outcome === 'not-compared') entry.counts.notCompared += 1;
    else entry.counts.errors += 1;
    for (const side of sides) {
      let s = entry.sides.get(side.backend);
      if (!s) {
        s = { calls: 0, errors: 0, latencies: [] };
        entry.sides.set(side.backend, s);
      }
      s.calls += 1;
      if (!side.ok) s.errors += 1;
      if (s.latencies.length >= this.maxSamples) s.latencies.shift();
      s.latencies.push(side.durationMs);
    }
  }

  get(): OperationSummary[] {
    return [...this.ops.entries()].map(([operation, e]) => {
      const sides: OperationSummary['sides'] = {};
      for (const [backend, s] of e.sides) {
        const sorted = [...s.latencies].sort((a, b) => a - b);
        sides[backend] = { calls: s.calls, errors: s.errors, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
      }
      return { operation, ...e.counts, sides };
    });
  }
}
