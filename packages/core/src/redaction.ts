export const REDACTED = '[REDACTED]';

const SENSITIVE_KEY =
  /pass(word)?|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|session[-_]?id|authorization|cookie|eagle-api-key|clientkey/i;

/** True for a field or header name whose value is a credential. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** `Bearer <token>` and `Basic <credentials>` anywhere in a text (the scheme is kept, the credential is not). */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)([A-Za-z0-9\-._~+/]+=*)/gi;
/** A compact JWS/JWE: a base64url JSON header (`eyJ…`) and at least two more dot-separated parts. */
const JWT_SHAPE = /\beyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+){0,2}/g;

/** Whether the word after `Bearer`/`Basic` looks like a credential rather than prose ("the Bearer token is …"). */
function looksLikeCredential(value: string): boolean {
  if (value.length >= 20) return true;
  return value.length >= 8 && /[0-9\-._~+/=]/.test(value);
}

/**
 * Masks credentials recognisable by their shape alone, whoever they belong to: bearer and basic credentials after
 * their scheme, and JWT-shaped strings. Applied by every {@link Redactor} and to every {@link EcgridError} message.
 */
export function maskTokenShapes(text: string): string {
  if (!text) return text;
  let out = text;
  if (out.includes('eyJ')) out = out.replace(JWT_SHAPE, REDACTED);
  if (/bearer|basic/i.test(out)) {
    out = out.replace(AUTH_SCHEME, (whole, scheme: string, space: string, value: string) =>
      looksLikeCredential(value) ? `${scheme}${space}${REDACTED}` : whole,
    );
  }
  return out;
}

/**
 * Knows the secret values a client holds (passwords, keys, session IDs, tokens) and removes them from any text,
 * including text a server echoed back; credentials recognisable by their shape (bearer tokens, JWTs) are removed
 * too, known or not. Secrets shorter than four characters are not tracked: replacing them would mangle ordinary
 * text without protecting anything.
 */
export class Redactor {
  // Private fields: `util.inspect` and JSON of an object holding a redactor must not show the secrets.
  readonly #secrets = new Set<string>();
  readonly #parents: readonly Redactor[];
  /** Bumped on every new secret, so that a derived redactor knows when its cached order is stale. */
  #version = 0;
  #sorted: { stamp: string; list: string[] } | undefined;

  constructor(initial: Iterable<string | undefined | null> = [], parents: readonly Redactor[] = []) {
    this.#parents = parents;
    for (const s of initial) this.add(s);
  }

  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string' || secret.length < 4) return;
    this.#put(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.#put(encoded);
    const b64 = Buffer.from(secret, 'utf8').toString('base64');
    if (b64.length >= 8) this.#put(b64);
    // JSON-escaped form: a secret with quotes or backslashes appears escaped inside a JSON body.
    const json = JSON.stringify(secret).slice(1, -1);
    if (json !== secret) this.#put(json);
  }

  /**
   * Adds the credential a header carries: the whole value, the part after an auth scheme (`Bearer x` → `x`), and
   * the sensitive fields of a JSON value (`{"ClientKey":…,"ClientSecret":…}`).
   */
  addCredential(value: string | undefined | null): void {
    if (typeof value !== 'string') return;
    this.add(value);
    const scheme = /^\s*[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*\s+(\S.*?)\s*$/.exec(value);
    if (scheme) this.add(scheme[1]);
    const text = value.trim();
    if (text.startsWith('{')) {
      try {
        this.addSensitiveFields(JSON.parse(text));
      } catch {
        // Not JSON: the whole value is tracked already.
      }
    }
  }

  /** Adds every string found under a sensitive key (`password`, `token`, `SessionID`, …) anywhere in `value`. */
  addSensitiveFields(value: unknown, depth = 0): void {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Buffer.isBuffer(value) || value instanceof Uint8Array || value instanceof Date) return;
    if (Array.isArray(value)) {
      for (const item of value) this.addSensitiveFields(item, depth + 1);
      return;
    }
    for (const [key, field] of Object.entries(value)) {
      if (isSensitiveKey(key) && typeof field === 'string') this.addCredential(field);
      else this.addSensitiveFields(field, depth + 1);
    }
  }

  /**
   * A redactor that knows everything this one knows, now and later, plus whatever is added to it: for the secrets
   * of one call, which must not outlive it.
   */
  derive(): Redactor {
    return new Redactor([], [this]);
  }

  /** A redactor that knows this one's secrets and the other's (the other keeps changing independently). */
  merge(other: Redactor): Redactor {
    const merged = new Redactor();
    for (const s of this.#all()) merged.#put(s);
    for (const s of other.#all()) merged.#put(s);
    return merged;
  }

  toJSON(): string {
    return `[Redactor: ${this.#all().size} secrets]`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toJSON();
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so that a secret containing another is removed whole.
    for (const secret of this.#ordered()) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return maskTokenShapes(out);
  }

  /** A deep copy with sensitive keys masked and known secret values removed from every string. */
  redactValue<T>(value: T): T {
    return redactDeep(value, this, new WeakSet()) as T;
  }

  #put(secret: string): void {
    if (this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    this.#version += 1;
  }

  #stamp(): string {
    return this.#parents.length === 0 ? String(this.#version) : `${this.#version}(${this.#parents.map((p) => p.#stamp()).join(',')})`;
  }

  #all(): Set<string> {
    if (this.#parents.length === 0) return this.#secrets;
    const all = new Set(this.#secrets);
    for (const parent of this.#parents) for (const s of parent.#all()) all.add(s);
    return all;
  }

  #ordered(): string[] {
    const stamp = this.#stamp();
    if (this.#sorted?.stamp !== stamp) this.#sorted = { stamp, list: [...this.#all()].sort((a, b) => b.length - a.length) };
    return this.#sorted.list;
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
