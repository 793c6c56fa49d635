import { invalidParameter } from '../errors.js';

/** Readers for JSON request fields: a present value of the wrong type is an InvalidParameter error. */

export type Json = Record<string, unknown>;

export function optInt(body: Json, name: string): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalidParameter(`${name} must be an integer`);
  return v;
}

export function optBool(body: Json, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidParameter(`${name} must be true or false`);
  return v;
}

export function reqInt(body: Json, name: string): number {
  const v = optInt(body, name);
  if (v === undefined) throw invalidParameter(`${name} is required`);
  return v;
}

export function optString(body: Json, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParameter(`${name} must be a string`);
  return v;
}

export function reqString(body: Json, name: string): string {
  const v = optString(body, name);
  if (v === undefined || v.trim() === '') throw invalidParameter(`${name} is required`);
  return v;
}

export function optDate(body: Json, name: string): Date | undefined {
  const v = optString(body, name);
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(ms)) throw invalidParameter(`${name} must be an ISO 8601 date-time`);
  return new Date(ms);
}

export function reqDate(body: Json, name: string): Date {
  const v = optDate(body, name);
  if (v === undefined) throw invalidParameter(`${name} is required`);
  return v;
}

/** A required field that must be one of an enumeration's values. */
export function reqEnum<T extends string>(body: Json, name: string, values: readonly T[], what: string): T {
  const v = reqString(body, name);
  const found = values.find((value) => value === v);
  if (found === undefined) throw invalidParameter(`${name} ${v} is not a ${what} value`);
  return found;
}

export function pathId(value: string, name = 'id'): number {
  if (!/^\d{1,16}$/.test(value)) throw invalidParameter(`${name} must be a positive integer`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw invalidParameter(`${name} is out of range`);
  return n;
}

export function base64Content(body: Json, name: string): Buffer {
  const v = reqString(body, name).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) throw invalidParameter(`${name} must be base64`);
  return Buffer.from(v, 'base64');
}
