// Closed-loop load over keep-alive connections: `concurrency` clients each send a request, wait for the answer, and
// send the next. Used by the gateway benches for SOAP servers and the REST client alike.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
  callsPerSecond: number;
  latenciesMs: number[];
  errors: number;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Runs `call` from `concurrency` loops until `calls` calls are done. */
export async function closedLoop(call: () => Promise<boolean>, concurrency: number, calls: number): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        next += 1;
        const t = performance.now();
        const ok = await call();
        latenciesMs.push(performance.now() - t);
        if (!ok) errors += 1;
      }
    }),
  );
  return { callsPerSecond: (calls * 1000) / (performance.now() - started), latenciesMs, errors };
}

/** A SOAP 1.1 POST of a fixed envelope over a keep-alive agent; resolves whether it answered HTTP 200. */
export function soapPoster(url: string, action: string, body: string, agent: Agent): () => Promise<boolean> {
  const target = new URL(url);
  const payload = Buffer.from(body);
  return () =>
    new Promise((resolve) => {
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: `"${action}"`, 'content-length': payload.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200));
        },
      );
      req.on('error', () => resolve(false));
      req.end(payload);
    });
}

export const keepAlive = (concurrency: number): Agent => new Agent({ keepAlive: true, maxSockets: concurrency });

/** Starts `soap-server-process.ts` in the given mode and waits for its URL. */
export async function startSoapServerProcess(...args: string[]): Promise<{ url: string; pid: number; close(): Promise<void> }> {
  const script = fileURLToPath(new URL('./soap-server-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    exited.then(([code]) => Promise.reject(new Error(`the server process exited (${String(code)}) before it was ready`))),
  ]);
  lines.close();
  const { url } = JSON.parse(first) as { url: string };
  return {
    url,
    pid: child.pid ?? 0,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * CPU seconds (user + system, all threads) a process has used so far, from /proc; undefined where there is no /proc.
 * A server's CPU per call is its capacity whoever drives it: on a small machine the load generator, not the
 * server, may be what limits the calls/s observed.
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
