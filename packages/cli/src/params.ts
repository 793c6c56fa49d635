import { readFileSync } from 'node:fs';
import leven from 'leven';
import { EcgridError } from '@ecgrid-bridge/core';
import { FACADE_OPERATIONS, type FacadeOperation, isFacadeOperation } from '@ecgrid-bridge/facade';
import { ENUMS, OPERATIONS, type ElementSpec } from '@ecgrid-bridge/soap';

/** A command line the program cannot act on; the message says what is valid. */
export class UsageError extends EcgridError {
  constructor(message: string) {
    super('Usage', message);
  }
}

/**
 * The known names closest to a mistyped one: those within an edit distance of a third of the name's length (at
 * least 2), the closest first, and failing those, the names the typed one begins (`--Mailbox` → `MailboxID`).
 */
export function suggestions(name: string, known: readonly string[], max = 3): string[] {
  const typed = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored = known.map((k) => ({ k, d: leven(typed, k.toLowerCase()) })).filter(({ d }) => d <= limit);
  if (scored.length === 0) {
    return typed.length >= 3 ? known.filter((k) => k.toLowerCase().startsWith(typed)).sort().slice(0, max) : [];
  }
  const best = Math.min(...scored.map(({ d }) => d));
  return scored
    .filter(({ d }) => d === best)
    .map(({ k }) => k)
    .sort()
    .slice(0, max);
}

const didYouMean = (near: readonly string[], prefix = ''): string =>
  near.length > 0 ? ` Did you mean ${near.map((n) => `${prefix}${n}`).join(' or ')}?` : '';

export function operationFrom(name: string): FacadeOperation {
  if (isFacadeOperation(name)) return name;
  throw new UsageError(
    `Unknown operation "${name}".${didYouMean(suggestions(name, FACADE_OPERATIONS))}\n` +
      `There are ${FACADE_OPERATIONS.length} operations, named as in the WSDL; \`coverage\` lists them.`,
  );
}

/** The operation's parameters as the generated table has them, without the SessionID the session supplies. */
function specsOf(operation: FacadeOperation): readonly ElementSpec[] {
  return OPERATIONS[operation].params.filter((p) => p.name !== 'SessionID');
}

/**
 * Required as the WSDL says: `minOccurs` 1 and not nillable. In ECGridOS v4.1 that is every value-type parameter
 * (int, long, short, boolean, dateTime, enumerations); strings and bytes have `minOccurs="0"`.
 */
export const isRequired = (spec: ElementSpec): boolean => spec.minOccurs > 0 && !spec.nillable;

export function describeParams(operation: FacadeOperation): string {
  const params = specsOf(operation);
  if (params.length === 0) return `${operation} takes no parameters.`;
  return `${operation} parameters: ${params.map((p) => `--${p.name} <${typeName(p)}>${isRequired(p) ? '' : ' (optional)'}`).join(' ')}`;
}

/** The operation's parameters, one a line, for `call <Operation> --help`. */
export function paramsHelp(operation: FacadeOperation): string {
  const params = specsOf(operation);
  if (params.length === 0) return `${operation} takes no parameters.`;
  const flags = params.map((p) => `--${p.name} <${typeName(p, 12)}>`);
  const width = Math.max(...flags.map((f) => f.length));
  const lines = params.map((p, i) => `  ${flags[i]!.padEnd(width)}  ${isRequired(p) ? 'required' : 'optional'}`);
  return `${operation} parameters (from the WSDL):\n${lines.join('\n')}`;
}

function typeName(p: ElementSpec, maxValues = 6): string {
  if (p.kind === 'enum') {
    const values = ENUMS[p.type.slice(4)] ?? [];
    return values.slice(0, maxValues).join('|') + (values.length > maxValues ? '|…' : '');
  }
  if (p.type === 'xs:base64Binary') return 'text or @file';
  return p.type.slice(p.type.indexOf(':') + 1);
}

/** A parameter value the operation cannot take; `reason` names the parameter. */
export class ParamError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ParamError';
  }
}

/**
 * The operation's typed SOAP parameters (numbers, booleans, dates, bytes) from named values: text as typed on a
 * command line, or the scalars of a JSON or YAML calls file. Names match case-insensitively; an unknown name, a
 * value of the wrong type, or a missing required parameter is a ParamError, so nothing is sent.
 */
