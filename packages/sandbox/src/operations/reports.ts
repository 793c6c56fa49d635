import { enumValues } from '@ecgrid-bridge/soap';
import type { EnumTypes } from '@ecgrid-bridge/soap';
import { reqDate, reqEnum, reqInt } from '../rest/input.js';
import type { Caller } from '../service/auth.js';
import { networks } from '../service/directory.js';
import {
  type Period,
  type Traffic,
  ALL_TIME,
  activePartners,
  daysBetween,
  lastActivity,
  lastMinutes,
  monthOf,
  periodsBefore,
  reportMailboxes,
  requireReport,
  traffic,
  weeksOf,
} from '../service/reports.js';
import type { SandboxService } from '../service/service.js';
import { type DataSetColumn, type DataSetRow, writeDataSet } from '@ecgrid-bridge/soap';
import type { OperationGroup, RestCall, SoapCallWith } from './table.js';

/**
 * Reports: soap-api/reports/*.md (DataSet columns) and rest-api/reports/*.md (JSON fields), both counted from the
 * same store by service/reports.ts. The Ex forms narrow to a network and a mailbox (0: the session's scope); REST
 * reports the session's own scope only.
 */

const PERIODS = enumValues('StatisticsPeriod');
const DIRECTIONS = enumValues('Direction');

/** The Ex forms' scope; the plain forms carry only the SessionID. */
type ScopeParams = { readonly SessionID?: string; readonly NetworkID?: number; readonly MailboxID?: number };

const idsOf = (svc: SandboxService, caller: Caller, scope: ScopeParams = {}): Set<number> =>
  new Set(reportMailboxes(svc, caller, { networkId: scope.NetworkID ?? 0, mailboxId: scope.MailboxID ?? 0 }).map((m) => m.mailboxId));

const soapIds = (call: SoapCallWith<ScopeParams>) => idsOf(call.service, call.caller(), call.params);
const restIds = (call: RestCall) => idsOf(call.service, call.caller());

/** An instant as the REST reports write it: UTC to the second. */
const restTime = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
/** The inclusive end of a period, as both APIs show it (`…T23:59:59`). */
const lastSecond = (p: Period): Date => new Date(p.end.getTime() - 1000);

const COUNTS: readonly DataSetColumn[] = [
  { name: 'ParcelsIn', type: 'int' },
  { name: 'ParcelsOut', type: 'int' },
  { name: 'InterchangesIn', type: 'int' },
  { name: 'InterchangesOut', type: 'int' },
  { name: 'BytesIn', type: 'long' },
  { name: 'BytesOut', type: 'long' },
];

const counts = (t: Traffic): DataSetRow => ({
  ParcelsIn: t.parcelsIn,
  ParcelsOut: t.parcelsOut,
  InterchangesIn: t.interchangesIn,
  InterchangesOut: t.interchangesOut,
  BytesIn: t.bytesIn,
  BytesOut: t.bytesOut,
});

/** REST's sent/received/totalBytes (monthly-report.md, report-by-date.md): parcels, as service/reports.ts says. */
const sentReceived = (t: Traffic) => ({ sent: t.parcelsOut, received: t.parcelsIn, totalBytes: t.bytesIn + t.bytesOut });

// ---- ReportMonthly: soap-api/reports/report-monthly.md, rest-api/reports/monthly-report.md -------------------------

const MONTHLY_COLUMNS: readonly DataSetColumn[] = [
  { name: 'ReportDate', type: 'dateTime' },
  { name: 'MailboxID', type: 'int' },
  { name: 'MailboxName', type: 'string' },
  ...COUNTS,
];

/** One row per mailbox in scope, for the month of `Month` (only its year and month count). */
function monthlySoap(call: SoapCallWith<ScopeParams & { readonly Report: number; readonly Month: Date }>) {
  requireReport(call.params.Report);
  const month = monthOf(call.params.Month);
  const rows = [...soapIds(call)].map((mailboxId) => ({
    ReportDate: month.start,
    MailboxID: mailboxId,
    MailboxName: call.service.state.mailboxes.get(mailboxId)?.name ?? '',
    ...counts(traffic(call.service, new Set([mailboxId]), month)),
  }));
  return writeDataSet(MONTHLY_COLUMNS, rows);
}

