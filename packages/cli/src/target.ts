import { ConfigurationError, readEnvConfig } from '@ecgrid-bridge/core';
import type { SoapCredentials } from '@ecgrid-bridge/soap';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';

export interface TargetFlags {
  soapUrl?: string;
  restUrl?: string;
}

/** Where the commands send their calls: the embedded sandbox, or real services named by flags or environment. */
export interface Target {
  soapUrl: string;
  restUrl: string;
  credentials: SoapCredentials;
  /** Present when the target is the embedded sandbox. */
  sandbox: RunningSandbox | undefined;
  describe: string;
  close(): Promise<void>;
}

export async function openTarget(flags: TargetFlags, env: Record<string, string | undefined> = process.env): Promise<Target> {
  const config = readEnvConfig(env);
  const soapUrl = flags.soapUrl ?? config.soapUrl;
  const restUrl = flags.restUrl ?? config.restUrl;
  if (!soapUrl && !restUrl) {
    const sandbox = await startSandbox({ port: 0 });
    return {
      soapUrl: sandbox.soapUrl,
      restUrl: sandbox.restUrl,
      credentials: { loginName: sandbox.credentials.email, password: sandbox.credentials.password },
      sandbox,
      describe: `embedded sandbox (SOAP ${sandbox.soapUrl}, REST ${sandbox.restUrl})`,
      close: () => sandbox.close(),
    };
  }
  if (!soapUrl || !restUrl) {
    throw new ConfigurationError('Give both service URLs (ECGrid__SoapUrl and ECGrid__RestUrl, or --soap-url and --rest-url), or neither for the embedded sandbox.');
  }
  const credentials: SoapCredentials | undefined = config.apiKey
    ? { apiKey: config.apiKey }
    : config.email && config.password
      ? { loginName: config.email, password: config.password }
      : undefined;
  if (!credentials) {
    throw new ConfigurationError('Set ECGrid__ApiKey, or ECGrid__Email and ECGrid__Password, to call real services.');
  }
  return { soapUrl, restUrl, credentials, sandbox: undefined, describe: `SOAP ${soapUrl}, REST ${restUrl}`, close: async () => undefined };
}
