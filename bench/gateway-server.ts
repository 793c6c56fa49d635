// The gateway as a SOAP server against node-soap's server, both answering the same canned values (a mailbox record
// and an inbox of 20 parcels), each in its own process, driven by the same closed-loop load of raw SOAP 1.1 posts.
// The gateway's answer goes through its whole path: the strict request reader, the session lookup, the facade (its
// backend answers the canned value), metrics, the log call and the response writer.
//
// Two figures per operation: the calls/s the load generator observed, and each server's CPU time per call (from
// /proc), whose ratio is the servers' throughput ratio when the server is the bottleneck. On a 2-core machine the
// load generator shares the CPU and often limits the observed rate, so the goal (≥ 2× node-soap) is judged on CPU
// per call. A bare Node HTTP server answering prepared envelopes shows the floor every Node server pays (HTTP parsing
// and socket writes), which bounds the ratio any Node SOAP server can reach. Ratios come from this one run: rounds alternate between the servers, the median is reported with PASS
// or MISS; never fails on time. Run: pnpm exec tsx bench/gateway-server.ts
import { CANNED_OPERATIONS, cannedRequest } from './support/canned-soap.js';
import { closedLoop, cpuSeconds, keepAlive, median, soapPoster, startSoapServerProcess } from './support/soap-load.js';

const GOAL = 2;
const CONCURRENCY = 16;
const CALLS_PER_ROUND = 3_000;
const ROUNDS = 5;
// Not a gateway SessionID: the gateway treats it as an API key, which the canned backend accepts.
const SESSION = '0f3b6c1e-7a52-4d0b-9e6a-5c1f2d3e4a01';

const gateway = await startSoapServerProcess('gateway-canned');
const nodeSoap = await startSoapServerProcess('node-soap');
const floor = await startSoapServerProcess('http-floor');
try {
  console.log(`gateway vs node-soap as SOAP servers, canned answers, ${CONCURRENCY} concurrent clients, ${ROUNDS} rounds of ${CALLS_PER_ROUND} calls`);
  for (const operation of CANNED_OPERATIONS) {
    const body = cannedRequest(operation, SESSION);
    const action = `https://os.ecgrid.io/${operation}`;
    const servers = [
      { name: 'gateway', pid: gateway.pid, call: soapPoster(gateway.url, action, body, keepAlive(CONCURRENCY)) },
      { name: 'node-soap', pid: nodeSoap.pid, call: soapPoster(nodeSoap.url, action, body, keepAlive(CONCURRENCY)) },
      { name: 'http-floor', pid: floor.pid, call: soapPoster(floor.url, action, body, keepAlive(CONCURRENCY)) },
    ];
    for (const s of servers) {
      const warm = await closedLoop(s.call, CONCURRENCY, 1_000);
      if (warm.errors > 0) throw new Error(`${s.name} answered ${warm.errors} of 1000 ${operation} calls with an error`);
    }
    const rates = new Map(servers.map((s) => [s.name, [] as number[]]));
    const cpuPerCall = new Map(servers.map((s) => [s.name, [] as number[]]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 === 0 ? servers : [...servers].reverse()) {
        // (the order alternates, so that drift in machine load falls on every server alike)
        const before = cpuSeconds(s.pid);
        const result = await closedLoop(s.call, CONCURRENCY, CALLS_PER_ROUND);
        const after = cpuSeconds(s.pid);
        rates.get(s.name)!.push(result.callsPerSecond);
        if (before !== undefined && after !== undefined) cpuPerCall.get(s.name)!.push(((after - before) * 1e6) / CALLS_PER_ROUND);
      }
    }
    const gwRate = rates.get('gateway')!;
    const nsRate = rates.get('node-soap')!;
    const observed = gwRate.map((g, i) => g / nsRate[i]!);
    console.log(`  ${operation.padEnd(12)} observed: gateway ${median(gwRate).toFixed(0).padStart(6)} calls/s, node-soap ${median(nsRate).toFixed(0).padStart(6)} calls/s  (ratio ${median(observed).toFixed(2)}×, rounds ${observed.map((r) => r.toFixed(2)).join(' ')})`);
    const gwCpu = cpuPerCall.get('gateway')!;
    const nsCpu = cpuPerCall.get('node-soap')!;
    if (gwCpu.length === 0) {
      const ratio = median(observed);
      console.log(`  ${`${operation}: gateway / node-soap calls/s (no /proc: observed)`.padEnd(60)} ${ratio.toFixed(2)}×  goal ≥ ${GOAL}×  ${ratio >= GOAL ? 'PASS' : 'MISS'}`);
      continue;
    }
    const capacity = nsCpu.map((n, i) => n / gwCpu[i]!);
    const ratio = median(capacity);
    const floorCpu = median(cpuPerCall.get('http-floor')!);
    console.log(`  ${operation.padEnd(12)} server CPU per call: gateway ${median(gwCpu).toFixed(0).padStart(5)} µs, node-soap ${median(nsCpu).toFixed(0).padStart(5)} µs, bare Node HTTP server answering a prepared envelope ${floorCpu.toFixed(0)} µs`);
    console.log(`  ${''.padEnd(12)} above that floor: gateway ${(median(gwCpu) - floorCpu).toFixed(0)} µs, node-soap ${(median(nsCpu) - floorCpu).toFixed(0)} µs (informative)`);
    console.log(`  ${`${operation}: gateway / node-soap server throughput (CPU per call)`.padEnd(60)} ${ratio.toFixed(2)}×  goal ≥ ${GOAL}×  ${ratio >= GOAL ? 'PASS' : 'MISS'}   rounds: ${capacity.map((r) => r.toFixed(2)).join(' ')}`);
  }
} finally {
  await gateway.close();
  await nodeSoap.close();
  await floor.close();
}
