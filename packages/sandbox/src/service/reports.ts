import type { EnumTypes } from '@ecgrid-bridge/soap';
import { invalidParameter } from '../errors.js';
import { delivered } from '../store/parcels.js';
import type { MailboxRecord } from '../store/records.js';
import { scopeOf } from './access.js';
import type { Caller } from './auth.js';
import { mailbox, mailboxes, network } from './directory.js';
import { given } from './filters.js';
import type { SandboxService } from './service.js';

/**
 * Reports (soap-api/reports/*.md, rest-api/reports/*.md): counts of the stored parcels and interchanges. A parcel
 * or interchange counts as sent by the mailbox it left and, once delivered, as received by the mailbox it reached;
 * its time is when the network took it (`created`). The docs do not say which objects REST's `sent`/`received`
 * count; the sandbox counts parcels there, and both on SOAP, whose columns name them.
 */

export interface Traffic {
  readonly parcelsIn: number;
  readonly parcelsOut: number;
  readonly interchangesIn: number;
  readonly interchangesOut: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** The bytes of the interchanges in and out (the parcels' bytes are bytesIn and bytesOut). */
  readonly interchangeBytesIn: number;
  readonly interchangeBytesOut: number;
  /** Transaction sets (ST/SE) of the interchanges in and out. */
  readonly transactionsIn: number;
  readonly transactionsOut: number;
}

/** A half-open interval of time, [start, end). */
export interface Period {
  readonly start: Date;
  readonly end: Date;
}

/**
 * The report IDs the sandbox knows: those of rest-api/reports/list-reports.md's example. monthly-report.md and
 * report-by-date.md require "a valid report ID from the report list"; the counts do not depend on it.
 */
export const REPORT_IDS: ReadonlySet<number> = new Set([1, 2]);

/** The longest range of periods one report answers (the docs give no limit; this keeps an answer bounded). */
export const MAX_PERIODS = 1000;

export function requireReport(reportId: number): void {
  if (!REPORT_IDS.has(reportId)) throw invalidParameter(`report ${reportId} is not a report ID of the report list`);
}

/**
 * The mailboxes a report covers: the caller's own mailbox for a mailbox-level user, every mailbox in its view
 * otherwise, narrowed to a network and a mailbox when given (the Ex forms; 0: the session's scope).
 */
export function reportMailboxes(svc: SandboxService, caller: Caller, scope: { readonly networkId?: number; readonly mailboxId?: number } = {}): MailboxRecord[] {
  if (given(scope.networkId)) network(svc, caller, scope.networkId);
  if (given(scope.mailboxId)) return [mailbox(svc, caller, scope.mailboxId)].filter((m) => !given(scope.networkId) || m.networkId === scope.networkId);
  const own = scopeOf(caller.user);
  return mailboxes(svc, caller, given(scope.networkId) ? { networkId: scope.networkId } : {}).filter(
    (m) => own.kind !== 'mailbox' || m.mailboxId === own.mailboxId,
  );
}

const within = (iso: string, period: Period): boolean => {
  const t = Date.parse(iso);
  return t >= period.start.getTime() && t < period.end.getTime();
};

/** The traffic of a set of mailboxes within a period; with an ECGrid ID, only what that ID sent or received. */
export function traffic(svc: SandboxService, mailboxIds: ReadonlySet<number>, period: Period, ecgridId = 0): Traffic {
  const ofId = (r: { readonly fromEcgridId: number; readonly toEcgridId: number }): boolean =>
    !given(ecgridId) || r.fromEcgridId === ecgridId || r.toEcgridId === ecgridId;
  const parcels = [...svc.state.parcels.values()].filter((p) => within(p.created, period) && ofId(p));
  const sent = parcels.filter((p) => mailboxIds.has(p.fromMailboxId));
  const received = parcels.filter((p) => mailboxIds.has(p.toMailboxId) && delivered(p));
  const interchanges = [...svc.state.interchanges.values()].filter((ic) => within(ic.created, period) && ofId(ic));
  const arrived = (parcelId: number): boolean => {
    const parcel = svc.state.parcels.get(parcelId);
    return parcel === undefined || delivered(parcel);
  };
  const out = interchanges.filter((ic) => mailboxIds.has(ic.fromMailboxId));
  const into = interchanges.filter((ic) => mailboxIds.has(ic.toMailboxId) && arrived(ic.parcelId));
  const total = <T>(items: readonly T[], of: (item: T) => number): number => items.reduce((n, item) => n + of(item), 0);
  return {
    parcelsIn: received.length,
    parcelsOut: sent.length,
    interchangesIn: into.length,
    interchangesOut: out.length,
    bytesIn: total(received, (p) => p.bytes),
    bytesOut: total(sent, (p) => p.bytes),
    interchangeBytesIn: total(into, (ic) => ic.bytes),
    interchangeBytesOut: total(out, (ic) => ic.bytes),
    transactionsIn: total(into, (ic) => ic.transactionCount),
    transactionsOut: total(out, (ic) => ic.transactionCount),
  };
}

export const ALL_TIME: Period = { start: new Date(-8.64e15), end: new Date(8.64e15) };

/** The latest time any of these mailboxes sent or received something, if ever. */
export function lastActivity(svc: SandboxService, mailboxIds: ReadonlySet<number>): string | undefined {
  let last: string | undefined;
  for (const p of svc.state.parcels.values()) {
    if ((mailboxIds.has(p.fromMailboxId) || mailboxIds.has(p.toMailboxId)) && (last === undefined || p.modified > last)) last = p.modified;
  }
  return last;
}

/** Active interconnects with one of the mailboxes' IDs on either side (rest-api/reports/mailbox-stats.md `activePartners`). */
export function activePartners(svc: SandboxService, mailboxIds: ReadonlySet<number>): number {
  const mine = (ecgridId: number) => mailboxIds.has(svc.state.tradingPartners.get(ecgridId)?.mailboxId ?? 0);
  return [...svc.state.interconnects.values()].filter((ic) => ic.restStatus === 'Active' && (mine(ic.ecgridId1) || mine(ic.ecgridId2))).length;
}

// ---- periods (UTC) --------------------------------------------------------------------------------------------------

const DAY = 86_400_000;

const startOfDay = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const startOfMonth = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const addMonths = (d: Date, n: number): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));

