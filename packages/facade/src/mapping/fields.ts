import { COMPLEX_TYPES, ENUMS, type ComplexTypes, type ElementSpec, type EnumTypes } from '@ecgrid-bridge/soap';
import { type RecordName, conformsTo, recordProblems } from '../schema/conforms.js';

/** Raised inside a mapping when REST data has the wrong shape; the REST backend turns it into a MappingError. */
export class ShapeError extends Error {}

export type Json = Record<string, unknown>;

/** How one SOAP field is read from a REST record (`data` is the REST object, `params` the SOAP call's parameters). */
export interface FieldRule {
  /** The REST field it comes from, for documentation and coverage; undefined when it comes from the call itself. */
  readonly from: string | undefined;
  /** For a nested SOAP record: its own map, so lossy fields can be listed at every depth. */
  readonly nestedMap?: AnyRecordMap;
  read(data: Json, params: object): unknown;
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * An integer. A string of digits is accepted (REST serializers write large IDs as strings), but a value a
 * JavaScript number cannot hold exactly is refused: an ID is never rounded. The SOAP codec refuses the same.
 */
export function exactInteger(value: unknown, field: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw new ShapeError(`${field} is not an integer`);
  if (!Number.isSafeInteger(n)) throw new ShapeError(`${field} ${String(value).trim()} is beyond the range JavaScript numbers hold exactly`);
  return n;
}

export const int = (from: string): FieldRule => ({ from, read: (d) => (present(d[from]) ? exactInteger(d[from], from) : undefined) });

export const decimal = (from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (!present(v)) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    throw new ShapeError(`${from} is not a number`);
  },
});

export const str = (from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (!present(v)) return undefined;
    if (typeof v !== 'string') throw new ShapeError(`${from} is not a string`);
    return v;
  },
});

export const bool = (from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (!present(v)) return undefined;
    if (typeof v !== 'boolean') throw new ShapeError(`${from} is not a boolean`);
    return v;
  },
});

/** An ISO 8601 instant; a text without a zone is UTC, as on the SOAP side. */
export function isoInstant(v: unknown, field: string): Date {
  if (typeof v !== 'string') throw new ShapeError(`${field} is not a date string`);
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(ms)) throw new ShapeError(`${field} is not an ISO 8601 date`);
  return new Date(ms);
}

export const date = (from: string): FieldRule => ({ from, read: (d) => (present(d[from]) ? isoInstant(d[from], from) : undefined) });

export const base64 = (from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (!present(v)) return undefined;
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}$/.test(v)) throw new ShapeError(`${from} is not base64`);
    return Buffer.from(v, 'base64');
  },
});

/**
 * An enumeration value, translated through an explicit table where the REST vocabulary differs from the WSDL's.
 * A value that is in neither table is refused: guessing would silently change meaning.
 */
export const enumOf = <E extends keyof EnumTypes>(
  from: string,
  soapEnum: E,
  table: Readonly<Record<string, EnumTypes[E]>> = {},
): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (!present(v)) return undefined;
    if (typeof v !== 'string') throw new ShapeError(`${from} is not a string`);
    const mapped = table[v] ?? v;
    if (!ENUMS[soapEnum]?.includes(mapped)) throw new ShapeError(`${from} value "${v}" has no ${soapEnum} equivalent`);
    return mapped;
  },
});

/** A SOAP field whose value is one of the call's own parameters (REST does not echo it back). */
export const fromParam = (param: string): FieldRule => ({ from: undefined, read: (_d, p) => Reflect.get(p, param) });

/** A SOAP field with a fixed value (for instance the direction of every parcel in an outbox listing). */
export const constant = (value: string | number | boolean): FieldRule => ({ from: undefined, read: () => value });

/** A nested SOAP record built from the same REST object. */
export const nested = <N extends RecordName>(map: RecordMap<N>): FieldRule => ({
  from: undefined,
  nestedMap: map,
  read: (d, p) => buildRecord(map, d, p),
});

/** A nested SOAP record built from one object-valued REST field. */
export const nestedFrom = <N extends RecordName>(from: string, map: RecordMap<N>): FieldRule => ({
  from,
  nestedMap: map,
  read: (d, p) => (present(d[from]) ? buildRecord(map, d[from], p) : undefined),
});

