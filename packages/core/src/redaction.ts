export const REDACTED = '[REDACTED]';

const SENSITIVE_KEY = /pass(word)?|secret|token|api[-_]?key|session[-_]?id|authorization|cookie|eagle-api-key|clientkey/i;

/** True for a field or header name whose value is a credential. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/**
 * Knows the secret values a client holds (passwords, keys, session IDs, tokens) and removes them from any text,
 * including text a server echoed back. Secrets shorter than four characters are not tracked: replacing them
 * would mangle ordinary text without protecting anything.
 */
export class Redactor {
  // A private field: `util.inspect` and JSON of an object holding a redactor must not show the secrets.
  readonly #secrets = new Set<string>();

  constructor(initial: Iterable<string | undefined | null> = []) {
    for (const s of initial) this.add(s);
  }

  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string' || secret.length < 4) return;
    this.#secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.#secrets.add(encoded);
    const b64 = Buffer.from(secret, 'utf8').toString('base64');
    if (b64.length >= 8) this.#secrets.add(b64);
  }

  /** A redactor that knows this one's secrets and the other's (the other keeps changing independently). */
  merge(other: Redactor): Redactor {
    const merged = new Redactor();
    for (const s of this.#secrets) merged.#secrets.add(s);
    for (const s of other.#secrets) merged.#secrets.add(s);
    return merged;
  }

  toJSON(): string {
    return `[Redactor: ${this.#secrets.size} secrets]`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toJSON();
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** A deep copy with sensitive keys masked and known secret values removed from every string. */
  redactValue<T>(value: T): T {
    return redactDeep(value, this, new WeakSet()) as T;
  }
}

function redactDeep(value: unknown, redactor: Redactor, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redactor, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSensitiveKey(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactDeep(v, redactor, seen);
  }
  return out;
}

/** Header values with every credential-bearing header masked; for logs and events. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = isSensitiveKey(k) ? REDACTED : v;
  return out;
}
