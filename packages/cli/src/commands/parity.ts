import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { type FacadeOperation, type MismatchRecord, MAPPINGS, createEcgridFacade, isProblem, renderParityReport } from '@ecgrid-bridge/facade';
import { ParamError, UsageError, operationFrom, paramsFrom } from '../params.js';
import { painter, table } from '../output.js';
import { renderJunit } from '../report/junit.js';
import { type ParityCallResult, durationOf, gateCounts, isError, reasonOf } from '../report/parity-results.js';
import { type TargetFlags, openTarget } from '../target.js';

export interface ParityCommandOptions extends TargetFlags {
  calls?: string | undefined;
  report: string;
  /** Also write the run as JSON (gate, summary, one result per call, records). */
  json?: string | undefined;
  /** Also write the run as JUnit XML, one test case per call. */
  junit?: string | undefined;
  /** Operations whose mismatches and errors do not count against the gate (they still run and are reported). */
  exclude?: readonly string[] | undefined;
  maxMismatches: number;
  maxErrors: number;
  /** Bounds each call, on each backend, in milliseconds. */
  timeoutMs?: number | undefined;
}

export interface PlannedCall {
  operation: FacadeOperation;
  params: Record<string, unknown>;
}

/** The built-in read set: the session's own user, mailbox and directory, and the inbox. */
export const BUILT_IN_CALLS: readonly PlannedCall[] = [
  { operation: 'WhoAmI', params: {} },
  { operation: 'NetworkList', params: {} },
  { operation: 'MailboxList', params: {} },
  { operation: 'TPList', params: { ShowInactive: false } },
  { operation: 'UserList', params: {} },
  { operation: 'ParcelInBox', params: {} },
];

/**
 * Reads a JSON or YAML list of `{ operation, params }`, each checked exactly as `call` checks its arguments (names,
 * types, required parameters); every problem in the file is reported at once, and nothing runs.
 */
export function readCalls(file: string): PlannedCall[] {
  const yaml = /\.ya?ml$/i.test(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the calls file ${file}.`);
  }
  let raw: unknown;
  try {
    raw = yaml ? parseYaml(text) : JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid ${yaml ? 'YAML' : 'JSON'}.`);
  }
  if (!Array.isArray(raw)) throw new UsageError(`${file} must hold a list of { operation, params }.`);
  const problems: string[] = [];
  const calls: PlannedCall[] = [];
  raw.forEach((item: unknown, i) => {
    const where = `entry ${i + 1}`;
    const entry = (typeof item === 'object' && item !== null ? item : {}) as { operation?: unknown; params?: unknown };
    if (typeof entry.operation !== 'string') {
      problems.push(`${where}: no operation.`);
      return;
    }
    try {
      const operation = operationFrom(entry.operation);
      const kind = MAPPINGS[operation].kind;
      if (kind !== 'read' && kind !== 'download') throw new UsageError(`${operation} changes state; parity runs only reads and downloads.`);
      const params = entry.params ?? {};
      if (typeof params !== 'object' || Array.isArray(params)) throw new UsageError(`params must be a mapping of parameter names to values.`);
      calls.push({ operation, params: paramsFrom(operation, Object.entries(params)) });
    } catch (err) {
      if (!(err instanceof UsageError || err instanceof ParamError)) throw err;
      const reason = err instanceof ParamError ? err.reason : err.message.split('\n')[0];
      problems.push(`${where} (${entry.operation}): ${reason}`);
    }
  });
  if (problems.length > 0) throw new UsageError(`${file} has ${problems.length} problem(s); nothing was run:\n  ${problems.join('\n  ')}`);
  return calls;
}

/** The operations named by `--exclude` (names checked, with suggestions for a typo). */
function excludedOperations(names: readonly string[] | undefined): Set<FacadeOperation> {
  return new Set((names ?? []).flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean).map(operationFrom));
}

