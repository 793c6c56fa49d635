import { createHash, randomUUID } from 'node:crypto';
import { Redactor } from '@ecgrid-bridge/core';
import type { FacadeError } from '../errors.js';
import type { BackendName } from '../operations.js';
import { type Difference, diffResults } from './diff.js';
import { type Plain, normalizeResult } from './normalize.js';
import type { MismatchRecord, Observation, ParityOutcome } from './record.js';
import type { ParitySummary } from './summary.js';

export interface ParityOptions {
  /** Which side's result the caller gets (default `soap`); migration stages decide it per operation. */
  authoritative?: BackendName;
  /**
   * Wait for the candidate before returning; both then run concurrently. Default false: the candidate starts once
   * the caller has the authoritative answer, so it never delays the caller.
   */
  waitForCandidate?: boolean;
  /** The candidate's own time limit (default 10 s). */
  candidateTimeoutMs?: number;
  /** Receives mismatch and error records (and match records with `publishMatches`). Its failures are swallowed. */
  publish?: (record: MismatchRecord) => void | Promise<void>;
  publishMatches?: boolean;
  /** More result paths to leave out of comparisons, per operation. */
  ignore?: Partial<Record<string, readonly string[]>>;
  /** Called when comparing or publishing fails; never affects the caller. */
  onInternalError?: (error: unknown) => void;
}

type Settled<T> = { ok: true; value: T; durationMs: number } | { ok: false; error: FacadeError; durationMs: number };

export interface ExperimentInput<T> {
  operation: string;
  args: unknown;
  authoritative: BackendName;
  control: () => Promise<T>;
  candidate: () => Promise<T>;
  ignore: readonly string[];
  orderBy?: string;
  /** The result is itself a credential: only its digest is compared and published. */
  sensitive?: boolean;
}

/**
 * Runs one read on both backends (like GitHub Scientist): returns or throws exactly what the authoritative side
 * did, and compares and publishes in the background unless asked to wait.
 */
