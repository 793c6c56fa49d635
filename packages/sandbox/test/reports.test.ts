import { readFileSync } from 'node:fs';
import { ManualClock } from '@ecgrid-bridge/core';
import * as soapLib from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH, type RunningSandbox, type SandboxSeed, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo } from './support/clients.js';

/** Reports (soap-api/reports/*.md as DataSets, rest-api/reports/*.md as JSON) counted from one store. */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);
const clock = new ManualClock(Date.parse('2025-01-12T18:00:00Z'));
const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SandboxSeed;
const ROOT_KEY = seed.users.find((u) => u.userId === 2001)?.apiKey ?? '';

/** The rows of a DataSet result: the `Table` elements of its diffgram. */
function rows(result: unknown): XmlNode[] {
  const table = (((result as XmlNode)['diffgram'] as XmlNode | undefined)?.['NewDataSet'] as XmlNode | undefined)?.['Table'];
  return table === undefined ? [] : ((Array.isArray(table) ? table : [table]) as XmlNode[]);
}
const n = (row: XmlNode | undefined, column: string): number => Number(row?.[column]);
const data = <T>(answer: { json?: { data: unknown } | undefined }): T => answer.json?.data as T;

beforeAll(async () => {
  sb = await startSandbox({ clock });
});
afterAll(() => sb.close());

