import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAPPINGS, isFacadeOperation } from '@ecgrid-bridge/facade';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { type GatewayOptions, type RunningGateway, startGateway } from '../../src/index.js';

export interface Step {
  step: string;
  operation: string;
  result?: unknown;
  fault?: { code: string; detail: string | null };
}

export interface Transcript {
  client: string;
  steps: Step[];
}

/** What a workflow script needs: where the service is, whom to log in as, what to upload, whom to ask for the expiry. */
export interface WorkflowInput {
  wsdl: string;
  login: string;
  password: string;
  upload: { fileName: string; base64: string };
  hook: string;
  soap12?: boolean;
}

/** A one-interchange X12 file from the demo mailbox (ACMEMFG) to a partner the seed knows (BETARETAIL). */
export function uploadFile(): { fileName: string; base64: string } {
  const isa = ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', 'ACMEMFG'.padEnd(15), 'ZZ', 'BETARETAIL'.padEnd(15), '250301', '1000', 'U', '00401', '000004242', '0', 'P', '>'].join('*');
  const text = [`${isa}~`, 'GS*PO*ACMEMFG*BETARETAIL*20250301*1000*4242*X*004010~', 'ST*850*0001~', 'BEG*00*SA*PO-GW-1**20250301~', 'SE*3*0001~', 'GE*1*4242~', 'IEA*1*000004242~', ''].join('\n');
  return { fileName: 'po-gateway.x12', base64: Buffer.from(text).toString('base64') };
}

