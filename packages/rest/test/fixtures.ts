/**
 * Test fixtures without nock: real-socket tests import this module (loading nock, even unused, replaces node's
 * http.request and bypasses keep-alive agents). helpers.ts re-exports it with the nock helpers.
 */
import { inspect } from 'node:util';
import { expect } from 'vitest';
import type { Sleep } from '../src/index.js';

export const BASE = 'https://rest.ecgrid.test';

/** Secret values that must never surface anywhere. */
export const CANARY = {
  apiKey: 'canary-apikey-7Qf3Zp9LwX2m',
  password: 'Canary-Pass-9!xZ',
  clientKey: 'canary-clientkey-M4nB8vR1',
  clientSecret: 'canary-secret-Yt6Hq2Ks0P',
} as const;

export function ok(data: unknown): { success: true; data: unknown; errorCode: null; message: null } {
  return { success: true, data, errorCode: null, message: null };
}

export function fail(errorCode: string, message = 'failed'): { success: false; data: null; errorCode: string; message: string } {
  return { success: false, data: null, errorCode, message };
}

/** A Sleep that returns at once and records what it was asked to wait. */
export function recordingSleep(): Sleep & { delays: number[] } {
  const delays: number[] = [];
  const sleep: Sleep = async (ms) => {
    delays.push(ms);
  };
  return Object.assign(sleep, { delays });
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned-looking compact JWT with the given claims (the client only decodes, never verifies). */
export function makeJwt(claims: Record<string, unknown>): string {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.${Buffer.from('signature').toString('base64url')}`;
}

/**
 * Every way a value can be shown: `String`, `JSON.stringify`, `util.inspect` with hidden fields, and for each object
 * reachable from it (causes included, enumerable or not, symbol keys too) its message, stack and string values.
 */
export function exposures(value: unknown): string[] {
  const out: string[] = [String(value), inspect(value, { depth: 10, showHidden: true })];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular values are covered by the walk below.
  }
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if (typeof v === 'string') {
      out.push(v);
      return;
    }
    if (v === null || typeof v !== 'object' || depth > 8 || seen.has(v)) return;
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return;
    seen.add(v);
    if (v instanceof Error) out.push(v.message, v.stack ?? '', String(v), inspect(v, { depth: 10, showHidden: true }));
    for (const key of Reflect.ownKeys(v)) {
      const descriptor = Object.getOwnPropertyDescriptor(v, key);
      if (descriptor && 'value' in descriptor) visit(descriptor.value, depth + 1);
    }
  };
  visit(value, 0);
  return out;
}

/** A secret as it may appear: plain, base64 and URL-encoded. */
export function encodedForms(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];
}

/** Asserts that no rendering of `value` (see {@link exposures}) contains any of the secrets in any encoded form. */
export function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
  const texts = exposures(value);
  for (const text of texts) {
    for (const secret of secrets) for (const form of encodedForms(secret)) expect(text).not.toContain(form);
  }
}

/** A socket-level error for nock's replyWithError (nock needs an Error instance to fail the request promptly). */
export function netError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}