export class ParityRunner {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly options: ParityOptions,
    private readonly summary: ParitySummary,
    private readonly redactor: Redactor,
    private readonly toFacadeError: (err: unknown, backend: BackendName) => FacadeError,
  ) {}

  /** Resolves when every background comparison has been published. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async run<T>(input: ExperimentInput<T>): Promise<T> {
    const candidateBackend: BackendName = input.authoritative === 'soap' ? 'rest' : 'soap';
    const control = settle(input.control, (e) => this.toFacadeError(e, input.authoritative));
    const runCandidate = () =>
      settle(
        () => withTimeout(input.candidate(), this.options.candidateTimeoutMs ?? 10_000),
        (e) => this.toFacadeError(e, candidateBackend),
      );
    // Waiting, both run at once and the caller waits for the slower. Not waiting, the candidate starts as soon as the
    // caller has its answer: run alongside, its work (building the request, reading the answer) shares the caller's
    // thread and would delay the authoritative answer.
    const candidate = this.options.waitForCandidate ? runCandidate() : control.then(nextTurn).then(runCandidate);
    const compare = (async () => {
      const [c, k] = await Promise.all([control, candidate]);
      try {
        await this.publishComparison(input, c, k, candidateBackend);
      } catch (err) {
        this.reportInternal(err);
      }
    })();
    if (this.options.waitForCandidate) {
      await compare;
    } else {
      this.pending.add(compare);
      void compare.finally(() => this.pending.delete(compare));
    }
    const result = await control;
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** A write in parity mode: only the authoritative side runs; the record says so. */
  /** Runs a call on one side only (a write, which is never doubled, or an operation REST cannot serve). */
  async runSingle<T>(
    operation: string,
    args: unknown,
    authoritative: BackendName,
    call: () => Promise<T>,
    outcome: 'write-not-doubled' | 'soap-only' = 'write-not-doubled',
  ): Promise<T> {
    const result = await settle(call, (e) => this.toFacadeError(e, authoritative));
    try {
      const record = this.baseRecord(operation, args, authoritative, this.observe(authoritative, result, null));
      record.outcome = outcome;
      this.summary.record(operation, outcome, [{ backend: authoritative, ok: result.ok, durationMs: result.durationMs }]);
      if (this.options.publishMatches) await this.options.publish?.(record);
    } catch (err) {
      this.reportInternal(err);
    }
    if (!result.ok) throw result.error;
    return result.value;
  }

  private async publishComparison<T>(
    input: ExperimentInput<T>,
    control: Settled<T>,
    candidate: Settled<T>,
    candidateBackend: BackendName,
  ): Promise<void> {
    const normalize = (v: T): Plain => {
      const plain = normalizeResult(v, { ignore: input.ignore, orderBy: input.orderBy });
      return input.sensitive ? { sha256: createHash('sha256').update(JSON.stringify(plain)).digest('hex') } : plain;
    };
    const controlPlain = control.ok ? normalize(control.value) : null;
    const candidatePlain = candidate.ok ? normalize(candidate.value) : null;
    let differences: Difference[] = [];
    let outcome: ParityOutcome;
    if (control.ok && candidate.ok) {
      differences = diffResults(controlPlain, candidatePlain);
      outcome = differences.length === 0 ? 'match' : 'mismatch';
    } else if (!control.ok && !candidate.ok) {
      // Both sides failing is never agreement, even with the same code: nothing was compared.
      outcome = 'both-error';
    } else if (!candidate.ok) {
      outcome = candidate.error.code === 'Timeout' && candidate.error.backendCode === 'parity-timeout' ? 'candidate-timeout' : 'candidate-error';
    } else {
      outcome = 'control-error';
    }
    this.summary.record(input.operation, outcome, [
      { backend: input.authoritative, ok: control.ok, durationMs: control.durationMs },
      { backend: candidateBackend, ok: candidate.ok, durationMs: candidate.durationMs },
    ]);
    if (outcome === 'match' && !this.options.publishMatches) return;
    const record = this.baseRecord(input.operation, input.args, input.authoritative, this.observe(input.authoritative, control, controlPlain));
    record.candidate = this.observe(candidateBackend, candidate, candidatePlain);
    record.outcome = outcome;
    record.differences = this.redactor.redactValue(differences);
    record.ignored = [...input.ignore];
    await this.options.publish?.(record);
  }

  private baseRecord(operation: string, args: unknown, authoritative: BackendName, control: Observation): MismatchRecord {
    return {
      id: randomUUID(),
      operation,
      at: new Date().toISOString(),
      authoritative,
      args: this.redactor.redactValue(normalizeResult(args, { ignore: [] })),
      control,
      outcome: 'match',
      differences: [],
      ignored: [],
    };
  }

  private observe<T>(backend: BackendName, settled: Settled<T>, plain: Plain): Observation {
    if (settled.ok) return { backend, ok: true, value: this.redactor.redactValue(plain), durationMs: settled.durationMs };
    const e = settled.error;
    return {
      backend,
      ok: false,
      error: { name: e.name, code: e.code, backendCode: e.backendCode, status: e.httpStatus, message: this.redactor.redact(e.message) },
      durationMs: settled.durationMs,
    };
  }

  private reportInternal(err: unknown): void {
    try {
      this.options.onInternalError?.(err);
    } catch {
      // Nothing from a parity run may reach the caller.
    }
  }
}

async function settle<T>(fn: () => Promise<T>, toError: (err: unknown) => FacadeError): Promise<Settled<T>> {
  const started = performance.now();
  try {
    const value = await fn();
    return { ok: true, value, durationMs: performance.now() - started };
  } catch (err) {
    return { ok: false, error: toError(err), durationMs: performance.now() - started };
  }
}

/** Resolves once the callers waiting on an already settled promise have run. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class CandidateTimeout extends Error {
  constructor(ms: number) {
    super(`the candidate did not answer within ${ms} ms`);
    this.name = 'CandidateTimeout';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CandidateTimeout(ms)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
