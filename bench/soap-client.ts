// Speed of the SOAP client, measured in one run over loopback. Prints each number, its goal and PASS/MISS; it never
// fails on time. Run: pnpm exec tsx bench/soap-client.ts
//
// Every path posts the same envelope bytes to the same canned server with the same agent settings and reads the
// whole answer; the raw POST stops there, while the client also checks and decodes it. Two more paths time the
// client's own layers (its transport alone, then transport and decoder) to show where its time goes.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { OPERATIONS, SERVICE, buildEnvelope, createSoapClient, decodeResponse, renderWsdl } from '../packages/soap/src/index.js';
import { postEnvelope } from '../packages/soap/src/transport.js';

const execFileAsync = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PATH = '/v4.1/prod/ECGridOS.asmx';
const ROUNDS = 7;
const BATCHES_PER_ROUND = 10;
const CALLS_PER_BATCH = 100;
const CALLS_PER_ROUND = BATCHES_PER_ROUND * CALLS_PER_BATCH;
const WARMUP_CALLS = 500;

/** The few parts of node-soap used here; it is a dependency of the soap package, so it is resolved from there. */
interface NodeSoapClient {
  [service: string]: unknown;
}
interface NodeSoap {
  createClientAsync(wsdlPath: string, options: { endpoint: string }): Promise<NodeSoapClient>;
}
type PortMethod = (args: object, callback: (err: unknown, result: unknown) => void, options: object) => void;
const nodeSoap = createRequire(join(ROOT, 'packages/soap/package.json'))('soap') as NodeSoap;

/** The parser the decoder uses (fast-xml-parser), also resolved from the soap package. */
interface FastXmlParser {
  XMLParser: new (options: object) => { parse(xml: string): unknown };
}
const { XMLParser } = createRequire(join(ROOT, 'packages/soap/package.json'))('fast-xml-parser') as FastXmlParser;

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

/** The baseline: the same POST with node:http, reading the whole body, and nothing else. */
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

type Call = () => Promise<unknown>;

async function sequential(calls: number, once: Call): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await once();
  return performance.now() - started;
}

/** Each path's milliseconds per round of CALLS_PER_ROUND calls, run in short batches whose order rotates. */
async function interleaved(paths: ReadonlyArray<readonly [string, Call]>): Promise<Map<string, number[]>> {
  for (const [, call] of paths) await sequential(WARMUP_CALLS, call);
  const totals = new Map(paths.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    const ms = new Map(paths.map(([name]) => [name, 0]));
    for (let batch = 0; batch < BATCHES_PER_ROUND; batch++) {
      for (let k = 0; k < paths.length; k++) {
        const [name, call] = paths[(batch + k) % paths.length]!;
        ms.set(name, ms.get(name)! + (await sequential(CALLS_PER_BATCH, call)));
      }
    }
    for (const [name, value] of ms) totals.get(name)!.push(value);
  }
  return totals;
}

interface Throughput {
  /** Median calls/s per path. */
  perSecond: Record<'raw' | 'transport' | 'transportDecode' | 'ours' | 'nodeSoap', number>;
  /** Medians of the per-round ratios. */
  ofRaw: number;
  overNodeSoap: number;
  /** Median µs per call spent in decodeResponse, timed where it runs (between real calls). */
  decodeUs: number;
}

