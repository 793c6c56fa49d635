// Writes each package's publishing fields (publishConfig, files, license, build script) and its LICENSE copy from
// the workspace layout: `pnpm packages:sync`. With --check it changes nothing and exits 1 listing what is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, filesOf, publishConfigOf, workspacePackages, type PackageJson } from './layout.js';

export const LICENSE_TEXT = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
const ROOT = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: Record<string, string>; license: string };

const BUILD = 'tsup --config ../../tsup.config.ts';

/** The package.json a package must have: its own fields kept, the publishing fields derived. */
export function syncedPackageJson(json: PackageJson): PackageJson {
  const { private: _private, ...rest } = json;
  const synced: PackageJson = {
    ...rest,
    license: ROOT.license,
    engines: ROOT.engines,
    files: filesOf(json),
    sideEffects: false,
    // prepack: a tarball is always built from the source it is packed with.
    scripts: { ...(typeof json.scripts === 'object' ? json.scripts : {}), build: BUILD, prepack: BUILD },
    publishConfig: publishConfigOf(json),
  };
  return synced;
}

export interface StaleFile {
  readonly file: string;
  readonly expected: string;
}

/** Every package file that differs from what the layout says it must be. */
export function staleFiles(): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const { dir, json } of workspacePackages()) {
    const wanted = [
      { file: join(dir, 'package.json'), expected: `${JSON.stringify(syncedPackageJson(json), null, 2)}\n` },
      { file: join(dir, 'LICENSE'), expected: LICENSE_TEXT },
    ];
    for (const w of wanted) {
      let actual: string | undefined;
      try {
        actual = readFileSync(w.file, 'utf8');
      } catch {
        actual = undefined;
      }
      if (actual !== w.expected) stale.push(w);
    }
  }
  return stale;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  const stale = staleFiles();
  if (process.argv.includes('--check')) {
    for (const s of stale) console.error(`stale: ${s.file}`);
    process.exitCode = stale.length ? 1 : 0;
  } else {
    for (const s of stale) writeFileSync(s.file, s.expected);
    console.log(`${stale.length} file(s) written`);
  }
}
