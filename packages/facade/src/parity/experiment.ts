import { createHash, randomUUID } from 'node:crypto';
import { Redactor } from '@ecgrid-bridge/core';
import type { FacadeError } from '../errors.js';
import type { BackendName } from '../operations.js';
import { type Difference, diffResults } from './diff.js';
import { type Plain, digestBase64, digestBytes, normalizeResult } from './normalize.js';
import type { FileComparison, FileSide, MismatchRecord, Observation, ParityOutcome } from './record.js';
import type { ParitySummary } from './summary.js';

export interface ParityOptions {
  /** Which side's result the caller gets (default `soap`); migration stages decide it per operation. */
  authoritative?: BackendName | undefined;
  /**
   * Wait for the candidate before returning; both then run concurrently. Default false: the candidate starts once
   * the caller has the authoritative answer, so it never delays the caller.
   */
  waitForCandidate?: boolean | undefined;
  /** The candidate's own time limit (default 10 s). */
  candidateTimeoutMs?: number | undefined;
  /** Receives mismatch and error records (and match records with `publishMatches`). Its failures are swallowed. */
  publish?: ((record: MismatchRecord) => void | Promise<void>) | undefined;
  publishMatches?: boolean | undefined;
  /** More result paths to leave out of comparisons, per operation. */
  ignore?: Partial<Record<string, readonly string[]>> | undefined;
  /** Called when comparing or publishing fails; never affects the caller. */
  onInternalError?: ((error: unknown) => void) | undefined;
  /**
   * Compare downloads (default true): the file is read on both backends and compared by name, size and SHA-256.
   * `false` turns it off for every download, `{ ParcelDownload: false }` for one operation (very large files, say);
   * a download not compared runs on the authoritative side alone.
   */
  compareDownloads?: boolean | Partial<Record<string, boolean>> | undefined;
  /** How many recent records `parityRecords()` keeps, matches included (default 1,000; 0 keeps none). */
  keepRecords?: number | undefined;
}

/** Whether parity compares the downloads of an operation under these options. */
export function comparesDownloads(options: ParityOptions, operation: string): boolean {
  const setting = options.compareDownloads;
  if (setting === undefined || typeof setting === 'boolean') return setting !== false;
  return setting[operation] !== false;
}

type Settled<T> = { ok: true; value: T; durationMs: number } | { ok: false; error: FacadeError; durationMs: number };

/** A side once compared values are taken from it: what the comparison keeps instead of the value itself. */
type Reduced = { ok: true; plain: Plain; file: FileSide | undefined; durationMs: number } | { ok: false; error: FacadeError; durationMs: number };

/** Where the file of a download is: the value naming it, the result fields of its name and content. */
export interface FileFields {
  id: string | number | null;
  name: string;
  content: string;
  encoding: 'bytes' | 'base64';
}

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
  /**
   * A download: the file is compared by name, size and digest, and the candidate starts only once the authoritative
   * side has handed the file out, so the candidate's read is never the one that changes the parcel's state.
   */
  file?: FileFields;
  /** The caller's correlation data (from the call options), copied into the record. */
  context?: Record<string, unknown>;
}

/**
 * Runs one read on both backends (like GitHub Scientist): returns or throws exactly what the authoritative side
 * did, and compares and publishes in the background unless asked to wait.
 */
export class ParityRunner {
  private readonly pending = new Set<Promise<void>>();
  private readonly kept: MismatchRecord[] = [];

  constructor(
    private readonly options: ParityOptions,
    private readonly summary: ParitySummary,
    private readonly redactor: Redactor,
    private readonly toFacadeError: (err: unknown, backend: BackendName) => FacadeError,
    /** The facade call being compared, for the record (see the facade's events). */
    private readonly callId: () => string | undefined = () => undefined,
  ) {}

  /** The most recent records, oldest first (matches and calls not compared included). */
  records(): MismatchRecord[] {
    return [...this.kept];
  }

  /**
   * Keeps a finished record and hands it to the publisher: mismatches and errors always, matches and calls that
   * were not compared only with `publishMatches`.
   */
  private async deliver(record: MismatchRecord): Promise<void> {
    record.match = record.outcome === 'match';
    const keep = this.options.keepRecords ?? 1_000;
    if (keep > 0) {
      this.kept.push(record);
      if (this.kept.length > keep) this.kept.splice(0, this.kept.length - keep);
    }
    const quiet = record.outcome === 'match' || record.outcome === 'write-not-doubled' || record.outcome === 'soap-only' || record.outcome === 'not-compared';
    if (!quiet || this.options.publishMatches) await this.options.publish?.(record);
  }

