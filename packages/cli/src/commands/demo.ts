import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import {
  type DownloadRecord,
  type EcgridFacade,
  type MismatchRecord,
  type Route,
  type RunRow,
  byteVerdict,
  createEcgridFacade,
  downloadsWorstFirst,
  isDownloadRecord,
  isProblem,
  renderParityReport,
} from '@ecgrid-bridge/facade';
import type { SoapEvent } from '@ecgrid-bridge/soap';
import type { RestEvent } from '@ecgrid-bridge/rest';
import { painter, table } from '../output.js';
import { functionalAck } from '../x12-ack.js';
import { type Target, type TargetFlags, openTarget } from '../target.js';

export interface DemoOptions extends TargetFlags {
  report: string;
}

type Phase = 'soap' | 'rest' | 'parity';

interface Step {
  operation: string;
  ok: boolean;
  result: string;
  durationMs: number;
}

/**
 * The main job: a legacy-style EDI workflow through the facade, first on SOAP, then on REST, then in parity mode,
 * with a session expired mid-run, a compact results table, the parity summary and an HTML report.
 */
export async function runDemo(options: DemoOptions, out: Writable, env: Record<string, string | undefined> = process.env): Promise<number> {
  const paint = painter(out);
  const say = (line = '') => out.write(`${line}\n`);
  const target = await openTarget(options, env);
  const readOnly = target.sandbox === undefined;
  say(paint('bold', `ecgrid-bridge demo on the ${target.describe}`));
  if (target.sandbox) say(paint('dim', `sandbox demo credentials: ${target.sandbox.credentials.email} / ${target.sandbox.credentials.password} (sandbox only)`));
  if (readOnly) say(paint('yellow', 'Real services: running the read-only part of the workflow (no download, confirm or upload).'));

  const steps: Record<Phase, Step[]> = { soap: [], rest: [], parity: [] };
  const records: MismatchRecord[] = [];
  let facadeForSummary: EcgridFacade | undefined;
  let failed = false;
  try {
    for (const phase of ['soap', 'rest', 'parity'] as const) {
      if (target.sandbox && phase !== 'soap') await target.sandbox.admin.reset();
      say();
      say(paint('cyan', `▶ ${phase === 'parity' ? 'parity (both backends, SOAP authoritative)' : phase.toUpperCase()}`));
      const notes: string[] = [];
      const facade = createEcgridFacade({
        backend: phase as Route,
        credentials: target.credentials,
        env,
        soap: { endpoint: target.soapUrl, allowInsecureHttp: target.allowInsecureHttp.soap, onEvent: (e: SoapEvent) => e.type === 'relogin' && notes.push(`SOAP session expired → logged in again once (shared by ${e.sharedBy} call${e.sharedBy === 1 ? '' : 's'})`) },
        rest: { baseUrl: target.restUrl, allowInsecureHttp: target.allowInsecureHttp.rest, onEvent: (e: RestEvent) => restNote(e, notes) },
        // Matches are published too, so that every downloaded parcel's byte comparison is shown.
        parity: { waitForCandidate: true, publishMatches: true, publish: (r) => void records.push(r) },
      });
      if (phase === 'parity') facadeForSummary = facade;
      const compared = (parcelId: number): DownloadRecord | undefined => records.filter(isDownloadRecord).findLast((r) => r.file.id === parcelId);
      const ok = await workflow(facade, phase, target, readOnly, steps[phase], notes, (line) => say(line), paint, compared);
      failed ||= !ok;
      if (phase !== 'parity') await facade.close();
    }
    say();
    say(paint('bold', 'Results (operation × backend: result, latency)'));
    say(resultTable(steps));
    const summary = facadeForSummary?.paritySummary() ?? [];
    say();
    say(paint('bold', 'Parity summary'));
    say(
      table(
        ['operation', 'calls', 'match', 'mismatch', 'errors', 'not compared', 'SOAP p50', 'REST p50'],
        summary.map((s) => [s.operation, String(s.calls), String(s.matches), String(s.mismatches), String(s.errors), String(s.notCompared), ms(s.sides.soap?.p50Ms), ms(s.sides.rest?.p50Ms)]),
      ),
    );
    const downloads = downloadsWorstFirst(records);
    if (downloads.length > 0) {
      const differing = downloads.filter((r) => r.file.verdict !== 'same-bytes').length;
      say();
      say(paint('bold', 'Downloaded parcels, SOAP and REST (name, size, SHA-256; never the content)'));
      say(table(['parcel', 'file', 'bytes'], downloads.map((r) => [String(r.file.id), r.file.control?.name ?? '—', byteVerdict(r)])));
      say(differing === 0 ? paint('green', `${downloads.length} of ${downloads.length} parcels: same bytes.`) : paint('red', `${differing} of ${downloads.length} parcels: not the same bytes.`));
    }
    const reportPath = resolve(options.report);
    mkdirSync(dirname(reportPath), { recursive: true });
    const runs: RunRow[] = (Object.keys(steps) as Phase[]).flatMap((phase) => steps[phase].map((s) => ({ ...s, backend: phase })));
    writeFileSync(reportPath, renderParityReport({ title: 'ecgrid-bridge parity report', generatedAt: new Date(), summary, records, runs }));
    say();
    say(`HTML parity report: ${reportPath}`);
    await facadeForSummary?.close();
  } finally {
    await target.close();
  }
  const mismatches = records.filter(isProblem).length;
  if (failed) {
    say(paint('red', 'The workflow failed; see the errors above.'));
    return 1;
  }
  say(paint('green', `Done: every step succeeded on both backends; ${mismatches} parity difference${mismatches === 1 ? '' : 's'} (fields REST cannot provide are left out).`));
  return 0;
}

