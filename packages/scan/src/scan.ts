import { resolve } from 'node:path';
import { endpointMentions } from './detectors/config.js';
import { DOTNET_PROXY_DEFAULTS, csharpDetector, vbDetector } from './detectors/dotnet.js';
import { envelopeDetector } from './detectors/envelope.js';
import { proxyDefinition } from './detectors/generated-proxy.js';
import { JAVA_PORT_DEFAULTS, javaDetector } from './detectors/java.js';
import { javascriptDetector } from './detectors/javascript.js';
import { phpDetector } from './detectors/php.js';
import { pythonDetector } from './detectors/python.js';
import type { CallSite, Detector, EndpointMention, ProxyDefinition, SourceFile } from './types.js';
import { DEFAULT_LIMITS, type WalkLimits, walk } from './walk.js';

export const DETECTORS: readonly Detector[] = [csharpDetector, vbDetector, javaDetector, phpDetector, pythonDetector, javascriptDetector, envelopeDetector];

/** What was found in a tree, before it is judged against the mapping table. */
export interface TreeFindings {
  /** The folder as it was given. */
  readonly root: string;
  readonly sites: readonly CallSite[];
  readonly definitions: readonly ProxyDefinition[];
  readonly endpoints: readonly EndpointMention[];
  /** The text of every file with a call site, to see whether it reads fields REST cannot provide. */
  readonly callingFiles: ReadonlyMap<string, string>;
  readonly files: { readonly scanned: number; readonly ignored: number; readonly binary: number; readonly tooLarge: number; readonly notSource: number; readonly truncated: boolean };
  readonly durationMs: number;
}

/** Finds every call site in files already read: generated proxies first (their types are what calling code creates). */
export function findCalls(files: readonly SourceFile[]): Pick<TreeFindings, 'sites' | 'definitions' | 'endpoints' | 'callingFiles'> {
  const definitions: ProxyDefinition[] = [];
  const generated = new Set<string>();
  for (const file of files) {
    const definition = proxyDefinition(file);
    if (definition) {
      definitions.push(definition);
      generated.add(file.path);
    }
  }
  const proxyTypes = new Set<string>([...DOTNET_PROXY_DEFAULTS, ...JAVA_PORT_DEFAULTS, ...definitions.flatMap((d) => d.proxyTypes)]);
  const sites: CallSite[] = [];
  const endpoints: EndpointMention[] = [];
  const callingFiles = new Map<string, string>();
  for (const file of files) {
    endpoints.push(...endpointMentions(file));
    if (generated.has(file.path)) continue;
    const before = sites.length;
    for (const detector of DETECTORS) if (detector.handles(file.path)) sites.push(...detector.detect(file, { proxyTypes }));
    if (sites.length > before) callingFiles.set(file.path, file.text);
  }
  // A SOAPAction inside code that also goes through a proxy is the same call seen twice: keep the proxy's.
  const unique = sites.filter(
    (s, i) => s.language !== 'envelope' || !sites.some((o, j) => j !== i && o.language !== 'envelope' && o.file === s.file && o.operation === s.operation),
  );
  unique.sort((a, b) => a.operation.localeCompare(b.operation) || a.file.localeCompare(b.file) || a.line - b.line);
  return { sites: unique, definitions, endpoints, callingFiles };
}

/** Walks the tree (never running or importing what it reads) and finds every ECGridOS call in it. */
export function scanTree(root: string, limits: WalkLimits = DEFAULT_LIMITS): TreeFindings {
  const started = performance.now();
  const absolute = resolve(root);
  const walked = walk(absolute, limits);
  const found = findCalls(walked.files);
  return {
    root,
    ...found,
    files: { scanned: walked.files.length, ...walked.skipped, truncated: walked.truncated },
    durationMs: performance.now() - started,
  };
}
