import { readFileSync } from 'node:fs';
import { ConfigurationError } from '@ecgrid-bridge/core';
import { parse as parseYaml } from 'yaml';
import type { GatewayOptions } from './options.js';

/** The gateway's own environment variables; the backends' are the library's (`ECGrid__SoapUrl`, `ECGRID_BACKEND`, …). */
export const GATEWAY_ENV = {
  config: 'ECGRID_GATEWAY_CONFIG',
  port: 'ECGRID_GATEWAY_PORT',
  host: 'ECGRID_GATEWAY_HOST',
  publicUrl: 'ECGRID_GATEWAY_PUBLIC_URL',
  sessionSecret: 'ECGRID_GATEWAY_SESSION_SECRET',
  tlsKey: 'ECGRID_GATEWAY_TLS_KEY',
  tlsCert: 'ECGRID_GATEWAY_TLS_CERT',
  logLevel: 'ECGRID_GATEWAY_LOG_LEVEL',
} as const;

type Env = Record<string, string | undefined>;

const TOP_LEVEL = new Set(['port', 'host', 'path', 'publicUrl', 'facade', 'sessions', 'limits', 'tls', 'logLevel', 'keepParityRecords', 'processMetrics']);

/** Reads a JSON or YAML configuration file: the `GatewayOptions` fields that are data (TLS as file paths). */
export function readGatewayConfigFile(file: string): GatewayOptions {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigurationError(`cannot read the gateway configuration ${file}`);
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigurationError(`${file} must hold an object`);
  const unknown = Object.keys(raw).filter((k) => !TOP_LEVEL.has(k));
  if (unknown.length > 0) throw new ConfigurationError(`${file}: unknown setting ${unknown.join(', ')}; expected ${[...TOP_LEVEL].join(', ')}`);
  const config = raw as GatewayOptions & { logLevel?: string; tls?: { key?: string; cert?: string; keyFile?: string; certFile?: string } };
  const { logLevel, tls, ...rest } = config;
  return {
    ...rest,
    ...(logLevel ? { logger: { level: logLevel } } : {}),
    ...(tls ? { tls: tlsFrom(tls.keyFile ?? tls.key, tls.certFile ?? tls.cert, file) } : {}),
  };
}

function tlsFrom(keyFile: string | undefined, certFile: string | undefined, where: string): GatewayOptions['tls'] {
  if (!keyFile || !certFile) throw new ConfigurationError(`${where}: TLS needs both a key file and a certificate file`);
  try {
    return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
  } catch {
    throw new ConfigurationError(`${where}: cannot read the TLS key or certificate file`);
  }
}

/**
 * Options from a file (`ECGRID_GATEWAY_CONFIG`, or `file`) overlaid by the environment; explicit options win over
 * both. Invalid values are a ConfigurationError naming the variable.
 */
export function loadGatewayOptions(explicit: GatewayOptions = {}, file?: string, env: Env = process.env): GatewayOptions {
  const path = file ?? env[GATEWAY_ENV.config]?.trim();
  const fromFile = path ? readGatewayConfigFile(path) : {};
  const fromEnv: GatewayOptions = {};
  const port = env[GATEWAY_ENV.port]?.trim();
  if (port) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigurationError(`${GATEWAY_ENV.port} must be a port number (0–65535)`);
    fromEnv.port = n;
  }
  const host = env[GATEWAY_ENV.host]?.trim();
  if (host) fromEnv.host = host;
  const publicUrl = env[GATEWAY_ENV.publicUrl]?.trim();
  if (publicUrl) fromEnv.publicUrl = publicUrl;
  const secret = env[GATEWAY_ENV.sessionSecret]?.trim();
  if (secret) fromEnv.sessions = { ...fromFile.sessions, secret };
  const key = env[GATEWAY_ENV.tlsKey]?.trim();
  const cert = env[GATEWAY_ENV.tlsCert]?.trim();
  if (key || cert) fromEnv.tls = tlsFrom(key, cert, `${GATEWAY_ENV.tlsKey}/${GATEWAY_ENV.tlsCert}`);
  const level = env[GATEWAY_ENV.logLevel]?.trim();
  if (level) fromEnv.logger = { level };
  return { ...fromFile, ...fromEnv, ...explicit, env: explicit.env ?? env };
}
