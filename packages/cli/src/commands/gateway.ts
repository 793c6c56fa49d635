import type { Writable } from 'node:stream';
import { readEnvConfig } from '@ecgrid-bridge/core';
import type { Route } from '@ecgrid-bridge/facade';
import { type GatewayOptions, loadGatewayOptions, startGateway } from '@ecgrid-bridge/gateway';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { UsageError } from '../params.js';

export interface GatewayCommandOptions {
  port?: number | undefined;
  host?: string | undefined;
  config?: string | undefined;
  backend?: string | undefined;
  fallback?: boolean | undefined;
  publicUrl?: string | undefined;
  soapUrl?: string | undefined;
  restUrl?: string | undefined;
}

const ROUTES: readonly Route[] = ['soap', 'rest', 'parity', 'rest-fallback-soap'];

const stopSignal = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

/**
 * Serves the ECGridOS SOAP service in front of the facade until SIGINT/SIGTERM, then drains calls in flight.
 * Without service URLs (flags, configuration or environment) the embedded sandbox is behind it.
 */
export async function runGateway(options: GatewayCommandOptions, out: Writable, env = process.env, stop: Promise<void> = stopSignal()): Promise<number> {
  if (options.backend !== undefined && !(ROUTES as readonly string[]).includes(options.backend)) {
    throw new UsageError(`--backend must be one of ${ROUTES.join(', ')}, got "${options.backend}".`);
  }
  const loaded = loadGatewayOptions({}, options.config, env);
  const config = readEnvConfig(env);
  const soapUrl = options.soapUrl ?? loaded.facade?.soap?.endpoint ?? config.soapUrl;
  const restUrl = options.restUrl ?? loaded.facade?.rest?.baseUrl ?? config.restUrl;
  let sandbox: RunningSandbox | undefined;
  if (!soapUrl && !restUrl) sandbox = await startSandbox({ port: 0 });
  const gatewayOptions: GatewayOptions = {
    ...loaded,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
    facade: {
      ...loaded.facade,
      ...(options.backend !== undefined ? { backend: options.backend as Route } : {}),
      ...(options.fallback ? { fallback: true } : {}),
      soap: { ...loaded.facade?.soap, endpoint: sandbox?.soapUrl ?? soapUrl },
      rest: { ...loaded.facade?.rest, baseUrl: sandbox?.restUrl ?? restUrl },
    },
    // The banner goes to the output; the JSON log lines to stderr, so the two do not mix.
    logger: loaded.logger ?? { level: 'info', destination: process.stderr },
  };
  const gateway = await startGateway(gatewayOptions).catch(async (err: unknown) => {
    await sandbox?.close();
    throw err;
  });
  const backend = gatewayOptions.facade?.backend ?? config.backend ?? 'soap';
  const lines = [
    'ECGridOS gateway running',
    `  SOAP 1.1 and 1.2  ${gateway.url}`,
    `  WSDL              ${gateway.wsdlUrl}`,
    `  health, metrics   ${new URL('/healthz', gateway.url).href}  ${new URL('/readyz', gateway.url).href}  ${new URL('/metrics', gateway.url).href}`,
    `  backend           ${backend}${gatewayOptions.facade?.fallback ? ' (REST outages fall back to SOAP)' : ''}`,
  ];
  if (sandbox) {
    lines.push(
      `  behind it         the embedded sandbox (SOAP ${sandbox.soapUrl}, REST ${sandbox.restUrl})`,
      'Sandbox demo credentials (valid only on this sandbox):',
      `  login     ${sandbox.credentials.loginName} / ${sandbox.credentials.password}`,
    );
  } else {
    lines.push(`  behind it         SOAP ${soapUrl ?? '(none)'}, REST ${restUrl ?? '(none)'}`);
  }
  lines.push('Point a SOAP client at the WSDL above. Press Ctrl+C to stop.', '');
  out.write(lines.join('\n'));
  await stop;
  await gateway.close();
  await sandbox?.close();
  out.write('gateway stopped\n');
  return 0;
}