const monthlyRest = (call: RestCall) => {
  requireReport(reqInt(call.body, 'report'));
  const ids = restIds(call);
  return weeksOf(monthOf(reqDate(call.body, 'month'))).map((week, i) => ({ week: i + 1, ...sentReceived(traffic(call.service, ids, week)) }));
};

export const ReportMonthly = { soap: monthlySoap, rest: { 'reports.monthly': monthlyRest } } satisfies OperationGroup['ReportMonthly'];
export const ReportMonthlyEx = { soap: monthlySoap, rest: { 'reports.monthly': monthlyRest } } satisfies OperationGroup['ReportMonthlyEx'];

// ---- ReportByDateEx: no soap-api page; rest-api/reports/report-by-date.md -------------------------------------------

/** The docs give no columns for ReportByDateEx: the sandbox answers ReportMonthly's counts, one row per day. */
const BY_DATE_COLUMNS: readonly DataSetColumn[] = [{ name: 'ReportDate', type: 'dateTime' }, ...COUNTS];

export const ReportByDateEx = {
  soap: (call) => {
    requireReport(call.params.Report);
    const ids = soapIds(call);
    const rows = daysBetween(call.params.StartDate, call.params.EndDate).map((day) => ({ ReportDate: day.start, ...counts(traffic(call.service, ids, day)) }));
    return writeDataSet(BY_DATE_COLUMNS, rows);
  },
  rest: {
    'reports.byDate': (call) => {
      requireReport(reqInt(call.body, 'reportId'));
      const ids = restIds(call);
      return daysBetween(reqDate(call.body, 'startDate'), reqDate(call.body, 'endDate')).map((day) => ({
        date: day.start.toISOString().slice(0, 10),
        ...sentReceived(traffic(call.service, ids, day)),
      }));
    },
  },
} satisfies OperationGroup['ReportByDateEx'];

// ---- ReportTrafficStats: soap-api/reports/report-traffic-stats.md, rest-api/reports/traffic-stats.md ----------------

const TRAFFIC_COLUMNS: readonly DataSetColumn[] = [{ name: 'PeriodStart', type: 'dateTime' }, { name: 'PeriodEnd', type: 'dateTime' }, ...COUNTS];

function trafficSoap(call: SoapCallWith<ScopeParams & { readonly TargetTime: Date; readonly NumPeriods: number; readonly Period: EnumTypes['StatisticsPeriod'] }>) {
  const ids = soapIds(call);
  const rows = periodsBefore(call.params.TargetTime, call.params.NumPeriods, call.params.Period).map((p) => ({
    PeriodStart: p.start,
    PeriodEnd: lastSecond(p),
    ...counts(traffic(call.service, ids, p)),
  }));
  return writeDataSet(TRAFFIC_COLUMNS, rows);
}

const trafficRest = (call: RestCall) => {
  const ids = restIds(call);
  const periods = periodsBefore(reqDate(call.body, 'targetTime'), reqInt(call.body, 'numPeriods'), reqEnum(call.body, 'period', PERIODS, 'StatisticsPeriod'));
  return periods.map((p) => {
    const t = traffic(call.service, ids, p);
    return { periodStart: restTime(p.start), periodEnd: restTime(lastSecond(p)), sentCount: t.parcelsOut, receivedCount: t.parcelsIn, totalBytes: t.bytesIn + t.bytesOut };
  });
};

export const ReportTrafficStats = { soap: trafficSoap, rest: { 'reports.trafficStats': trafficRest } } satisfies OperationGroup['ReportTrafficStats'];
export const ReportTrafficStatsEx = { soap: trafficSoap, rest: { 'reports.trafficStats': trafficRest } } satisfies OperationGroup['ReportTrafficStatsEx'];

// ---- ReportInstantStats: soap-api/reports/report-instant-stats.md, rest-api/reports/instant-stats.md ----------------

const INSTANT_COLUMNS: readonly DataSetColumn[] = [1, 2].flatMap((n) =>
  ['ParcelsIn', 'ParcelsOut', 'InterchangesIn', 'InterchangesOut'].map((name): DataSetColumn => ({ name: `${name}${n}`, type: 'int' })),
);

