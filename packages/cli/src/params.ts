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

/** The known names closest to a mistyped one by edit distance, if any is within a third of the name's length. */
export function suggestions(name: string, known: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored = known.map((k) => ({ k, d: leven(name.toLowerCase(), k.toLowerCase()) })).filter(({ d }) => d <= limit);
  const best = Math.min(...scored.map(({ d }) => d));
  return scored
    .filter(({ d }) => d === best)
    .map(({ k }) => k)
    .sort()
    .slice(0, max);
}

export function operationFrom(name: string): FacadeOperation {
  if (isFacadeOperation(name)) return name;
  const near = suggestions(name, FACADE_OPERATIONS);
  throw new UsageError(
    `Unknown operation "${name}".${near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : ''}\n` +
      `There are ${FACADE_OPERATIONS.length} operations, named as in the WSDL; \`coverage\` lists them.`,
  );
}

export function describeParams(operation: FacadeOperation): string {
  const params = OPERATIONS[operation].params.filter((p) => p.name !== 'SessionID');
  if (params.length === 0) return `${operation} takes no parameters.`;
  return `${operation} parameters: ${params.map((p) => `--${p.name} <${typeName(p)}>${p.minOccurs > 0 ? '' : ' (optional)'}`).join(' ')}`;
}

function typeName(p: ElementSpec): string {
  if (p.kind === 'enum') return (ENUMS[p.type.slice(4)] ?? []).slice(0, 6).join('|') + '|…';
  if (p.type === 'xs:base64Binary') return 'text or @file';
  return p.type.slice(p.type.indexOf(':') + 1);
}

/** Turns `--Name value` pairs into the operation's typed SOAP parameters (numbers, booleans, dates, bytes). */
export function parseParams(operation: FacadeOperation, pairs: readonly string[]): Record<string, unknown> {
  const specs = new Map(OPERATIONS[operation].params.filter((p) => p.name !== 'SessionID').map((p) => [p.name.toLowerCase(), p]));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < pairs.length; i += 1) {
    const flag = pairs[i]!;
    if (!flag.startsWith('--')) throw new UsageError(`Expected --Parameter value, got "${flag}".\n${describeParams(operation)}`);
    const [rawName, inline] = flag.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = specs.get(rawName.toLowerCase());
    if (!spec) throw new UsageError(`${operation} has no parameter ${rawName}.\n${describeParams(operation)}`);
    const value = inline ?? pairs[++i];
    if (value === undefined) throw new UsageError(`--${spec.name} needs a value.\n${describeParams(operation)}`);
    out[spec.name] = convert(spec, value, operation);
  }
  for (const spec of specs.values()) {
    if (spec.minOccurs > 0 && !(spec.name in out)) {
      out[spec.name] = defaultFor(spec);
    }
  }
  return out;
}

/** ECGrid's own conventions for value parameters left out: 0 means "any", false, and an open date range. */
function defaultFor(spec: ElementSpec): unknown {
  if (spec.type === 'xs:boolean') return false;
  if (spec.type === 'xs:dateTime') return spec.name.toLowerCase().startsWith('end') ? new Date() : new Date('2000-01-01T00:00:00Z');
  if (spec.kind === 'enum') return ENUMS[spec.type.slice(4)]?.[0];
  return 0;
}

function convert(spec: ElementSpec, value: string, operation: FacadeOperation): unknown {
  const bad = (what: string) => new UsageError(`--${spec.name} must be ${what}, got "${value}".\n${describeParams(operation)}`);
  if (spec.kind === 'enum') {
    const values = ENUMS[spec.type.slice(4)] ?? [];
    if (!values.includes(value)) throw bad(`one of ${values.join(', ')}`);
    return value;
  }
  switch (spec.type) {
    case 'xs:string':
      return value;
    case 'xs:boolean':
      if (!/^(true|false)$/i.test(value)) throw bad('true or false');
      return value.toLowerCase() === 'true';
    case 'xs:dateTime': {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) throw bad('an ISO 8601 date');
      return new Date(ms);
    }
    case 'xs:base64Binary':
      return value.startsWith('@') ? readFileSync(value.slice(1)) : Buffer.from(value, 'utf8');
    default: {
      if (!/^-?\d+(\.\d+)?$/.test(value)) throw bad('a number');
      return Number(value);
    }
  }
}
