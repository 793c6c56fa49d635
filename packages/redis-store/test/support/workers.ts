import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CredentialStoreEvent, CredentialStoreMetrics } from '@ecgrid-bridge/core';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** The outcome of a batch of calls in one worker. */
export interface BurstResult {
  ok: number;
  failures: string[];
}

/** A real child process with its own Redis client and facade, driven over IPC. */
export class Worker {
  readonly events: CredentialStoreEvent[] = [];
  readonly #child: ChildProcess;
  readonly #waiting = new Map<string, (message: FromWorker) => void>();
  #next = 0;
  #exited: Promise<void>;

  constructor(readonly name: string) {
    this.#child = fork(WORKER, [], { cwd: REPO, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.on('message', (message: FromWorker) => {
      if (message.type === 'event') {
        this.events.push(message.event);
        return;
      }
      const key = message.type === 'burst-done' ? `burst-${message.id}` : message.type === 'failed' ? 'any' : message.type;
      const resolve = this.#waiting.get(key) ?? this.#waiting.get('any');
      if (message.type === 'failed') {
        for (const [k, waiter] of this.#waiting) {
          this.#waiting.delete(k);
          waiter(message);
        }
        return;
      }
      this.#waiting.delete(key);
      resolve?.(message);
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  #ask<T extends FromWorker>(message: ToWorker, answer: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(answer, (reply) => {
        if (reply.type === 'failed') reject(new Error(`${this.name}: ${reply.error}`));
        else resolve(reply as T);
      });
      this.#child.send(message);
    });
  }

  async setup(config: WorkerConfig): Promise<void> {
    await this.#ask({ type: 'setup', config }, 'ready');
  }

  /** `calls` concurrent WhoAmI calls. */
  async burst(calls: number): Promise<BurstResult> {
    const id = this.#next++;
    const reply = await this.#ask<Extract<FromWorker, { type: 'burst-done' }>>({ type: 'burst', id, calls }, `burst-${id}`);
    return { ok: reply.ok, failures: reply.failures };
  }

  /** Rounds of `calls` concurrent calls until `stopLoop`; resolves with the totals. */
  loop(calls: number): Promise<BurstResult> {
    const id = this.#next++;
    return this.#ask<Extract<FromWorker, { type: 'burst-done' }>>({ type: 'loop', id, calls }, `burst-${id}`).then((r) => ({
      ok: r.ok,
      failures: r.failures,
    }));
  }

  stopLoop(): void {
    this.#child.send({ type: 'stop-loop' } satisfies ToWorker);
  }

  async metrics(): Promise<CredentialStoreMetrics> {
    return (await this.#ask<Extract<FromWorker, { type: 'metrics' }>>({ type: 'metrics' }, 'metrics')).metrics;
  }

  /** Kills the process at once: no cleanup, no lease given back. */
  async kill(): Promise<void> {
    this.#child.kill('SIGKILL');
    await this.#exited;
  }

  async close(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const closed = this.#ask({ type: 'close' }, 'closed').catch(() => undefined);
    const timeout = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
    await Promise.race([closed, timeout]);
    if (this.#child.exitCode === null) this.#child.kill('SIGKILL');
    await this.#exited;
  }
}

export async function startWorkers(count: number, config: WorkerConfig): Promise<Worker[]> {
  const workers = Array.from({ length: count }, (_, i) => new Worker(`worker-${i + 1}`));
  await Promise.all(workers.map((w) => w.setup(config)));
  return workers;
}