  /** Counts background work of the candidate (its own Login or Logout) until it settles, for `idle()`. */
  background(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Resolves when every background comparison has been published and every background session call settled. */
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
    const reduce = (side: Settled<T>): Reduced => this.reduce(input, side);
    // Each side is reduced to what is compared (content to its size and digest) as soon as the comparison may
    // spend the time, and the comparison keeps only that: never a side's value, nor two copies of a file.
    const controlReduced = control.then(async (c) => {
      await nextTurn();
      return reduce(c);
    });
    // A download's candidate reads the file only after the authoritative side has handed it out (and it has been
    // digested), so the candidate never moves the parcel and the comparison holds at most one copy of it.
    // Waiting, both run at once and the caller waits for the slower. Not waiting, the candidate starts as soon as the
    // caller has its answer: run alongside, its work (building the request, reading the answer) shares the caller's
    // thread and would delay the authoritative answer.
    const candidate: Promise<Reduced | null> = input.file
      ? controlReduced.then((c) => (c.ok ? runCandidate().then(reduce) : null))
      : this.options.waitForCandidate
        ? runCandidate().then(reduce)
        : control.then(nextTurn).then(runCandidate).then(reduce);
    const compare = (async () => {
      const [c, k] = await Promise.allSettled([controlReduced, candidate]);
      try {
        if (c.status === 'rejected') throw c.reason;
        if (k.status === 'rejected') throw k.reason;
        await this.publishComparison(input, c.value, k.value, candidateBackend);
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

  /**
   * Runs a call on one side only: a write, which is never doubled; an operation REST cannot serve; a download whose
   * comparison is turned off.
   */
  async runSingle<T>(
    operation: string,
    args: unknown,
    authoritative: BackendName,
    call: () => Promise<T>,
    outcome: 'write-not-doubled' | 'soap-only' | 'not-compared' = 'write-not-doubled',
    context?: Record<string, unknown>,
  ): Promise<T> {
    const result = await settle(call, (e) => this.toFacadeError(e, authoritative));
    try {
      // Only that the call ran is recorded, never its value: nothing was compared.
      const side: Reduced = result.ok ? { ok: true, plain: null, file: undefined, durationMs: result.durationMs } : result;
      const record = this.baseRecord(operation, args, authoritative, this.observe(authoritative, side), context);
      record.outcome = outcome;
      this.summary.record(operation, outcome, [{ backend: authoritative, ok: result.ok, durationMs: result.durationMs }]);
      await this.deliver(record);
    } catch (err) {
      this.reportInternal(err);
    }
    if (!result.ok) throw result.error;
    return result.value;
  }

  /**
   * A candidate-only backend failed to open or end its session (Login or Logout): the caller never sees it, the
   * parity records do, as a candidate error of that operation.
   */
  candidateSessionFailed(operation: string, candidate: BackendName, err: unknown): void {
    try {
      const authoritative: BackendName = candidate === 'soap' ? 'rest' : 'soap';
      const record = this.baseRecord(operation, {}, authoritative, { backend: authoritative, ok: true, durationMs: 0 });
      record.candidate = this.observe(candidate, { ok: false, error: this.toFacadeError(err, candidate), durationMs: 0 });
      record.outcome = 'candidate-error';
      this.summary.record(operation, 'candidate-error', [{ backend: candidate, ok: false, durationMs: 0 }]);
      const done = this.deliver(record).catch((e: unknown) => this.reportInternal(e));
      this.pending.add(done);
      void done.finally(() => this.pending.delete(done));
    } catch (e) {
      this.reportInternal(e);
    }
  }

  /** A side's value as compared: normalized, content as size and digest, a credential as its digest alone. */
  private reduce<T>(input: ExperimentInput<T>, side: Settled<T>): Reduced {
    if (!side.ok) return side;
    const options = { ignore: input.ignore, orderBy: input.orderBy };
    const fileFields = input.file;
    let plain: Plain;
    let file: FileSide | undefined;
    if (fileFields && isRecord(side.value)) {
      // The content is digested once, in place, and compared as its size and digest like any binary field.
      const content = Reflect.get(side.value, fileFields.content);
      const digest =
        fileFields.encoding === 'base64'
          ? digestBase64(typeof content === 'string' ? content : '')
          : digestBytes(content instanceof Uint8Array ? content : new Uint8Array());
      const name = Reflect.get(side.value, fileFields.name);
      file = { name: typeof name === 'string' ? name : null, ...digest };
      plain = normalizeResult({ ...side.value, [fileFields.content]: undefined }, options);
      if (content !== undefined && isPlainRecord(plain) && !input.ignore.includes(fileFields.content)) plain[fileFields.content] = { ...digest };
    } else {
      plain = normalizeResult(side.value, options);
    }
    if (input.sensitive) plain = { sha256: createHash('sha256').update(JSON.stringify(plain)).digest('hex') };
    return { ok: true, plain, file, durationMs: side.durationMs };
  }

  private async publishComparison<T>(
    input: ExperimentInput<T>,
    control: Reduced,
    candidate: Reduced | null,
    candidateBackend: BackendName,
  ): Promise<void> {
    let differences: Difference[] = [];
    let outcome: ParityOutcome;
    if (control.ok && candidate?.ok) {
      differences = diffResults(control.plain, candidate.plain);
      outcome = differences.length === 0 ? 'match' : 'mismatch';
    } else if (!control.ok && candidate && !candidate.ok) {
      // Both sides failing is never agreement, even with the same code: nothing was compared.
      outcome = 'both-error';
    } else if (candidate && !candidate.ok) {
      outcome = candidate.error.code === 'Timeout' && candidate.error.backendCode === 'parity-timeout' ? 'candidate-timeout' : 'candidate-error';
    } else {
      // The control failed (a download's candidate then does not run at all).
      outcome = 'control-error';
    }
    const sides = [{ backend: input.authoritative, ok: control.ok, durationMs: control.durationMs }];
    if (candidate) sides.push({ backend: candidateBackend, ok: candidate.ok, durationMs: candidate.durationMs });
    this.summary.record(input.operation, outcome, sides);
    if (outcome === 'match' && !this.options.publishMatches && (this.options.keepRecords ?? 1_000) === 0) return;
    const record = this.baseRecord(input.operation, input.args, input.authoritative, this.observe(input.authoritative, control), input.context);
    if (candidate) record.candidate = this.observe(candidateBackend, candidate);
    record.outcome = outcome;
    record.differences = this.redactor.redactValue(differences);
    record.ignored = [...input.ignore];
    if (input.file) {
      const side = (r: Reduced | null) => (r?.ok ? r.file : undefined);
      record.file = this.redactor.redactValue(compareFiles(input.file.id, side(control), side(candidate)));
    }
    await this.deliver(record);
  }

  private baseRecord(operation: string, args: unknown, authoritative: BackendName, control: Observation, context?: Record<string, unknown>): MismatchRecord {
    const callId = this.callId();
    return {
      id: randomUUID(),
      ...(callId ? { callId } : {}),
      operation,
      at: new Date().toISOString(),
      authoritative,
      args: this.redactor.redactValue(normalizeResult(args, { ignore: [] })),
      control,
      outcome: 'match',
      match: false,
      differences: [],
      ignored: [],
      ...(context ? { context: this.redactor.redactValue(context) } : {}),
    };
  }

  private observe(backend: BackendName, side: Reduced): Observation {
    if (side.ok) return { backend, ok: true, value: this.redactor.redactValue(side.plain), durationMs: side.durationMs };
    const e = side.error;
    return {
      backend,
      ok: false,
      error: { name: e.name, code: e.code, backendCode: e.backendCode, status: e.httpStatus, message: this.redactor.redact(e.message) },
      durationMs: side.durationMs,
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

/** Name, size and digest of both copies of a file, and which of them differ. */
export function compareFiles(id: string | number | null, control: FileSide | undefined, candidate: FileSide | undefined): FileComparison {
  if (!control || !candidate) return { id, control, candidate, verdict: 'not-compared', differs: [] };
  const differs: FileComparison['differs'] = [];
  if (control.name !== candidate.name) differs.push('name');
  if (control.bytes !== candidate.bytes) differs.push('size');
  if (control.sha256 !== candidate.sha256) differs.push('digest');
  return { id, control, candidate, verdict: differs.length === 0 ? 'same-bytes' : 'different', differs };
}

const isRecord = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

const isPlainRecord = (value: Plain): value is { [key: string]: Plain } => typeof value === 'object' && value !== null && !Array.isArray(value);

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