function instantSoap(call: SoapCallWith<ScopeParams & { readonly ECGridID?: number; readonly Minutes1: number; readonly Minutes2: number }>) {
  const ids = soapIds(call);
  const windows = [lastMinutes(call.service, call.params.Minutes1, 'Minutes1'), lastMinutes(call.service, call.params.Minutes2, 'Minutes2')];
  const row: Record<string, number> = {};
  windows.forEach((window, i) => {
    const t = traffic(call.service, ids, window, call.params.ECGridID ?? 0);
    Object.assign(row, { [`ParcelsIn${i + 1}`]: t.parcelsIn, [`ParcelsOut${i + 1}`]: t.parcelsOut, [`InterchangesIn${i + 1}`]: t.interchangesIn, [`InterchangesOut${i + 1}`]: t.interchangesOut });
  });
  return writeDataSet(INSTANT_COLUMNS, [row]);
}

/** instant-stats.md: "number of parcels processed" in each window, sent and received. */
const instantRest = (call: RestCall) => {
  const ids = restIds(call);
  const window = (name: string) => {
    const minutes = reqInt(call.body, name);
    const t = traffic(call.service, ids, lastMinutes(call.service, minutes, name));
    return [minutes, t.parcelsIn + t.parcelsOut] as const;
  };
  const [window1Minutes, window1Count] = window('minutes1');
  const [window2Minutes, window2Count] = window('minutes2');
  return { window1Minutes, window1Count, window2Minutes, window2Count };
};

export const ReportInstantStats = { soap: instantSoap, rest: { 'reports.instantStats': instantRest } } satisfies OperationGroup['ReportInstantStats'];
export const ReportInstantStatsEx = { soap: instantSoap, rest: { 'reports.instantStats': instantRest } } satisfies OperationGroup['ReportInstantStatsEx'];

// ---- ReportMailboxStats: soap-api/reports/report-mailbox-stats.md, rest-api/reports/mailbox-stats.md ----------------

const MAILBOX_COLUMNS: readonly DataSetColumn[] = [
  { name: 'MailboxID', type: 'int' },
  { name: 'MailboxName', type: 'string' },
  ...COUNTS.slice(0, 4),
  { name: 'LastActivity', type: 'dateTime' },
];

/** One row per mailbox in scope; LastActivity is left out (DBNull) for a mailbox that never had traffic. */
function mailboxSoap(call: SoapCallWith<ScopeParams>) {
  const rows = [...soapIds(call)].map((mailboxId) => {
    const one = new Set([mailboxId]);
    const last = lastActivity(call.service, one);
    return {
      MailboxID: mailboxId,
      MailboxName: call.service.state.mailboxes.get(mailboxId)?.name ?? '',
      ...counts(traffic(call.service, one, ALL_TIME)),
      ...(last === undefined ? {} : { LastActivity: new Date(last) }),
    };
  });
  return writeDataSet(MAILBOX_COLUMNS, rows);
}

/**
 * mailbox-stats.md reports "the mailbox associated with the authenticated session"; for a user above mailbox level
 * (no mailbox of its own) the sandbox reports every mailbox in its view as one, with mailboxId 0.
 */
const mailboxRest = (call: RestCall) => {
  const ids = restIds(call);
  const t = traffic(call.service, ids, ALL_TIME);
  return {
    mailboxId: call.caller().user.mailboxId,
    totalParcels: t.parcelsIn + t.parcelsOut,
    totalInterchanges: t.interchangesIn + t.interchangesOut,
    totalBytes: t.bytesIn + t.bytesOut,
    activePartners: activePartners(call.service, ids),
    reportGeneratedAt: restTime(new Date(call.service.nowIso())),
  };
};

export const ReportMailboxStats = { soap: mailboxSoap, rest: { 'reports.mailboxStats': mailboxRest } } satisfies OperationGroup['ReportMailboxStats'];
export const ReportMailboxStatsEx = { soap: mailboxSoap, rest: { 'reports.mailboxStats': mailboxRest } } satisfies OperationGroup['ReportMailboxStatsEx'];

// ---- ReportMailboxInterchangeStats: no soap-api page; rest-api/reports/mailbox-interchange-stats.md -----------------

