// The packaging check (`pnpm pack:check`): builds and packs every package, lints each tarball with publint and
// @arethetypeswrong/cli, installs the tarballs into a scratch project outside the workspace, and there imports every
// entry from ESM and CommonJS, type-checks the README's TypeScript samples under several consumer settings, runs them
// against the installed sandbox, and runs `npx ecgrid-bridge demo`. Exits 1 on the first failure, saying which.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, workspacePackages } from './layout.js';
import { CONSUMER_SETTINGS, cjsConsumer, entryChecks, readmeSamples, sampleRunner } from './consumers.js';

const keep = process.argv.includes('--keep');
const scratch = mkdtempSync(join(tmpdir(), 'ecgrid-bridge-pack-'));
const packs = join(scratch, 'packs');
const project = join(scratch, 'project');
const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

class CheckFailed extends Error {}

function step(title: string, command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  process.stdout.write(`• ${title}\n`);
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stdout.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new CheckFailed(`${title}: exit ${result.status ?? result.signal ?? 'unknown'}`);
  }
  return result.stdout;
}

const pnpm = (args: readonly string[], title: string, cwd = REPO_ROOT) => step(title, 'pnpm', args, cwd);

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

try {
  step('package fields agree with the workspace layout', process.execPath, ['--import', 'tsx', 'scripts/packaging/sync.ts', '--check'], REPO_ROOT);
  mkdirSync(packs);
  pnpm(['-r', '--workspace-concurrency=2', 'pack', '--pack-destination', packs], 'build (prepack) and pack every package');
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz')).sort();
  const packages = workspacePackages();
  if (tarballs.length !== packages.length) throw new CheckFailed(`${tarballs.length} tarballs for ${packages.length} packages`);

  for (const tarball of tarballs) {
    step(`publint ${tarball}`, bin('publint'), ['run', '--strict', join(packs, tarball)], REPO_ROOT);
    // node16 profile: subpath exports (`/testing`) do not exist for the legacy `node10` resolution, which Node 20 never uses.
    step(`attw ${tarball}`, bin('attw'), ['--profile', 'node16', '--no-emoji', '--no-color', '--format', 'ascii', join(packs, tarball)], REPO_ROOT);
  }

  mkdirSync(project);
  const fileSpec = (name: string) => {
    const file = tarballs.find((t) => t === `${name.replace('@', '').replace('/', '-')}-${packages.find((p) => p.json.name === name)?.json.version}.tgz`);
    if (!file) throw new CheckFailed(`no tarball for ${name}`);
    return `file:${join(packs, file)}`;
  };
  const local = Object.fromEntries(packages.map((p) => [p.json.name, fileSpec(p.json.name)]));
  writeJson(join(project, 'package.json'), {
    name: 'ecgrid-bridge-consumer',
    private: true,
    type: 'module',
    dependencies: local,
    // pino: the observability sample's logger, which a user installs beside the facade.
    devDependencies: { '@types/node': '^20.19.0', pino: '^10.4.0' },
    overrides: local,
  });
  step('install the tarballs into a scratch project', 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);

  const checks = entryChecks(packages.map((p) => ({ name: p.json.name, subpaths: Object.keys(p.json.exports).filter((s) => !s.endsWith('.json')) })));
  writeFileSync(join(project, 'entries.mjs'), checks.esm);
  writeFileSync(join(project, 'entries.cjs'), checks.cjs);
  step('import every entry from plain node (ESM)', process.execPath, ['entries.mjs'], project);
  step('require every entry from CommonJS', process.execPath, ['entries.cjs'], project);

  const samples = readmeSamples(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
  mkdirSync(join(project, 'samples'));
  samples.forEach((sample, i) => writeFileSync(join(project, 'samples', `sample-${i}.ts`), sample));
  // Each package README's samples are type-checked with the tour's (they need real services, so they are not run).
  for (const { dir, json } of packages) {
    readmeSamples(readFileSync(join(dir, 'README.md'), 'utf8')).forEach((sample, i) =>
      writeFileSync(join(project, 'samples', `${json.name.split('/')[1]}-${i}.ts`), `export {};\n${sample}`),
    );
  }
  // ioredis's own declarations import the untyped `redis-errors`; a consumer checking libraries declares it, as here.
  writeFileSync(join(project, 'samples', 'redis-errors.d.ts'), "declare module 'redis-errors';\n");
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [name, options] of Object.entries(CONSUMER_SETTINGS)) {
    writeJson(join(project, `tsconfig.${name}.json`), { compilerOptions: options, include: ['samples/*.ts'] });
    step(`type-check the README samples with ${name}`, process.execPath, [tsc, '-p', `tsconfig.${name}.json`], project);
  }
  const cjs = join(project, 'cjs');
  mkdirSync(cjs);
  writeJson(join(cjs, 'package.json'), { type: 'commonjs' });
  writeFileSync(join(cjs, 'consumer.ts'), cjsConsumer);
  writeJson(join(cjs, 'tsconfig.json'), { compilerOptions: { ...CONSUMER_SETTINGS['nodenext'], noEmit: false, outDir: 'out' }, include: ['consumer.ts'] });
  step('type-check and build a CommonJS TypeScript consumer', process.execPath, [tsc, '-p', 'tsconfig.json'], cjs);
  step('run the CommonJS TypeScript consumer', process.execPath, ['out/consumer.js'], cjs);

  writeJson(join(project, 'tsconfig.run.json'), { compilerOptions: { ...CONSUMER_SETTINGS['nodenext'], noEmit: false, outDir: 'built' }, include: ['samples/sample-*.ts'] });
  step('compile the README samples', process.execPath, [tsc, '-p', 'tsconfig.run.json'], project);
  writeFileSync(join(project, 'run-samples.mjs'), sampleRunner(samples.length));
  process.stdout.write(step('run the README samples against the installed sandbox', process.execPath, ['run-samples.mjs'], project));

  const demo = step('npx ecgrid-bridge demo', 'npx', ['--no-install', 'ecgrid-bridge', 'demo'], project);
  if (!/mismatch|agree|parity/i.test(demo)) throw new CheckFailed(`the demo printed no parity line:\n${demo}`);
  step('npx ecgrid-bridge --version', 'npx', ['--no-install', 'ecgrid-bridge', '--version'], project);
  process.stdout.write(`packaging check passed (${tarballs.length} packages)\n`);
} catch (error) {
  process.stderr.write(`packaging check failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  if (keep) process.stdout.write(`scratch project kept at ${scratch}\n`);
  else rmSync(scratch, { recursive: true, force: true });
}
