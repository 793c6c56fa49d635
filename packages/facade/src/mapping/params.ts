import { FacadeError } from '../errors.js';
import type { FacadeOperation } from '../operations.js';
import { UnsupportedOnRest } from './entry.js';

/** Parameter helpers every group's requests share (this module exports no entries). */

/**
 * Refuses a SOAP parameter the REST endpoint has no field for unless it is unset (empty text, 0, false, no bytes):
 * a value the caller asked for is never silently dropped.
 */
export function requireUnset(value: unknown, name: string): void {
  const unset =
    value === undefined || value === null || value === '' || value === 0 || value === false || (Buffer.isBuffer(value) && value.length === 0);
  if (!unset) throw new UnsupportedOnRest(`the REST endpoint has no field for ${name}`);
}

/** SOAP sends an absent text as empty; REST leaves an optional field out (and an update keeps its value). */
export const nonEmpty = (text: string | undefined): string | undefined => (text ? text : undefined);

/** A REST field the reference marks required and non-empty: an empty SOAP text has no REST form. */
export function requireText(value: string | undefined, restField: string): string {
  if (!value) throw new UnsupportedOnRest(`the REST endpoint requires a non-empty ${restField}`);
  return value;
}

/** Where ECGrid reads 0 as "the session's own" (or "all"), a REST endpoint that requires the ID cannot say so. */
export function requireExplicit(value: number, name: string): number {
  if (value === 0) throw new UnsupportedOnRest(`the REST endpoint needs an explicit ${name}; 0 (the session's own) has no REST form`);
  return value;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes an `A` operation takes as a base64 string (`param` names it in the error). Node's decoder skips what is
 * not base64, so the text is checked first, as strictly as .NET's Convert.FromBase64String: a malformed string is
 * the caller's error, never silently altered content.
 */
export function decodeBase64(operation: FacadeOperation, param: string, text: string | undefined): Buffer {
  const s = (text ?? '').replace(/\s+/g, '');
  if (!BASE64.test(s) || s.length % 4 !== 0) {
    throw new FacadeError({
      operation,
      backend: 'rest',
      code: 'InvalidParameter',
      backendCode: undefined,
      httpStatus: 0,
      message: `${operation}: ${param} is not a base64 string`,
    });
  }
  return Buffer.from(s, 'base64');
}
