import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayOptions } from '@ecgrid-bridge/gateway';

/** The README's "Migrate a .NET / Java / PHP / Python integration" section, run as written. */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Migrate a .NET / Java / PHP / Python integration'), readme.indexOf('## How a call is served'));
const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
const README_ORIGIN = 'http://127.0.0.1:8080';

const usable = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;
const python = ['/usr/bin/python3', 'python3'].find((p) => usable(p, ['-c', 'import zeep']));
const php = ['/usr/bin/php', 'php'].find((p) => usable(p, ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);']));

let child: ChildProcess;
let stdout = '';
let origin = '';
let demoLogin: { email: string; password: string };
const dir = mkdtempSync(join(tmpdir(), 'gw-readme-'));

beforeAll(async () => {
  const command = blocks('sh')[0]!.trim();
  expect(command).toBe('pnpm ecgrid gateway --backend rest --port 8080');
  // `pnpm ecgrid` is `tsx packages/cli/src/bin.ts`; port 0 instead of 8080, so that the test never collides.
  const args = command.replace(/^pnpm ecgrid /, '').replace('--port 8080', '--port 0').split(' ');
  child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/bin.ts', ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] }, stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start: ${stdout}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (stdout.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
  });
  origin = new URL(/WSDL\s+(\S+)/.exec(stdout)![1]!).origin;
  const [, email, password] = /login\s+(\S+) \/ (\S+)/.exec(stdout)!;
  demoLogin = { email: email!, password: password! };
});

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function runSnippet(command: string, code: string, file: string): Promise<string> {
  const path = join(dir, file);
  writeFileSync(path, code.replaceAll(README_ORIGIN, origin));
  const { stdout: out } = await run(command, [path], {
    timeout: 60_000,
    env: { PATH: process.env['PATH'], ECGrid__Email: demoLogin.email, ECGrid__Password: demoLogin.password },
  });
  return out;
}

describe('README: migrate a legacy integration through the gateway', () => {
  it('the command starts a gateway with REST and the sandbox behind it, and serves its WSDL', async () => {
    expect(stdout).toContain('backend           rest');
    const wsdl = await (await fetch(`${origin}/v4.1/prod/ECGridOS.asmx?wsdl`)).text();
    expect(wsdl).toContain(`<soap:address location="${origin}/v4.1/prod/ECGridOS.asmx" />`);
  });

  it.skipIf(!python)(`the Python zeep script runs as written${python ? '' : ' (skipped: no python3 that imports zeep)'}`, async () => {
    expect((await runSnippet(python!, blocks('python')[0]!, 'client.py')).trim()).toBe('acme.demo');
  });

  it.skipIf(!php)(`the PHP SoapClient script runs as written${php ? '' : ' (skipped: no php with the soap extension)'}`, async () => {
    expect((await runSnippet(php!, blocks('php')[0]!, 'client.php')).trim()).toBe('acme.demo');
  });

  it('the configuration file shown is read as shown', () => {
    const file = join(dir, 'gateway.yaml');
    writeFileSync(file, blocks('yaml')[0]!);
    const options = loadGatewayOptions({}, file, {});
    expect(options).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      facade: { backend: 'soap', routes: { WhoAmI: 'rest' }, stages: { ParcelInBox: 'shadow', MailboxInfo: 'live' }, fallback: true },
    });
    expect(blocks('sh')[1]!.trim()).toBe('pnpm ecgrid gateway --config gateway.yaml');
  });

  it('stops on SIGTERM after draining, with exit code 0', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('gateway stopped');
  });
});
