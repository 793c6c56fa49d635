import { COMPLEX_TYPES, ENUMS, type ElementSpec } from '@ecgrid-bridge/soap';
import { invalidParameter } from '../errors.js';

/** .NET's DateTime.MinValue: what ASMX writes for a date that was never set. */
export const DOTNET_MIN_DATE = '0001-01-01T00:00:00.000Z';

const INTEGER = /^[+-]?\d+$/;
const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'xs:short': [-32768, 32767],
  'xs:int': [-2147483648, 2147483647],
  'xs:long': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Reads one request parameter's text strictly, as ASMX's serializer would; a bad value is an InvalidParameter. */
export function parseParam(spec: ElementSpec, text: string): unknown {
  const t = text.trim();
  const bad = (what: string) => invalidParameter(`${spec.name}: "${t.slice(0, 40)}" is not ${what}`);
  switch (spec.type) {
    case 'xs:string':
      return text;
    case 'xs:short':
    case 'xs:int':
    case 'xs:long': {
      const [min, max] = RANGES[spec.type]!;
      const n = Number(t);
      if (!INTEGER.test(t) || n < min || n > max) throw bad(`a valid ${spec.type.slice(3)}`);
      return n;
    }
    case 'xs:boolean':
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      throw bad('a boolean');
    case 'xs:dateTime': {
      // A dateTime without a zone is read as UTC, so the same text means the same instant everywhere.
      const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t) || Number.isNaN(ms)) throw bad('a dateTime');
      return new Date(ms);
    }
    case 'xs:base64Binary': {
      const compact = t.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) throw bad('base64');
      return Buffer.from(compact, 'base64');
    }
    default:
      if (spec.kind === 'enum') {
        if (!ENUMS[spec.type.slice(4)]?.includes(t)) throw bad(`a ${spec.type.slice(4)} value`);
        return t;
      }
      throw invalidParameter(`${spec.name}: parameters of type ${spec.type} are not supported by the sandbox`);
  }
}

type Wire = string | number | boolean | WireObject | Wire[];
interface WireObject {
  [key: string]: Wire;
}

/**
 * Turns a partial SOAP record (SOAP field names, JS values) into what node-soap should write: fields in WSDL order,
 * required fields that are missing filled with the .NET default, dates as ISO strings, binary as base64, and
 * ArrayOfX as `{ Item: [...] }`.
 */
export function shape(typeName: string, partial: Readonly<Record<string, unknown>>): WireObject {
  const type = COMPLEX_TYPES[typeName];
  if (!type) throw new Error(`unknown SOAP type ${typeName}`);
  for (const key of Object.keys(partial)) {
    if (!type.fields.some((f) => f.name === key)) throw new Error(`${typeName} has no field ${key}`);
  }
  const out: WireObject = {};
  for (const field of type.fields) {
    const value = partial[field.name];
    if (value === undefined || value === null) {
      if (field.minOccurs > 0) out[field.name] = wireDefault(field);
      continue;
    }
    out[field.name] = toWire(field, value);
  }
  return out;
}

export function toWire(spec: Pick<ElementSpec, 'type' | 'kind'>, value: unknown): Wire {
  switch (spec.kind) {
    case 'builtin':
      if (spec.type === 'xs:dateTime') return new Date(value as string | Date).toISOString();
      if (spec.type === 'xs:base64Binary') return Buffer.from(value as Buffer).toString('base64');
      return value as string | number | boolean;
    case 'enum':
      return String(value);
    case 'complex':
      return shape(spec.type.slice(4), value as Record<string, unknown>);
    case 'array': {
      const array = COMPLEX_TYPES[spec.type.slice(4)]?.array;
      if (!array) throw new Error(`unknown array type ${spec.type}`);
      const items = value as readonly unknown[];
      if (items.length === 0) return {};
      return { [array.itemElement]: items.map((item) => toWire({ type: array.itemType, kind: array.itemKind }, item)) };
    }
    case 'dataset':
      throw new Error('DataSet results are not produced by the sandbox');
  }
}

function wireDefault(field: ElementSpec): Wire {
  switch (field.kind) {
    case 'builtin':
      if (field.type === 'xs:boolean') return false;
      if (field.type === 'xs:dateTime') return DOTNET_MIN_DATE;
      if (field.type === 'xs:string' || field.type === 'xs:base64Binary') return '';
      return 0;
    case 'enum':
      return ENUMS[field.type.slice(4)]?.[0] ?? '';
    case 'complex':
      return shape(field.type.slice(4), {});
    default:
      return {};
  }
}
