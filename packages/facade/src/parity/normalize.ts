import { createHash } from 'node:crypto';

/** A plain JSON value, as compared by parity runs. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export interface NormalizeOptions {
  /** Paths to drop: `Field`, `List[].Field`, `[].Field` for a list result, `.` for the whole value. */
  ignore: readonly string[];
  /** Lists whose order the API does not promise, sorted by a field: `[].ParcelID` or `List[].ParcelID`. */
  orderBy?: string | undefined;
}

/**
 * Turns a SOAP-shaped result into a plain value that two backends can be compared on: dates become one ISO
 * instant form, binary content becomes its size and digest, ignored fields disappear, unordered lists are sorted.
 */
export function normalizeResult(value: unknown, options: NormalizeOptions): Plain {
  if (options.ignore.includes('.')) return null;
  // toPlain builds a fresh value, so ignored fields are removed from it in place.
  let plain = toPlain(value);
  for (const path of options.ignore) dropPath(plain, splitPath(path), 0);
  if (options.orderBy) plain = sortAt(plain, splitPath(options.orderBy));
  return plain;
}

/** Binary content as parity compares and publishes it: its size and SHA-256, never the content itself. */
export interface ContentDigest {
  bytes: number;
  sha256: string;
}

/** Size and digest of bytes, read in place (a Buffer is a Uint8Array: no copy is made). */
export function digestBytes(bytes: Uint8Array): ContentDigest {
  return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Base64 characters decoded per step: a multiple of 4, so every step ends on a whole group. */
const BASE64_STEP = 64 * 1024;

/**
 * Size and digest of the bytes base64 text stands for, decoded a slice at a time so that no decoded copy of the
 * whole content is made. Whitespace is skipped, as Node's decoder does; the result equals digesting
 * `Buffer.from(text, 'base64')`.
 */
export function digestBase64(text: string): ContentDigest {
  const hash = createHash('sha256');
  let bytes = 0;
  let carry = '';
  const feed = (chars: string) => {
    const decoded = Buffer.from(chars, 'base64');
    bytes += decoded.length;
    hash.update(decoded);
  };
  for (let at = 0; at < text.length; at += BASE64_STEP) {
    const slice = carry + text.slice(at, at + BASE64_STEP).replace(/\s+/g, '');
    const whole = slice.length - (slice.length % 4);
    feed(slice.slice(0, whole));
    carry = slice.slice(whole);
  }
  if (carry) feed(carry);
  return { bytes, sha256: hash.digest('hex') };
}

function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) return { ...digestBytes(value) };
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

const splitPaths = new Map<string, readonly Segment[]>();

/** `ParcelIDInfoList[].FileName` → [{key: ParcelIDInfoList, each}, {key: FileName}] ; `[].X` → [{each}, {key: X}] */
function splitPath(path: string): readonly Segment[] {
  let segments = splitPaths.get(path);
  if (!segments) {
    segments = path
      .split('.')
      .filter((p) => p !== '')
      .map((p) => (p.endsWith('[]') ? { key: p === '[]' ? undefined : p.slice(0, -2), each: true } : { key: p, each: false }));
    // Paths come from the mapping table and the options, a bounded set; the bound guards against misuse.
    if (splitPaths.size < 10_000) splitPaths.set(path, segments);
  }
  return segments;
}

/** Removes the field at `path[from…]` from `value`, which must be a fresh value from `toPlain`. */
function dropPath(value: Plain, path: readonly Segment[], from: number): void {
  const head = path[from];
  if (!head) return;
  const last = from === path.length - 1;
  let target: Plain | undefined = value;
  if (head.key !== undefined) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, head.key)) return;
    if (!head.each && last) {
      delete value[head.key];
      return;
    }
    target = value[head.key];
    if (!head.each) {
      dropPath(target!, path, from + 1);
      return;
    }
  }
  // `List[].Field` and `[].Field`: the rest of the path applies to every item.
  if (!Array.isArray(target) || last) return;
  for (const item of target) dropPath(item, path, from + 1);
}

function sortAt(value: Plain, path: readonly Segment[]): Plain {
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
