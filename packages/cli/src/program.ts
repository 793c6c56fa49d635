import { readFileSync } from 'node:fs';
import { ConfigurationError, EcgridError } from '@ecgrid-bridge/core';
import { ROUTES, isFacadeOperation } from '@ecgrid-bridge/facade';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runCall } from './commands/call.js';
import { runCoverage } from './commands/coverage.js';
import { runDemo } from './commands/demo.js';
import { runGateway } from './commands/gateway.js';
import { runParity } from './commands/parity.js';
import { runSandbox } from './commands/sandbox.js';
import { runScan } from './commands/scan.js';
import { UsageError, operationFrom, paramsHelp } from './params.js';
import { ALLOW_HTTP_ENV } from './target.js';

/** Exit codes: 0 success, 1 a call or the workflow failed, 2 bad usage or configuration, 3 the parity gate failed. */
export const EXIT = { ok: 0, failed: 1, usage: 2, parityGate: 3 } as const;

const integer = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};

/** A duration: `500ms`, `30s`, `2m`, or a number of seconds. */
const duration = (value: string): number => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * (match[2] === 'ms' ? 1 : match[2] === 'm' ? 60_000 : 1000) : NaN;
  if (!(ms >= 1) || !Number.isFinite(ms)) throw new InvalidArgumentError('expected a duration such as 500ms, 30s or 2m');
  return Math.round(ms);
};

/** Repeated or comma-separated values of one option, collected. */
const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

const allowHttpOption = (cmd: Command): Command =>
  cmd.option('--allow-http <host>', `allow plain http:// to this host (repeat or comma-separate; also ${ALLOW_HTTP_ENV}); credentials then travel unencrypted`, list);

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** `call <Operation> --help` lists that operation's parameters, from the generated operation table. */
function operationHelp(command: Command): string {
  const name = command.args[0];
  if (name === undefined || name.startsWith('-')) return '';
  if (isFacadeOperation(name)) return `\n${paramsHelp(name)}`;
  try {
    operationFrom(name);
  } catch (err) {
    if (err instanceof UsageError) return `\n${err.message}`;
  }
  return '';
}

const targetOptions = (cmd: Command): Command =>
  cmd
    .option('--soap-url <url>', 'SOAP endpoint of real services (default: ECGrid__SoapUrl; neither URL: the embedded sandbox)')
    .option('--rest-url <url>', 'REST base URL of real services (default: ECGrid__RestUrl)');

