// The gateway in front of REST, against the REST client called directly, on the same sandbox (in its own process,
// as a real ECGrid runs elsewhere; the gateway in another). Two measurements of MailboxInfo:
//  1. throughput: SOAP calls/s through the gateway (SOAP in, REST behind, API key as the SessionID, hence X-API-Key)
//     against calls/s of the REST client (X-API-Key) in this process, 8 concurrent clients each;
//  2. added latency under 50 concurrent clients: p50 and p99 through the gateway minus p50 and p99 of the REST client.
// The issue sets no goal for either: both are reported as measured in this one run (informative), never failing on
// time. Run: pnpm exec tsx bench/gateway-rest.ts
import { apiKeyAuth, createRestClient } from '../packages/rest/src/index.js';
import { cannedRequest } from './support/canned-soap.js';
import { startSandboxProcess } from './support/sandbox-child.js';
import { closedLoop, keepAlive, median, percentile, soapPoster, startSoapServerProcess } from './support/soap-load.js';

const THROUGHPUT_CONCURRENCY = 8;
const LATENCY_CONCURRENCY = 50;
const CALLS = 2_000;
const ROUNDS = 5;

const sandbox = await startSandboxProcess();
const gateway = await startSoapServerProcess('gateway-rest', sandbox.restUrl);
try {
  const rest = createRestClient({ baseUrl: sandbox.restUrl, auth: apiKeyAuth({ apiKey: sandbox.apiKey }), retry: false });
  const restCall = async (): Promise<boolean> => {
    try {
      await rest.api.mailboxes.get(5001);
      return true;
    } catch {
      return false;
    }
  };
  const body = cannedRequest('MailboxInfo', sandbox.apiKey);
  const viaGateway = (concurrency: number) => soapPoster(gateway.url, 'https://os.ecgrid.io/MailboxInfo', body, keepAlive(concurrency));

  const check = await closedLoop(viaGateway(1), 1, 1);
  const direct = await closedLoop(restCall, 1, 1);
  if (check.errors > 0 || direct.errors > 0) throw new Error('MailboxInfo failed through the gateway or on REST');

  console.log(`MailboxInfo through the gateway (SOAP → REST) against the REST client directly, sandbox in its own process`);
  const sides = [
    { name: 'gateway', call: viaGateway(THROUGHPUT_CONCURRENCY) },
    { name: 'rest', call: restCall },
  ];
  for (const s of sides) await closedLoop(s.call, THROUGHPUT_CONCURRENCY, 500);
  const rates = new Map(sides.map((s) => [s.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of round % 2 === 0 ? sides : [...sides].reverse()) {
      const r = await closedLoop(s.call, THROUGHPUT_CONCURRENCY, CALLS);
      if (r.errors > 0) throw new Error(`${s.name}: ${r.errors} failed calls`);
      rates.get(s.name)!.push(r.callsPerSecond);
    }
  }
  const gw = rates.get('gateway')!;
  const rs = rates.get('rest')!;
  const ratios = gw.map((g, i) => g / rs[i]!);
  console.log(`  ${THROUGHPUT_CONCURRENCY} concurrent: gateway ${median(gw).toFixed(0)} SOAP calls/s, REST client ${median(rs).toFixed(0)} calls/s`);
  console.log(`  ${'gateway SOAP calls/s ÷ REST client calls/s'.padEnd(52)} ${median(ratios).toFixed(2)}×  (informative)  rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);

  const latency = { gateway: [] as number[], rest: [] as number[] };
  const gw50 = viaGateway(LATENCY_CONCURRENCY);
  for (let round = 0; round < 3; round++) {
    latency.gateway.push(...(await closedLoop(gw50, LATENCY_CONCURRENCY, CALLS)).latenciesMs);
    latency.rest.push(...(await closedLoop(restCall, LATENCY_CONCURRENCY, CALLS)).latenciesMs);
  }
  const p = (values: number[], q: number) => percentile(values, q);
  console.log(`  ${LATENCY_CONCURRENCY} concurrent clients: gateway p50 ${p(latency.gateway, 50).toFixed(1)} ms, p99 ${p(latency.gateway, 99).toFixed(1)} ms; REST client p50 ${p(latency.rest, 50).toFixed(1)} ms, p99 ${p(latency.rest, 99).toFixed(1)} ms`);
  console.log(`  ${'added latency under 50 concurrent clients'.padEnd(52)} p50 +${(p(latency.gateway, 50) - p(latency.rest, 50)).toFixed(1)} ms, p99 +${(p(latency.gateway, 99) - p(latency.rest, 99)).toFixed(1)} ms  (informative)`);
} finally {
  await gateway.close();
  await sandbox.close();
}