async function throughput(endpoint: string, wsdlPath: string, c: BenchCase): Promise<Throughput> {
  const url = new URL(endpoint);
  const spec = OPERATIONS[c.op];
  // One agent setting for every client: keep-alive, up to 64 sockets (what createSoapClient uses).
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  const rawAgent = new http.Agent(agentOptions);
  const envelopeText = buildEnvelope(spec, c.args);
  const envelope = Buffer.from(envelopeText, 'utf8');
  const raw = () => rawPost(url, rawAgent, spec.soapAction, envelope);

  // The client's own layers, to see where its time goes: the transport alone, then the transport and the decoder.
  const transportAgent = new http.Agent(agentOptions);
  const transportOptions = { endpoint: url, timeoutMs: 30_000, maxResponseBytes: 256 * 1024 * 1024, agent: transportAgent };
  const post = () => postEnvelope(transportOptions, { operation: c.op, soapAction: spec.soapAction, body: envelopeText, timeoutMs: 30_000 });
  const decodeAgent = new http.Agent(agentOptions);
  const decodeTransport = { ...transportOptions, agent: decodeAgent };
  let decodeMs = 0;
  let decodeCalls = 0;
  const postAndDecode = async () => {
    const answer = await postEnvelope(decodeTransport, { operation: c.op, soapAction: spec.soapAction, body: envelopeText, timeoutMs: 30_000 });
    const started = performance.now();
    const value = decodeResponse(spec, answer);
    decodeMs += performance.now() - started;
    decodeCalls++;
    return value;
  };

  const client = createSoapClient({ endpoint });
  const ours = () => client.call(c.op, c.args);

  const soapClient = await nodeSoap.createClientAsync(wsdlPath, { endpoint });
  const port = (soapClient[SERVICE.serviceName] as Record<string, Record<string, PortMethod>>)[SERVICE.soap11Port]!;
  const soapAgent = new http.Agent(agentOptions);
  const viaNodeSoap = () =>
    new Promise<Record<string, unknown>>((ok, fail) =>
      port[c.op]!(c.args, (err, result) => (err ? fail(err) : ok(result as Record<string, unknown>)), { httpAgent: soapAgent }),
    );

  // The same answer from every path, or the comparison means nothing.
  if (!(await raw()).includes(`<${spec.result!.name}>`)) throw new Error(`raw POST did not get the canned ${c.op} answer`);
  if (!(await post()).body.includes(`<${spec.result!.name}>`)) throw new Error(`the transport did not get the canned ${c.op} answer`);
  const pick = (v: unknown) => (typeof v === 'object' && v !== null ? Number((v as { UserID?: unknown }).UserID) : v);
  const theirs = (await viaNodeSoap())[spec.result!.name];
  for (const value of [await postAndDecode(), await ours(), theirs]) {
    if (pick(value) !== c.expect) throw new Error(`clients disagree on the canned ${c.op} answer`);
  }

  const ms = await interleaved([
    ['raw', raw],
    ['transport', post],
    ['transportDecode', postAndDecode],
    ['ours', ours],
    ['nodeSoap', viaNodeSoap],
  ]);
  client.close();
  for (const agent of [rawAgent, transportAgent, decodeAgent, soapAgent]) agent.destroy();
  const of = (name: string) => ms.get(name)!;
  const perSecond = (name: string) => (CALLS_PER_ROUND * 1000) / median(of(name));
  const perRound = (num: string, den: string) => of(num).map((v, i) => v / of(den)[i]!);
  return {
    perSecond: {
      raw: perSecond('raw'),
      transport: perSecond('transport'),
      transportDecode: perSecond('transportDecode'),
      ours: perSecond('ours'),
      nodeSoap: perSecond('nodeSoap'),
    },
    ofRaw: median(perRound('raw', 'ours')),
    overNodeSoap: median(perRound('nodeSoap', 'ours')),
    decodeUs: (decodeMs * 1000) / decodeCalls,
  };
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

  // The parser our decoder uses, given the whole document as text: what decoding would cost without the stop node.
  const plainParser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
  const parseAlone = () => plainParser.parse(body);
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
  return { ours: time(() => decodeResponse(OPERATIONS.ParcelDownload, answer)), parserOnly: time(parseAlone) };
}

async function main(): Promise<void> {
  const server = await startCannedServer();
  const dir = mkdtempSync(join(tmpdir(), 'soap-bench-'));
  try {
    const wsdlPath = join(dir, 'ECGridOS.wsdl');
    writeFileSync(wsdlPath, renderWsdl({ address: server.endpoint, operations: CASES.map((c) => c.op) }));

    console.log('SOAP client benchmark (one run on this machine; informative only, never fails on time)');
    console.log(
      `  calls/s over loopback, canned answers from a node:http server in this process; ${ROUNDS} rounds x ${CALLS_PER_ROUND} sequential ` +
        `keep-alive calls per path, in interleaved batches of ${CALLS_PER_BATCH}; medians:`,
    );
    for (const c of CASES) {
      const t = await throughput(server.endpoint, wsdlPath, c);
      const us = (perSecond: number) => 1e6 / perSecond;
      const p = t.perSecond;
      const step = (from: number, to: number) => `${(us(to) - us(from) >= 0 ? '+' : '')}${(us(to) - us(from)).toFixed(1).padStart(5)} µs`;
      console.log(`  ${c.op} (${cannedResponse(c).length}-byte answer)`);
      console.log(`    raw node:http POST    ${p.raw.toFixed(0).padStart(6)} calls/s  ${us(p.raw).toFixed(1).padStart(6)} µs/call`);
      console.log(`    @ecgrid-bridge/soap   ${p.ours.toFixed(0).padStart(6)} calls/s  ${us(p.ours).toFixed(1).padStart(6)} µs/call   ${t.ofRaw.toFixed(2)} of raw         goal >= 0.80  ${verdict(t.ofRaw >= 0.8)}`);
      console.log(`    node-soap client      ${p.nodeSoap.toFixed(0).padStart(6)} calls/s  ${us(p.nodeSoap).toFixed(1).padStart(6)} µs/call   ours ${t.overNodeSoap.toFixed(2)}x node-soap   goal >= 2x    ${verdict(t.overNodeSoap >= 2)}`);
      console.log(
        `    where our time goes over raw: transport (deadline timer, abort and size checks) ${step(p.raw, p.transport)}, ` +
          `decode (validate, parse, typed values) ${step(p.transport, p.transportDecode)} [timed in place: ${t.decodeUs.toFixed(1)} µs], ` +
          `envelope, events, call ${step(p.transportDecode, p.ours)}`,
      );
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
        `   (the XML parser alone on the whole document: ${p.parserOnly.toFixed(2)} ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

await main();
