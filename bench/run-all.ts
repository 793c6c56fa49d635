// Runs every bench script in bench/ one after another, each in its own process (so that none inherits another's
// warm JIT, heap or sockets), prints their output as it comes, then a summary of PASS/MISS lines. A MISS is
// reported, never fatal: the exit code is 0 unless a bench itself failed to run. Child-process probes (`*-probe.ts`)
// and helper modules (bench/support/) are not benches. Run: pnpm bench
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, 'bench');
const SELF = 'run-all.ts';

interface Outcome {
  file: string;
  exitCode: number | null;
  seconds: number;
  pass: number;
  miss: number;
}

function benchScripts(): string[] {
  return readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.startsWith('.'))
    .map((e) => e.name)
    .filter((name) => name !== SELF && !name.endsWith('-probe.ts'))
    .sort();
}

function run(file: string): Promise<Outcome> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, file)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const count = (word: string) => output.split('\n').filter((line) => new RegExp(`\\b${word}\\b`).test(line)).length;
      resolveRun({ file, exitCode, seconds: (performance.now() - started) / 1000, pass: count('PASS'), miss: count('MISS') });
    });
  });
}

async function main(): Promise<void> {
  const files = benchScripts();
  const outcomes: Outcome[] = [];
  for (const file of files) {
    console.log(`\n=== bench/${file}`);
    outcomes.push(await run(file));
  }
  console.log('\n=== summary (one run on this machine; a MISS is reported, not a failure)');
  for (const o of outcomes) {
    const status = o.exitCode === 0 ? `${o.pass} PASS, ${o.miss} MISS` : `failed to run (exit ${String(o.exitCode)})`;
    console.log(`  bench/${o.file.padEnd(26)} ${status.padEnd(22)} ${o.seconds.toFixed(1).padStart(6)} s`);
  }
  if (outcomes.some((o) => o.exitCode !== 0)) process.exitCode = 1;
}

await main();
