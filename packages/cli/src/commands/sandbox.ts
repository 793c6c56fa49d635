import type { Writable } from 'node:stream';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { UsageError } from '../params.js';

export interface SandboxCommandOptions {
  port: number;
  host: string;
  persist?: string | undefined;
}

/** Runs the emulator until SIGINT/SIGTERM and prints how to reach it. */
export async function runSandbox(options: SandboxCommandOptions, out: Writable): Promise<number> {
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ port: options.port, host: options.host, persistPath: options.persist });
  } catch (err) {
    throw listenProblem(err, options) ?? err;
  }
  const c = sandbox.credentials;
  out.write(
    [
      'ECGrid sandbox running',
      `  SOAP  ${sandbox.soapUrl}   (WSDL: ${sandbox.wsdlUrl})`,
      `  REST  ${sandbox.restUrl}`,
      'Sandbox demo credentials (valid only on this sandbox):',
      `  login     ${c.email} / ${c.password}`,
      `  API key   ${c.apiKey}`,
      `  export ECGrid__SoapUrl=${sandbox.soapUrl} ECGrid__RestUrl=${sandbox.restUrl} ECGrid__ApiKey=${c.apiKey}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.close();
  out.write('sandbox stopped\n');
  return 0;
}

/** A port or address that cannot be listened on is bad usage: the command line chose it. */
function listenProblem(err: unknown, options: SandboxCommandOptions): UsageError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  const where = `${options.host}:${options.port}`;
  if (code === 'EADDRINUSE') return new UsageError(`Port ${options.port} is already in use on ${options.host}; choose another with --port (0: any free port).`);
  if (code === 'EACCES') return new UsageError(`No permission to listen on ${where}; choose a port above 1023 with --port.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UsageError(`Cannot listen on ${options.host}: no such local address (--host).`);
  return undefined;
}
