import { type Dirent, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface WalkLimits {
  /** Files larger than this are skipped (minified bundles, data dumps). */
  readonly maxFileBytes: number;
  /** The walk stops after this many files, and says so. */
  readonly maxFiles: number;
}

export const DEFAULT_LIMITS: WalkLimits = { maxFileBytes: 1024 * 1024, maxFiles: 200_000 };

export interface WalkResult {
  readonly files: Array<{ path: string; text: string }>;
  readonly skipped: { ignored: number; binary: number; tooLarge: number; notSource: number };
  readonly truncated: boolean;
}

/** Extensions worth reading: source, configuration, saved requests. Everything else is counted and left alone. */
const READABLE = /\.(?:cs|vb|java|php|py|[cm]?js|jsx|[cm]?ts|tsx|xml|config|json|ya?ml|properties|ini|toml|conf|settings|env|wsdl|http|sh|ps1|rb|go|kt|svcmap)$|(?:^|\/)\.env(?:\.[\w-]+)?$/i;
/** Never scanned whatever .gitignore says: version control and installed dependencies. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** A NUL byte near the start: not text. */
const looksBinary = (bytes: Buffer): boolean => bytes.subarray(0, 8000).includes(0);

function ignoreFileIn(dir: string): Ignore | null {
  const file = join(dir, '.gitignore');
  return existsSync(file) ? ignore().add(readFileSync(file, 'utf8')) : null;
}

/**
 * Every readable text file under root, as paths relative to it with `/`. Honours every `.gitignore` on the way down
 * (each relative to its own folder), never follows symbolic links, and never executes anything it reads.
 */
export function walk(root: string, limits: WalkLimits = DEFAULT_LIMITS): WalkResult {
  const files: WalkResult['files'] = [];
  const skipped = { ignored: 0, binary: 0, tooLarge: 0, notSource: 0 };
  let truncated = false;
  const visit = (dir: string, rel: string, rules: ReadonlyArray<{ base: string; ig: Ignore }>): void => {
    const own = ignoreFileIn(dir);
    const active = own ? [...rules, { base: rel, ig: own }] : rules;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (truncated) return;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue;
      if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
      const ignored = active.some(({ base, ig }) => ig.ignores((base ? path.slice(base.length + 1) : path) + (isDir ? '/' : '')));
      if (ignored) {
        skipped.ignored += 1;
        continue;
      }
      const full = join(dir, entry.name);
      if (isDir) {
        visit(full, path, active);
        continue;
      }
      if (!READABLE.test(path)) {
        skipped.notSource += 1;
        continue;
      }
      if (files.length >= limits.maxFiles) {
        truncated = true;
        return;
      }
      if (statSync(full).size > limits.maxFileBytes) {
        skipped.tooLarge += 1;
        continue;
      }
      const bytes = readFileSync(full);
      if (looksBinary(bytes)) skipped.binary += 1;
      else files.push({ path, text: bytes.toString('utf8') });
    }
  };
  visit(root, '', []);
  return { files, skipped, truncated };
}
