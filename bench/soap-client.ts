// Speed of the SOAP client, measured in one run over loopback. Prints each number, its goal and PASS/MISS; it never
// fails on time. Run: pnpm exec tsx bench/soap-client.ts
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { OPERATIONS, SERVICE, buildEnvelope, createSoapClient, decodeResponse, renderWsdl } from '../packages/soap/src/index.js';

const execFileAsync = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PATH = '/v4.1/prod/ECGridOS.asmx';
const ROUNDS = 3;
const CALLS_PER_ROUND = 1_000;
const WARMUP_CALLS = 300;

/** The few parts of node-soap used here; it is a dependency of the soap package, so it is resolved from there. */
interface NodeSoapClient {
  [service: string]: unknown;
}
interface NodeSoap {
  createClientAsync(wsdlPath: string, options: { endpoint: string }): Promise<NodeSoapClient>;
}
type PortMethod = (args: object, callback: (err: unknown, result: unknown) => void, options: object) => void;
const nodeSoap = createRequire(join(ROOT, 'packages/soap/package.json'))('soap') as NodeSoap;

const SESSION_INFO =
  '<ECGridOSVersion>4.1.472</ECGridOSVersion><SessionID>bench-session</SessionID><SessionEventID>1</SessionEventID>' +
  '<UserID>42</UserID><LoginName>ops@example.com</LoginName><FirstName>Ada</FirstName><LastName>Lovelace</LastName>' +
  '<Company>Example &amp; Co</Company><EMail>ops@example.com</EMail><Phone>+1 555 0100</Phone><TimeZoneOffset>-5</TimeZoneOffset>' +
  '<AuthLevel>MailboxAdmin</AuthLevel><LastLogin>2026-03-04T05:06:07.123</LastLogin><OpenSessions>1</OpenSessions>' +
  '<TimeOut>20</TimeOut><NetworkID>1</NetworkID><MailboxID>2</MailboxID><ip>127.0.0.1</ip>';

/** The two canned exchanges: the smallest kind of answer (a boolean) and a typical record (18 fields). */
const CASES = [
  { op: 'ParcelDownloadConfirm', args: { SessionID: 'bench-session', ParcelID: 123456789 }, result: 'true', expect: true },
  { op: 'WhoAmI', args: { SessionID: 'bench-session' }, result: SESSION_INFO, expect: 42 },
] as const;
type BenchCase = (typeof CASES)[number];

