import { ConfigurationError, EcgridError } from '@ecgrid-bridge/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runCall } from './commands/call.js';
import { runCoverage } from './commands/coverage.js';
import { runDemo } from './commands/demo.js';
import { runParity } from './commands/parity.js';
import { runSandbox } from './commands/sandbox.js';
import { runScan } from './commands/scan.js';
import { UsageError } from './params.js';

/** Exit codes: 0 success, 1 a call or the workflow failed, 2 bad usage or configuration, 3 the parity gate failed. */
export const EXIT = { ok: 0, failed: 1, usage: 2, parityGate: 3 } as const;

const integer = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};

const targetOptions = (cmd: Command): Command =>
  cmd
    .option('--soap-url <url>', 'SOAP endpoint of real services (default: ECGrid__SoapUrl; neither URL: the embedded sandbox)')
    .option('--rest-url <url>', 'REST base URL of real services (default: ECGrid__RestUrl)');

export function buildProgram(): Command {
  const program = new Command()
    .name('ecgrid-bridge')
    .description('Move an ECGridOS SOAP integration to the ECGrid REST API without rewriting it.')
    .showHelpAfterError()
    // Commander would exit the process itself, with 1 for every usage error; `main` decides the exit code instead.
    // Set before the commands are added, so that they inherit it.
    .exitOverride()
    .addHelpText('after', '\nExit codes: 0 success, 1 a call or the workflow failed, 2 bad usage or configuration, 3 the parity gate failed.');

  targetOptions(
    program
      .command('demo')
      .description('Run a legacy-style EDI workflow through the facade on SOAP, on REST and in parity mode (embedded sandbox by default).')
      .option('--report <file>', 'where to write the HTML parity report', 'out/parity-report.html'),
  ).action(async (opts: { soapUrl?: string; restUrl?: string; report: string }) => {
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

  targetOptions(
    program
      .command('call')
      .description('Call one facade operation and print its SOAP-shaped result as JSON.')
      .argument('<operation>', 'an ECGridOS operation name, e.g. ParcelInBox')
      .argument('[params...]', 'parameters as --Name value pairs, e.g. --MailboxID 1001')
      .addOption(new Option('--backend <backend>', 'which backend serves the call').choices(['soap', 'rest', 'parity']).default('soap'))
      .allowUnknownOption()
      .helpOption('-h, --help', 'show help')
      .addHelpText('after', '\nExample: ecgrid-bridge call MailboxInfo --MailboxID 1001 --backend rest'),
  ).action(async (operation: string, params: string[], opts: { backend: string; soapUrl?: string; restUrl?: string }) => {
    process.exitCode = await runCall(operation, params, opts, process.stdout);
  });

  targetOptions(
    program
      .command('parity')
      .description('Run reads and downloads on both backends (downloads compared by name, size and SHA-256), write the HTML report, and fail when differences pass a threshold.')
      .option('--calls <file>', 'a JSON or YAML list of { operation, params } (default: a built-in read set)')
      .option('--report <file>', 'where to write the HTML parity report', 'out/parity-report.html')
      .option('--max-mismatches <n>', 'mismatches allowed before the gate fails', integer, 0)
      .option('--max-errors <n>', 'errors allowed before the gate fails', integer, 0),
  ).action(async (opts: { calls?: string; report: string; maxMismatches: number; maxErrors: number; soapUrl?: string; restUrl?: string }) => {
    process.exitCode = await runParity(opts, process.stdout);
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
