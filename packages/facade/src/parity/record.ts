import type { BackendName } from '../operations.js';
import type { Difference } from './diff.js';

export type ParityOutcome =
  | 'match'
  | 'mismatch'
  | 'control-error'
  | 'candidate-error'
  | 'both-error'
  | 'candidate-timeout'
  | 'write-not-doubled'
  /** The operation has no REST route: SOAP alone served it, so there was nothing to compare. */
  | 'soap-only'
  /** A download whose comparison the configuration turned off (`parity.compareDownloads`): one side ran it. */
  | 'not-compared';

export interface Observation {
  backend: BackendName;
  ok: boolean;
  /** The normalized value compared (present when ok). */
  value?: unknown;
  error?: { name: string; code: string; backendCode: string | undefined; status: number; message: string };
  durationMs: number;
}

/** One side's copy of a downloaded file: its name, size and SHA-256 (never the content). */
export interface FileSide {
  name: string | null;
  bytes: number;
  sha256: string;
}

/**
 * The byte comparison of one downloaded file (a parcel). `same-bytes`: name, size and digest agree; `different`:
 * `differs` says which; `not-compared`: a side failed, answered no file, or did not run.
 */
export interface FileComparison {
  /** What names the file: the parcel ID. */
  id: string | number | null;
  control?: FileSide;
  candidate?: FileSide;
  verdict: 'same-bytes' | 'different' | 'not-compared';
  differs: ('name' | 'size' | 'digest')[];
}

/** What a parity run publishes: enough to see what differed, with nothing secret in it. */
export interface MismatchRecord {
  id: string;
  /** The facade call compared: the `callId` of its events, log lines and spans. */
  callId?: string;
  operation: string;
  at: string;
  authoritative: BackendName;
  /** The call's parameters with credentials masked and content reduced to its size and digest. */
  args: unknown;
  control: Observation;
  candidate?: Observation;
  outcome: ParityOutcome;
  differences: Difference[];
  /** Result paths left out of the comparison: fields one backend cannot provide, plus user-chosen ones. */
  ignored: string[];
  /** Downloads: the file's byte comparison (both digests, sizes and names). */
  file?: FileComparison;
  /** Whether both sides agreed (`outcome === 'match'`). */
  match: boolean;
  /** The call's `context` option: correlation data of the caller's own (a job ID, say), redacted like the rest. */
  context?: Record<string, unknown>;
}