/** Tells the token story: a rejected or expiring token, its refresh, and a new login when the refresh is refused. */
function restNote(e: RestEvent, notes: string[]): void {
  if (e.type === 'refresh') {
    const why = e.cause === 'rejected' ? 'REST token rejected' : 'REST token about to expire';
    notes.push(e.outcome === 'ok' ? `${why} → refreshed once` : `${why} → refresh refused`);
  } else if (e.type === 'login' && notes.length > 0) {
    notes.push(e.outcome === 'ok' ? 'REST → logged in again once' : 'REST → login failed');
  }
}

const ms = (v: number | undefined): string => (v === undefined ? '—' : `${v.toFixed(1)} ms`);

function resultTable(steps: Record<Phase, Step[]>): string {
  const operations = [...new Set(Object.values(steps).flatMap((s) => s.map((x) => x.operation)))];
  const cell = (phase: Phase, op: string) => {
    const found = steps[phase].filter((s) => s.operation === op);
    if (found.length === 0) return '—';
    const ok = found.every((s) => s.ok);
    const total = found.reduce((t, s) => t + s.durationMs, 0);
    return `${ok ? '✓' : '✗'} ${ms(total)}${found.length > 1 ? ` (×${found.length})` : ''}`;
  };
  const result = (op: string) => {
    const first = Object.values(steps).flatMap((s) => s.filter((x) => x.operation === op))[0];
    return first ? (first.result.length > 40 ? `${first.result.slice(0, 39)}…` : first.result) : '';
  };
  return table(['operation', 'result', 'SOAP', 'REST', 'parity'], operations.map((op) => [op, result(op), cell('soap', op), cell('rest', op), cell('parity', op)]));
}

async function workflow(
  facade: EcgridFacade,
  phase: Phase,
  target: Target,
  readOnly: boolean,
  steps: Step[],
  notes: string[],
  say: (line: string) => void,
  paint: ReturnType<typeof painter>,
  compared: (parcelId: number) => DownloadRecord | undefined,
): Promise<boolean> {
  const step = async <T>(operation: string, call: () => Promise<T>, describe: (v: T) => string): Promise<T | undefined> => {
    const started = performance.now();
    try {
      const value = await call();
      const durationMs = performance.now() - started;
      steps.push({ operation, ok: true, result: describe(value), durationMs });
      say(`  ${paint('green', '✓')} ${operation.padEnd(22)} ${describe(value)} ${paint('dim', ms(durationMs))}`);
      for (const note of notes.splice(0)) say(`    ${paint('yellow', '↻')} ${note}`);
      return value;
    } catch (err) {
      const durationMs = performance.now() - started;
      const text = err instanceof Error ? `${(err as { code?: string }).code ?? err.name}: ${err.message}` : 'failed';
      steps.push({ operation, ok: false, result: text, durationMs });
      say(`  ${paint('red', '✗')} ${operation.padEnd(22)} ${text}`);
      throw err;
    }
  };
  try {
    await step('Login', () => facade.Login(), () => 'session open');
    const me = await step('WhoAmI', () => facade.WhoAmI(), (v) => `user ${v?.UserID} ${v?.LoginName ?? ''} (${v?.AuthLevel})`);
    const mailboxId = me?.MailboxID ?? 0;
    await step('MailboxInfo', () => facade.MailboxInfo({ MailboxID: mailboxId }), (v) => `mailbox ${v?.MailboxID} "${v?.Description ?? ''}"`);
    if (target.sandbox && phase !== 'parity') {
      if (phase === 'soap') await target.sandbox.admin.expireSessions();
      else await target.sandbox.admin.expireTokens();
      say(`    ${paint('yellow', '⏱')} the sandbox expired every ${phase === 'soap' ? 'SOAP session' : 'REST token'} now`);
    }
    const inbox = await step('ParcelInBox', () => facade.ParcelInBox(), (v) => `${v?.ParcelIDInfoList?.length ?? 0} parcel(s) ready`);
    if (readOnly) return true;
    let reply: string | undefined;
    for (const parcel of inbox?.ParcelIDInfoList ?? []) {
      const file = await step('ParcelDownload', () => facade.ParcelDownload({ ParcelID: parcel.ParcelID }), (v) => `${v?.FileName} (${v?.Content?.length ?? 0} bytes)`);
      const bytes = phase === 'parity' ? compared(parcel.ParcelID) : undefined;
      if (bytes) say(`    ${bytes.file.verdict === 'same-bytes' ? paint('green', '≡') : paint('red', '≠')} SOAP ↔ REST: ${byteVerdict(bytes)}`);
      await step('ParcelDownloadConfirm', () => facade.ParcelDownloadConfirm({ ParcelID: parcel.ParcelID }), (v) => (v ? 'confirmed' : 'not confirmed'));
      reply ??= file?.Content?.toString('latin1');
    }
    if (reply) {
      const ack = Buffer.from(functionalAck(reply, 900_000_000 + Math.floor(Math.random() * 99_999_999)), 'latin1');
      await step('ParcelUpload', () => facade.ParcelUpload({ FileName: '997-ack.x12', Bytes: ack.length, Content: ack }), (v) => `sent as parcel ${v}`);
    }
    await step('Logout', () => facade.Logout(), () => 'session closed');
    return true;
  } catch {
    await facade.Logout().catch(() => undefined);
    return false;
  }
}

