import { createHash } from 'node:crypto';

/** A plain JSON value, as compared by parity runs. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export interface NormalizeOptions {
  /** Paths to drop: `Field`, `List[].Field`, `[].Field` for a list result, `.` for the whole value. */
  ignore: readonly string[];
  /** Lists whose order the API does not promise, sorted by a field: `[].ParcelID` or `List[].ParcelID`. */
  orderBy?: string;
}

/**
 * Turns a SOAP-shaped result into a plain value that two backends can be compared on: dates become one ISO
 * instant form, binary content becomes its size and digest, ignored fields disappear, unordered lists are sorted.
 */
export function normalizeResult(value: unknown, options: NormalizeOptions): Plain {
  if (options.ignore.includes('.')) return null;
  let plain = toPlain(value);
  for (const path of options.ignore) plain = dropPath(plain, splitPath(path));
  if (options.orderBy) plain = sortAt(plain, splitPath(options.orderBy));
  return plain;
}

function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const bytes = Buffer.from(value);
    return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const out: { [key: string]: Plain } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlain(v);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

type Segment = { key: string | undefined; each: boolean };

/** `ParcelIDInfoList[].FileName` → [{key: ParcelIDInfoList, each}, {key: FileName}] ; `[].X` → [{each}, {key: X}] */
function splitPath(path: string): Segment[] {
  return path
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (p.endsWith('[]') ? { key: p === '[]' ? undefined : p.slice(0, -2), each: true } : { key: p, each: false }));
}

function dropPath(value: Plain, path: Segment[]): Plain {
  const [head, ...rest] = path;
  if (!head) return value;
  const apply = (target: Plain): Plain => {
    if (!head.each) return target;
    if (!Array.isArray(target)) return target;
    return rest.length === 0 ? target : target.map((item) => dropPath(item, rest));
  };
  if (head.key === undefined) return apply(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (!(head.key in value)) return value;
  const copy = { ...value };
  if (!head.each && rest.length === 0) {
    delete copy[head.key];
    return copy;
  }
  copy[head.key] = head.each ? apply(copy[head.key]!) : dropPath(copy[head.key]!, rest);
  return copy;
}

function sortAt(value: Plain, path: Segment[]): Plain {
  const [head, ...rest] = path;
  if (!head) return value;
  if (head.key !== undefined && !head.each) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !(head.key in value)) return value;
    return { ...value, [head.key]: sortAt(value[head.key]!, rest) };
  }
  const list = head.key === undefined ? value : value && typeof value === 'object' && !Array.isArray(value) ? value[head.key] : undefined;
  if (!Array.isArray(list)) return value;
  const field = rest[0]?.key;
  const keyOf = (item: Plain): string =>
    field && item && typeof item === 'object' && !Array.isArray(item) ? JSON.stringify(item[field] ?? null) : JSON.stringify(item);
  const sorted = [...list].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    const na = Number(ka);
    const nb = Number(kb);
    if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (head.key === undefined) return sorted;
  return { ...(value as { [key: string]: Plain }), [head.key]: sorted };
}
