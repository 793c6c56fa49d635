import { describe, expect, it } from 'vitest';
import { type MismatchRecord, type OperationSummary, createEcgridFacade, renderParityReport } from '@ecgrid-bridge/facade';
import { startGateway } from '@ecgrid-bridge/gateway';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';

/**
 * Parity through the gateway is the library's parity: the same calls, on two identical sandboxes, once through
 * `createEcgridFacade({ backend: 'parity' })` and once by a SOAP client through a gateway in parity mode, produce the
 * same records and the same HTML report.
 */

const CALLS: Array<{ operation: string; params: Record<string, string | number> }> = [
  { operation: 'WhoAmI', params: {} },
  { operation: 'MailboxInfo', params: { MailboxID: 5001 } },
  { operation: 'MailboxInfo', params: { MailboxID: 987654 } },
  { operation: 'NetworkInfo', params: { NetworkID: 1002 } },
  { operation: 'ParcelInBox', params: {} },
  { operation: 'TPList', params: { ShowInactive: 'true' } },
  { operation: 'ParcelDownload', params: { ParcelID: 987650002 } },
  { operation: 'ParcelDownloadConfirm', params: { ParcelID: 987650002 } },
  { operation: 'SessionLog', params: { MaxRecords: 5 } },
];

const asValue = (v: string | number): unknown => (v === 'true' ? true : v);

async function soapCall(url: string, op: string, params: Record<string, string | number>): Promise<void> {
  const inner = Object.entries(params).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: `"https://os.ecgrid.io/${op}"` },
    body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${op} xmlns="https://os.ecgrid.io/">${inner}</${op}></soap:Body></soap:Envelope>`,
  }).then((r) => r.text());
}

/** A record without what differs from run to run: its id, time, durations, and the login time in values. */
function stable(record: MismatchRecord): unknown {
  return JSON.parse(
    JSON.stringify({ ...record, id: '', at: '', callId: '' }, (key, value: unknown) => (key === 'durationMs' ? 0 : key === 'LastLogin' ? '' : value)),
  ) as unknown;
}

const stableSummary = (summary: OperationSummary[]) =>
  summary.map((s) => ({ ...s, sides: Object.fromEntries(Object.entries(s.sides).map(([k, v]) => [k, { ...v, p50Ms: 0, p95Ms: 0 }])) }));

async function withSandbox<T>(run: (sb: RunningSandbox) => Promise<T>): Promise<T> {
  const sb = await startSandbox({ port: 0 });
  try {
    return await run(sb);
  } finally {
    await sb.close();
  }
}

describe('parity through the gateway', () => {
  it('produces the same records and report as the library', async () => {
    const library = await withSandbox(async (sb) => {
      const records: MismatchRecord[] = [];
      const facade = createEcgridFacade({
        backend: 'parity',
        credentials: { loginName: sb.credentials.loginName, password: sb.credentials.password },
        soap: { endpoint: sb.soapUrl },
        rest: { baseUrl: sb.restUrl },
        parity: { waitForCandidate: true, publishMatches: true, publish: (r) => void records.push(r) },
        env: {},
      });
      try {
        await facade.Login();
        for (const call of CALLS) {
          const params = Object.fromEntries(Object.entries(call.params).map(([k, v]) => [k, asValue(v)]));
          await facade.invoke(call.operation as never, params as never).catch(() => undefined);
        }
        await facade.parityIdle();
        return { records, summary: facade.paritySummary() };
      } finally {
        await facade.close();
      }
    });

    const viaGateway = await withSandbox(async (sb) => {
      const gw = await startGateway({
        logger: { level: 'silent' },
        processMetrics: false,
        env: {},
        facade: { backend: 'parity', parity: { waitForCandidate: true }, soap: { endpoint: sb.soapUrl }, rest: { baseUrl: sb.restUrl } },
      });
      try {
        const login = await (await fetch(gw.url, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '"https://os.ecgrid.io/Login"' },
          body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Login xmlns="https://os.ecgrid.io/"><LoginName>${sb.credentials.loginName}</LoginName><Password>${sb.credentials.password}</Password></Login></soap:Body></soap:Envelope>`,
        })).text();
        const sid = /<LoginResult>([^<]+)<\/LoginResult>/.exec(login)![1]!;
        for (const call of CALLS) await soapCall(gw.url, call.operation, { SessionID: sid, ...call.params });
        await gw.parityIdle();
        return { records: gw.parityRecords(), summary: gw.paritySummary() };
      } finally {
        await gw.close();
      }
    });

    expect(library.records.length).toBe(CALLS.length);
    expect(new Set(library.records.map((r) => r.outcome))).toEqual(new Set(['match', 'both-error', 'write-not-doubled', 'soap-only']));
    expect(viaGateway.records.map(stable)).toEqual(library.records.map(stable));
    expect(stableSummary(viaGateway.summary)).toEqual(stableSummary(library.summary));

    const report = (run: typeof library) =>
      renderParityReport({
        title: 'parity',
        generatedAt: new Date(0),
        summary: stableSummary(run.summary),
        records: run.records.map((r) => ({ ...r, id: '', at: '', control: { ...r.control, durationMs: 0 }, ...(r.candidate ? { candidate: { ...r.candidate, durationMs: 0 } } : {}) })),
      }).replace(/LastLogin[^<]*/g, '');
    expect(report(viaGateway)).toBe(report(library));
  });
});
