import type { EndpointName } from '@ecgrid-bridge/catalog';
import type { FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';
import type { ResultMap } from './results.js';

export interface RestRequestParts {
  /** Values for the endpoint path's `{name}` placeholders. */
  path?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: Record<string, unknown>;
}

/**
 * `read`: may run on both backends for parity, and is retried; `download`: hands out a file, which parity reads on
 * both backends (the candidate never changes its state: see `DownloadSpec`); `write`: changes state, never doubled;
 * `login`/`logout`: open or end the session on every backend in use.
 */
export type EntryKind = 'read' | 'download' | 'write' | 'login' | 'logout';

/**
 * What parity needs to compare the file a download hands out, and how the candidate reads it without changing it.
 * Delivery is completed by the confirm, not by the download (rest-api/parcels/download-parcel.md), so reading the
 * same parcel on both backends is safe as long as the confirm stays single.
 */
export interface DownloadSpec {
  /**
   * The SOAP operation that hands out the same file, with the same parameters and result, without updating its
   * status: what SOAP runs when it is the candidate. (REST as the candidate uses the operation's own route.)
   */
  readonly soapNoUpdate: FacadeOperation;
  /** The parameter that names the file (the parcel ID), shown with each comparison. */
  readonly id: string;
  /** The result field holding the file name. */
  readonly name: string;
  /** The result field holding the content, and how it is carried: bytes, or base64 text. */
  readonly content: string;
  readonly encoding: 'bytes' | 'base64';
}

export interface RestRoute<Op extends FacadeOperation> {
  /** The endpoint, by its catalogue name: method, path and paging come from there (and a path override reaches it). */
  readonly endpoint: EndpointName;
  /** Turns the SOAP parameters into path values, query and body; throws UnsupportedOnRest when REST cannot express them. */
  request(params: FacadeParams<Op>): RestRequestParts;
  /** Turns the REST `data` into the SOAP-shaped result. */
  response(data: unknown, params: FacadeParams<Op>): FacadeResult<Op>;
  /** Paths of SOAP result fields REST cannot provide (`List[].Field` for list items; `.` for the whole result). */
  readonly lossy: readonly string[];
  /** SOAP returns the whole list where REST pages it: the backend reads every page. */
  readonly wholeList: boolean;
  /** SOAP parameters REST has no way to take, with what happens to them. */
  readonly unsupportedParams: Readonly<Record<string, string>>;
}

/** One mapping decision per operation: a REST route, or the reason there is none. */
export interface MappingEntry<Op extends FacadeOperation> {
  readonly operation: Op;
  readonly kind: EntryKind;
  readonly rest: RestRoute<Op> | null;
  /** Why REST cannot serve the operation (null when it can). */
  readonly noRestReason: string | null;
  /** List results whose order the API does not promise are sorted by this path before comparing. */
  readonly orderBy: string | undefined;
  /** The result is a credential (an API key): parity compares and publishes its digest only. */
  readonly sensitive: boolean;
  /** Result fields that are credentials of the session itself: left out of the result whichever backend served it. */
  readonly withheld?: readonly string[];
  /** What the mapping assumes where the vendor documentation is silent. */
  readonly assumes: string | undefined;
  /** Login and Logout: what the facade itself answers (the session stays inside the backends). */
  readonly sessionResult?: () => FacadeResult<Op>;
  /** Downloads (kind `download`): the file parity compares, and the SOAP twin that reads it without a status update. */
  readonly download?: DownloadSpec;
}

export type MappingTable = { readonly [Op in FacadeOperation]: MappingEntry<Op> };

export type { ResultMap };

/** Thrown by `request` when a parameter value has no REST form; the backend reports it as NotAvailableOnBackend. */
export class UnsupportedOnRest extends Error {}
