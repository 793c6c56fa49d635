// Cost of the facade over loopback against the sandbox: (1) a REST read through the facade against the same request
// sent with the REST client directly, and (2) parity mode against single-backend calls. Every number is measured in
// this one run; it prints each ratio, its goal and PASS/MISS and never fails on time.
// Run: pnpm exec tsx bench/facade-overhead.ts
//
// The sandbox (startSandbox({ port: 0 })) runs in a child process, as a real ECGrid runs elsewhere: in this process its
// work for parity's second call would be charged to the caller, and its work for every call would make the ratios
// look closer to 1 than they are. A second sandbox adds latency to every call, standing in for a network round trip.
import { type EcgridFacade, type FacadeOptions, createEcgridFacade } from '../packages/facade/src/index.js';
import { apiKeyAuth, createRestClient } from '../packages/rest/src/index.js';
import { type SandboxProcess, startSandboxProcess } from './support/sandbox-child.js';

const GOAL = 1.1;
const MAILBOX_ID = 5001;
const PARAMS = { MailboxID: MAILBOX_ID };
const LATENCY_MS = 10;

interface Plan {
  rounds: number;
  batchesPerRound: number;
  callsPerBatch: number;
  warmupCalls: number;
}
const LOOPBACK: Plan = { rounds: 9, batchesPerRound: 20, callsPerBatch: 10, warmupCalls: 300 };
const WITH_LATENCY: Plan = { rounds: 5, batchesPerRound: 6, callsPerBatch: 4, warmupCalls: 20 };

interface Side {
  name: string;
  call: () => Promise<unknown>;
  /** Runs after each call, untimed: background parity work ends before the next call, so only what the caller waits for is timed. */
  settle?: () => Promise<void>;
  /** Runs after each batch, untimed, so that nothing left running reaches another side's timing. */
  drain?: () => Promise<void>;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeCalls(side: Side, n: number): Promise<number> {
  let total = 0;
  if (!side.settle) {
    const started = performance.now();
    for (let i = 0; i < n; i++) await side.call();
    total = performance.now() - started;
  } else {
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      await side.call();
      total += performance.now() - started;
      await side.settle();
    }
  }
  await side.drain?.();
  return total;
}

/**
 * Rounds of short batches, the order of the sides rotating from batch to batch, so that drift in machine load and
 * whatever one side leaves behind (garbage, sockets) fall on every side alike. Returns each side's milliseconds
 * per round.
 */
async function interleaved(sides: readonly Side[], plan: Plan): Promise<Map<string, number[]>> {
  for (const side of sides) await timeCalls(side, plan.warmupCalls);
  const totals = new Map(sides.map((s) => [s.name, [] as number[]]));
  for (let round = 0; round < plan.rounds; round++) {
    const ms = new Map(sides.map((s) => [s.name, 0]));
    for (let batch = 0; batch < plan.batchesPerRound; batch++) {
      for (let k = 0; k < sides.length; k++) {
        const side = sides[(batch + k) % sides.length]!;
        ms.set(side.name, ms.get(side.name)! + (await timeCalls(side, plan.callsPerBatch)));
      }
    }
    for (const [name, value] of ms) totals.get(name)!.push(value);
  }
  return totals;
}

/** Facades and a bare REST client on one sandbox, closed together. */
class Clients {
  private readonly open: EcgridFacade[] = [];
  constructor(private readonly sandbox: SandboxProcess) {}

  facade(options: FacadeOptions): EcgridFacade {
    const f = createEcgridFacade({
      credentials: { apiKey: this.sandbox.apiKey },
      soap: { endpoint: this.sandbox.soapUrl },
      rest: { baseUrl: this.sandbox.restUrl },
      env: {},
      ...options,
    });
    this.open.push(f);
    return f;
  }

  async close(): Promise<void> {
    await Promise.all(this.open.map((f) => f.close()));
  }
}

/** The same mailbox from every path, or the comparison means nothing. */
async function checkAnswers(sides: readonly Side[]): Promise<void> {
  for (const side of sides) {
    const got = (await side.call()) as Record<string, unknown> | undefined;
    const id = got?.['MailboxID'] ?? got?.['mailboxId'];
    if (id !== MAILBOX_ID) throw new Error(`${side.name} did not return mailbox ${MAILBOX_ID}: ${JSON.stringify(got)}`);
    await side.drain?.();
  }
}

function parityCounts(facades: readonly EcgridFacade[]): string {
  const summary = facades.flatMap((f) => f.paritySummary());
  const calls = summary.reduce((n, s) => n + s.calls, 0);
  const matches = summary.reduce((n, s) => n + s.matches, 0);
  return `${matches} of ${calls} parity comparisons matched`;
}