/** The docs give no columns: the sandbox answers the interchanges of the current month (UTC), a row per mailbox. */
const MAILBOX_INTERCHANGE_COLUMNS: readonly DataSetColumn[] = [
  { name: 'MailboxID', type: 'int' },
  { name: 'MailboxName', type: 'string' },
  { name: 'Period', type: 'string' },
  { name: 'InterchangesIn', type: 'int' },
  { name: 'InterchangesOut', type: 'int' },
  { name: 'BytesIn', type: 'long' },
  { name: 'BytesOut', type: 'long' },
];

const currentMonth = (svc: SandboxService) => {
  const now = new Date(svc.nowIso());
  return { period: monthOf(now), label: now.toISOString().slice(0, 7) };
};

function mailboxInterchangeSoap(call: SoapCallWith<ScopeParams>) {
  const { period, label } = currentMonth(call.service);
  const rows = [...soapIds(call)].map((mailboxId) => {
    const t = traffic(call.service, new Set([mailboxId]), period);
    return {
      MailboxID: mailboxId,
      MailboxName: call.service.state.mailboxes.get(mailboxId)?.name ?? '',
      Period: label,
      InterchangesIn: t.interchangesIn,
      InterchangesOut: t.interchangesOut,
      BytesIn: t.interchangeBytesIn,
      BytesOut: t.interchangeBytesOut,
    };
  });
  return writeDataSet(MAILBOX_INTERCHANGE_COLUMNS, rows);
}

/** mailbox-interchange-stats.md's `period` ("2026-04"): the sandbox reports the current month. */
const mailboxInterchangeRest = (call: RestCall) => {
  const { period, label } = currentMonth(call.service);
  const t = traffic(call.service, restIds(call), period);
  return { sent: t.interchangesOut, received: t.interchangesIn, totalBytes: t.interchangeBytesIn + t.interchangeBytesOut, period: label };
};

export const ReportMailboxInterchangeStats = {
  soap: mailboxInterchangeSoap,
  rest: { 'reports.mailboxInterchangeStats': mailboxInterchangeRest },
} satisfies OperationGroup['ReportMailboxInterchangeStats'];
export const ReportMailboxInterchangeStatsEx = {
  soap: mailboxInterchangeSoap,
  rest: { 'reports.mailboxInterchangeStats': mailboxInterchangeRest },
} satisfies OperationGroup['ReportMailboxInterchangeStatsEx'];

// ---- ReportInterchangeStats: soap-api/reports/report-interchange-stats.md, rest-api/reports/interchange-stats.md ----

const INTERCHANGE_COLUMNS: readonly DataSetColumn[] = [
  { name: 'InterchangeDate', type: 'dateTime' },
  { name: 'Direction', type: 'string' },
  { name: 'Count', type: 'int' },
  { name: 'ISAs', type: 'int' },
  { name: 'GSSTs', type: 'int' },
];

/** NoDir: both directions (a row each on SOAP, as the page's example shows; one sum on REST). */
const directionsOf = (d: EnumTypes['Direction']): ('InBox' | 'OutBox')[] => (d === 'NoDir' ? ['InBox', 'OutBox'] : [d]);

function interchangeSoap(call: SoapCallWith<ScopeParams & { readonly StartTime: Date; readonly EndTime: Date; readonly Direction: EnumTypes['Direction'] }>) {
  const ids = soapIds(call);
  const rows = daysBetween(call.params.StartTime, call.params.EndTime).flatMap((day) => {
    const t = traffic(call.service, ids, day);
    return directionsOf(call.params.Direction).map((direction) => {
      const count = direction === 'InBox' ? t.interchangesIn : t.interchangesOut;
      return { InterchangeDate: day.start, Direction: direction, Count: count, ISAs: count, GSSTs: direction === 'InBox' ? t.transactionsIn : t.transactionsOut };
    });
  });
  return writeDataSet(INTERCHANGE_COLUMNS, rows);
}

