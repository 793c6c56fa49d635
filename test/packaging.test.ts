import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH } from '@ecgrid-bridge/sandbox';
import { binEntries, publishConfigOf, sourceEntries, workspacePackages } from '../scripts/packaging/layout.js';
import { staleFiles } from '../scripts/packaging/sync.js';

/** The publishing layout (the full pack-and-install check is `pnpm pack:check`, run in CI after the tests). */
describe('packages as published', () => {
  const packages = workspacePackages();

  it('carry the publishing fields and LICENSE the workspace layout gives them (pnpm packages:sync writes them)', () => {
    expect(staleFiles().map((s) => s.file)).toEqual([]);
  });

  it('export only files that exist, each source export built for ESM and CommonJS', () => {
    for (const { dir, json } of packages) {
      for (const target of Object.values(json.exports)) expect(existsSync(join(dir, target)), `${json.name}: ${target}`).toBe(true);
      for (const entry of Object.values({ ...sourceEntries(json), ...binEntries(json) })) expect(existsSync(join(dir, entry)), `${json.name}: ${entry}`).toBe(true);
      expect(publishConfigOf(json).exports?.['.']).toMatchObject({ import: { default: './dist/index.js' }, require: { default: './dist/index.cjs' } });
      expect(json.private, json.name).toBeUndefined();
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(`# ${json.name}`);
    }
  });

  it('ship the ecgrid-bridge command from the CLI package, built from its entry point', () => {
    const cli = packages.find((p) => p.json.name === '@ecgrid-bridge/cli');
    expect(cli?.json.publishConfig?.bin).toEqual({ 'ecgrid-bridge': './dist/bin.js' });
    expect(readFileSync(join(cli?.dir ?? '', 'src/bin.ts'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('find the sandbox seed inside the sandbox package, through its own seed.json export', () => {
    const sandbox = packages.find((p) => p.json.name === '@ecgrid-bridge/sandbox');
    expect(DEFAULT_SEED_PATH).toBe(join(sandbox?.dir ?? '', 'seed/sandbox-seed.json'));
    expect(sandbox?.json.files).toContain('seed');
  });
});
