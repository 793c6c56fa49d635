import { read, soapOnly, variant } from './builders.js';
import { UnsupportedOnRest } from './entry.js';
import { dataSet } from './results.js';

/**
 * Reports: rest-api/reports/*.md. The WSDL answers an untyped .NET DataSet; REST answers JSON rows (or one object),
 * each made one `Table` row with the REST field names as columns (`dataSet`, lossy as a whole). The soap-api pages
 * describe other columns (ParcelsIn, InterchangesOut, BytesIn, …) that REST does not give, so code that reads the
 * SOAP columns by name must be checked.
 */

const iso = (d: Date): string => new Date(d).toISOString();

/**
 * The REST reports have no network or mailbox parameter: mailbox-stats.md and mailbox-interchange-stats.md report
 * "the mailbox associated with the authenticated session", and the others take only their period. An Ex form's
 * 0 (the session's own scope) is what REST reports; another value makes the call unavailable on REST.
 */
function sessionScope(p: { readonly NetworkID: number; readonly MailboxID: number; readonly ECGridID?: number }, page: string): void {
  for (const [name, value] of [['NetworkID', p.NetworkID], ['MailboxID', p.MailboxID], ['ECGridID', p.ECGridID]] as const) {
    if (value !== undefined && value !== 0) {
      throw new UnsupportedOnRest(`the REST report covers the session's own scope and cannot be run for a ${name} (${page} has no such field)`);
    }
  }
}

const scopeUnsupported = (page: string, ...names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, `a value other than 0 makes the call unavailable on REST: ${page} reports the session's own scope and has no ${n} field`]));

const SCOPE_ASSUMED = "an Ex form's 0 asks for the session's own network and mailbox, which is what the REST report covers.";

const MONTHLY = 'rest-api/reports/monthly-report.md';

/** monthly-report.md: `report` is the report's ID and only the year and month of `month` count. */
export const ReportMonthly = read('ReportMonthly', {
  endpoint: 'reports.monthly',
  request: (p) => ({ body: { report: p.Report, month: iso(p.Month) } }),
  result: dataSet(),
});

export const ReportMonthlyEx = variant(ReportMonthly, 'ReportMonthlyEx', {
  params: (p) => (sessionScope(p, MONTHLY), { Report: p.Report, Month: p.Month }),
  result: (r) => r,
  unsupported: scopeUnsupported(MONTHLY, 'NetworkID', 'MailboxID'),
  assumes: SCOPE_ASSUMED,
});

const BY_DATE = 'rest-api/reports/report-by-date.md';

/** report-by-date.md takes the report as `reportId` (where monthly-report.md has `report`). */
export const ReportByDateEx = read('ReportByDateEx', {
  endpoint: 'reports.byDate',
  request: (p) => {
    sessionScope(p, BY_DATE);
    return { body: { reportId: p.Report, startDate: iso(p.StartDate), endDate: iso(p.EndDate) } };
  },
  result: dataSet(),
  unsupported: scopeUnsupported(BY_DATE, 'NetworkID', 'MailboxID'),
  assumes: SCOPE_ASSUMED,
});

const TRAFFIC = 'rest-api/reports/traffic-stats.md';

/** traffic-stats.md's `period` takes the WSDL's StatisticsPeriod values (Hour, Day, Week, Month). */
export const ReportTrafficStats = read('ReportTrafficStats', {
  endpoint: 'reports.trafficStats',
  request: (p) => ({ body: { targetTime: iso(p.TargetTime), numPeriods: p.NumPeriods, period: p.Period } }),
  result: dataSet(),
});

export const ReportTrafficStatsEx = variant(ReportTrafficStats, 'ReportTrafficStatsEx', {
  params: (p) => (sessionScope(p, TRAFFIC), { TargetTime: p.TargetTime, NumPeriods: p.NumPeriods, Period: p.Period }),
  result: (r) => r,
  unsupported: scopeUnsupported(TRAFFIC, 'NetworkID', 'MailboxID'),
  assumes: SCOPE_ASSUMED,
});

export const ReportTrafficStatsPublic = soapOnly(
  'ReportTrafficStatsPublic',
  'read',
  'no documented REST equivalent (and no soap-api page): the WSDL call is public (it takes no SessionID, ' +
    'DISCREPANCIES.md 29) and has no parameters, while the closest REST report, rest-api/reports/traffic-stats.md, ' +
    "requires authentication and a targetTime, numPeriods and period the call does not give, and reports the caller's " +
    'own traffic rather than public statistics',
);

