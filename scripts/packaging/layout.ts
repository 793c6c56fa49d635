// How a workspace package is published. In the workspace every package exports its TypeScript source, so tests and
// the README's commands need no build; a published package exports the built JavaScript instead (ESM and CommonJS,
// each with its declarations). This module derives the published layout from the workspace one, so the source map in
// `exports` is the one fact both rest on.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PACKAGES_DIR = join(REPO_ROOT, 'packages');

/** The part of a package.json this layout reads and writes. */
export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  exports: Record<string, string>;
  files?: string[];
  publishConfig?: PublishConfig;
  [field: string]: unknown;
}

type ConditionalEntry = { readonly types: string; readonly default: string };

export interface PublishConfig {
  access?: 'public';
  main?: string;
  module?: string;
  types?: string;
  exports?: Record<string, string | { readonly import: ConditionalEntry; readonly require: ConditionalEntry }>;
  bin?: Record<string, string>;
}

export interface WorkspacePackage {
  readonly dir: string;
  readonly json: PackageJson;
}

export function workspacePackages(): WorkspacePackage[] {
  return readdirSync(PACKAGES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(PACKAGES_DIR, d.name))
    .map((dir) => ({ dir, json: readPackageJson(dir) }))
    .sort((a, b) => a.json.name.localeCompare(b.json.name));
}

export const readPackageJson = (dir: string): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

const SOURCE = /^\.\/src\/(.+)\.ts$/;

/** The source entries a package builds, by output name: `./src/testing.ts` builds `dist/testing.*`. */
export function sourceEntries(json: PackageJson): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const target of Object.values(json.exports)) {
    const name = SOURCE.exec(target)?.[1];
    if (name !== undefined) entries[name] = target.slice(2);
  }
  return entries;
}

/** The executables a package ships, as source entries: `./dist/bin.js` is built from `src/bin.ts`, ESM only. */
export function binEntries(json: PackageJson): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const target of Object.values(json.publishConfig?.bin ?? {})) {
    const name = /^\.\/dist\/(.+)\.js$/.exec(target)?.[1];
    if (name === undefined) throw new Error(`${json.name}: a bin must be ./dist/<name>.js, not ${target}`);
    entries[name] = `src/${name}.ts`;
  }
  return entries;
}

const built = (name: string): { import: ConditionalEntry; require: ConditionalEntry } => ({
  import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
  require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
});

/** The publishConfig a package must carry: built entries for every source export, other exports (data) as they are. */
export function publishConfigOf(json: PackageJson): PublishConfig {
  const exports: NonNullable<PublishConfig['exports']> = {};
  for (const [subpath, target] of Object.entries(json.exports)) {
    const name = SOURCE.exec(target)?.[1];
    exports[subpath] = name === undefined ? target : built(name);
  }
  exports['./package.json'] = './package.json';
  const bin = json.publishConfig?.bin;
  return {
    access: 'public',
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.cts',
    exports,
    ...(bin ? { bin } : {}),
  };
}

/** The files a package publishes besides package.json, README and LICENSE (which npm always includes). */
export function filesOf(json: PackageJson): string[] {
  const data = Object.values(json.exports)
    .filter((target) => !SOURCE.test(target))
    .map((target) => target.slice(2).split('/')[0] ?? target);
  return ['dist', ...new Set(data)].sort();
}