export function buildProgram(): Command {
  const program = new Command()
    .name('ecgrid-bridge')
    .description('Move an ECGridOS SOAP integration to the ECGrid REST API without rewriting it.')
    .version(version(), '-V, --version', 'print the version')
    .showHelpAfterError()
    // Commander would exit the process itself, with 1 for every usage error; `main` decides the exit code instead.
    // Set before the commands are added, so that they inherit it.
    .exitOverride()
    .addHelpText('after', '\nExit codes: 0 success, 1 a call or the workflow failed, 2 bad usage or configuration, 3 the parity gate failed.');

  allowHttpOption(targetOptions(
    program
      .command('demo')
      .description('Run a legacy-style EDI workflow through the facade on SOAP, on REST and in parity mode (embedded sandbox by default).')
      .option('--report <file>', 'where to write the HTML parity report', 'out/parity-report.html'),
  )).action(async (opts: { soapUrl?: string; restUrl?: string; allowHttp?: string[]; report: string }) => {
    process.exitCode = await runDemo(opts, process.stdout);
  });

  program
    .command('sandbox')
    .description('Run the ECGrid emulator (SOAP and REST over one store) and print its URLs and demo credentials.')
    .option('--port <port>', 'port to listen on (0: any free port)', integer, 0)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--persist <file>', 'keep the store in this JSON file across restarts')
    .action(async (opts: { port: number; host: string; persist?: string }) => {
      process.exitCode = await runSandbox(opts, process.stdout);
    });

  allowHttpOption(targetOptions(
    program
      .command('call')
      .description('Call one facade operation and print its SOAP-shaped result as JSON.')
      .argument('<operation>', 'an ECGridOS operation name, e.g. ParcelInBox')
      .argument('[params...]', 'parameters as --Name value pairs, e.g. --MailboxID 1001 (`call <operation> --help` lists them)')
      .addOption(new Option('--backend <backend>', 'which backend serves the call (default: ECGRID_BACKEND, else soap)').choices(ROUTES))
      .option('--timeout <duration>', 'give up on the call after this long, e.g. 30s or 500ms (default 30s)', duration)
      .allowUnknownOption()
      .helpOption('-h, --help', 'show help')
      .addHelpText('after', (context) => operationHelp(context.command))
      .addHelpText('after', '\nExample: ecgrid-bridge call MailboxInfo --MailboxID 1001 --backend rest'),
  )).action(async (operation: string, params: string[], opts: { backend?: string; timeout?: number; soapUrl?: string; restUrl?: string; allowHttp?: string[] }) => {
    process.exitCode = await runCall(operation, params, { ...opts, ...(opts.timeout === undefined ? {} : { timeoutMs: opts.timeout }) }, process.stdout);
  });

  allowHttpOption(targetOptions(
    program
      .command('parity')
      .description('Run reads and downloads on both backends (downloads compared by name, size and SHA-256), write the HTML report (and JSON or JUnit XML), and fail when differences pass a threshold.')
      .option('--calls <file>', 'a JSON or YAML list of { operation, params }, checked like `call` arguments (default: a built-in read set)')
      .option('--report <file>', 'where to write the HTML parity report', 'out/parity-report.html')
      .option('--json <file>', 'also write the run as JSON')
      .option('--junit <file>', 'also write the run as JUnit XML, one test case per call')
      .option('--exclude <operations>', 'operations whose mismatches and errors do not count against the gate (repeat or comma-separate)', list)
      .option('--max-mismatches <n>', 'mismatches allowed before the gate fails', integer, 0)
      .option('--max-errors <n>', 'errors allowed before the gate fails', integer, 0)
      .option('--timeout <duration>', 'give up on a call after this long on either backend, e.g. 30s or 500ms (default 30s)', duration),
  )).action(async (opts: { calls?: string; report: string; json?: string; junit?: string; exclude?: string[]; maxMismatches: number; maxErrors: number; timeout?: number; soapUrl?: string; restUrl?: string; allowHttp?: string[] }) => {
    process.exitCode = await runParity({ ...opts, ...(opts.timeout === undefined ? {} : { timeoutMs: opts.timeout }) }, process.stdout);
  });

  targetOptions(
    program
      .command('gateway')
      .description('Serve the ECGridOS SOAP service (SOAP 1.1 and 1.2, ?wsdl) in front of the facade, so a legacy SOAP client moves to REST by changing its endpoint URL.')
      .option('--port <port>', 'port to listen on (0: any free port; default 0, or the configuration)', integer)
      .option('--host <host>', 'address to listen on (default 127.0.0.1)')
      .option('--config <file>', 'a JSON or YAML gateway configuration (default: ECGRID_GATEWAY_CONFIG)')
      .addOption(new Option('--backend <backend>', 'route of every operation not configured otherwise').choices(['soap', 'rest', 'parity', 'rest-fallback-soap']))
      .option('--fallback', 'REST outages and operations REST cannot serve fall back to SOAP')
      .option('--public-url <url>', 'the service URL to write into the WSDL (behind a proxy or TLS terminator)'),
  ).action(async (opts: { port?: number; host?: string; config?: string; backend?: string; fallback?: boolean; publicUrl?: string; soapUrl?: string; restUrl?: string }) => {
    process.exitCode = await runGateway(opts, process.stdout);
  });

  program
    .command('coverage')
    .description('Show every WSDL operation: its REST equivalent or why none, whether the facade maps it, and lossy fields.')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .action((opts: { format: 'markdown' | 'json' }) => {
      process.exitCode = runCoverage(opts, process.stdout);
    });

  program
    .command('scan')
    .description('Find the ECGridOS calls in a codebase and tell which move to REST cleanly, which lose fields, and which stay on SOAP.')
    .argument('<path>', 'the folder to scan (read only: nothing in it is run)')
    .addOption(new Option('--format <format>', 'what to print').choices(['markdown', 'json']).default('markdown'))
    .option('--out <dir>', 'where to write scan-report.html, .md, .json and parity-calls.yaml', 'out/scan')
    .action((path: string, opts: { format: 'markdown' | 'json'; out: string }) => {
      process.exitCode = runScan(path, opts, process.stdout);
    });

  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already written the message (and the help); --help and --version end here too, with 0.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    const usage = err instanceof UsageError || err instanceof ConfigurationError;
    const message = err instanceof EcgridError ? `${err.code}: ${err.message}` : err instanceof Error ? `${err.name}: ${err.message}` : 'failed';
    process.stderr.write(`${message}\n`);
    process.exitCode = usage ? EXIT.usage : EXIT.failed;
  }
}
