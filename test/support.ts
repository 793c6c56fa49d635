import { type FacadeOptions, createEcgridFacade } from '@ecgrid-bridge/facade';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';

/** A facade pointed at a sandbox through the same environment variables a user would set. */
export function facadeOn(sandbox: RunningSandbox, backend: string, extra: FacadeOptions = {}) {
  const env = {
    ECGRID_BACKEND: backend,
    ECGrid__SoapUrl: sandbox.soapUrl,
    ECGrid__RestUrl: sandbox.restUrl,
    ECGrid__Email: sandbox.credentials.email,
    ECGrid__Password: sandbox.credentials.password,
  };
  return createEcgridFacade({ env, ...extra });
}

export async function withSandbox<T>(run: (sandbox: RunningSandbox) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ port: 0 });
  try {
    return await run(sandbox);
  } finally {
    await sandbox.close();
  }
}