const INSTANT = 'rest-api/reports/instant-stats.md';

/** instant-stats.md answers one object (window1Minutes, window1Count, …): a one-row DataSet. */
export const ReportInstantStats = read('ReportInstantStats', {
  endpoint: 'reports.instantStats',
  request: (p) => ({ body: { minutes1: p.Minutes1, minutes2: p.Minutes2 } }),
  result: dataSet(),
});

export const ReportInstantStatsEx = variant(ReportInstantStats, 'ReportInstantStatsEx', {
  params: (p) => (sessionScope(p, INSTANT), { Minutes1: p.Minutes1, Minutes2: p.Minutes2 }),
  result: (r) => r,
  unsupported: scopeUnsupported(INSTANT, 'NetworkID', 'MailboxID', 'ECGridID'),
  assumes: SCOPE_ASSUMED,
});

const MAILBOX_STATS = 'rest-api/reports/mailbox-stats.md';

/** mailbox-stats.md is a GET without parameters ("the mailbox associated with the authenticated session"). */
export const ReportMailboxStats = read('ReportMailboxStats', {
  endpoint: 'reports.mailboxStats',
  result: dataSet(),
});

export const ReportMailboxStatsEx = variant(ReportMailboxStats, 'ReportMailboxStatsEx', {
  params: (p) => (sessionScope(p, MAILBOX_STATS), {}),
  result: (r) => r,
  unsupported: scopeUnsupported(MAILBOX_STATS, 'NetworkID', 'MailboxID'),
  assumes: SCOPE_ASSUMED,
});

const MAILBOX_INTERCHANGE_STATS = 'rest-api/reports/mailbox-interchange-stats.md';

/** mailbox-interchange-stats.md is a GET without parameters, for the session's mailbox. */
export const ReportMailboxInterchangeStats = read('ReportMailboxInterchangeStats', {
  endpoint: 'reports.mailboxInterchangeStats',
  result: dataSet(),
});

export const ReportMailboxInterchangeStatsEx = variant(ReportMailboxInterchangeStats, 'ReportMailboxInterchangeStatsEx', {
  params: (p) => (sessionScope(p, MAILBOX_INTERCHANGE_STATS), {}),
  result: (r) => r,
  unsupported: scopeUnsupported(MAILBOX_INTERCHANGE_STATS, 'NetworkID', 'MailboxID'),
  assumes: SCOPE_ASSUMED,
});

const INTERCHANGE_STATS = 'rest-api/reports/interchange-stats.md';

/** interchange-stats.md's `direction` takes the WSDL's Direction values (NoDir, OutBox, InBox). */
export const ReportInterchangeStats = read('ReportInterchangeStats', {
  endpoint: 'reports.interchangeStats',
  request: (p) => ({ body: { startTime: iso(p.StartTime), endTime: iso(p.EndTime), direction: p.Direction } }),
  result: dataSet(),
});

export const ReportInterchangeStatsEx = variant(ReportInterchangeStats, 'ReportInterchangeStatsEx', {
  params: (p) => (sessionScope(p, INTERCHANGE_STATS), { StartTime: p.StartTime, EndTime: p.EndTime, Direction: p.Direction }),
  result: (r) => r,
  unsupported: scopeUnsupported(INTERCHANGE_STATS, 'NetworkID', 'MailboxID'),
  assumes: SCOPE_ASSUMED,
});

/**
 * The catalogue names mailbox-stats.md, which soap-api/networks/network-status-summary.md itself calls only "a
 * partial equivalent for per-mailbox statistics".
 */
export const NetworkStatusSummary = soapOnly(
  'NetworkStatusSummary',
  'read',
  'soap-api/networks/network-status-summary.md summarizes a network (MailboxCount, ActiveMailboxCount, ' +
    'PendingParcelCount, …) and calls rest-api/reports/mailbox-stats.md only "a partial equivalent for per-mailbox ' +
    'statistics" (to be combined with instant-stats.md); mailbox-stats.md reports the one mailbox of the session ' +
    '(totalParcels, totalInterchanges, …) and has no ShowInactive, so it answers a different report',
);
