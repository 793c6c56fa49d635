import { ENDPOINTS, type EndpointName } from '@ecgrid-bridge/catalog';
import { OPERATIONS } from '@ecgrid-bridge/soap';
import type { FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';
import { type DownloadSpec, type EntryKind, type MappingEntry, type RestRequestParts, type RestRoute, UnsupportedOnRest } from './entry.js';
import type { ResultMap } from './results.js';

/** What an entry says about its REST route; everything else is derived. */
export interface RouteSpec<Op extends FacadeOperation> {
  readonly endpoint: EndpointName;
  /** SOAP parameters → path values, query and body (default: nothing to send). */
  readonly request?: (params: FacadeParams<Op>) => RestRequestParts;
  readonly result: ResultMap<FacadeResult<Op>>;
  /** SOAP parameters REST cannot take, with what happens to them. */
  readonly unsupported?: Readonly<Record<string, string>>;
  /** Result paths REST cannot provide beyond those the result map derives. */
  readonly lossy?: readonly string[];
  /** What the mapping assumes where the documentation is silent. */
  readonly assumes?: string;
  /** Overrides the result map's sort key for parity (`null`: the order is meaningful). */
  readonly orderBy?: string | null;
  /** The result is a credential: parity compares its digest only. */
  readonly sensitive?: boolean;
  /** Result fields that are the session's own credentials, left out whichever backend answers. */
  readonly withheld?: readonly string[];
}

const PAGE_PARAMS = new Set(['PageNo', 'PageNumber']);

/**
 * SOAP returns a whole list where the endpoint pages, unless the SOAP operation itself takes a page number: then
 * the caller's page is sent and only that page comes back.
 */
function readsWholeList(operation: FacadeOperation, endpoint: EndpointName): boolean {
  return ENDPOINTS[endpoint].paging !== null && !OPERATIONS[operation].params.some((p) => PAGE_PARAMS.has(p.name));
}

function route<Op extends FacadeOperation>(operation: Op, spec: RouteSpec<Op>): RestRoute<Op> {
  return {
    endpoint: spec.endpoint,
    request: spec.request ?? (() => ({})),
    response: (data, params) => spec.result.read(data, params),
    lossy: [...spec.result.lossy, ...(spec.lossy ?? [])],
    wholeList: readsWholeList(operation, spec.endpoint),
    unsupportedParams: spec.unsupported ?? {},
  };
}

function entry<Op extends FacadeOperation>(operation: Op, kind: EntryKind, spec: RouteSpec<Op>): MappingEntry<Op> {
  return {
    operation,
    kind,
    rest: route(operation, spec),
    noRestReason: null,
    orderBy: spec.orderBy === null ? undefined : (spec.orderBy ?? spec.result.orderBy),
    sensitive: spec.sensitive === true,
    ...(spec.withheld ? { withheld: spec.withheld } : {}),
    assumes: spec.assumes,
  };
}

/** An operation that only reads: parity may run it on both backends, and it is retried. */
export const read = <Op extends FacadeOperation>(operation: Op, spec: RouteSpec<Op>): MappingEntry<Op> => entry(operation, 'read', spec);

/** An operation that changes state: it runs on one backend only, and is never repeated by the facade. */
export const write = <Op extends FacadeOperation>(operation: Op, spec: RouteSpec<Op>): MappingEntry<Op> => entry(operation, 'write', spec);

/** `Twin` when it takes `Op`'s parameters and answers `Op`'s result, so that it can stand in for `Op`; else never. */
export type StandIn<Op extends FacadeOperation, Twin extends FacadeOperation> = [FacadeParams<Op>] extends [FacadeParams<Twin>]
  ? [FacadeResult<Twin>] extends [FacadeResult<Op>]
    ? Twin
    : never
  : never;

/** Where a download's file is: the parameter naming it, the result fields of its name and content. */
export interface DownloadFile<Op extends FacadeOperation> extends Omit<DownloadSpec, 'soapNoUpdate' | 'id' | 'name' | 'content'> {
  readonly id: Extract<keyof FacadeParams<Op>, string>;
  readonly name: Extract<keyof NonNullable<FacadeResult<Op>>, string>;
  readonly content: Extract<keyof NonNullable<FacadeResult<Op>>, string>;
}

/**
 * An operation that hands out a file: parity reads it on both backends and compares name, size and digest. When
 * SOAP is the candidate it runs `soapNoUpdate`, the SOAP operation that hands out the same file without updating its
 * status; the confirm that completes delivery stays a write, never doubled.
 */
export function download<Op extends FacadeOperation, Twin extends FacadeOperation>(
  operation: Op,
  soapNoUpdate: Twin & StandIn<Op, Twin>,
  file: DownloadFile<Op>,
  spec: RouteSpec<Op>,
): MappingEntry<Op> {
  return { ...entry(operation, 'download', spec), download: { soapNoUpdate, ...file } };
}

/** What `Login` returns through the facade: the session itself stays inside the backends. */
export const SESSION_HANDLE = 'ecgrid-bridge-session';

/** Login or Logout: opens or ends the session of each backend in use; the facade answers a handle (Login) or 0. */
export function session<Op extends FacadeOperation>(operation: Op, kind: 'login' | 'logout', spec: RouteSpec<Op>): MappingEntry<Op> {
  const answer = kind === 'login' ? SESSION_HANDLE : 0;
  return { ...entry(operation, kind, spec), sessionResult: () => spec.result.read(answer, {}) };
}

/** An operation REST cannot serve, with the reason (shown in errors, coverage and the scan). */
export function soapOnly<Op extends FacadeOperation>(operation: Op, kind: 'read' | 'write', reason: string): MappingEntry<Op> {
  return { operation, kind, rest: null, noRestReason: reason, orderBy: undefined, sensitive: false, assumes: undefined };
}

export interface VariantSpec<Base extends FacadeOperation, Op extends FacadeOperation> {
  /** The variant's parameters as the base operation's. */
  readonly params: (params: FacadeParams<Op>) => FacadeParams<Base>;
  /** The base operation's result as the variant's. */
  readonly result: (result: FacadeResult<Base>, params: FacadeParams<Op>) => FacadeResult<Op>;
  /** Result paths the variant cannot provide beyond the base's (for instance where it moves a field). */
  readonly lossy?: (baseLossy: readonly string[]) => readonly string[];
  readonly unsupported?: Readonly<Record<string, string>>;
  readonly assumes?: string;
}

/**
 * A variant of another operation (`A`, `Ex`, `Mft`, `Short`, …) served by the same REST route: its parameters are
 * turned into the base operation's and the base result into the variant's.
 */
export function variant<Base extends FacadeOperation, Op extends FacadeOperation>(
  base: MappingEntry<Base>,
  operation: Op,
  spec: VariantSpec<Base, Op>,
): MappingEntry<Op> {
  // A download's variant hands out the file in its own form, so it names its own twin: see downloadVariant.
  if (base.kind === 'download') throw new Error(`${operation}: a variant of the download ${base.operation} is built with downloadVariant`);
  return variantOf(base, operation, spec);
}

/** A variant of a download (the `A` form, say), with the SOAP twin and the file fields of its own form. */
export function downloadVariant<Base extends FacadeOperation, Op extends FacadeOperation, Twin extends FacadeOperation>(
  base: MappingEntry<Base>,
  operation: Op,
  soapNoUpdate: Twin & StandIn<Op, Twin>,
  file: DownloadFile<Op>,
  spec: VariantSpec<Base, Op>,
): MappingEntry<Op> {
  if (base.kind !== 'download') throw new Error(`${operation}: ${base.operation} is not a download`);
  return { ...variantOf(base, operation, spec), download: { soapNoUpdate, ...file } };
}

function variantOf<Base extends FacadeOperation, Op extends FacadeOperation>(
  base: MappingEntry<Base>,
  operation: Op,
  spec: VariantSpec<Base, Op>,
): MappingEntry<Op> {
  const baseRoute = base.rest;
  if (!baseRoute) return soapOnly(operation, base.kind === 'read' ? 'read' : 'write', base.noRestReason ?? 'its base operation has no REST route');
  return {
    operation,
    kind: base.kind,
    rest: {
      endpoint: baseRoute.endpoint,
      request: (p) => baseRoute.request(spec.params(p)),
      response: (data, p) => spec.result(baseRoute.response(data, spec.params(p)), p),
      lossy: spec.lossy ? spec.lossy(baseRoute.lossy) : baseRoute.lossy,
      wholeList: readsWholeList(operation, baseRoute.endpoint),
      unsupportedParams: { ...baseRoute.unsupportedParams, ...spec.unsupported },
    },
    noRestReason: null,
    orderBy: base.orderBy,
    sensitive: base.sensitive,
    assumes: [base.assumes, spec.assumes].filter(Boolean).join(' ') || undefined,
  };
}

/** Refuses a parameter value REST cannot express (a non-empty text filter, say). */
export function requireEmpty(value: unknown, name: string): void {
  if (value !== undefined && value !== null && value !== '' && value !== 0) {
    throw new UnsupportedOnRest(`the REST API cannot filter by ${name}`);
  }
}
