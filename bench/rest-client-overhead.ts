// Overhead of the REST client (API-key auth, envelope unwrapping, URL checks, deadline) against a bare axios call of
// the same request, over loopback against a trivial node:http server. Prints the numbers, the goal and PASS/MISS;
// it never fails on time. Run: pnpm exec tsx bench/rest-client-overhead.ts
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiKeyAuth, createRestClient } from '../packages/rest/src/index.js';

/** The part of axios used here; axios is a dependency of the rest package, so it is resolved from there. */
interface BareAxios {
  get<T>(url: string, config: { headers: Record<string, string> }): Promise<{ data: T }>;
}
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const axios = createRequire(join(ROOT, 'packages/rest/package.json'))('axios') as { create(config: { baseURL: string }): BareAxios };

const GOAL_RATIO = 1.15;
const ROUNDS = 7;
const BATCHES_PER_ROUND = 10;
const CALLS_PER_BATCH = 200;
const CALLS_PER_ROUND = BATCHES_PER_ROUND * CALLS_PER_BATCH;
const WARMUP_CALLS = 1_000;
const API_KEY = 'bench-api-key-0123456789';
const BODY = Buffer.from(JSON.stringify({ success: true, data: { version: '2.6' }, errorCode: null, message: null }));

async function main(): Promise<void> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': BODY.length });
    res.end(BODY);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const bare = axios.create({ baseURL: baseUrl });
  const bareCall = async (): Promise<unknown> => {
    const response = await bare.get<{ data: unknown }>('/v2/auth/version', { headers: { 'X-API-Key': API_KEY } });
    return response.data.data;
  };
  const client = createRestClient({ baseUrl, auth: apiKeyAuth({ apiKey: API_KEY }) });
  const clientCall = (): Promise<unknown> => client.api.auth.version();

  for (const call of [bareCall, clientCall]) {
    const value = await call();
    if (JSON.stringify(value) !== '{"version":"2.6"}') throw new Error(`unexpected answer ${JSON.stringify(value)}`);
  }

  const time = async (call: () => Promise<unknown>, n: number): Promise<number> => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) await call();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  await time(bareCall, WARMUP_CALLS);
  await time(clientCall, WARMUP_CALLS);

  const ratios: number[] = [];
  const bareTimes: number[] = [];
  const clientTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Short alternating batches, so that drift in machine load hits both sides alike.
    let bareMs = 0;
    let clientMs = 0;
    for (let batch = 0; batch < BATCHES_PER_ROUND; batch += 1) {
      if (batch % 2 === 0) {
        bareMs += await time(bareCall, CALLS_PER_BATCH);
        clientMs += await time(clientCall, CALLS_PER_BATCH);
      } else {
        clientMs += await time(clientCall, CALLS_PER_BATCH);
        bareMs += await time(bareCall, CALLS_PER_BATCH);
      }
    }
    bareTimes.push(bareMs);
    clientTimes.push(clientMs);
    ratios.push(clientMs / bareMs);
  }
  server.close();
  server.closeAllConnections();

  const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  const perCall = (ms: number): string => `${((ms * 1000) / CALLS_PER_ROUND).toFixed(1)} µs/call`;
  const ratio = median(ratios);
  console.log(`REST client overhead (${ROUNDS} rounds × ${CALLS_PER_ROUND} sequential calls per side, loopback)`);
  console.log(`  bare axios:   median ${perCall(median(bareTimes))}`);
  console.log(`  rest client:  median ${perCall(median(clientTimes))}`);
  console.log(`  ratios per round: ${ratios.map((r) => r.toFixed(3)).join(', ')}`);
  console.log(`  median ratio ${ratio.toFixed(3)}× (goal ≤ ${GOAL_RATIO}×): ${ratio <= GOAL_RATIO ? 'PASS' : 'MISS'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
