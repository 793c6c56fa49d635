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
  | 'soap-only';

export interface Observation {
  backend: BackendName;
  ok: boolean;
  /** The normalized value compared (present when ok). */
  value?: unknown;
  error?: { name: string; code: string; backendCode: string | undefined; status: number; message: string };
  durationMs: number;
}

/** What a parity run publishes: enough to see what differed, with nothing secret in it. */
export interface MismatchRecord {
  id: string;
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
  context?: Record<string, unknown>;
}