describe('reports', () => {
  it('answers a .NET DataSet on SOAP: an inline schema of the columns, then the rows in a diffgram', async () => {
    const answer = await soap('ReportMailboxStats', {});
    expect(answer.text).toContain('<xs:schema id="NewDataSet"');
    expect(answer.text).toContain('<xs:element name="ParcelsIn" type="xs:int" minOccurs="0"/>');
    expect(answer.text).toMatch(/<diffgr:diffgram [^>]*><NewDataSet xmlns=""><Table diffgr:id="Table1" msdata:rowOrder="0"><MailboxID>5001<\/MailboxID>/);
  });

  it('a third-party SOAP client (node-soap) reads the DataSet from the service description, as it reads one from ASMX', async () => {
    const client = await soapLib.createClientAsync(sb.wsdlUrl);
    const report: unknown = Reflect.get(client, 'ReportMailboxStatsAsync');
    if (typeof report !== 'function') throw new Error('node-soap made no ReportMailboxStatsAsync');
    const [answer] = (await report.call(client, { SessionID: sb.credentials.apiKey })) as [{ ReportMailboxStatsResult: { diffgram: { NewDataSet: { Table: XmlNode } } } }];
    const row = answer.ReportMailboxStatsResult.diffgram.NewDataSet.Table;
    const own = rows((await soap('ReportMailboxStats', {})).result)[0];
    expect(row).toMatchObject({ MailboxID: '5001', ParcelsIn: own?.['ParcelsIn'], InterchangesOut: own?.['InterchangesOut'] });
  });

  it('ReportTrafficStats counts the same parcels per period on SOAP and on REST, oldest period first', async () => {
    const soapRows = rows((await soap('ReportTrafficStats', { TargetTime: '2025-01-12T06:00:00', NumPeriods: 8, Period: 'Day' })).result);
    const restRows = data<{ periodStart: string; periodEnd: string; sentCount: number; receivedCount: number; totalBytes: number }[]>(
      await rest('POST', '/v2/reports/traffic-stats', { targetTime: '2025-01-12T06:00:00Z', numPeriods: 8, period: 'Day' }),
    );
    expect(restRows.map((r) => r.periodStart)).toEqual(Array.from({ length: 8 }, (_, i) => `2025-01-${String(5 + i).padStart(2, '0')}T00:00:00Z`));
    expect(restRows[7]?.periodEnd).toBe('2025-01-12T23:59:59Z');
    expect(soapRows.map((r) => r['PeriodStart'])).toEqual(restRows.map((r) => r.periodStart.slice(0, 19)));
    soapRows.forEach((row, i) => {
      expect(n(row, 'ParcelsIn')).toBe(restRows[i]?.receivedCount);
      expect(n(row, 'ParcelsOut')).toBe(restRows[i]?.sentCount);
      expect(n(row, 'BytesIn') + n(row, 'BytesOut')).toBe(restRows[i]?.totalBytes);
    });
    expect(restRows.reduce((sum, r) => sum + r.sentCount + r.receivedCount, 0)).toBeGreaterThan(3);
  });

  it('ReportMailboxStats gives a mailbox user its own mailbox and a root user every mailbox; REST sums the same', async () => {
    const own = rows((await soap('ReportMailboxStats', {})).result);
    expect(own.map((r) => r['MailboxID'])).toEqual(['5001']);
    const stats = data<{ mailboxId: number; totalParcels: number; totalInterchanges: number; activePartners: number; reportGeneratedAt: string }>(
      await rest('GET', '/v2/reports/mailbox-stats'),
    );
    expect(stats).toMatchObject({ mailboxId: 5001, reportGeneratedAt: '2025-01-12T18:00:00Z' });
    expect(stats.totalParcels).toBe(n(own[0], 'ParcelsIn') + n(own[0], 'ParcelsOut'));
    expect(stats.totalInterchanges).toBe(n(own[0], 'InterchangesIn') + n(own[0], 'InterchangesOut'));
    expect(stats.activePartners).toBeGreaterThan(0);
    const all = rows((await soap('ReportMailboxStats', {}, ROOT_KEY)).result);
    expect(all.map((r) => r['MailboxID'])).toEqual([...new Set(seed.mailboxes.map((m) => String(m.mailboxId)))].sort());
    const narrowed = rows((await soap('ReportMailboxStatsEx', { NetworkID: 1002, MailboxID: 0 }, ROOT_KEY)).result);
    expect(narrowed.map((r) => r['MailboxID'])).toEqual(['5003', '5004']);
    expect((await soap('ReportMailboxStatsEx', { NetworkID: 0, MailboxID: 5003 })).fault).toBeDefined();
  });

  it('ReportInterchangeStats: NoDir is a row per direction and day on SOAP and one sum per day on REST', async () => {
    const range = { StartTime: '2025-01-06T00:00:00', EndTime: '2025-01-10T23:59:59' };
    const soapRows = rows((await soap('ReportInterchangeStats', { ...range, Direction: 'NoDir' })).result);
    expect(soapRows).toHaveLength(10);
    expect(soapRows.slice(0, 2).map((r) => r['Direction'])).toEqual(['InBox', 'OutBox']);
    const restRows = data<{ count: number; direction: string }[]>(
      await rest('POST', '/v2/reports/interchange-stats', { startTime: '2025-01-06T00:00:00Z', endTime: '2025-01-10T23:59:59Z', direction: 'NoDir' }),
    );
    expect(restRows).toHaveLength(5);
    restRows.forEach((r, day) => expect(r.count).toBe(n(soapRows[2 * day], 'Count') + n(soapRows[2 * day + 1], 'Count')));
    expect(soapRows.every((r) => r['ISAs'] === r['Count'])).toBe(true);
    expect(restRows.reduce((sum, r) => sum + r.count, 0)).toBeGreaterThan(0);
  });

  it('ReportInstantStats counts what arrived in the last minutes, by the server clock', async () => {
    clock.set(Date.parse('2025-01-09T13:05:00Z'));
    try {
      const root = rows((await soap('ReportInstantStats', { Minutes1: 10, Minutes2: 60 * 24 * 3 }, ROOT_KEY)).result)[0];
      const windows = data<{ window1Minutes: number; window1Count: number; window2Count: number }>(
        await rest('POST', '/v2/reports/instant-stats', { minutes1: 10, minutes2: 60 * 24 * 3 }, ROOT_KEY),
      );
      expect(windows.window1Minutes).toBe(10);
      expect(windows.window1Count).toBe(n(root, 'ParcelsIn1') + n(root, 'ParcelsOut1'));
      expect(windows.window2Count).toBe(n(root, 'ParcelsIn2') + n(root, 'ParcelsOut2'));
      expect(windows.window1Count).toBeGreaterThan(0);
      expect(windows.window2Count).toBeGreaterThan(windows.window1Count);
    } finally {
      clock.set(Date.parse('2025-01-12T18:00:00Z'));
    }
  });

  it('ReportMonthly and report-by-date: weeks and days of the same traffic; an unknown report ID is refused', async () => {
    const weeks = data<{ week: number; sent: number; received: number }[]>(await rest('POST', '/v2/reports/monthly', { report: 1, month: '2025-01-20T00:00:00Z' }));
    expect(weeks.map((w) => w.week)).toEqual([1, 2, 3, 4, 5]);
    const days = data<{ date: string; sent: number; received: number }[]>(
      await rest('POST', '/v2/reports/bydate', { reportId: 1, startDate: '2025-01-01T00:00:00Z', endDate: '2025-01-31T00:00:00Z' }),
    );
    expect(days).toHaveLength(31);
    expect(days[0]?.date).toBe('2025-01-01');
    const total = (list: readonly { sent: number; received: number }[]) => list.reduce((s, r) => s + r.sent + r.received, 0);
    expect(total(weeks)).toBe(total(days));
    const month = rows((await soap('ReportMonthly', { Report: 1, Month: '2025-01-31T00:00:00' })).result)[0];
    expect(month?.['ReportDate']).toBe('2025-01-01T00:00:00');
    expect(n(month, 'ParcelsIn') + n(month, 'ParcelsOut')).toBe(total(weeks));
    expect((await rest('POST', '/v2/reports/monthly', { report: 99, month: '2025-01-01T00:00:00Z' })).json?.errorCode).toBe('InvalidParameter');
    expect((await soap('ReportMonthly', { Report: 99, Month: '2025-01-01T00:00:00' })).fault?.string).toMatch(/report 99/);
  });

  it('refuses a period of the wrong kind, a range that ends before it starts, and more periods than it answers', async () => {
    expect((await rest('POST', '/v2/reports/traffic-stats', { targetTime: '2025-01-12T00:00:00Z', numPeriods: 3, period: 'Fortnight' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/reports/traffic-stats', { targetTime: '2025-01-12T00:00:00Z', numPeriods: 0, period: 'Day' })).json?.errorCode).toBe('InvalidParameter');
    expect((await soap('ReportTrafficStats', { TargetTime: '2025-01-12T00:00:00', NumPeriods: 30000, Period: 'Hour' })).fault).toBeDefined();
    expect((await rest('POST', '/v2/reports/interchange-stats', { startTime: '2025-01-10T00:00:00Z', endTime: '2025-01-01T00:00:00Z', direction: 'InBox' })).json?.errorCode).toBe('InvalidParameter');
  });

  it('InterconnectCountEx counts by status on SOAP; POST /v2/partners/count answers the total, or of one Status', async () => {
    const byStatus = rows((await soap('InterconnectCountEx', { NetworkID: 0, MailboxID: 0, ECGridID: 100101, MaxDays: 0 })).result);
    const total = data<number>(await rest('POST', '/v2/partners/count', { ecGridId: 100101 }));
    expect(total).toBeGreaterThan(1);
    expect(byStatus.reduce((sum, r) => sum + n(r, 'Count'), 0)).toBe(total);
    const listed = data<{ status: string }[]>(await rest('POST', '/v2/partners/list', { ecGridId: 100101 }));
    const active = listed.filter((ic) => ic.status === 'Active').length;
    expect(data<number>(await rest('POST', '/v2/partners/count', { ecGridId: 100101, status: 'Active' }))).toBe(active);
    expect((await rest('POST', '/v2/partners/count', { ecGridId: 100101, status: 'Sideways' })).json?.errorCode).toBe('InvalidParameter');
    const mine = rows((await soap('InterconnectCount', { MaxDays: 0 })).result);
    expect(mine.reduce((sum, r) => sum + n(r, 'Count'), 0)).toBeGreaterThanOrEqual(total);
  });
});