/** A SOAP array field read from a REST array field, item by item. */
export const listFrom = <N extends RecordName>(from: string, map: RecordMap<N>): FieldRule => ({
  from,
  read: (d, p) => {
    const v = d[from];
    if (!present(v)) return undefined;
    if (!Array.isArray(v)) throw new ShapeError(`${from} is not a list`);
    return v.map((item) => buildRecord(map, item, p));
  },
});

/** How a SOAP record is read from a REST object: a rule per SOAP field; fields without a rule are lossy. */
export interface RecordMap<N extends RecordName> {
  readonly soapType: N;
  readonly fields: { readonly [K in keyof ComplexTypes[N]]?: FieldRule };
}

interface AnyRecordMap {
  readonly soapType: RecordName;
  readonly fields: Readonly<Record<string, FieldRule | undefined>>;
}

export function recordMap<N extends RecordName>(soapType: N, fields: RecordMap<N>['fields']): RecordMap<N> {
  if (!COMPLEX_TYPES[soapType]) throw new Error(`unknown SOAP type ${soapType}`);
  return { soapType, fields };
}

const rulesOf = (map: AnyRecordMap): Readonly<Record<string, FieldRule | undefined>> => map.fields;

/** The SOAP fields of a record that REST does not provide, as dotted paths (nested records included). */
export function lossyFields(map: AnyRecordMap): string[] {
  return COMPLEX_TYPES[map.soapType]!.fields.flatMap((f) => {
    const rule = rulesOf(map)[f.name];
    if (!rule) return [f.name];
    return rule.nestedMap ? lossyFields(rule.nestedMap).map((sub) => `${f.name}.${sub}`) : [];
  });
}

/**
 * Builds the SOAP record in WSDL field order. Required fields REST cannot provide get the value a SOAP client sees
 * for an unset .NET field (0, false, 0001-01-01, the enumeration's first value); optional ones are left out.
 */
function buildRecord(map: AnyRecordMap, data: unknown, params: object): Json {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ShapeError(`expected an object for ${map.soapType}`);
  }
  const rules = rulesOf(map);
  const out: Json = {};
  for (const field of COMPLEX_TYPES[map.soapType]!.fields) {
    const rule = rules[field.name];
    const value = rule ? rule.read(data as Json, params) : undefined;
    if (value !== undefined) out[field.name] = value;
    else if (field.minOccurs > 0) out[field.name] = defaultFor(field);
  }
  return out;
}

/** One SOAP record from one REST object, checked against the WSDL schema. */
export function mapRecord<N extends RecordName>(map: RecordMap<N>, data: unknown, params: object = {}): ComplexTypes[N] {
  const out = buildRecord(map, data, params);
  if (!conformsTo(map.soapType, out)) {
    throw new ShapeError(`the REST data does not make a valid ${map.soapType}: ${recordProblems(map.soapType, out).slice(0, 3).join('; ')}`);
  }
  return out;
}

export function mapList<N extends RecordName>(map: RecordMap<N>, data: unknown, params: object = {}): ComplexTypes[N][] {
  if (!Array.isArray(data)) throw new ShapeError(`expected a list of ${map.soapType}`);
  return data.map((item) => mapRecord(map, item, params));
}

export const DOTNET_MIN_DATE = new Date('0001-01-01T00:00:00Z');

export function defaultFor(field: Pick<ElementSpec, 'type' | 'kind'>): unknown {
  switch (field.kind) {
    case 'builtin':
      if (field.type === 'xs:boolean') return false;
      if (field.type === 'xs:dateTime') return new Date(DOTNET_MIN_DATE);
      if (field.type === 'xs:string') return '';
      if (field.type === 'xs:base64Binary') return Buffer.alloc(0);
      return 0;
    case 'enum':
      return ENUMS[field.type.slice(4)]?.[0] ?? '';
    case 'array':
      return [];
    case 'complex':
      return buildRecord({ soapType: field.type.slice(4) as RecordName, fields: {} }, {}, {});
    case 'dataset':
      return { xml: '' };
  }
}

/** Reads the value of a JSON field that must be an object (an envelope's `data`, a list wrapper). */
export function objectAt(data: unknown, what: string): Json {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ShapeError(`expected an object for ${what}`);
  return data as Json;
}

/** ECGrid uses 0 for "any" in its numeric filters; REST leaves such filters out. */
export const filter = (value: unknown): number | undefined => (typeof value === 'number' && value !== 0 ? value : undefined);