export function paramsFrom(operation: FacadeOperation, entries: readonly (readonly [string, unknown])[], flag = ''): Record<string, unknown> {
  const specs = specsOf(operation);
  const byName = new Map(specs.map((p) => [p.name.toLowerCase(), p]));
  const out: Record<string, unknown> = {};
  for (const [rawName, raw] of entries) {
    const spec = byName.get(rawName.toLowerCase());
    if (!spec) {
      throw new ParamError(`${operation} has no parameter ${rawName}.${didYouMean(suggestions(rawName, specs.map((p) => p.name)), flag)}`);
    }
    if (raw === null || raw === undefined) continue;
    out[spec.name] = convert(spec, textOf(spec, raw, flag), flag);
  }
  const missing = specs.filter((p) => isRequired(p) && !(p.name in out));
  if (missing.length > 0) {
    throw new ParamError(
      `${operation} needs ${missing.map((p) => `${flag}${p.name} <${typeName(p)}>`).join(', ')} (required by the WSDL; nothing was sent).`,
    );
  }
  return out;
}

/** Turns `--Name value` pairs into the operation's typed SOAP parameters. */
export function parseParams(operation: FacadeOperation, pairs: readonly string[]): Record<string, unknown> {
  const entries: [string, string][] = [];
  for (let i = 0; i < pairs.length; i += 1) {
    const flag = pairs[i]!;
    if (!flag.startsWith('--')) throw new UsageError(`Expected --Parameter value, got "${flag}".\n${describeParams(operation)}`);
    const [rawName, inline] = flag.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? pairs[++i];
    if (value === undefined) throw new UsageError(`--${rawName} needs a value.\n${describeParams(operation)}`);
    entries.push([rawName, value]);
  }
  try {
    return paramsFrom(operation, entries, '--');
  } catch (err) {
    if (err instanceof ParamError) throw new UsageError(`${err.reason}\n${describeParams(operation)}`);
    throw err;
  }
}

/** A calls file's scalar as the text a command line would carry; anything else is refused. */
function textOf(spec: ElementSpec, value: unknown, flag: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new ParamError(`${flag}${spec.name} must be ${expected(spec)}, got ${JSON.stringify(value)}.`);
}

/** Ranges of the XSD integer types the WSDL uses. */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'xs:int': [-(2 ** 31), 2 ** 31 - 1],
  'xs:short': [-(2 ** 15), 2 ** 15 - 1],
  'xs:unsignedByte': [0, 255],
  'xs:long': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function expected(spec: ElementSpec): string {
  if (spec.kind === 'enum') return `one of ${(ENUMS[spec.type.slice(4)] ?? []).join(', ')}`;
  if (spec.type === 'xs:boolean') return 'true or false';
  if (spec.type === 'xs:dateTime') return 'an ISO 8601 date';
  const range = INTEGER_RANGES[spec.type];
  if (range) return `a whole number from ${range[0]} to ${range[1]}`;
  return 'text';
}

function convert(spec: ElementSpec, value: string, flag: string): unknown {
  const bad = () => new ParamError(`${flag}${spec.name} must be ${expected(spec)}, got "${value}".`);
  if (spec.kind === 'enum') {
    if (!(ENUMS[spec.type.slice(4)] ?? []).includes(value)) throw bad();
    return value;
  }
  switch (spec.type) {
    case 'xs:string':
      return value;
    case 'xs:boolean':
      if (!/^(true|false)$/i.test(value)) throw bad();
      return value.toLowerCase() === 'true';
    case 'xs:dateTime': {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) throw bad();
      return new Date(ms);
    }
    case 'xs:base64Binary':
      return value.startsWith('@') ? readBytes(spec, value.slice(1), flag) : Buffer.from(value, 'utf8');
    default: {
      const range = INTEGER_RANGES[spec.type];
      const n = Number(value);
      if (!/^-?\d+$/.test(value.trim()) || (range && (n < range[0] || n > range[1]))) throw bad();
      return n;
    }
  }
}

function readBytes(spec: ElementSpec, file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new ParamError(`${flag}${spec.name}: cannot read the file ${file}.`);
  }
}
