import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SandboxProcess {
  soapUrl: string;
  restUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

/** Starts `sandbox-process.ts` under tsx, optionally adding latency to every call, and waits for its addresses. */
export async function startSandboxProcess(latencyMs = 0): Promise<SandboxProcess> {
  const script = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(latencyMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    exited.then(([code]) => Promise.reject(new Error(`the sandbox process exited (${String(code)}) before it was ready`))),
  ]);
  lines.close();
  const ready = JSON.parse(first) as Omit<SandboxProcess, 'close'>;
  return {
    ...ready,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
