import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { SoapFaultError, createSoapClient } from '@ecgrid-bridge/soap';
import { REDIS_SERVER, type TestRedis, redisTitle, startTestRedis } from '../src/testing.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SAMPLE_DIR = join(ROOT, 'test/.readme');

/** The README's samples in the section on shared sessions, in order. */
function samples(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Many workers, one session (Redis)');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```typescript\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function writeSample(name: string, code: string): string {
  mkdirSync(SAMPLE_DIR, { recursive: true });
  const file = join(SAMPLE_DIR, name);
  writeFileSync(file, code);
  return file;
}

/** Starts a long-running sample and resolves with the URL it prints. */
function startPrinting(file: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /gateway on (\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}): ${output}`)));
  });
}

describe.skipIf(!REDIS_SERVER)(redisTitle('README: many workers, one session'), () => {
  let redis: TestRedis;
  let sandbox: RunningSandbox;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await startTestRedis();
    sandbox = await startSandbox({ port: 0 });
    env = {
      PATH: process.env['PATH'] ?? '',
      ECGRID_REDIS_URL: redis.url,
      ECGRID_CREDENTIAL_KEY: randomBytes(32).toString('base64'),
      ECGrid__SoapUrl: sandbox.soapUrl,
      ECGrid__RestUrl: sandbox.restUrl,
      ECGrid__Email: sandbox.credentials.email,
      ECGrid__Password: sandbox.credentials.password,
    };
  });
  afterAll(async () => {
    await sandbox?.close();
    await redis?.stop();
  });

  it('has the two samples', () => {
    expect(samples()).toHaveLength(2);
  });

  it('the worker sample, started three times at once, logs in once', async () => {
    const file = writeSample('redis-worker.ts', samples()[0]!);
    const before = sandbox.admin.authActivity();
    const outputs = await Promise.all([1, 2, 3].map(async () => (await run(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env, timeout: 60_000 })).stdout));
    for (const out of outputs) expect(out.trim()).toMatch(/^\d+ parcels$/);
    expect(sandbox.admin.authActivity().soapLogins - before.soapLogins).toBe(1);
  });

  it('the gateway sample, as two replicas: Login on one, calls and Logout on the other', async () => {
    const file = writeSample('redis-gateway.ts', samples()[1]!);
    const replicaEnv = { ...env, PORT: '0', GATEWAY_SESSION_SECRET: randomBytes(32).toString('base64url') };
    const replicas = await Promise.all([startPrinting(file, replicaEnv), startPrinting(file, replicaEnv)]);
    try {
      const [a, b] = replicas.map((r) => createSoapClient({ endpoint: r.url }));
      const sessionId = await a!.call('Login', { LoginName: sandbox.credentials.loginName, Password: sandbox.credentials.password });
      expect((await b!.call('WhoAmI', { SessionID: sessionId! }))?.LoginName).toBe(sandbox.credentials.loginName);
      await b!.call('Logout', { SessionID: sessionId! });
      const refused = await a!.call('WhoAmI', { SessionID: sessionId! }).then(() => undefined, (err: unknown) => err);
      expect(refused).toBeInstanceOf(SoapFaultError);
    } finally {
      for (const { child } of replicas) child.kill('SIGKILL');
    }
  });
});
