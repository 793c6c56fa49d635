#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.js';

const HELP = `Usage: sandbox [--port N] [--host ADDRESS] [--seed FILE] [--persist FILE] [--session-ttl MS] [--token-ttl MS]

Runs a local ECGrid (SOAP 1.1 and REST v2 over one store) until stopped with Ctrl-C.`;

function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      persist: { type: 'string' },
      'session-ttl': { type: 'string' },
      'token-ttl': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const sandbox = await startSandbox({
    port: num(values.port, 'port') ?? 8642,
    host: values.host ?? '127.0.0.1',
    ...(values.seed ? { seed: values.seed } : {}),
    ...(values.persist ? { persistPath: values.persist } : {}),
    ...(values['session-ttl'] ? { sessionTtlMs: num(values['session-ttl'], 'session-ttl') } : {}),
    ...(values['token-ttl'] ? { tokenTtlMs: num(values['token-ttl'], 'token-ttl') } : {}),
  });
  const c = sandbox.credentials;
  const lines = [
    'ECGrid sandbox is running.',
    '',
    `  SOAP 1.1  ${sandbox.soapUrl}`,
    `  WSDL      ${sandbox.wsdlUrl}`,
    `  REST v2   ${sandbox.restUrl}/v2/...`,
    `  admin     ${sandbox.adminUrl}/state  (fault injection, session and token expiry)`,
    '',
    'Sandbox demo credentials (they only work against this sandbox):',
    `  login     ${c.loginName}  (or ${c.email})`,
    `  password  ${c.password}`,
    `  API key   ${c.apiKey}`,
    ...(c.clientKey ? [`  client    key ${c.clientKey}  secret ${c.clientSecret ?? ''}`] : []),
    '',
    'To point the library at it:',
    `  export ECGrid__SoapUrl=${sandbox.soapUrl}`,
    `  export ECGrid__RestUrl=${sandbox.restUrl}`,
    `  export ECGrid__ApiKey=${c.apiKey}`,
    `  export ECGrid__Email=${c.email}`,
    `  export ECGrid__Password='${c.password}'`,
    '',
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
