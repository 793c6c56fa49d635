export { scanTree, findCalls, DETECTORS, type TreeFindings } from './scan.js';
export { buildReport, type ScanReport, type ScanSummary, type SuggestedConfig } from './report.js';
export { judge, VERDICT_TEXT, type OperationFinding, type Verdict } from './verdict.js';
export { scanMarkdown, configText, lossText, sitesText } from './markdown.js';
export { parityCallsYaml } from './parity-calls.js';
export { walk, DEFAULT_LIMITS, type WalkLimits, type WalkResult } from './walk.js';
export type { CallSite, Detector, EndpointMention, Language, ProxyDefinition, SourceFile } from './types.js';

import { buildReport, type ScanReport } from './report.js';
import { scanTree } from './scan.js';
import type { WalkLimits } from './walk.js';

/** Scans a tree and judges what it found: the library's one-call entry point. */
export function scanProject(root: string, limits?: WalkLimits): ScanReport {
  return buildReport(scanTree(root, limits));
}
