import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { ROOT, RUN_LIMIT_MS, runCli } from './run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ecgrid-cli-usage-'));

/** What the commands need to reach a running sandbox as if it were the real service. */
const servicesEnv = (sandbox: RunningSandbox, soapUrl = sandbox.soapUrl, restUrl = sandbox.restUrl) => ({
  ECGrid__SoapUrl: soapUrl,
  ECGrid__RestUrl: restUrl,
  ECGrid__Email: sandbox.credentials.email,
  ECGrid__Password: sandbox.credentials.password,
});

describe('the command line as a process: usage the help and README promise', { timeout: 4 * RUN_LIMIT_MS }, () => {
  it.each([
    ['an unknown backend in ECGRID_BACKEND', ['call', 'WhoAmI'], { ECGRID_BACKEND: 'grpc' }, /ECGRID_BACKEND must be one of soap, rest, parity, rest-fallback-soap, got "grpc"/],
    ['an unknown backend in --backend', ['call', 'WhoAmI', '--backend', 'grpc'], {}, /argument 'grpc' is invalid/],
    ['a calls file that does not exist', ['parity', '--calls', 'no/such/calls.yaml'], {}, /Cannot read the calls file no\/such\/calls\.yaml/],
    ['a required parameter left out', ['call', 'TPList'], {}, /TPList needs --ShowInactive <boolean> \(required by the WSDL; nothing was sent\)/],
    ['a mistyped parameter name', ['call', 'MailboxInfo', '--MalboxID', '5001'], {}, /MailboxInfo has no parameter MalboxID\. Did you mean --MailboxID\?/],
    ['a mistyped operation name', ['call', 'MailboxInf'], {}, /Unknown operation "MailboxInf"\. Did you mean MailboxInfo\?/],
    ['a timeout that is not a duration', ['call', 'WhoAmI', '--timeout', 'soon'], {}, /expected a duration such as 500ms, 30s or 2m/],
    ['an unknown operation to exclude', ['parity', '--exclude', 'SessionLg'], {}, /Unknown operation "SessionLg"\. Did you mean SessionLog\?/],
    [
      'plain http to a host not allowed',
      ['call', 'WhoAmI', '--soap-url', 'http://ecgrid.example/ECGridOS.asmx', '--rest-url', 'http://ecgrid.example'],
      { ECGrid__ApiKey: 'k' },
      /Refusing plain http:\/\/ to ecgrid\.example: credentials would travel unencrypted\. Use https:\/\/, or allow this host with --allow-http ecgrid\.example \(or ECGRID_ALLOW_HTTP=ecgrid\.example\)/,
    ],
  ])('exits 2 on %s, saying why', async (_name, args, env, message) => {
    const run = await runCli(args, env);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('exits 2 when the sandbox port is in use', async () => {
    const busy: Server = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    const port = (busy.address() as { port: number }).port;
    try {
      const run = await runCli(['sandbox', '--port', String(port)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Port ${port} is already in use on 127.0.0.1; choose another with --port (0: any free port).`);
    } finally {
      busy.close();
    }
  });

  it('exits 2 on a calls file with bad entries, listing every problem, and runs nothing', async () => {
    const calls = join(tmp(), 'calls.yaml');
    writeFileSync(calls, '- operation: MailboxInfo\n  params: { MailboxID: five }\n- operation: TPList\n- operation: MailboxInfo\n  params: { MailboxId: 5001 }\n- operation: ParcelInBox\n  params: { Mailbox: 1 }\n');
    const run = await runCli(['parity', '--calls', calls]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${calls} has 3 problem(s); nothing was run:`);
    expect(run.stderr).toContain('entry 1 (MailboxInfo): MailboxID must be a whole number from -2147483648 to 2147483647, got "five".');
    expect(run.stderr).toContain('entry 2 (TPList): TPList needs ShowInactive <boolean> (required by the WSDL; nothing was sent).');
    expect(run.stderr).toContain('entry 4 (ParcelInBox): ParcelInBox has no parameter Mailbox.');
    expect(run.stdout).toBe('');
  });

  it('--version prints the package version and exits 0', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(run.stdout.trim()).toBe(version);
  });

  it('call <Operation> --help lists the operation’s parameters from the WSDL, required or optional', async () => {
    const run = await runCli(['call', 'ParcelInBoxArchive', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: ecgrid-bridge call');
    expect(run.stdout).toMatch(/ParcelInBoxArchive parameters \(from the WSDL\):\n {2}--BeginDate <dateTime> +required\n {2}--EndDate <dateTime> +required\n/);
    expect(run.stdout).toMatch(/--MailbagControlID <string> +optional\n/);
    expect(run.stdout).not.toContain('SessionID');
    const typo = await runCli(['call', 'ParcelInBoxArchve', '--help']);
    expect(typo.code).toBe(0);
    expect(typo.stdout).toContain('Did you mean ParcelInBoxArchive?');
  });

  describe('on a sandbox standing in for the real services', () => {
    let sandbox: RunningSandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    it('honours ECGRID_BACKEND in call (parity prints the comparison)', async () => {
      const run = await runCli(['call', 'MailboxInfo', '--MailboxID', '5001'], { ...servicesEnv(sandbox), ECGRID_BACKEND: 'parity' });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'match', authoritative: 'soap', control: { backend: 'soap' }, candidate: { backend: 'rest' } });
      // --backend wins over the environment.
      const flagged = await runCli(['call', 'MailboxInfo', '--MailboxID', '5001', '--backend', 'soap'], { ...servicesEnv(sandbox), ECGRID_BACKEND: 'parity' });
      expect(JSON.parse(flagged.stdout)).toMatchObject({ MailboxID: 5001 });
    });

    it('--timeout ends a call that waits too long with exit 1 and a Timeout error, and shows no waiting line on a pipe', async () => {
      const latency = sandbox.admin.setLatency(3000);
      try {
        const run = await runCli(['call', 'MailboxInfo', '--MailboxID', '5001', '--timeout', '400ms'], servicesEnv(sandbox));
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^Timeout: /m);
        expect(run.stdout).toBe('');
        expect(`${run.stdout}${run.stderr}`).not.toContain('waiting for');
      } finally {
        sandbox.admin.removeFault(latency.id);
      }
    });

    it('reaches a plain-http host once it is named by --allow-http or ECGRID_ALLOW_HTTP', async () => {
      // 0.0.0.0 reaches this machine's listeners on Linux, yet is not a loopback name: plain http to it is refused by default.
      const soap = new URL(sandbox.soapUrl);
      const env = servicesEnv(sandbox, `http://0.0.0.0:${soap.port}${soap.pathname}`, `http://0.0.0.0:${new URL(sandbox.restUrl).port}`);
      const refused = await runCli(['call', 'MailboxInfo', '--MailboxID', '5001'], env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('Refusing plain http:// to 0.0.0.0');
      const byFlag = await runCli(['call', 'MailboxInfo', '--MailboxID', '5001', '--backend', 'parity', '--allow-http', '0.0.0.0'], env);
      expect(byFlag.code).toBe(0);
      expect(JSON.parse(byFlag.stdout)).toMatchObject({ outcome: 'match' });
      const byEnv = await runCli(['call', 'MailboxInfo', '--MailboxID', '5001'], { ...env, ECGRID_ALLOW_HTTP: 'other.example, 0.0.0.0' });
      expect(byEnv.code).toBe(0);
      expect(JSON.parse(byEnv.stdout)).toMatchObject({ MailboxID: 5001 });
    });

    it('parity --exclude keeps a known failing operation out of the error budget, still reporting it; JSON and JUnit XML are written', async () => {
      const dir = tmp();
      const calls = join(dir, 'calls.json');
      writeFileSync(calls, JSON.stringify([{ operation: 'MailboxInfo', params: { MailboxID: 5001 } }, { operation: 'MailboxList', params: { Name: 'Acme' } }]));
      const gated = await runCli(['parity', '--calls', calls, '--report', join(dir, 'a.html')], servicesEnv(sandbox));
      expect(gated.code).toBe(3);
      expect(gated.stdout).toMatch(/MailboxList … candidate-error — REST NotAvailableOnBackend: /);
      const excluded = await runCli(
        ['parity', '--calls', calls, '--report', join(dir, 'b.html'), '--exclude', 'MailboxList', '--json', join(dir, 'b.json'), '--junit', join(dir, 'b.xml')],
        servicesEnv(sandbox),
      );
      expect(excluded.code).toBe(0);
      expect(excluded.stdout).toMatch(/MailboxList … candidate-error \(excluded from the gate\) — REST NotAvailableOnBackend: /);
      expect(excluded.stdout).toContain('Parity gate passed: 0 mismatch(es), 0 error(s) (not counting MailboxList).');
      expect(excluded.stdout).toContain(`JUnit XML: ${join(dir, 'b.xml')}`);
      expect(readFileSync(join(dir, 'b.xml'), 'utf8')).toContain('<skipped message="excluded from the gate (candidate-error: REST NotAvailableOnBackend: ');
      expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'))).toMatchObject({ gate: { passed: true, errors: 0, excluded: ['MailboxList'] } });
    });
  });
});
