/** Conversions between XSD lexical forms and JavaScript values. */

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER_TYPES = new Set(['int', 'long', 'short', 'byte', 'unsignedByte', 'unsignedShort', 'unsignedInt']);
const FLOAT_TYPES = new Set(['float', 'double', 'decimal']);
const ZONE = /(Z|[+-]\d{2}:\d{2})$/;

export class ValueError extends Error {}

export function parseBuiltin(xsType: string, text: string): unknown {
  const local = xsType.slice(3);
  if (local === 'string') return text;
  const t = text.trim();
  if (INTEGER_TYPES.has(local)) {
    if (!INTEGER.test(t)) throw new ValueError(`"${t.slice(0, 40)}" is not an ${local}`);
    const n = Number(t);
    if (!Number.isSafeInteger(n)) throw new ValueError(`${local} ${t} is beyond the range JavaScript numbers hold exactly`);
    return n;
  }
  if (FLOAT_TYPES.has(local)) {
    if (t === 'INF') return Infinity;
    if (t === '-INF') return -Infinity;
    if (t === 'NaN') return NaN;
    if (!DECIMAL.test(t)) throw new ValueError(`"${t.slice(0, 40)}" is not a ${local}`);
    return Number(t);
  }
  if (local === 'boolean') {
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    throw new ValueError(`"${t.slice(0, 40)}" is not a boolean`);
  }
  if (local === 'dateTime') {
    // A dateTime without a zone is read as UTC, so the same text means the same instant on every machine.
    const ms = Date.parse(ZONE.test(t) ? t : `${t}Z`);
    if (Number.isNaN(ms)) throw new ValueError(`"${t.slice(0, 40)}" is not a dateTime`);
    return new Date(ms);
  }
  if (local === 'base64Binary') {
    const compact = t.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
      throw new ValueError('content is not valid base64');
    }
    return Buffer.from(compact, 'base64');
  }
  throw new ValueError(`unsupported type ${xsType}`);
}

export function formatBuiltin(xsType: string, value: unknown): string {
  const local = xsType.slice(3);
  if (local === 'string') {
    if (typeof value !== 'string') throw new ValueError('expected a string');
    return value;
  }
  if (INTEGER_TYPES.has(local)) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ValueError(`expected an integer (${local})`);
    return String(value);
  }
  if (FLOAT_TYPES.has(local)) {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new ValueError(`expected a number (${local})`);
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
