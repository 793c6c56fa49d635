import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { type FacadeOperation, type MismatchRecord, MAPPINGS, createEcgridFacade } from '@ecgrid-bridge/facade';
import { UsageError, operationFrom } from '../params.js';
import { painter, table } from '../output.js';
import { byteVerdict, isDownloadRecord } from '../report/bytes.js';
import { isProblem, renderParityReport } from '../report/html-report.js';
import { type TargetFlags, openTarget } from '../target.js';

export interface ParityCommandOptions extends TargetFlags {
  calls?: string;
  report: string;
  maxMismatches: number;
  maxErrors: number;
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

/** Reads a JSON or YAML list of `{ operation, params }`; dates may be ISO strings. */
export function readCalls(file: string): PlannedCall[] {
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}.`);
  }
  if (!Array.isArray(raw)) throw new UsageError(`${file} must hold a list of { operation, params }.`);
  return raw.map((item, i) => {
    const entry = item as { operation?: unknown; params?: unknown };
    if (typeof entry?.operation !== 'string') throw new UsageError(`${file}: entry ${i + 1} has no operation.`);
    const operation = operationFrom(entry.operation);
    const kind = MAPPINGS[operation].kind;
    if (kind !== 'read' && kind !== 'download') throw new UsageError(`${file}: ${operation} changes state; parity runs only reads and downloads.`);
    const params = (entry.params ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(params)) {
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) params[k] = new Date(v);
    }
    return { operation, params };
  });
}

/** Runs reads on both backends, writes the report, and fails when mismatches or errors pass the thresholds. */
export async function runParity(options: ParityCommandOptions, out: Writable, env = process.env): Promise<number> {
  const paint = painter(out);
  const calls = options.calls ? readCalls(options.calls) : BUILT_IN_CALLS;
  const target = await openTarget(options, env);
  const records: MismatchRecord[] = [];
  const facade = createEcgridFacade({
    backend: 'parity',
    credentials: target.credentials,
    soap: { endpoint: target.soapUrl },
    rest: { baseUrl: target.restUrl },
    // Matches are published too: the report lists every downloaded parcel's byte comparison.
    parity: { waitForCandidate: true, publishMatches: true, publish: (r) => void records.push(r) },
    env,
  });
  try {
    await facade.Login();
    for (const call of calls) {
      out.write(`  ${call.operation} … `);
      const before = records.length;
      try {
        await facade.invoke(call.operation, call.params as never);
      } catch {
        // The record says what failed; the run goes on.
      }
      const record = records.slice(before).find((r) => r.operation === call.operation);
      const outcome = record?.outcome ?? 'match';
      const bytes = record && isDownloadRecord(record) ? ` (parcel ${record.file.id}: ${byteVerdict(record)})` : '';
      out.write(`${paint(record && isProblem(record) ? 'red' : outcome === 'match' ? 'green' : 'yellow', outcome)}${bytes}\n`);
    }
    await facade.Logout();
  } finally {
    await facade.close();
    await target.close();
  }
  const summary = facade.paritySummary();
  const mismatches = summary.reduce((n, s) => n + s.mismatches, 0);
  const errors = summary.reduce((n, s) => n + s.errors, 0);
  out.write(`\n${table(['operation', 'calls', 'match', 'mismatch', 'errors'], summary.map((s) => [s.operation, String(s.calls), String(s.matches), String(s.mismatches), String(s.errors)]))}\n`);
  const reportPath = resolve(options.report);
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, renderParityReport({ title: 'ecgrid-bridge parity report', generatedAt: new Date(), summary, records }));
  out.write(`\nHTML parity report: ${reportPath}\n`);
  if (mismatches > options.maxMismatches || errors > options.maxErrors) {
    out.write(paint('red', `Parity gate failed: ${mismatches} mismatch(es) (allowed ${options.maxMismatches}), ${errors} error(s) (allowed ${options.maxErrors}).\n`));
    return 3;
  }
  out.write(paint('green', `Parity gate passed: ${mismatches} mismatch(es), ${errors} error(s).\n`));
  return 0;
}