function report(label: string, ratios: readonly number[], goal = true): void {
  const m = median(ratios);
  const judged = goal ? `goal ≤ ${GOAL}×  ${m <= GOAL ? 'PASS' : 'MISS'}` : '(informative)';
  console.log(`  ${label.padEnd(62)} ${m.toFixed(3)}×  ${judged.padEnd(18)} rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
}

function printTimes(ms: Map<string, number[]>, plan: Plan): void {
  const callsPerRound = plan.batchesPerRound * plan.callsPerBatch;
  for (const [name, rounds] of ms) {
    console.log(`    ${name.padEnd(30)} ${((median(rounds) * 1000) / callsPerRound).toFixed(0).padStart(6)} µs/call`);
  }
}

async function onLoopback(sandbox: SandboxProcess): Promise<void> {
  const clients = new Clients(sandbox);
  try {
    const restClient = createRestClient({ baseUrl: sandbox.restUrl, auth: apiKeyAuth({ apiKey: sandbox.apiKey }) });
    const restOnly = clients.facade({ backend: 'rest' });
    const soapOnly = clients.facade({ backend: 'soap' });
    const parityWait = clients.facade({ backend: 'parity', parity: { waitForCandidate: true } });
    const parityDefault = clients.facade({ backend: 'parity' });
    const idle = () => parityDefault.parityIdle();
    const sides: Side[] = [
      { name: 'REST client', call: () => restClient.request({ method: 'GET', path: `/v2/mailboxes/${MAILBOX_ID}` }) },
      { name: 'facade, REST', call: () => restOnly.MailboxInfo(PARAMS) },
      { name: 'facade, SOAP', call: () => soapOnly.MailboxInfo(PARAMS) },
      { name: 'parity, waiting', call: () => parityWait.MailboxInfo(PARAMS) },
      { name: 'parity, default', call: () => parityDefault.MailboxInfo(PARAMS), settle: idle },
      { name: 'parity, default, back to back', call: () => parityDefault.MailboxInfo(PARAMS), drain: idle },
    ];
    await checkAnswers(sides);
    const ms = await interleaved(sides, LOOPBACK);
    const ratios = (side: string, base: (r: number) => number) => ms.get(side)!.map((v, r) => v / base(r));
    const at = (side: string) => (r: number) => ms.get(side)![r]!;
    const slower = (r: number) => Math.max(at('facade, SOAP')(r), at('facade, REST')(r));

    const callsPerRound = LOOPBACK.batchesPerRound * LOOPBACK.callsPerBatch;
    console.log(`  loopback: ${LOOPBACK.rounds} rounds × ${callsPerRound} sequential calls per path, in interleaved batches of ${LOOPBACK.callsPerBatch}; median per call:`);
    printTimes(ms, LOOPBACK);
    report('REST through the facade / the REST client directly', ratios('facade, REST', at('REST client')));
    report('parity, waiting for the candidate / the slower single backend', ratios('parity, waiting', slower));
    report('parity, default (candidate after the caller) / SOAP alone', ratios('parity, default', at('facade, SOAP')));
    report('  same, calls back to back (the candidate shares the CPU)', ratios('parity, default, back to back', at('facade, SOAP')), false);
    console.log(`  ${parityCounts([parityWait, parityDefault])}`);
  } finally {
    await clients.close();
  }
}

async function withLatency(sandbox: SandboxProcess): Promise<void> {
  const clients = new Clients(sandbox);
  try {
    const restOnly = clients.facade({ backend: 'rest' });
    const soapOnly = clients.facade({ backend: 'soap' });
    const parityWait = clients.facade({ backend: 'parity', parity: { waitForCandidate: true } });
    const parityDefault = clients.facade({ backend: 'parity' });
    const sides: Side[] = [
      { name: 'facade, REST', call: () => restOnly.MailboxInfo(PARAMS) },
      { name: 'facade, SOAP', call: () => soapOnly.MailboxInfo(PARAMS) },
      { name: 'parity, waiting', call: () => parityWait.MailboxInfo(PARAMS) },
      { name: 'parity, default', call: () => parityDefault.MailboxInfo(PARAMS), settle: () => parityDefault.parityIdle() },
    ];
    await checkAnswers(sides);
    const ms = await interleaved(sides, WITH_LATENCY);
    const at = (side: string) => (r: number) => ms.get(side)![r]!;
    const ratios = (side: string, base: (r: number) => number) => ms.get(side)!.map((v, r) => v / base(r));
    const slower = (r: number) => Math.max(at('facade, SOAP')(r), at('facade, REST')(r));

    console.log(`  with ${LATENCY_MS} ms of latency added to every call by the sandbox (a network round trip); median per call:`);
    printTimes(ms, WITH_LATENCY);
    report('parity, waiting for the candidate / the slower single backend', ratios('parity, waiting', slower));
    report('parity, default / SOAP alone', ratios('parity, default', at('facade, SOAP')));
    console.log(`  ${parityCounts([parityWait, parityDefault])}`);
  } finally {
    await clients.close();
  }
}

async function main(): Promise<void> {
  console.log('Facade overhead, MailboxInfo against the sandbox in a child process (one run; informative only, never fails on time)');
  const loopback = await startSandboxProcess();
  try {
    await onLoopback(loopback);
  } finally {
    await loopback.close();
  }
  const slow = await startSandboxProcess(LATENCY_MS);
  try {
    await withLatency(slow);
  } finally {
    await slow.close();
  }
}

await main();
