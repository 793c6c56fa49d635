import { inspect } from 'node:util';
import nock from 'nock';
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

/** Asserts that no rendering of `value` contains any of the secrets. */
export function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
  const renderings = [String(value), JSON.stringify(value), inspect(value, { depth: 10, showHidden: true })];
  if (value instanceof Error) {
    renderings.push(value.stack ?? '', value.message);
    const cause = (value as { cause?: unknown }).cause;
    if (cause !== undefined) renderings.push(inspect(cause, { depth: 10, showHidden: true }), String((cause as Error).stack));
  }
  for (const text of renderings) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

export function resetNock(): void {
  nock.cleanAll();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
}

/** A socket-level error for nock's replyWithError (nock needs an Error instance to fail the request promptly). */
export function netError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}
