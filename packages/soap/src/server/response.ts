import { ValueError, enumValue, formatBuiltin } from '../codec/values.js';
import { COMPLEX_TYPES, ENUMS, SERVICE } from '../generated/index.js';
import type { ElementSpec, OperationSpec } from '../schema.js';
import { ENVELOPE_END, type SoapVersion, envelopeStart, escapeXml } from './fault.js';

/** .NET's DateTime.MinValue: what ASMX writes for a date that was never set. */
const DOTNET_MIN_DATE = '0001-01-01T00:00:00Z';

/** A result value the WSDL cannot carry (a wrong type, a character XML cannot hold). */
export class ResultEncodingError extends Error {}

/** Writes one element's content; `path` names the elements entered so far, read only when a value is refused. */
type Writer = (value: unknown, path: string[]) => string;

interface FieldPlan {
  readonly spec: ElementSpec;
  readonly repeated: boolean;
  readonly open: string;
  readonly close: string;
  readonly nil: string;
  /** What .NET writes for a required field that holds no value; undefined where the field may be left out. */
  readonly unset: string | undefined;
  readonly write: Writer;
}

const writers = new Map<string, Writer>();

/**
 * The writer of a type, made once from the generated table: each complex type becomes a list of field plans with
 * their tags prepared, so writing a record is a walk over its fields in WSDL order.
 */
function writerFor(type: string, kind: ElementSpec['kind']): Writer {
  const key = `${kind}:${type}`;
  let writer = writers.get(key);
  if (writer) return writer;
  switch (kind) {
    case 'builtin':
      writer = builtinWriter(type);
      break;
    case 'enum':
      writer = (value) => escapeXml(enumValue(type, value));
      break;
    case 'dataset':
      // The SOAP decoder keeps a DataSet as its raw inner XML; it goes back out untouched.
      writer = (value) => {
        const xml = typeof value === 'object' && value !== null ? Reflect.get(value, 'xml') : undefined;
        if (typeof xml !== 'string') throw new ValueError('expected a DataSet as { xml }');
        return xml;
      };
      break;
    case 'array': {
      // The wrapper's one field is the repeated item, with the schema's own nillable.
      const field = COMPLEX_TYPES[type.slice(4)]?.fields[0];
      if (!field) throw new ResultEncodingError(`unknown array type ${type}`);
      writers.set(key, (value, path) => itemPlan(value, path));
      const item = planOf({ ...field, maxOccurs: 1 });
      const itemPlan: Writer = (value, path) => {
        if (!Array.isArray(value)) throw new ValueError('expected an array');
        let out = '';
        for (let i = 0; i < value.length; i++) {
          path.push(`[${i}]`);
          out += writeField(item, value[i], path);
          path.pop();
        }
        return out;
      };
      writer = itemPlan;
      break;
    }
    case 'complex': {
      const complex = COMPLEX_TYPES[type.slice(4)];
      if (!complex) throw new ResultEncodingError(`unknown type ${type}`);
      let fields: FieldPlan[] | undefined;
      writer = (value, path) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValueError('expected an object');
        fields ??= complex.fields.map(planOf);
        let out = '';
        for (const field of fields) {
          path.push(field.spec.name);
          out += writeField(field, Reflect.get(value, field.spec.name), path);
          path.pop();
        }
        return out;
      };
      break;
    }
  }
  writers.set(key, writer);
  return writer;
}

/** The common builtins written directly (same checks as the codec's formatBuiltin); the others through it. */
function builtinWriter(type: string): Writer {
  switch (type) {
    case 'xs:string':
      return (value) => (typeof value === 'string' && SAFE_TEXT.test(value) ? value : escapeXml(formatBuiltin(type, value)));
    case 'xs:int':
      return (value) => (typeof value === 'number' && Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647 ? String(value) : formatBuiltin(type, value));
    case 'xs:long':
      return (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : formatBuiltin(type, value));
    case 'xs:boolean':
      return (value) => (value === true ? 'true' : value === false ? 'false' : formatBuiltin(type, value));
    case 'xs:dateTime':
      return (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : formatBuiltin(type, value));
    default:
      return (value) => escapeXml(formatBuiltin(type, value));
  }
}

/** Text that needs neither escaping nor a check for characters XML cannot carry. */
const SAFE_TEXT = /^[^&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]*$/;

function planOf(spec: ElementSpec): FieldPlan {
  return {
    spec,
    repeated: spec.maxOccurs === 'unbounded' || spec.maxOccurs > 1,
    open: `<${spec.name}>`,
    close: `</${spec.name}>`,
    nil: `<${spec.name} xsi:nil="true" />`,
    unset: spec.minOccurs > 0 ? dotnetDefault(spec) : undefined,
    write: writerFor(spec.type, spec.kind),
  };
}

function writeField(field: FieldPlan, value: unknown, path: string[]): string {
  if (field.repeated) {
    const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    let out = '';
    for (const item of items) out += writeOne(field, item, path);
    return out;
  }
  return writeOne(field, value, path);
}

function writeOne(field: FieldPlan, value: unknown, path: string[]): string {
  if (value === undefined || value === null) {
    if (value === null && field.spec.nillable) return field.nil;
    if (field.unset === undefined) {
      if (field.spec.minOccurs > 0) throw new ValueError('is required');
      return '';
    }
    return field.open + field.unset + field.close;
  }
  return field.open + field.write(value, path) + field.close;
}

/**
 * Writes an operation's response envelope as ASMX does: fields in WSDL order, `ArrayOfX` as a wrapper of item
 * elements, null as `xsi:nil` where the schema allows it, dates as ISO 8601 instants, binary as base64, and a
 * required field with no value as what .NET serializes for an unset value (0, false, DateTime.MinValue, the
 * enumeration's first member).
 */
export function responseEnvelope(op: OperationSpec, value: unknown, version: SoapVersion = '1.1'): string {
  let inner = '';
  if (op.result) {
    const path = [op.result.name];
    try {
      inner = writeField(planOf(op.result), value, path);
    } catch (err) {
      if (err instanceof ValueError) throw new ResultEncodingError(`${path.join('.').replace(/\.\[/g, '[')}: ${err.message}`);
      throw err;
    }
  }
  return `${envelopeStart(version)}<${op.responseElement} xmlns="${SERVICE.namespace}">${inner}</${op.responseElement}>${ENVELOPE_END}`;
}

function dotnetDefault(spec: ElementSpec): string | undefined {
  if (spec.kind === 'enum') return ENUMS[spec.type.slice(4)]?.[0] ?? '';
  if (spec.kind !== 'builtin') return undefined;
  switch (spec.type) {
    case 'xs:boolean':
      return 'false';
    case 'xs:dateTime':
      return DOTNET_MIN_DATE;
    case 'xs:string':
    case 'xs:base64Binary':
      return '';
    default:
      return '0';
  }
}
