import { maskTokenShapes, type Redactor } from './redaction.js';

export interface EcgridErrorOptions {
  cause?: unknown | undefined;
  redactor?: Redactor | undefined;
}

/**
 * Base class of every error this library throws. The message is scrubbed of known secrets (and of anything
 * shaped like a bearer token or a JWT), and a cause is replaced by a sanitized copy, so that neither `message`,
 * `stack` nor any enumerable field carries a secret.
 */
export class EcgridError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options: EcgridErrorOptions = {}) {
    const redactor = options.redactor;
    const scrub = (text: string): string => (redactor ? redactor.redact(text) : maskTokenShapes(text));
    super(scrub(message));
    this.name = new.target.name;
    this.code = scrub(code);
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', {
        value: sanitizeCause(options.cause, redactor),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
    if (this.stack) this.stack = scrub(this.stack);
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const key of Object.keys(this)) out[key] = (this as Record<string, unknown>)[key];
    return out;
  }
}

/** Thrown when options or environment variables are missing or invalid. */
export class ConfigurationError extends EcgridError {
  constructor(message: string) {
    super('Configuration', message);
  }
}

/** How many causes deep a sanitized cause keeps (an axios error wraps the system error that names the reason). */
const MAX_CAUSE_DEPTH = 3;

/**
 * Keeps what is useful for debugging of an underlying error (its name, code, a scrubbed message and, a few levels
 * deep, its own sanitized cause) and drops everything else: axios errors, for instance, carry request headers
 * with credentials in `config`.
 */
export function sanitizeCause(cause: unknown, redactor?: Redactor, depth = 0): Error {
  if (cause instanceof EcgridError) return cause;
  const scrub = (text: string): string => (redactor ? redactor.redact(text) : maskTokenShapes(text));
  if (cause instanceof Error) {
    const copy = new Error(scrub(cause.message));
    copy.name = scrub(cause.name);
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') {
      Object.defineProperty(copy, 'code', { value: typeof code === 'string' ? scrub(code) : code, enumerable: true });
    }
    copy.stack = `${copy.name}: ${copy.message}`;
    const inner = (cause as { cause?: unknown }).cause;
    if (inner !== undefined && inner !== cause && depth < MAX_CAUSE_DEPTH) {
      Object.defineProperty(copy, 'cause', {
        value: sanitizeCause(inner, redactor, depth + 1),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  const copy = new Error(scrub(typeof cause === 'string' ? cause : 'non-error value thrown'));
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
