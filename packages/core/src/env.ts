import { ConfigurationError } from './errors.js';

/** The environment variables the library reads; the `ECGrid__*` names are the vendor's own .NET-style names. */
export const ENV = {
  apiKey: 'ECGrid__ApiKey',
  email: 'ECGrid__Email',
  password: 'ECGrid__Password',
  soapUrl: 'ECGrid__SoapUrl',
  restUrl: 'ECGrid__RestUrl',
  backend: 'ECGRID_BACKEND',
} as const;

export const DEFAULT_SOAP_URL = 'https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx';
export const DEFAULT_REST_URL = 'https://rest.ecgrid.io';

export interface EnvConfig {
  apiKey?: string;
  email?: string;
  password?: string;
  soapUrl?: string;
  restUrl?: string;
  backend?: string;
}

type Env = Record<string, string | undefined>;

/** Reads the library's variables; empty values count as absent. */
export function readEnvConfig(env: Env = process.env): EnvConfig {
  const out: EnvConfig = {};
  for (const [field, name] of Object.entries(ENV) as [keyof EnvConfig, string][]) {
    const value = env[name]?.trim();
    if (value) out[field] = value;
  }
  for (const field of ['soapUrl', 'restUrl'] as const) {
    const url = out[field];
    if (url !== undefined) assertHttpUrl(url, ENV[field]);
  }
  return out;
}

export function assertHttpUrl(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`${what} is not a valid URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigurationError(`${what} must be an http:// or https:// URL.`);
  }
  if (parsed.username || parsed.password) {
    throw new ConfigurationError(`${what} must not contain credentials.`);
  }
  return parsed;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}
