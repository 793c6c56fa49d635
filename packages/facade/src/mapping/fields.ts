import { COMPLEX_TYPES, ENUMS, type ElementSpec } from '@ecgrid-bridge/soap';

/** Raised inside a mapping when REST data has the wrong shape; the REST backend turns it into a MappingError. */
export class ShapeError extends Error {}

export type Json = Record<string, unknown>;

/** How one SOAP field is read from a REST record (`data` is the REST object, `params` the SOAP call's parameters). */
export interface FieldRule {
  /** The REST field it comes from, for documentation and coverage; undefined when it comes from the call itself. */
  readonly from: string | undefined;
  /** For a nested SOAP record: its own map, so lossy fields can be listed at every depth. */
  readonly nestedMap?: RecordMap;
  read(data: Json, params: Json): unknown;
}

const asNumber = (value: unknown, field: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new ShapeError(`${field} is not a number`);
};

export const num = (from: string): FieldRule => ({ from, read: (d) => asNumber(d[from], from) });

export const str = (from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new ShapeError(`${from} is not a string`);
    return v;
  },
});

export const bool = (from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw new ShapeError(`${from} is not a boolean`);
    return v;
  },
});

/** An ISO 8601 instant; a text without a zone is UTC, as on the SOAP side. */
export const date = (from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new ShapeError(`${from} is not a date string`);
    const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`);
    if (Number.isNaN(ms)) throw new ShapeError(`${from} is not an ISO 8601 date`);
    return new Date(ms);
  },
});

export const base64 = (from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}$/.test(v)) throw new ShapeError(`${from} is not base64`);
    return Buffer.from(v, 'base64');
  },
});

/**
 * An enumeration value, translated through an explicit table where the REST vocabulary differs from the WSDL's.
 * A value that is in neither table is refused: guessing would silently change meaning.
 */
export const enumOf = (from: string, soapEnum: string, table: Readonly<Record<string, string>> = {}): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new ShapeError(`${from} is not a string`);
    const mapped = table[v] ?? v;
    if (!ENUMS[soapEnum]?.includes(mapped)) throw new ShapeError(`${from} value "${v}" has no ${soapEnum} equivalent`);
    return mapped;
  },
});

/** A SOAP field whose value is one of the call's own parameters (REST does not echo it back). */
export const fromParam = (param: string): FieldRule => ({ from: undefined, read: (_d, p) => p[param] });

/** A nested SOAP record built from the same REST object. */
export const nested = (map: RecordMap): FieldRule => ({ from: undefined, nestedMap: map, read: (d, p) => mapRecord(map, d, p) });

export interface RecordMap {
  /** The SOAP complex type the record becomes. */
  readonly soapType: string;
  readonly fields: Readonly<Record<string, FieldRule>>;
}

export function recordMap(soapType: string, fields: Record<string, FieldRule>): RecordMap {
  const type = COMPLEX_TYPES[soapType];
  if (!type) throw new Error(`unknown SOAP type ${soapType}`);
  for (const name of Object.keys(fields)) {
    if (!type.fields.some((f) => f.name === name)) throw new Error(`${soapType} has no field ${name}`);
  }
  return { soapType, fields };
}

/** The SOAP fields of a record that REST does not provide, as dotted paths (nested records included). */
export function lossyFields(map: RecordMap): string[] {
  return COMPLEX_TYPES[map.soapType]!.fields.flatMap((f) => {
    const rule = map.fields[f.name];
    if (!rule) return [f.name];
    return rule.nestedMap ? lossyFields(rule.nestedMap).map((sub) => `${f.name}.${sub}`) : [];
  });
}

/**
 * Builds the SOAP record in WSDL field order. Required fields REST cannot provide get the value a SOAP client sees
 * for an unset .NET field (0, false, 0001-01-01, the enumeration's first value); optional ones are left out.
 */
export function mapRecord(map: RecordMap, data: unknown, params: Json): Json {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ShapeError(`expected an object for ${map.soapType}`);
  }
  const out: Json = {};
  for (const field of COMPLEX_TYPES[map.soapType]!.fields) {
    const rule = map.fields[field.name];
    const value = rule ? rule.read(data as Json, params) : undefined;
    if (value !== undefined) out[field.name] = value;
    else if (field.minOccurs > 0) out[field.name] = defaultFor(field);
  }
  return out;
}

export function mapList(map: RecordMap, data: unknown, params: Json): Json[] {
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
      return mapRecord({ soapType: field.type.slice(4), fields: {} }, {}, {});
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
export const filter = (value: unknown): number | undefined =>
  typeof value === 'number' && value !== 0 ? value : undefined;

/**
 * The list inside a REST page wrapper (`{ totalRecords, pageNo, recordsPerPage, <key>: [...] }`). SOAP returns
 * whole lists, so a page that holds fewer items than `totalRecords` is refused rather than passed on short.
 */
export function wholeListIn(data: unknown, key: string): unknown[] {
  const wrapper = objectAt(data, key);
  const list = wrapper[key];
  if (!Array.isArray(list)) throw new ShapeError(`expected a list in ${key}`);
  const total = wrapper['totalRecords'];
  if (typeof total === 'number' && total > list.length) {
    throw new ShapeError(`REST returned ${list.length} of ${total} ${key} in one page; the SOAP result would be incomplete`);
  }
  return list;
}
