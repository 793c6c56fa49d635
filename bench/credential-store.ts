// Per-call overhead of the Redis credential store against the in-memory store, measured in one run:
//  1. reading a cached credential (what every call does first), and
//  2. whole facade calls (WhoAmI over SOAP against the sandbox), with the session in one store or the other,
// plus the Redis round trips the measured calls made (a cached credential must cost none). Needs redis-server; it
// says so and exits 0 without it. Prints the numbers, the goal and PASS/MISS; it never fails on time.
// Run: pnpm exec tsx bench/credential-store.ts
import { randomBytes } from 'node:crypto';
import { type CredentialStore, MemoryCredentialStore, SharedCredential } from '../packages/core/src/index.js';
import { createEcgridFacade } from '../packages/facade/src/index.js';
import { RedisCredentialStore } from '../packages/redis-store/src/index.js';
import { REDIS_SERVER, startTestRedis } from '../packages/redis-store/src/testing.js';
import { startSandbox } from '../packages/sandbox/src/index.js';

/** What a cached read may cost on top of the in-memory store, and the Redis round trips a call may make: none. */
const GOAL_EXTRA_READ_US = 1;
const ROUNDS = 7;
const READS_PER_BATCH = 20_000;
const CALLS_PER_BATCH = 100;
const BATCHES_PER_ROUND = 6;

const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function time(task: () => Promise<unknown>, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) await task();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Alternating batches of both sides, so that drift in machine load hits both alike; the median ratio per round. */
async function compare(memory: () => Promise<unknown>, redis: () => Promise<unknown>, perBatch: number) {
  const ratios: number[] = [];
  const memoryMs: number[] = [];
  const redisMs: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    let m = 0;
    let r = 0;
    for (let batch = 0; batch < BATCHES_PER_ROUND; batch += 1) {
      if (batch % 2 === 0) {
        m += await time(memory, perBatch);
        r += await time(redis, perBatch);
      } else {
        r += await time(redis, perBatch);
        m += await time(memory, perBatch);
      }
    }
    memoryMs.push(m);
    redisMs.push(r);
    ratios.push(r / m);
  }
  const perCallUs = (ms: number) => (ms * 1000) / (perBatch * BATCHES_PER_ROUND);
  return { ratio: median(ratios), ratios, memoryUs: perCallUs(median(memoryMs)), redisUs: perCallUs(median(redisMs)) };
}

async function main(): Promise<void> {
  if (!REDIS_SERVER) {
    console.log('Credential store overhead: skipped (redis-server is not installed; Debian: apt-get install redis-server)');
    return;
  }
  const server = await startTestRedis();
  const sandbox = await startSandbox({ port: 0 });
  const redisStore = new RedisCredentialStore({ url: server.url, encryptionKey: randomBytes(32), prefix: 'bench:' });
  try {
    await redisStore.ready();

    // 1. The credential read alone.
    const slot = (store: CredentialStore) =>
      new SharedCredential<string>({ store, key: 'soap-session:bench', ttlMs: 60_000, acquire: async () => ({ value: 'session-id', expiresAtMs: undefined }) });
    const inMemory = slot(new MemoryCredentialStore());
    const onRedis = slot(redisStore);
    await inMemory.get();
    await onRedis.get();
    const reads = await compare(() => inMemory.get(), () => onRedis.get(), READS_PER_BATCH);

    // 2. Whole calls.
    const facade = (credentialStore: CredentialStore) =>
      createEcgridFacade({
        backend: 'soap',
        credentials: { loginName: sandbox.credentials.loginName, password: sandbox.credentials.password },
        credentialStore,
        soap: { endpoint: sandbox.soapUrl },
        env: {},
      });
    const memoryFacade = facade(new MemoryCredentialStore());
    const redisFacade = facade(redisStore);
    for (let i = 0; i < 200; i += 1) {
      await memoryFacade.WhoAmI();
      await redisFacade.WhoAmI();
    }
    const tripsBefore = redisStore.metrics().roundTrips;
    const calls = await compare(() => memoryFacade.WhoAmI(), () => redisFacade.WhoAmI(), CALLS_PER_BATCH);
    const trips = redisStore.metrics().roundTrips - tripsBefore;
    const measuredCalls = ROUNDS * BATCHES_PER_ROUND * CALLS_PER_BATCH;
    await memoryFacade.close();
    await redisFacade.close();

    const us = (value: number) => `${value.toFixed(2)} µs/call`;
    const extraUs = reads.redisUs - reads.memoryUs;
    console.log(`Credential store overhead (${ROUNDS} rounds, alternating batches; Redis on loopback)`);
    console.log(`  cached credential read: memory ${us(reads.memoryUs)}, Redis ${us(reads.redisUs)}, median ratio ${reads.ratio.toFixed(3)}×`);
    console.log(`  facade WhoAmI over SOAP (sandbox): memory ${us(calls.memoryUs)}, Redis ${us(calls.redisUs)}, median ratio ${calls.ratio.toFixed(3)}×`);
    console.log(`    (ratios per round: ${calls.ratios.map((r) => r.toFixed(3)).join(', ')}; the call itself dominates, so this ratio is mostly noise)`);
    console.log(`  Redis round trips during ${measuredCalls} measured calls: ${trips}`);
    const pass = trips === 0 && extraUs < GOAL_EXTRA_READ_US;
    console.log(
      `  per call, Redis adds ${extraUs.toFixed(3)} µs and ${trips / measuredCalls} round trips (goal < ${GOAL_EXTRA_READ_US} µs and none): ${pass ? 'PASS' : 'MISS'}`,
    );
  } finally {
    await redisStore.close();
    await sandbox.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
