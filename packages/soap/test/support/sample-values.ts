import { COMPLEX_TYPES, ENUMS, type ElementSpec } from '../../src/index.js';

/**
 * A complete wire-ready value (dates as ISO strings, base64 as text) for a type of the generated table, as a
 * node-soap service implementation returns it: fields in WSDL order, ArrayOfX as `{ Item: [...] }`.
 */
export function wireSample(spec: Pick<ElementSpec, 'type' | 'kind'>, seed = 1, depth = 0): unknown {
  switch (spec.kind) {
    case 'builtin':
      return builtinSample(spec.type, seed);
    case 'enum':
      return ENUMS[spec.type.slice(4)]![1] ?? ENUMS[spec.type.slice(4)]![0];
    case 'dataset':
      return undefined;
    case 'array': {
      const a = COMPLEX_TYPES[spec.type.slice(4)]!.array!;
      return depth > 3 ? {} : { [a.itemElement]: [wireSample({ type: a.itemType, kind: a.itemKind }, seed, depth + 1)] };
    }
    case 'complex': {
      const out: Record<string, unknown> = {};
      for (const f of COMPLEX_TYPES[spec.type.slice(4)]!.fields) {
        if (depth > 3 && f.minOccurs === 0) continue;
        const v = wireSample(f, seed + 1, depth + 1);
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    }
  }
}

function builtinSample(type: string, seed: number): unknown {
  switch (type) {
    case 'xs:string':
      return `text-${seed} <&>`;
    case 'xs:boolean':
      return true;
    case 'xs:dateTime':
      return '2026-03-04T05:06:07.000Z';
    case 'xs:base64Binary':
      return Buffer.from(`ISA*00*${seed}~`).toString('base64');
    case 'xs:float':
    case 'xs:double':
    case 'xs:decimal':
      return 1.5;
    default:
      return seed;
  }
}
