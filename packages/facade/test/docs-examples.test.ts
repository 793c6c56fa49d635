import { describe, expect, it } from 'vitest';
import { RESPONSE_EXAMPLES } from '@ecgrid-bridge/catalog';
import { COMPLEX_TYPES, OPERATIONS } from '@ecgrid-bridge/soap';
import { FACADE_OPERATIONS, MAPPINGS, NotAvailableOnBackendError, type FacadeOperation } from '../src/index.js';
import { ShapeError, UnsupportedOnRest } from '../src/mapping/index.js';
import { paramsConform, paramsProblems, valueProblems } from '../src/schema/conforms.js';
import { requestProblems, sampleParams } from '../src/schema/documented.js';
import { portAnswering } from './support/port.js';
import { overrides as commsCertificatesReports } from './samples/comms-certificates-reports.js';
import { overrides as directory } from './samples/directory.js';
import { overrides as interchangesCallbacks } from './samples/interchanges-callbacks.js';
import { overrides as parcels } from './samples/parcels.js';
import { overrides as partners } from './samples/partners.js';
import { overrides as usersSession } from './samples/users-session.js';

/**
 * The judge of every mapping is the vendor's documentation, not the sandbox: each REST route's request is checked
 * against the endpoint's documented inputs, and the endpoint's documented example answer is fed through the
 * result map and checked against the WSDL schema.
 */

const routed = FACADE_OPERATIONS.filter((op) => MAPPINGS[op].rest !== null && MAPPINGS[op].kind !== 'login' && MAPPINGS[op].kind !== 'logout');

/** Sample parameters some operations need to be expressible on REST at all (a value REST has a field for). */
const SAMPLE_OVERRIDES: Partial<Record<FacadeOperation, Record<string, unknown>>> = {
  ...parcels,
  ...interchangesCallbacks,
  ...directory,
  ...usersSession,
  ...partners,
  ...commsCertificatesReports,
};

/** Documented examples abbreviate long values with a trailing `...` (the download page's base64 content does). */
function withoutEllipses(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\.\.\.$/, '');
  if (Array.isArray(value)) return value.map(withoutEllipses);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutEllipses(v)]));
  return value;
}

function run<Op extends FacadeOperation>(op: Op) {
  const route = MAPPINGS[op].rest;
  const params = sampleParams(op, SAMPLE_OVERRIDES[op]);
  if (!route) throw new Error(`${op} has no REST route`);
  if (!paramsConform(op, params)) throw new Error(`${op}: sample parameters do not conform: ${paramsProblems(op, params).join('; ')}`);
  return {
    request: () => route.request(params),
    response: (data: unknown) => route.response(data, params),
    lossy: route.lossy,
    endpoint: route.endpoint,
  };
}

/** SOAP record fields the result leaves out without declaring them lossy: a rule that reads a field the docs do not show. */
function undeclaredGaps(typeName: string, value: unknown, lossy: readonly string[], prefix: string): string[] {
  const type = COMPLEX_TYPES[typeName];
  if (!type || typeof value !== 'object' || value === null) return [];
  if (type.array) {
    if (!Array.isArray(value) || value.length === 0) return [];
    const item = type.array;
    return item.itemKind === 'complex' ? undeclaredGaps(item.itemType.slice(4), value[0], lossy, `${prefix}[]`) : [];
  }
  const record = value as Record<string, unknown>;
  return type.fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    if (lossy.includes('.') || lossy.includes(path)) return [];
    const v = record[f.name];
    if (v === undefined) return [`${path} is neither given nor declared lossy`];
    if (f.kind === 'complex') return undeclaredGaps(f.type.slice(4), v, lossy, path);
    if (f.kind === 'array') return undeclaredGaps(f.type.slice(4), v, lossy, path);
    return [];
  });
}

describe('requests follow the documented endpoint inputs', () => {
  it.each(routed)('%s', (op) => {
    const r = run(op);
    let parts;
    try {
      parts = r.request();
    } catch (err) {
      if (err instanceof UnsupportedOnRest) throw new Error(`${op}: the sample parameters are refused: ${err.message}`);
      throw err;
    }
    expect(requestProblems(r.endpoint, parts)).toEqual([]);
  });
});

const withExample = routed.filter((op) => {
  const route = MAPPINGS[op].rest;
  return route !== null && RESPONSE_EXAMPLES[route.endpoint] !== undefined;
});

describe('documented example answers map to valid SOAP results', () => {
  it.each(withExample)('%s', (op) => {
    const r = run(op);
    const example = withoutEllipses(RESPONSE_EXAMPLES[r.endpoint]);
    const result: unknown = r.response(example);
    const spec = OPERATIONS[op].result;
    if (spec === null) {
      expect(result).toBeUndefined();
      return;
    }
    if (result === undefined) {
      expect(spec.minOccurs, `${op} answered nothing for a required result`).toBe(0);
      return;
    }
    expect(valueProblems(spec, result, spec.name)).toEqual([]);
    if (spec.kind === 'complex' || spec.kind === 'array') {
      expect(undeclaredGaps(spec.type.slice(4), result, r.lossy, '')).toEqual([]);
    }
  });
});

describe('the documented examples cover the mapped operations', () => {
  it('leaves no REST-mapped read without a documented example to check it against, except those listed', () => {
    const reads = routed.filter((op) => MAPPINGS[op].kind === 'read');
    const unchecked = reads.filter((op) => !withExample.includes(op));
    expect(unchecked).toEqual([]);
  });
});

/** Every numeric `…Id` field of a documented example, replaced by a value beyond 2^53 written as a string. */
function withHugeIds(value: unknown): { value: unknown; count: number } {
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (/id$/i.test(k) && typeof x === 'number') {
          count += 1;
          return [k, '9007199254740993'];
        }
        return [k, walk(x)];
      }),
    );
  };
  return { value: walk(value), count };
}

const withIds = withExample.filter((op) => {
  const route = MAPPINGS[op].rest;
  return route !== null && withHugeIds(RESPONSE_EXAMPLES[route.endpoint]).count > 0;
});

describe('IDs beyond what a JavaScript number holds exactly', () => {
  it.each(withIds)('%s refuses them or leaves them out, and never rounds one', (op) => {
    const r = run(op);
    const { value } = withHugeIds(withoutEllipses(RESPONSE_EXAMPLES[r.endpoint]));
    let result: unknown;
    try {
      result = r.response(value);
    } catch (err) {
      expect(err).toBeInstanceOf(ShapeError);
      expect((err as Error).message).toContain('9007199254740993');
      return;
    }
    const seen = JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(seen).not.toContain('9007199254740992');
    expect(seen).not.toContain('9007199254740994');
  });
});

describe('operations REST cannot serve', () => {
  const soapOnly = FACADE_OPERATIONS.filter((op) => MAPPINGS[op].rest === null);

  it.each(soapOnly)('%s is NotAvailableOnBackend on REST with its reason, and sends nothing', async (op) => {
    const { backend, requests } = portAnswering(() => null);
    const params = sampleParams(op, SAMPLE_OVERRIDES[op]);
    if (!paramsConform(op, params)) throw new Error(`${op}: ${paramsProblems(op, params).join('; ')}`);
    const err = await backend.invoke(op, params).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotAvailableOnBackendError);
    expect((err as Error).message).toContain(MAPPINGS[op].noRestReason ?? '');
    expect(requests).toHaveLength(0);
  });
});