/** The start of the period of this granularity that contains `d`; weeks start on Monday (ISO 8601). */
function startOf(d: Date, period: EnumTypes['StatisticsPeriod']): Date {
  switch (period) {
    case 'Hour':
      return new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
    case 'Day':
      return startOfDay(d);
    case 'Week':
      return new Date(startOfDay(d).getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
    case 'Month':
      return startOfMonth(d);
  }
}

function next(start: Date, period: EnumTypes['StatisticsPeriod'], n: number): Date {
  switch (period) {
    case 'Hour':
      return new Date(start.getTime() + n * 3_600_000);
    case 'Day':
      return new Date(start.getTime() + n * DAY);
    case 'Week':
      return new Date(start.getTime() + n * 7 * DAY);
    case 'Month':
      return addMonths(start, n);
  }
}

function requireCount(count: number, name: string): void {
  if (!Number.isInteger(count) || count < 1) throw invalidParameter(`${name} must be a positive integer`);
  if (count > MAX_PERIODS) throw invalidParameter(`${name} must be at most ${MAX_PERIODS} in the sandbox`);
}

/**
 * `count` whole periods, oldest first, the last of them the one that contains `target` (traffic-stats.md: "going
 * back from targetTime"; report-traffic-stats.md: "rows are ordered from oldest to newest period").
 */
export function periodsBefore(target: Date, count: number, period: EnumTypes['StatisticsPeriod']): Period[] {
  requireCount(count, 'NumPeriods');
  const last = startOf(target, period);
  return Array.from({ length: count }, (_, i) => {
    const start = next(last, period, i - count + 1);
    return { start, end: next(start, period, 1) };
  });
}

/** The calendar days from the one containing `start` to the one containing `end` (both inclusive). */
export function daysBetween(start: Date, end: Date): Period[] {
  if (end.getTime() < start.getTime()) throw invalidParameter('the end of the range must not be before its start');
  const first = startOfDay(start);
  const count = Math.floor((startOfDay(end).getTime() - first.getTime()) / DAY) + 1;
  requireCount(count, 'the number of days in the range');
  return Array.from({ length: count }, (_, i) => ({ start: new Date(first.getTime() + i * DAY), end: new Date(first.getTime() + (i + 1) * DAY) }));
}

/** The month containing `d`. */
export const monthOf = (d: Date): Period => ({ start: startOfMonth(d), end: addMonths(startOfMonth(d), 1) });

/**
 * The weeks of a month (monthly-report.md: "week number within the month"): days 1–7 are week 1, 8–14 week 2, and
 * so on, the last week ending with the month. The docs do not define the weeks; this is the sandbox's choice.
 */
export function weeksOf(month: Period): Period[] {
  const weeks: Period[] = [];
  for (let start = month.start; start < month.end; start = new Date(start.getTime() + 7 * DAY)) {
    const end = new Date(Math.min(start.getTime() + 7 * DAY, month.end.getTime()));
    weeks.push({ start, end });
  }
  return weeks;
}

/** A window of the last `minutes` minutes up to now (instant-stats.md). */
export function lastMinutes(svc: SandboxService, minutes: number, name: string): Period {
  if (!Number.isInteger(minutes) || minutes < 1) throw invalidParameter(`${name} must be a positive integer`);
  const now = Date.parse(svc.nowIso());
  return { start: new Date(now - minutes * 60_000), end: new Date(now + 1) };
}