function cannedResponse(c: BenchCase): Buffer {
  const spec = OPERATIONS[c.op];
  return Buffer.from(
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>' +
      `<${spec.responseElement} xmlns="${SERVICE.namespace}"><${spec.result!.name}>${c.result}</${spec.result!.name}></${spec.responseElement}>` +
      '</soap:Body></soap:Envelope>',
  );
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function startCannedServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const answers = new Map(CASES.map((c) => [`"${OPERATIONS[c.op].soapAction}"`, cannedResponse(c)]));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = answers.get(String(req.headers['soapaction']));
      if (!body) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${PATH}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function rawPost(endpoint: URL, agent: http.Agent, soapAction: string, body: Buffer): Promise<string> {
  return new Promise((resolvePost, reject) => {
    const req = http.request(endpoint, {
      method: 'POST',
      agent,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${soapAction}"`, 'Content-Length': body.length },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePost(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.end(body);
  });
}

async function sequential(calls: number, once: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await once();
  return performance.now() - started;
}

interface Throughput {
  raw: number;
  ours: number;
  nodeSoap: number;
}

async function throughput(endpoint: string, wsdlPath: string, c: BenchCase): Promise<Throughput> {
  const url = new URL(endpoint);
  const spec = OPERATIONS[c.op];
  const rawAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const envelope = Buffer.from(buildEnvelope(spec, c.args), 'utf8');
  const raw = () => rawPost(url, rawAgent, spec.soapAction, envelope);

  const client = createSoapClient({ endpoint });
  const ours = () => client.call(c.op, c.args);

  const soapClient = await nodeSoap.createClientAsync(wsdlPath, { endpoint });
  const port = (soapClient[SERVICE.serviceName] as Record<string, Record<string, PortMethod>>)[SERVICE.soap11Port]!;
  const soapAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const viaNodeSoap = () =>
    new Promise<Record<string, unknown>>((ok, fail) =>
      port[c.op]!(c.args, (err, result) => (err ? fail(err) : ok(result as Record<string, unknown>)), { httpAgent: soapAgent }),
    );

  // The same answer from all three, or the comparison means nothing.
  if (!(await raw()).includes(`<${spec.result!.name}>`)) throw new Error(`raw POST did not get the canned ${c.op} answer`);
  const mine = await ours();
  const theirs = (await viaNodeSoap())[spec.result!.name];
  const pick = (v: unknown) => (typeof v === 'object' && v !== null ? Number((v as { UserID?: unknown }).UserID) : v);
  if (pick(mine) !== c.expect || pick(theirs) !== c.expect) throw new Error(`clients disagree on the canned ${c.op} answer`);

  for (const run of [raw, ours, viaNodeSoap]) await sequential(WARMUP_CALLS, run);
  const totals = { raw: 0, ours: 0, nodeSoap: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    totals.raw += await sequential(CALLS_PER_ROUND, raw);
    totals.ours += await sequential(CALLS_PER_ROUND, ours);
    totals.nodeSoap += await sequential(CALLS_PER_ROUND, viaNodeSoap);
  }
  client.close();
  rawAgent.destroy();
  soapAgent.destroy();
  const perSecond = (ms: number) => (ROUNDS * CALLS_PER_ROUND * 1000) / ms;
  return { raw: perSecond(totals.raw), ours: perSecond(totals.ours), nodeSoap: perSecond(totals.nodeSoap) };
}

interface Startup {
  importMs: number;
  readyMs: number;
}

/** Runs a start-up probe `runs` times after one warm-up run and returns the medians. */
async function startupMedians(runs: number, once: () => Promise<Startup>): Promise<Startup> {
  await once(); // warms the file cache (and tsx's transform cache), as any later start of an application finds them
  const samples: Startup[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return { importMs: median(samples.map((s) => s.importMs)), readyMs: median(samples.map((s) => s.readyMs)) };
}

// The child processes are run asynchronously: the canned server answering their first call lives in this process.

/** The package as the workspace runs it: TypeScript sources through tsx's loader. */
function startupUnderTsx(endpoint: string, runs: number): Promise<Startup> {
  const probe = join(ROOT, 'bench/soap-startup-probe.ts');
  return startupMedians(runs, async () => {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', probe, endpoint], { cwd: ROOT, encoding: 'utf8' });
    return JSON.parse(stdout) as Startup;
  });
}

/** The package as an application deploys it: bundled to one ESM file by esbuild (tsx's own compiler), run by plain node. */
async function startupBundled(endpoint: string, runs: number): Promise<Startup> {
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild') as {
    build(options: Record<string, unknown>): Promise<unknown>;
  };
  // Inside the repository, so the bundle's runtime require of fast-xml-parser resolves as it would in an app.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const outDir = mkdtempSync(join(ROOT, 'node_modules/.cache/soap-bench-'));
  try {
    const bundle = join(outDir, 'soap.mjs');
    await esbuild.build({ entryPoints: [join(ROOT, 'packages/soap/src/index.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'warning' });
    const probe = [
      'const t0 = performance.now();',
      `const { createSoapClient } = await import(${JSON.stringify(pathToFileURL(bundle).href)});`,
      'const t1 = performance.now();',
      'const client = createSoapClient({ endpoint: process.argv[1] });',
      `await client.call('ParcelDownloadConfirm', { SessionID: 'bench-session', ParcelID: 1 });`,
      'const t2 = performance.now();',
      'client.close();',
      'console.log(JSON.stringify({ importMs: t1 - t0, readyMs: t2 - t0 }));',
    ].join('\n');
    return await startupMedians(runs, async () => {
      const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', probe, endpoint], { cwd: ROOT, encoding: 'utf8' });
      return JSON.parse(stdout) as Startup;
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function parseLargeDownload(samples: number): { ours: number; parserOnly: number } {
  const bytes = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >> 8)) & 0xff;
  const result =
    '<ParcelID>123456789</ParcelID><FileName>inbound.edi</FileName><FileDate>2026-03-04T05:06:07</FileDate>' +
    `<Bytes>${bytes.length}</Bytes><Standard>X12</Standard><Content>${bytes.toString('base64')}</Content><routerArchive>false</routerArchive>`;
  const body =
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<ParcelDownloadResponse xmlns="${SERVICE.namespace}"><ParcelDownloadResult>${result}</ParcelDownloadResult></ParcelDownloadResponse>` +
    '</soap:Body></soap:Envelope>';
  const answer = { status: 200, contentType: 'text/xml; charset=utf-8', body };
  const decoded = decodeResponse(OPERATIONS.ParcelDownload, answer) as { Content?: Buffer };
  if (!decoded.Content?.equals(bytes)) throw new Error('ParcelDownload content did not round-trip');

  const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, stopNodes: ['Envelope.Body.ParcelDownloadResponse.ParcelDownloadResult.Content'] });
  const time = (fn: () => unknown) => {
    for (let i = 0; i < 5; i++) fn();
    return median(
      Array.from({ length: samples }, () => {
        const t = performance.now();
        fn();
        return performance.now() - t;
      }),
    );
  };
  return { ours: time(() => decodeResponse(OPERATIONS.ParcelDownload, answer)), parserOnly: time(() => parser.parse(body)) };
}

async function main(): Promise<void> {
  const server = await startCannedServer();
  const dir = mkdtempSync(join(tmpdir(), 'soap-bench-'));
  try {
    const wsdlPath = join(dir, 'ECGridOS.wsdl');
    writeFileSync(wsdlPath, renderWsdl({ address: server.endpoint, operations: CASES.map((c) => c.op) }));

    console.log('SOAP client benchmark (one run on this machine; informative only, never fails on time)');
    console.log(`  calls/s over loopback, canned answers, ${ROUNDS} x ${CALLS_PER_ROUND} sequential keep-alive calls per client:`);
    for (const c of CASES) {
      const t = await throughput(server.endpoint, wsdlPath, c);
      const ofRaw = t.ours / t.raw;
      const overNodeSoap = t.ours / t.nodeSoap;
      console.log(`  ${c.op} (${cannedResponse(c).length}-byte answer)`);
      console.log(`    raw node:http POST    ${t.raw.toFixed(0).padStart(6)} calls/s`);
      console.log(`    @ecgrid-bridge/soap   ${t.ours.toFixed(0).padStart(6)} calls/s   ${ofRaw.toFixed(2)} of raw         goal >= 0.80  ${verdict(ofRaw >= 0.8)}`);
      console.log(`    node-soap client      ${t.nodeSoap.toFixed(0).padStart(6)} calls/s   ours ${overNodeSoap.toFixed(2)}x node-soap   goal >= 2x    ${verdict(overNodeSoap >= 2)}`);
    }

    console.log('  start-up in a child process (median of 5): import, then create a client and get the first answer');
    const startups: Array<[string, Startup]> = [
      ['bundled (esbuild), plain node', await startupBundled(server.endpoint, 5)],
      ['TypeScript sources under tsx ', await startupUnderTsx(server.endpoint, 5)],
    ];
    for (const [how, s] of startups) {
      console.log(`    ${how}  import ${s.importMs.toFixed(1).padStart(5)} ms, first call answered ${s.readyMs.toFixed(1).padStart(5)} ms   goal <= 50 ms  ${verdict(s.readyMs <= 50)}`);
    }

    const p = parseLargeDownload(50);
    console.log(
      `  decode a ParcelDownload answer with 1 MiB of base64 (median of 50): ${p.ours.toFixed(2)} ms   goal <= 5 ms  ${verdict(p.ours <= 5)}` +
        `   (fast-xml-parser alone, base64 as a stop node: ${p.parserOnly.toFixed(2)} ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

await main();
