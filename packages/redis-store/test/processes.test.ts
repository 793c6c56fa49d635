import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { REDIS_SERVER, type TestRedis, redisTitle, startTestRedis } from '../src/testing.js';
import type { WorkerConfig } from './support/protocol.js';
import { type BurstResult, type Worker, startWorkers } from './support/workers.js';

const PROCESSES = 4;
const CALLS = 250;
const ENCRYPTION_KEY = randomBytes(32).toString('base64');

const sum = (results: BurstResult[]) => ({
  ok: results.reduce((n, r) => n + r.ok, 0),
  // Each distinct failure once, with how often it happened: readable when a run goes wrong.
  failures: [...countBy(results.flatMap((r) => r.failures))].map(([failure, n]) => `${n} × ${failure}`),
});
function countBy(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Several real processes, each with its own Redis client and facade, against one sandbox and one redis-server.
// Logins, refreshes and refused credentials are counted by the sandbox, which sees every request.
describe.skipIf(!REDIS_SERVER)(redisTitle('one session for many processes, on Redis'), () => {
  let redis: TestRedis;
  let sandbox: RunningSandbox;
  let workers: Worker[] = [];
  let run = 0;

  const config = (overrides: Partial<WorkerConfig> = {}): WorkerConfig => ({
    redisUrl: redis.url,
    encryptionKey: ENCRYPTION_KEY,
    prefix: `run${++run}:`,
    whenUnavailable: 'fail',
    leaseMs: 2_000,
    backend: 'soap',
    soapUrl: sandbox.soapUrl,
    restUrl: sandbox.restUrl,
    loginName: sandbox.credentials.loginName,
    password: sandbox.credentials.password,
    refreshWindowMs: 0,
    ...overrides,
  });
  const activity = () => sandbox.admin.authActivity();
  const burstAll = async (calls = CALLS) => sum(await Promise.all(workers.map((w) => w.burst(calls))));

  beforeAll(async () => {
    redis = await startTestRedis();
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(async () => {
    await sandbox?.close();
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.close()));
    workers = [];
    sandbox.admin.clearFaults();
    await redis.start();
  });

  it(`${PROCESSES} processes × ${CALLS} concurrent calls across a SOAP session expiry: exactly one Login`, async () => {
    workers = await startWorkers(PROCESSES, config());
    const start = activity();
    const first = await burstAll();
    expect(first).toEqual({ ok: PROCESSES * CALLS, failures: [] });
    expect(activity().soapLogins - start.soapLogins).toBe(1);

    expect(sandbox.admin.expireSessions()).toBe(1);
    const beforeExpiry = activity();
    const second = await burstAll();
    expect(second).toEqual({ ok: PROCESSES * CALLS, failures: [] });
    expect(activity().soapLogins - beforeExpiry.soapLogins).toBe(1);
    // The expired session was refused and marked once, by whichever process saw it first.
    const metrics = await Promise.all(workers.map((w) => w.metrics()));
    expect(metrics.reduce((n, m) => n + m.invalidations, 0)).toBe(1);
    expect(metrics.reduce((n, m) => n + m.renewals, 0)).toBe(2);
  });

  it(`${PROCESSES} processes × ${CALLS} concurrent calls across a JWT expiry: one refresh, none refused, no extra login`, async () => {
    // The login's token lives 10 s and is renewed 6 s before it expires; the refreshed one lives an hour.
    const tokenTtlMs = 10_000;
    const refreshWindowMs = 6_000;
    sandbox.admin.setTokenTtl(tokenTtlMs);
    try {
      workers = await startWorkers(PROCESSES, config({ backend: 'rest', refreshWindowMs }));
      const start = activity();
      const loginAt = Date.now();
      expect(await workers[0]!.burst(1)).toEqual({ ok: 1, failures: [] });
      sandbox.admin.setTokenTtl(60 * 60_000);
      expect(await burstAll()).toEqual({ ok: PROCESSES * CALLS, failures: [] });

      // Every process is now past the point where the token must be renewed, and before its expiry.
      await sleep(Math.max(0, loginAt + tokenTtlMs - refreshWindowMs + 500 - Date.now()));
      const inWindow = activity();
      expect(await burstAll()).toEqual({ ok: PROCESSES * CALLS, failures: [] });
      const after = activity();
      expect(after.refreshes - start.refreshes).toBe(1);
      expect(after.refusedRefreshes - start.refusedRefreshes).toBe(0);
      // One login and one refresh issued every token there is: no process logged in again.
      expect(after.tokensIssued - start.tokensIssued).toBe(2);
      expect(after.refusedTokens - inWindow.refusedTokens).toBe(0);
    } finally {
      sandbox.admin.setTokenTtl(60 * 60_000);
    }
  });

  it('the process holding the lease is killed during Login: another takes over after the lease and no call fails', async () => {
    const leaseMs = 1_500;
    workers = await startWorkers(PROCESSES, config({ leaseMs }));
    const [holder, ...others] = workers as [Worker, ...Worker[]];
    // The first Login hangs long enough for its process to die with the lease.
    sandbox.admin.injectFault({ kind: 'latency', ms: 20_000, protocol: 'soap', operation: 'Login', count: 1 });
    const raw = new Redis(redis.url);
    try {
      const start = activity();
      const doomed = holder.burst(CALLS).catch(() => undefined);
      await until(async () => (await raw.keys(`run${run}:lease:*`)).length === 1);
      const survivors = Promise.all(others.map((w) => w.burst(CALLS)));
      await sleep(200);
      await holder.kill();
      void doomed;
      const result = sum(await survivors);
      expect(result).toEqual({ ok: (PROCESSES - 1) * CALLS, failures: [] });
      const metrics = await Promise.all(others.map((w) => w.metrics()));
      // Exactly one survivor logged in, after the lease lapsed; the others waited for it.
      expect(metrics.reduce((n, m) => n + m.renewals, 0)).toBe(1);
      expect(metrics.filter((m) => m.waits > 0).length).toBeGreaterThanOrEqual(PROCESSES - 2);
      expect(activity().soapLogins - start.soapLogins).toBe(1);
      expect(activity().refusedSessions - start.refusedSessions).toBe(0);
    } finally {
      raw.disconnect();
    }
  });

  it('Redis restarted mid-run: no call goes out with a wrong credential, and the local fallback is visible', async () => {
    workers = await startWorkers(PROCESSES, config({ whenUnavailable: 'local' }));
    const start = activity();
    expect(await burstAll(50)).toEqual({ ok: PROCESSES * 50, failures: [] });
    expect(activity().soapLogins - start.soapLogins).toBe(1);

    // Redis dies while calls are under way, and stays down for the next batch.
    const beforeStop = activity();
    const during = burstAll();
    await redis.stop();
    expect(await during).toEqual({ ok: PROCESSES * CALLS, failures: [] });
    await until(async () => workers.every((w) => w.events.some((e) => e.type === 'unavailable')));
    expect(await burstAll()).toEqual({ ok: PROCESSES * CALLS, failures: [] });
    // Each process logged in on its own and said so.
    expect(activity().soapLogins - beforeStop.soapLogins).toBeGreaterThanOrEqual(PROCESSES);
    for (const w of workers) {
      expect(w.events.map((e) => e.type), w.name).toEqual(expect.arrayContaining(['unavailable', 'fallback']));
      expect((await w.metrics()).fallbacks, w.name).toBeGreaterThanOrEqual(1);
    }

    // Redis is back, empty: the processes leave their own sessions and share one again.
    await redis.start();
    await until(async () => workers.every((w) => w.events.some((e) => e.type === 'recovered')));
    const back = activity();
    expect(await burstAll()).toEqual({ ok: PROCESSES * CALLS, failures: [] });
    expect(activity().soapLogins - back.soapLogins).toBe(1);
    // The sandbox refused nothing from start to end: no call carried a session that was not live.
    expect(activity().refusedSessions - start.refusedSessions).toBe(0);
  });

  it('Redis down with policy "fail": calls fail with a typed error and the service sees no credential', async () => {
    workers = await startWorkers(1, config({ whenUnavailable: 'fail' }));
    const [worker] = workers as [Worker];
    expect(await worker.burst(5)).toEqual({ ok: 5, failures: [] });
    await redis.stop();
    await until(async () => worker.events.some((e) => e.type === 'unavailable'));
    const before = activity();
    const down = await worker.burst(5);
    expect(down.ok).toBe(0);
    expect(down.failures).toHaveLength(5);
    for (const failure of down.failures) expect(failure).toMatch(/^Transport\/CredentialStoreUnavailable: The credential store cannot be reached/);
    expect(activity()).toEqual(before);
  });
});

/** Polls a condition that depends on another process (bounded: fails after 10 s). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await condition()) return;
    await sleep(50);
  }
  expect(await condition()).toBe(true);
}
