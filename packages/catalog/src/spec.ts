/** The shapes of the generated catalogue (see `generated/`); hand-written so the generator has a contract. */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One documented input of an endpoint: a path parameter, a query parameter or a JSON body field. */
export interface FieldSpec {
  readonly name: string;
  /** The type as the reference page writes it (`int`, `integer`, `string`, `datetime`, `ParcelStatus`, …). */
  readonly type: string;
  readonly required: boolean;
  readonly constraints?: string;
}

/**
 * How a listing pages: `pageNo`/`recordsPerPage` in the body, and the answer either a plain array or a page wrapper
 * `{ totalRecords, pageNo, recordsPerPage, <key>: [...] }`. Sizes are null where the page does not state them.
 */
export interface PagingSpec {
  readonly list: { readonly kind: 'array' } | { readonly kind: 'wrapped'; readonly key: string };
  readonly defaultPageSize: number | null;
  readonly maxPageSize: number | null;
}

export interface EndpointSpec {
  readonly group: string;
  /** The reference page, relative to the docs' `website/docs/`. */
  readonly page: string;
  readonly method: string;
  /** As the reference page writes it, with `{name}` placeholders. */
  readonly path: string;
  readonly pathParams: readonly FieldSpec[];
  readonly query: readonly FieldSpec[];
  readonly body: readonly FieldSpec[];
  readonly paging: PagingSpec | null;
  readonly authRequired: boolean;
}

export interface RestEquivalent<Name extends string = string> {
  /** The REST endpoint the documentation names for the operation, or null when it names none. */
  readonly endpoint: Name | null;
  /** Which documentation source decided it (migration guide, SOAP page, curated name match), if any. */
  readonly source: string | null;
  readonly note: string | null;
}
