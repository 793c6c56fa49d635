import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
/** No ECGrid__* variables: every run that needs a server uses the embedded sandbox. */
export const BASE_ENV = { PATH: process.env['PATH'], NO_COLOR: '1' };
/** A run the test waits for at most; a hanging CLI is killed and fails the test rather than stalling it. */
export const RUN_LIMIT_MS = 15_000;

export interface Run {
  /** The exit code, or null when the process was killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a real child process, the way `ecgrid-bridge …` runs (stdout and stderr are pipes), and reports how it exited. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'packages/cli/src/bin.ts', ...args],
      { cwd: ROOT, env: { ...BASE_ENV, ...env }, timeout: RUN_LIMIT_MS, killSignal: 'SIGKILL' },
      (_err, stdout, stderr) => done({ code: child.exitCode, signal: child.signalCode, stdout, stderr }),
    );
  });
}
