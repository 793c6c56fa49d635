// Memory of a streamed parcel download: 200 MB generated on the fly by a local server (a child process) and
// streamed to a file by client.downloadToStream. Prints peak RSS growth over the baseline, the goal and PASS/MISS;
// it never fails on the number. Run: pnpm exec tsx bench/rest-stream-download.ts
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { apiKeyAuth, createRestClient } from '../packages/rest/src/index.js';

const TOTAL_BYTES = 200 * 1024 * 1024;
const WARMUP_BYTES = 4 * 1024 * 1024;
const GOAL_MB = 32;
const MB = 1024 * 1024;

/**
 * The server runs in a child process, so that only the downloading side is measured. It sends one reused chunk
 * over and over, honouring backpressure: it holds no more than a chunk itself.
 */
const SERVER_SOURCE = `
const http = require('node:http');
const CHUNK = Buffer.alloc(64 * 1024, 0x41);
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const total = body.includes('"parcelId":0') ? ${WARMUP_BYTES} : ${TOTAL_BYTES};
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(total),
      'Content-Disposition': 'attachment; filename="big.edi"',
    });
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const size = Math.min(CHUNK.length, total - sent);
        sent += size;
        if (!res.write(size === CHUNK.length ? CHUNK : CHUNK.subarray(0, size))) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startServer(): Promise<{ baseUrl: string; stop(): void }> {
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

interface Measured {
  growthMb: number;
  baselineMb: number;
  peakMb: number;
  seconds: number;
}

/** Peak RSS growth while `run` executes, over a baseline taken just before (after a GC when exposed). */
async function measure(run: () => Promise<void>): Promise<Measured> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = process.hrtime.bigint();
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return {
    growthMb: (peak - baseline) / MB,
    baselineMb: baseline / MB,
    peakMb: peak / MB,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** The same transfer with node:http piped straight to the file: what Node itself needs, for reference. */
async function rawDownload(baseUrl: string, target: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = http.request(`${baseUrl}/v2/parcels/download`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      pipeline(res, createWriteStream(target)).then(resolve, reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ parcelId: 1 }));
  });
}

type Mode = 'client' | 'raw';

/** One cold measurement in this process: a small warm-up transfer, then the full parcel. */
async function measureMode(mode: Mode): Promise<Measured> {
  const server = await startServer();
  const { baseUrl } = server;
  const client = createRestClient({ baseUrl, auth: apiKeyAuth({ apiKey: 'bench-api-key-0123456789' }), timeoutMs: 300_000 });
  const dir = await mkdtemp(join(tmpdir(), 'rest-stream-bench-'));
  const target = join(dir, 'parcel.edi');
  try {
    // A small transfer first, so that the baseline includes the code every request needs.
    await client.downloadToStream({ parcelId: 0 }, target);
    await rm(target);
    return await measure(async () => {
      if (mode === 'client') {
        const result = await client.downloadToStream({ parcelId: 1 }, target);
        if (result.bytes !== TOTAL_BYTES) throw new Error(`wrote ${result.bytes} bytes`);
      } else {
        await rawDownload(baseUrl, target);
      }
      const onDisk = (await stat(target)).size;
      if (onDisk !== TOTAL_BYTES) throw new Error(`${onDisk} bytes on disk`);
    });
  } finally {
    server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs one mode in a fresh process, so that neither measurement inherits the other's heap. */
async function inChild(mode: Mode): Promise<Measured> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the ${mode} measurement exited with ${code}`);
  return JSON.parse(output) as Measured;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === 'client' || mode === 'raw') {
    process.stdout.write(JSON.stringify(await measureMode(mode)));
    return;
  }
  const measured = await inChild('client');
  const reference = await inChild('raw');
  const gcNote = (globalThis as { gc?: unknown }).gc ? '' : ' (NODE_OPTIONS=--expose-gc gives a steadier baseline)';
  console.log(`Streamed download of ${TOTAL_BYTES / MB} MB to a file, each side in a fresh process${gcNote}`);
  console.log(
    `  rest client: ${measured.seconds.toFixed(2)} s (${(TOTAL_BYTES / MB / measured.seconds).toFixed(0)} MB/s), ` +
      `RSS ${measured.baselineMb.toFixed(1)} -> peak ${measured.peakMb.toFixed(1)} MB`,
  );
  console.log(`  reference, node:http piped to the file: peak RSS growth ${reference.growthMb.toFixed(1)} MB`);
  const verdict = measured.growthMb <= GOAL_MB ? 'PASS' : 'MISS';
  console.log(`  rest client peak RSS growth ${measured.growthMb.toFixed(1)} MB (goal ≤ ${GOAL_MB} MB): ${verdict}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
