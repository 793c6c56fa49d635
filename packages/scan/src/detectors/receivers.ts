import type { OperationName } from '@ecgrid-bridge/soap';
import { operationOfMethod } from '../operations.js';
import { escapeRegExp, lineIndex } from '../source-text.js';
import type { CallSite, Language, SourceFile } from '../types.js';

/** Every first capture group of the patterns (which must be global): the names of variables that hold a client. */
export function capturedNames(text: string, patterns: readonly RegExp[]): Set<string> {
  const names = new Set<string>();
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) if (m[1]) names.add(m[1]);
  return names;
}

/** A cheap look before the real work: does the text name any of these at all? */
export const mentionsAny = (text: string, names: Iterable<string>): boolean => {
  for (const name of names) if (text.includes(name)) return true;
  return false;
};

export const alternation = (names: Iterable<string>): string => [...names].map(escapeRegExp).sort((a, b) => b.length - a.length).join('|');

export interface Hit {
  readonly offset: number;
  readonly operation: OperationName;
}

/**
 * `receiver.Method(` (or `->`, `?.`) for every receiver named, where the method stands for an operation. The
 * receiver must not itself be the tail of a longer member chain (`other.client.Login(` is not `client.Login(`).
 */
export function methodCalls(text: string, receivers: ReadonlySet<string>, member = '(?:\\?\\.|\\.|->)'): Hit[] {
  if (receivers.size === 0) return [];
  const pattern = new RegExp(`(?<![\\w$.>])(?:${alternation(receivers)})\\s*${member}\\s*(\\w+)\\s*\\(`, 'g');
  const hits: Hit[] = [];
  for (const m of text.matchAll(pattern)) {
    const operation = operationOfMethod(m[1]!);
    if (operation) hits.push({ offset: m.index, operation });
  }
  return hits;
}

/** `receiver.invoke('Op'` style calls, read from text whose strings are kept. */
export function namedCalls(text: string, receivers: ReadonlySet<string>, method: string): Hit[] {
  if (receivers.size === 0) return [];
  const pattern = new RegExp(`(?<![\\w$.>])(?:${alternation(receivers)})\\s*(?:\\.|->)\\s*${method}\\s*\\(\\s*['"](\\w+)['"]`, 'g');
  const hits: Hit[] = [];
  for (const m of text.matchAll(pattern)) {
    const operation = operationOfMethod(m[1]!);
    if (operation) hits.push({ offset: m.index, operation });
  }
  return hits;
}

export function toSites(file: SourceFile, hits: readonly Hit[], language: Language, via: string): CallSite[] {
  const lineOf = lineIndex(file.text);
  return hits.map((h) => ({ operation: h.operation, file: file.path, line: lineOf(h.offset), language, via }));
}
