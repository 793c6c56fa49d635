import type { MismatchRecord, ParityOutcome } from '@ecgrid-bridge/facade';
import { byteVerdict, isDownloadRecord, isProblem } from '@ecgrid-bridge/facade';

/** One call of a parity run, as the gate, the terminal, the JSON and the JUnit report see it. */
export interface ParityCallResult {
  /** 1-based position in the calls file (or the built-in set). */
  index: number;
  operation: string;
  /** `rejected`: the call failed before either backend answered, so no record was made. */
  outcome: ParityOutcome | 'rejected';
  /** Left out of the gate by `--exclude`. */
  excluded: boolean;
  /** Why it is not a plain match, in one line (never a secret: records and errors are redacted). */
  reason: string | undefined;
  durationMs: number;
  record: MismatchRecord | undefined;
}

export interface GateCounts {
  mismatches: number;
  errors: number;
}

const ERRORS: ReadonlySet<ParityCallResult['outcome']> = new Set(['control-error', 'candidate-error', 'both-error', 'candidate-timeout', 'rejected']);

export const isError = (r: ParityCallResult): boolean => ERRORS.has(r.outcome);

export function gateCounts(results: readonly ParityCallResult[]): GateCounts {
  const counted = results.filter((r) => !r.excluded);
  return { mismatches: counted.filter((r) => r.outcome === 'mismatch').length, errors: counted.filter(isError).length };
}

/** The one-line reason of a record that is not a plain match: each failed side's code and message, or what differs. */
export function reasonOf(record: MismatchRecord): string | undefined {
  const bytes = isDownloadRecord(record) ? `parcel ${record.file.id}: ${byteVerdict(record)}` : undefined;
  const failed = [record.control, record.candidate].flatMap((o) => (o && !o.ok && o.error ? [`${o.backend.toUpperCase()} ${o.error.code}: ${o.error.message}`] : []));
  if (failed.length > 0) return failed.join('; ');
  if (!isProblem(record)) return bytes;
  if (record.outcome === 'candidate-timeout') return `${record.candidate?.backend.toUpperCase() ?? 'the candidate'} did not answer in time`;
  const paths = record.differences.map((d) => d.path);
  const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? `, … (${paths.length} in all)` : '');
  return [bytes, paths.length > 0 ? `${paths.length} difference(s): ${shown}` : undefined].filter(Boolean).join('; ') || undefined;
}

export function durationOf(record: MismatchRecord | undefined): number {
  if (!record) return 0;
  return Math.max(record.control.durationMs, record.candidate?.durationMs ?? 0);
}