/** Runs reads on both backends, writes the reports, and fails when mismatches or errors pass the thresholds. */
export async function runParity(options: ParityCommandOptions, out: Writable, env = process.env): Promise<number> {
  const paint = painter(out);
  const excluded = excludedOperations(options.exclude);
  const calls = options.calls ? readCalls(options.calls) : BUILT_IN_CALLS;
  const target = await openTarget(options, env);
  const records: MismatchRecord[] = [];
  const results: ParityCallResult[] = [];
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const facade = createEcgridFacade({
    backend: 'parity',
    credentials: target.credentials,
    soap: { endpoint: target.soapUrl, allowInsecureHttp: target.allowInsecureHttp.soap, ...timeout },
    rest: { baseUrl: target.restUrl, allowInsecureHttp: target.allowInsecureHttp.rest, ...timeout },
    // Matches are published too: the report lists every downloaded parcel's byte comparison.
    parity: {
      waitForCandidate: true,
      publishMatches: true,
      publish: (r) => void records.push(r),
      ...(options.timeoutMs === undefined ? {} : { candidateTimeoutMs: options.timeoutMs }),
    },
    env,
  });
  try {
    await facade.Login();
    for (const [i, call] of calls.entries()) {
      const index = i + 1;
      out.write(`  ${call.operation} … `);
      let failure: unknown;
      try {
        // The call's own number goes into its record, so its line never shows another call's record.
        await facade.invoke(call.operation, call.params as never, { ...timeout, context: { parityCall: index } });
      } catch (err) {
        // The record says what failed; the run goes on.
        failure = err;
      }
      await facade.parityIdle();
      const record = records.find((r) => r.context?.['parityCall'] === index);
      const result: ParityCallResult = {
        index,
        operation: call.operation,
        outcome: record?.outcome ?? (failure === undefined ? 'match' : 'rejected'),
        excluded: excluded.has(call.operation),
        reason: record ? reasonOf(record) : failure instanceof Error ? `${failure.name}: ${failure.message}` : undefined,
        durationMs: durationOf(record),
        record,
      };
      results.push(result);
      const bad = isError(result) || (record !== undefined && isProblem(record));
      const colour = result.excluded ? 'dim' : bad ? 'red' : result.outcome === 'match' ? 'green' : 'yellow';
      out.write(`${paint(colour, result.outcome)}${result.excluded ? ' (excluded from the gate)' : ''}${result.reason ? ` — ${result.reason}` : ''}\n`);
    }
    await facade.Logout();
  } finally {
    await facade.close();
    await target.close();
  }
  const summary = facade.paritySummary();
  const { mismatches, errors } = gateCounts(results);
  const passed = mismatches <= options.maxMismatches && errors <= options.maxErrors;
  const generatedAt = new Date();
  out.write(`\n${table(['operation', 'calls', 'match', 'mismatch', 'errors'], summary.map((s) => [s.operation, String(s.calls), String(s.matches), String(s.mismatches), String(s.errors)]))}\n`);
  const written = [
    ['HTML parity report', options.report, () => renderParityReport({ title: 'ecgrid-bridge parity report', generatedAt, summary, records })],
    ['JSON', options.json, () => `${JSON.stringify({ generatedAt: generatedAt.toISOString(), gate: { passed, mismatches, errors, maxMismatches: options.maxMismatches, maxErrors: options.maxErrors, excluded: [...excluded] }, summary, calls: results.map(({ record: _record, ...call }) => call), records }, null, 2)}\n`],
    ['JUnit XML', options.junit, () => renderJunit(results, generatedAt)],
  ] as const;
  out.write('\n');
  for (const [what, file, render] of written) {
    if (!file) continue;
    const path = resolve(file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, render());
    out.write(`${what}: ${path}\n`);
  }
  const exclusions = excluded.size > 0 ? ` (not counting ${[...excluded].join(', ')})` : '';
  if (!passed) {
    out.write(paint('red', `Parity gate failed: ${mismatches} mismatch(es) (allowed ${options.maxMismatches}), ${errors} error(s) (allowed ${options.maxErrors})${exclusions}.\n`));
    return 3;
  }
  out.write(paint('green', `Parity gate passed: ${mismatches} mismatch(es), ${errors} error(s)${exclusions}.\n`));
  return 0;
}
