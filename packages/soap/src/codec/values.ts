/** Conversions between XSD lexical forms and JavaScript values. */
import { ENUMS } from '../generated/index.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const ZONE = /(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Characters XML 1.0 cannot carry at all, not even as character references. */
const MAYBE_NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  byte: [-128, 127],
  unsignedByte: [0, 255],
  short: [-32_768, 32_767],
  unsignedShort: [0, 65_535],
  int: [-2_147_483_648, 2_147_483_647],
  unsignedInt: [0, 4_294_967_295],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
const FLOAT_TYPES = new Set(['float', 'double', 'decimal']);

export class ValueError extends Error {}

/** Quotes a short value for an error message; longer ones are left out so no part of a secret can leak. */
function shown(text: string): string {
  return text.length <= 40 ? `"${text}"` : `a ${text.length}-character value`;
}

export function parseBuiltin(xsType: string, text: string): unknown {
  const local = xsType.slice(3);
  if (local === 'string') return text;
  const t = text.trim();
  const range = INTEGER_RANGES[local];
  if (range) {
    if (!INTEGER.test(t)) throw new ValueError(`${shown(t)} is not an ${local}`);
    const n = Number(t);
    if (!Number.isSafeInteger(n)) throw new ValueError(`${local} ${shown(t)} is beyond the range JavaScript numbers hold exactly`);
    if (n < range[0] || n > range[1]) throw new ValueError(`${shown(t)} is out of the ${local} range`);
    return n;
  }
  if (FLOAT_TYPES.has(local)) {
    if (t === 'INF') return Infinity;
    if (t === '-INF') return -Infinity;
    if (t === 'NaN') return NaN;
    if (!DECIMAL.test(t)) throw new ValueError(`${shown(t)} is not a ${local}`);
    return Number(t);
  }
  if (local === 'boolean') {
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    throw new ValueError(`${shown(t)} is not a boolean`);
  }
  if (local === 'dateTime') {
    if (!DATE_TIME.test(t)) throw new ValueError(`${shown(t)} is not a dateTime`);
    // A dateTime without a zone is read as UTC, so the same text means the same instant on every machine.
    const ms = Date.parse(ZONE.test(t) ? t : `${t}Z`);
    if (Number.isNaN(ms)) throw new ValueError(`${shown(t)} is not a dateTime`);
    return new Date(ms);
  }
  if (local === 'base64Binary') return parseBase64(t);
  throw new ValueError(`unsupported type ${xsType}`);
}

function parseBase64(text: string): Buffer {
  // The common case (no line breaks) is checked in one pass; only other text pays for removing whitespace.
  if (text.length % 4 === 0 && BASE64.test(text)) return Buffer.from(text, 'base64');
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw new ValueError('content is not valid base64');
  return Buffer.from(compact, 'base64');
}

export function formatBuiltin(xsType: string, value: unknown): string {
  const local = xsType.slice(3);
  if (local === 'string') {
    if (typeof value !== 'string') throw new ValueError('expected a string');
    // The quick check finds nothing in almost every string; only a string with a control character or a surrogate
    // pays for the exact one (a well-paired surrogate is fine).
    if (MAYBE_NOT_XML_CHAR.test(value) && NOT_XML_CHAR.test(value)) throw new ValueError('contains a character that XML cannot carry');
    return value;
  }
  const range = INTEGER_RANGES[local];
  if (range) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ValueError(`expected an integer (${local})`);
    if (value < range[0] || value > range[1]) throw new ValueError(`${value} is out of the ${local} range`);
    return String(value);
  }
  if (FLOAT_TYPES.has(local)) {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new ValueError(`expected a number (${local})`);
    if (local === 'decimal') {
      if (!Number.isFinite(value)) throw new ValueError('expected a finite number (decimal)');
      // xs:decimal has no exponent form: 1e21 must go out as 1000000000000000000000.
      const text = String(value);
      return /e/i.test(text) ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
    }
    return value === Infinity ? 'INF' : value === -Infinity ? '-INF' : String(value);
  }
  if (local === 'boolean') {
    if (typeof value !== 'boolean') throw new ValueError('expected a boolean');
    return value ? 'true' : 'false';
  }
  if (local === 'dateTime') {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new ValueError('expected a Date or an ISO 8601 string');
    return date.toISOString();
  }
  if (local === 'base64Binary') {
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('base64');
    throw new ValueError('expected a Buffer, Uint8Array or string');
  }
  throw new ValueError(`unsupported type ${xsType}`);
}

/** An enumeration value, checked against the generated table (`tns:<Name>`). */
const enumSets = new Map<string, ReadonlySet<string>>();

export function enumValue(type: string, value: unknown): string {
  let allowed = enumSets.get(type);
  if (!allowed) {
    const values = ENUMS[type.slice(4)];
    if (!values) throw new ValueError(`unknown enumeration ${type}`);
    allowed = new Set(values);
    enumSets.set(type, allowed);
  }
  if (typeof value !== 'string') throw new ValueError(`expected a ${type.slice(4)} value (string)`);
  if (!allowed.has(value)) throw new ValueError(`${shown(value)} is not a ${type.slice(4)} value`);
  return value;
}
