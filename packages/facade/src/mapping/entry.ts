import type { FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';
import type { Json } from './fields.js';

export type HttpMethod = 'GET' | 'POST';

export interface RestRequestParts {
  /** Values for `{name}` placeholders in the path. */
  path?: Record<string, string | number>;
  body?: unknown;
}

export interface RestRoute<Op extends FacadeOperation> {
  readonly method: HttpMethod;
  /** The path as written on the endpoint's reference page, e.g. `/v2/parcels/{id}`. */
  readonly path: string;
  /** A POST that only reads, so it may be retried. */
  readonly idempotent?: boolean;
  /** Turns the SOAP parameters into path values and a JSON body; throws NotAvailable when REST cannot express them. */
  request(params: FacadeParams<Op>): RestRequestParts;
  /** Turns the REST `data` into the SOAP-shaped result. */
  response(data: unknown, params: FacadeParams<Op>): FacadeResult<Op>;
  /** Paths of SOAP result fields REST cannot provide (`List[].Field` for list items; `.` for the whole result). */
  readonly lossy: readonly string[];
  /**
   * SOAP returns the whole list where REST pages it: the backend reads page after page (`pageNo` in the body) and
   * joins them. `key` names the list inside a `{ totalRecords, …, key: [...] }` wrapper; without it the data is a
   * plain array, and a short page is the last one.
   */
  readonly wholeList?: { readonly key?: string };
  /** SOAP parameters REST has no way to take, with what happens to them. */
  readonly unsupportedParams?: Readonly<Record<string, string>>;
}

/** One mapping decision per operation: a REST route, or the reason there is none. */
export type MappingEntry<Op extends FacadeOperation> = {
  readonly operation: Op;
  /** Reads may run on both backends for parity; writes never are doubled. */
  readonly kind: 'read' | 'write' | 'session';
  /** List results whose order the API does not promise are sorted by this field before comparing. */
  readonly orderBy?: string;
  /** The result is a credential (an API key): parity compares and publishes its digest only. */
  readonly sensitive?: true;
} & ({ readonly rest: RestRoute<Op> } | { readonly rest: null; readonly noRestReason: string });

export type MappingTable = { readonly [Op in FacadeOperation]: MappingEntry<Op> };

/** Thrown by `request` when a parameter value has no REST form; the backend reports it as NotAvailableOnBackend. */
export class UnsupportedOnRest extends Error {}

export function requireEmpty(params: Json, name: string): void {
  const v = params[name];
  if (v !== undefined && v !== null && v !== '') {
    throw new UnsupportedOnRest(`the REST API cannot filter by ${name}`);
  }
}

export function prefixPaths(prefix: string, fields: readonly string[]): string[] {
  return fields.map((f) => `${prefix}.${f}`);
}
