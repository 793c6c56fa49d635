import { accessDenied, invalidParameter, notFound } from '../errors.js';

/** The filters every listing shares, in one place: ECGridOS conventions for "any", date ranges, names and order. */

/** A filter value of 0 (or nothing) means "any", as in ECGridOS. */
export const given = (n: number | undefined): n is number => n !== undefined && n !== 0;

/** .NET's DateTime.MinValue (what a client sends for "no date") is no bound. */
const bound = (d: Date | undefined): number | undefined =>
  d === undefined || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900 ? undefined : d.getTime();

export function inRange(iso: string, begin: Date | undefined, end: Date | undefined): boolean {
  const t = Date.parse(iso);
  const b = bound(begin);
  const e = bound(end);
  return (b === undefined || t >= b) && (e === undefined || t <= e);
}

/** Case-insensitive substring match; an empty needle matches everything. */
export const contains = (haystack: string, needle: string | undefined): boolean =>
  !needle || haystack.toLowerCase().includes(needle.trim().toLowerCase());

export const byDateThenId =
  <T extends { created: string }>(id: (t: T) => number) =>
  (a: T, b: T): number =>
    a.created.localeCompare(b.created) || id(a) - id(b);

/** Checks an optional filter value against an enumeration's values (from the generated tables). */
export function oneOf<T extends string>(values: readonly T[], name: string, what: string, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const found = values.find((v) => v === value);
  if (found === undefined) throw invalidParameter(`${name} ${value} is not a ${what}`);
  return found;
}

/** A record by its key, or ObjectNotFound; one the caller may not see is AccessDenied. */
export function visibleRecord<K extends number | string, R>(records: ReadonlyMap<K, R>, id: K, what: string, visible: (r: R) => boolean): R {
  const found = records.get(id);
  if (found === undefined) throw notFound(what, id);
  if (!visible(found)) throw accessDenied(`${what} ${id} is outside this user's scope`);
  return found;
}