/** A loopback HTTP endpoint a client script POSTs to at the "forced expiry" step. */
export async function expiryHook(onExpire: () => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    onExpire()
      .then(() => res.end('expired'))
      .catch(() => {
        res.statusCode = 500;
        res.end('failed');
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/expire`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export type WorkflowRunner = (input: WorkflowInput) => Promise<Transcript>;

/**
 * Runs one client's workflow twice, each on a fresh sandbox: straight against the sandbox's SOAP endpoint, then
 * through a gateway whose backend (by default REST) is a second sandbox. The expiry step ends the sandbox's SOAP
 * sessions and REST tokens, and (through the gateway) the gateway's client sessions too.
 */
export async function directAndThroughGateway(
  run: WorkflowRunner,
  gatewayOptions: GatewayOptions['facade'] = { backend: 'rest' },
  soap12 = false,
): Promise<{ direct: Transcript; gateway: Transcript; relogins: number; requestsBySoapVersion: Record<'1.1' | '1.2', number> }> {
  const direct = await withSandbox(async (sandbox) => {
    const hook = await expiryHook(async () => {
      sandbox.admin.expireSessions();
      sandbox.admin.expireTokens();
    });
    try {
      return await run(inputFor(sandbox, `${sandbox.soapUrl}?wsdl`, hook.url, false));
    } finally {
      await hook.close();
    }
  });
  let relogins = 0;
  const requestsBySoapVersion = { '1.1': 0, '1.2': 0 };
  const gateway = await withSandbox(async (sandbox) => {
    const gw = await gatewayOn(sandbox, gatewayOptions);
    const hook = await expiryHook(async () => {
      sandbox.admin.expireSessions();
      sandbox.admin.expireTokens();
      await gw.expireSessions();
    });
    try {
      const transcript = await run(inputFor(sandbox, gw.wsdlUrl, hook.url, soap12));
      relogins = await metricValue(gw, 'ecgrid_gateway_backend_relogins_total');
      for (const v of ['1.1', '1.2'] as const) requestsBySoapVersion[v] = await metricValue(gw, 'ecgrid_gateway_requests_total', { soap_version: v });
      return transcript;
    } finally {
      await hook.close();
      await gw.close();
    }
  });
  return { direct, gateway, relogins, requestsBySoapVersion };
}

export function inputFor(sandbox: RunningSandbox, wsdl: string, hook: string, soap12: boolean): WorkflowInput {
  return { wsdl, login: sandbox.credentials.loginName, password: sandbox.credentials.password, upload: uploadFile(), hook, soap12 };
}

export async function withSandbox<T>(run: (sandbox: RunningSandbox) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ port: 0 });
  try {
    return await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

/** A gateway in front of a sandbox, its logs silent. */
export function gatewayOn(sandbox: RunningSandbox, facade: GatewayOptions['facade'] = { backend: 'rest' }, extra: GatewayOptions = {}): Promise<RunningGateway> {
  return startGateway({
    port: 0,
    logger: { level: 'silent' },
    processMetrics: false,
    facade: { ...facade, soap: { endpoint: sandbox.soapUrl, ...facade?.soap }, rest: { baseUrl: sandbox.restUrl, ...facade?.rest } },
    env: {},
    ...extra,
  });
}

/** The sum of a counter's series in the gateway's registry. */
export async function metricValue(gw: RunningGateway, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await gw.metrics.registry.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l))
    .reduce((sum, v) => sum + v.value, 0);
}

// ---- comparing transcripts -----------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The items a `List[]` path segment reaches: a plain list, or a wrapper holding one (one item may come unwrapped). */
function itemsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return [];
  const inner = Object.values(value);
  if (inner.length === 1) {
    const only = inner[0];
    if (Array.isArray(only)) return only;
    if (isObject(only)) return [only];
  }
  return [value];
}

function dropPath(value: unknown, segments: readonly string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined || !isObject(value)) return;
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  if (rest.length === 0 && !list) {
    Reflect.deleteProperty(value, key);
    return;
  }
  const next = value[key];
  if (list) for (const item of itemsOf(next)) dropPath(item, rest);
  else dropPath(next, rest);
}

function sortedDeep(value: unknown, maskSession: boolean): Json {
  if (Array.isArray(value)) return value.map((v) => sortedDeep(v, maskSession)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) {
      if (maskSession && VOLATILE.has(key)) continue;
      out[key] = sortedDeep(value[key], maskSession);
    }
    return out;
  }
  if (value === undefined) return null;
  return value as Json;
}

/** Fields each server fills per session: its own SessionID, and the clock at Login. */
const VOLATILE = new Set(['SessionID', 'LastLogin']);

const FAULT_CODE: Readonly<Record<string, string>> = { sender: 'Client', receiver: 'Server', client: 'Client', server: 'Server' };

/**
 * A transcript reduced to what must be equal whichever endpoint served it: SessionIDs and login times masked (each
 * server issues its own), fault codes by meaning (SOAP 1.2 Sender is 1.1 Client), lists in a fixed order, and — when REST served the
 * calls — the result fields the facade declares REST cannot provide (`MAPPINGS[op].rest.lossy`) left out of both.
 */
export function comparable(transcript: Transcript, dropLossy: boolean): Json[] {
  const steps = transcript.steps.map((step): Json => {
    if (step.fault) {
      const local = step.fault.code.replace(/^.*[:}]/, '').toLowerCase();
      return { step: step.step, fault: { code: FAULT_CODE[local] ?? local, detail: step.fault.detail } };
    }
    let result: unknown = structuredClone(step.result ?? null);
    if (step.operation === 'Login') result = typeof result === 'string' && result.length > 0 ? '<session>' : result;
    const lossy = dropLossy && isFacadeOperation(step.operation) ? (MAPPINGS[step.operation].rest?.lossy ?? []) : [];
    if (lossy.includes('.') && step.operation !== 'Login') result = '<not provided by REST>';
    else for (const path of lossy) dropPath(result, path.split('.'));
    return { step: step.step, result: sortedDeep(result, true) };
  });
  // Parcels are downloaded in inbox order, which REST need not share: compare the download/confirm pairs as a set.
  const first = steps.findIndex((s) => isObject(s) && s['step'] === 'download');
  if (first < 0) return steps;
  let end = first;
  while (end < steps.length && isObject(steps[end]) && ['download', 'confirm'].includes(String((steps[end] as Record<string, Json>)['step']))) end += 1;
  const pairs: Json[][] = [];
  for (let i = first; i < end; i += 2) pairs.push(steps.slice(i, i + 2));
  pairs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return [...steps.slice(0, first), ...pairs.flat(), ...steps.slice(end)];
}

// ---- external clients ----------------------------------------------------------------------------------------------

/** The first interpreter that imports zeep: Debian's python3 (python3-zeep), not a pyenv shim without it. */
export function zeepPython(): string | undefined {
  for (const candidate of ['/usr/bin/python3', '/usr/local/bin/python3', 'python3']) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    if (probe(candidate, ['-c', 'import zeep'])) return candidate;
  }
  return undefined;
}

/** PHP with the soap extension (Debian php-cli and php-soap). */
export function phpWithSoap(): string | undefined {
  for (const candidate of ['/usr/bin/php', 'php']) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    if (probe(candidate, ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);'])) return candidate;
  }
  return undefined;
}

function probe(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
  return r.status === 0;
}

/** Runs a workflow script with its input in a temporary file; its stdout is the transcript. */
export function scriptRunner(command: string, script: string): WorkflowRunner {
  return async (input) => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-client-'));
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(input));
    try {
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(command, [script, file], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, out, errOut) => {
          if (err) reject(new Error(`${command} ${script} failed: ${err.message}\n${errOut.slice(-2000)}`));
          else resolve(out);
        });
      });
      return JSON.parse(stdout) as Transcript;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
