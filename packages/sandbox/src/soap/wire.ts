import { COMPLEX_TYPES, ENUMS, type ElementSpec } from '@ecgrid-bridge/soap';

/** .NET's DateTime.MinValue: what ASMX writes for a date that was never set. */
export const DOTNET_MIN_DATE = '0001-01-01T00:00:00.000Z';

/**
 * A SOAP value as handlers give it: the generated type, with every field optional at every depth. `shape` writes a
 * field left unset as ASMX would (the .NET default of its type), so handlers set only what the sandbox knows.
 */
export type Unset<T> = T extends Date | Buffer | string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer Item)[]
    ? readonly Unset<Item>[]
    : { readonly [K in keyof T]?: Unset<T[K]> };

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
    case 'dataset': {
      // node-soap writes the value of its `$xml` key as it is: the DataSet's schema and diffgram.
      const xml: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'xml') : undefined;
      return { $xml: typeof xml === 'string' ? xml : '' };
    }
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