const interchangeRest = (call: RestCall) => {
  const ids = restIds(call);
  const direction = reqEnum(call.body, 'direction', DIRECTIONS, 'Direction');
  const days = daysBetween(reqDate(call.body, 'startTime'), reqDate(call.body, 'endTime'));
  return days.map((day) => {
    const t = traffic(call.service, ids, day);
    const inbound = direction !== 'OutBox';
    const outbound = direction !== 'InBox';
    return {
      periodStart: restTime(day.start),
      periodEnd: restTime(lastSecond(day)),
      count: (inbound ? t.interchangesIn : 0) + (outbound ? t.interchangesOut : 0),
      totalBytes: (inbound ? t.interchangeBytesIn : 0) + (outbound ? t.interchangeBytesOut : 0),
      direction,
    };
  });
};

export const ReportInterchangeStats = { soap: interchangeSoap, rest: { 'reports.interchangeStats': interchangeRest } } satisfies OperationGroup['ReportInterchangeStats'];
export const ReportInterchangeStatsEx = { soap: interchangeSoap, rest: { 'reports.interchangeStats': interchangeRest } } satisfies OperationGroup['ReportInterchangeStatsEx'];

// ---- SOAP-only: NetworkStatusSummary, ReportTrafficStatsPublic ----------------------------------------------------

const SUMMARY_COLUMNS: readonly DataSetColumn[] = [
  { name: 'NetworkID', type: 'int' },
  { name: 'MailboxCount', type: 'int' },
  { name: 'ActiveMailboxCount', type: 'int' },
  { name: 'InterchangeInCount', type: 'int' },
  { name: 'InterchangeOutCount', type: 'int' },
  { name: 'PendingParcelCount', type: 'int' },
  { name: 'LastActivity', type: 'dateTime' },
];

/**
 * soap-api/networks/network-status-summary.md's columns, a row per network in view (the WSDL takes ShowInactive,
 * not the page's NetworkID: inactive networks only when asked). Interchange counts cover all time; pending parcels
 * are those waiting in an inbox (InBoxReady).
 */
export const NetworkStatusSummary = {
  soap: (call) => {
    const caller = call.caller();
    const nets = networks(call.service, caller).filter((n) => call.params.ShowInactive || n.status === 'Active');
    const rows = nets.map((n) => {
      const boxes = reportMailboxes(call.service, caller, { networkId: n.networkId });
      const ids = new Set(boxes.map((m) => m.mailboxId));
      const t = traffic(call.service, ids, ALL_TIME);
      const pending = [...call.service.state.parcels.values()].filter((p) => ids.has(p.toMailboxId) && p.status === 'InBoxReady' && p.undelivered === undefined).length;
      const last = lastActivity(call.service, ids);
      return {
        NetworkID: n.networkId,
        MailboxCount: boxes.length,
        ActiveMailboxCount: boxes.filter((m) => m.status === 'Active').length,
        InterchangeInCount: t.interchangesIn,
        InterchangeOutCount: t.interchangesOut,
        PendingParcelCount: pending,
        ...(last === undefined ? {} : { LastActivity: new Date(last) }),
      };
    });
    return writeDataSet(SUMMARY_COLUMNS, rows);
  },
} satisfies OperationGroup['NetworkStatusSummary'];

const PUBLIC_COLUMNS: readonly DataSetColumn[] = [
  { name: 'PeriodStart', type: 'dateTime' },
  { name: 'PeriodEnd', type: 'dateTime' },
  { name: 'Parcels', type: 'int' },
  { name: 'Interchanges', type: 'int' },
  { name: 'Bytes', type: 'long' },
];

/** The days a public traffic report covers, ending today (UTC). */
const PUBLIC_DAYS = 7;

/**
 * ReportTrafficStatsPublic takes no SessionID (the WSDL) and has no page: the sandbox answers the whole exchange's
 * traffic of the last seven days, a row per day, counting each parcel and interchange once and no mailbox by name.
 */
export const ReportTrafficStatsPublic = {
  soap: (call) => {
    const all = new Set(call.service.state.mailboxes.keys());
    const rows = periodsBefore(new Date(call.service.nowIso()), PUBLIC_DAYS, 'Day').map((p) => {
      const t = traffic(call.service, all, p);
      return { PeriodStart: p.start, PeriodEnd: lastSecond(p), Parcels: t.parcelsOut, Interchanges: t.interchangesOut, Bytes: t.bytesOut };
    });
    return writeDataSet(PUBLIC_COLUMNS, rows);
  },
} satisfies OperationGroup['ReportTrafficStatsPublic'];
