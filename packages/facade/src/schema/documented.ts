import { DOCUMENTED_ENUMS, ENDPOINTS, type EndpointName, type FieldSpec } from '@ecgrid-bridge/catalog';
import { ENUMS, OPERATIONS, type ElementSpec } from '@ecgrid-bridge/soap';
import type { RestRequestParts } from '../mapping/entry.js';

/**
 * Checks of a mapping against the vendor documentation, shared by the test suite and the coverage report: a
 * request against the endpoint's documented inputs, and sample SOAP parameters to build one from.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** What is wrong with one value for a documented field type (none when it fits). */
function typeProblem(field: FieldSpec, value: unknown): string | undefined {
  const t = field.type.toLowerCase();
  if (t === 'int' || t === 'integer') return Number.isSafeInteger(value) ? undefined : 'expected an integer';
  if (t === 'long') return Number.isSafeInteger(value) || (typeof value === 'string' && /^\d+$/.test(value)) ? undefined : 'expected a long';
  if (t === 'string') return typeof value === 'string' ? undefined : 'expected a string';
  if (t === 'boolean' || t === 'bool') return typeof value === 'boolean' ? undefined : 'expected a boolean';
  if (t === 'datetime') return typeof value === 'string' && ISO_INSTANT.test(value) ? undefined : 'expected an ISO 8601 instant';
  const values = DOCUMENTED_ENUMS[field.type] ?? ENUMS[field.type];
  if (values) return typeof value === 'string' && values.includes(value) ? undefined : `expected a ${field.type} value`;
  return `no check for the documented type ${field.type}`;
}

function fieldProblems(where: string, documented: readonly FieldSpec[], sent: Readonly<Record<string, unknown>> | undefined): string[] {
  const values = Object.fromEntries(Object.entries(sent ?? {}).filter(([, v]) => v !== undefined));
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = documented.find((f) => f.name === name);
    if (!field) problems.push(`${where} field ${name} is not documented`);
    else {
      const problem = typeProblem(field, value);
      if (problem) problems.push(`${where} field ${name}: ${problem}`);
    }
  }
  for (const f of documented) if (f.required && !(f.name in values)) problems.push(`${where} field ${f.name} is required`);
  return problems;
}

/** Every way a built request departs from the endpoint's documented path parameters, query and body. */
export function requestProblems(endpoint: EndpointName, parts: RestRequestParts): string[] {
  const spec = ENDPOINTS[endpoint];
  const placeholders = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const problems: string[] = [];
  for (const name of placeholders) {
    const v = parts.path?.[name];
    if (v === undefined || v === '') problems.push(`path value {${name}} is missing`);
  }
  for (const name of Object.keys(parts.path ?? {})) if (!placeholders.includes(name)) problems.push(`path value ${name} has no placeholder`);
  problems.push(...fieldProblems('query', spec.query, parts.query));
  if (spec.method === 'GET' && parts.body !== undefined) problems.push('a GET request has no body');
  else problems.push(...fieldProblems('body', spec.body, parts.body));
  return problems;
}

const SAMPLE_DATE = new Date('2026-05-07T08:00:00Z');

function sampleValue(p: ElementSpec): unknown {
  switch (p.kind) {
    case 'builtin':
      if (p.type === 'xs:boolean') return true;
      if (p.type === 'xs:dateTime') return new Date(SAMPLE_DATE);
      if (p.type === 'xs:base64Binary') return Buffer.from('ISA*00*~');
      if (p.type === 'xs:string') return '';
      return 7;
    case 'enum':
      return ENUMS[p.type.slice(4)]?.[1] ?? ENUMS[p.type.slice(4)]?.[0];
    default:
      return undefined;
  }
}

/**
 * Sample SOAP parameters for an operation, without the SessionID: 7 for numbers, true, a fixed instant, a short
 * Buffer, an enumeration's second value, and empty text (so optional text filters stay unused); `overrides` wins.
 */
export function sampleParams(operation: keyof typeof OPERATIONS, overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of OPERATIONS[operation].params) {
    if (p.name === 'SessionID') continue;
    const v = sampleValue(p);
    if (v !== undefined) out[p.name] = v;
  }
  return { ...out, ...overrides };
}
