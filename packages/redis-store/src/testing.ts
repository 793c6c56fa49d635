import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** Where `redis-server` is (`REDIS_SERVER_PATH`, else the PATH); undefined when it is not installed. */
export function findRedisServer(): string | undefined {
  const explicit = process.env['REDIS_SERVER_PATH'];
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, 'redis-server');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export const REDIS_SERVER = findRedisServer();
/** A test title that says why it was skipped when there is no `redis-server`. */
export const redisTitle = (title: string): string =>
  REDIS_SERVER ? title : `${title} (skipped: redis-server is not installed; Debian's redis-server package provides it)`;

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (its data is lost: nothing is saved). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (a no-op while it runs). */
  start(): Promise<void>;
}

/** A throwaway `redis-server` on a free loopback port, saving nothing to disk. */
export async function startTestRedis(): Promise<TestRedis> {
  const binary = REDIS_SERVER;
  if (!binary) throw new Error('redis-server is not installed');
  let child: ChildProcess | undefined;
  let port = 0;

  const launch = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no'];
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output.slice(-500)}`)), 10_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`));
      });
    });
  };

  for (let attempt = 0; ; attempt += 1) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (err) {
      // Another process may have taken the port between the probe and the start.
      if (attempt >= 4) throw err;
    }
  }

  // A test run that dies must not leave a server behind.
  process.once('exit', () => child?.kill('SIGKILL'));

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start: async () => {
      if (child && child.exitCode === null) return;
      await launch();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
