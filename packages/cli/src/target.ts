import { ConfigurationError, isLoopbackHost, readEnvConfig } from '@ecgrid-bridge/core';
import type { SoapCredentials } from '@ecgrid-bridge/soap';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { UsageError } from './params.js';

/** Hosts (comma-separated) that may be reached over plain http://; the same as `--allow-http`. */
export const ALLOW_HTTP_ENV = 'ECGRID_ALLOW_HTTP';

export interface TargetFlags {
  soapUrl?: string;
  restUrl?: string;
  /** Hosts that may be reached over plain http:// (credentials then travel unencrypted). */
  allowHttp?: readonly string[];
}

/** Where the commands send their calls: the embedded sandbox, or real services named by flags or environment. */
export interface Target {
  soapUrl: string;
  restUrl: string;
  credentials: SoapCredentials;
  /** Present when the target is the embedded sandbox. */
  sandbox: RunningSandbox | undefined;
  describe: string;
  /** Plain http:// to a non-loopback host, allowed by name for this service. */
  allowInsecureHttp: { soap: boolean; rest: boolean };
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
      allowInsecureHttp: { soap: false, rest: false },
      close: () => sandbox.close(),
    };
  }
  if (!soapUrl || !restUrl) {
    throw new ConfigurationError('Give both service URLs (ECGrid__SoapUrl and ECGrid__RestUrl, or --soap-url and --rest-url), or neither for the embedded sandbox.');
  }
  const allowed = allowedHosts(flags, env);
  const allowInsecureHttp = { soap: plainHttpAllowed(soapUrl, allowed), rest: plainHttpAllowed(restUrl, allowed) };
  const credentials: SoapCredentials | undefined = config.apiKey
    ? { apiKey: config.apiKey }
    : config.email && config.password
      ? { loginName: config.email, password: config.password }
      : undefined;
  if (!credentials) {
    throw new ConfigurationError('Set ECGrid__ApiKey, or ECGrid__Email and ECGrid__Password, to call real services.');
  }
  return {
    soapUrl,
    restUrl,
    credentials,
    sandbox: undefined,
    describe: `SOAP ${soapUrl}, REST ${restUrl}`,
    allowInsecureHttp,
    close: async () => undefined,
  };
}

function allowedHosts(flags: TargetFlags, env: Record<string, string | undefined>): Set<string> {
  const names = [...(flags.allowHttp ?? []), ...(env[ALLOW_HTTP_ENV] ?? '').split(',')];
  return new Set(names.flatMap((n) => n.split(',')).map((n) => n.trim().toLowerCase()).filter(Boolean));
}

/**
 * Whether the URL may be used: https, loopback, or plain http to a host named in `--allow-http` or
 * `ECGRID_ALLOW_HTTP`. Anything else is refused here, before a password or a key could go out in clear text.
 */
function plainHttpAllowed(url: string, allowed: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${url} is not a valid URL.`);
  }
  if (parsed.protocol !== 'http:' || isLoopbackHost(parsed.hostname)) return false;
  if (allowed.has(parsed.hostname.toLowerCase())) return true;
  throw new UsageError(
    `Refusing plain http:// to ${parsed.hostname}: credentials would travel unencrypted. ` +
      `Use https://, or allow this host with --allow-http ${parsed.hostname} (or ${ALLOW_HTTP_ENV}=${parsed.hostname}).`,
  );
}
