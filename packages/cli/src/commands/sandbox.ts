import type { Writable } from 'node:stream';
import { startSandbox } from '@ecgrid-bridge/sandbox';

export interface SandboxCommandOptions {
  port: number;
  host: string;
  persist?: string;
}

/** Runs the emulator until SIGINT/SIGTERM and prints how to reach it. */
export async function runSandbox(options: SandboxCommandOptions, out: Writable): Promise<number> {
  const sandbox = await startSandbox({ port: options.port, host: options.host, persistPath: options.persist });
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
