import { ENDPOINTS, type EndpointName } from '@ecgrid-bridge/catalog';
import { invalidParameter } from '../errors.js';

export interface Page<T> {
  readonly items: readonly T[];
  readonly pageNo: number;
  readonly recordsPerPage: number;
  readonly totalRecords: number;
  readonly totalPages: number;
}

/** A listing's page-size rules: the size used when none is asked for, and the largest accepted (undefined: no limit). */
export interface PageLimits {
  readonly defaultPageSize: number;
  readonly maxPageSize: number | undefined;
}

/**
 * Where an endpoint's page documents no default page size, the sandbox uses 25 (the default the parcel and user
 * lists document); where it documents no maximum, the sandbox accepts any size. Both are the sandbox's own choice.
 */
export const UNDOCUMENTED_DEFAULT_PAGE_SIZE = 25;

/**
 * Defaults the catalogue lacks because the pages state them only in the description column ("Defaults to 100"):
 * rest-api/interchanges/inbox-list.md, rest-api/interchanges/outbox-list.md, rest-api/callbacks/event-list.md,
 * rest-api/callbacks/queue-list.md.
 */
const DESCRIBED_DEFAULTS: Partial<Record<EndpointName, number>> = {
  'interchanges.inboxList': 100,
  'interchanges.outboxList': 100,
  'callbacks.eventList': 100,
  'callbacks.queueList': 100,
};

/** The documented paging of a REST list endpoint (`ENDPOINTS[name].paging`), with the sandbox's fallbacks. */
export function restPageLimits(name: EndpointName): PageLimits {
  const paging = ENDPOINTS[name].paging;
  return {
    defaultPageSize: paging?.defaultPageSize ?? DESCRIBED_DEFAULTS[name] ?? UNDOCUMENTED_DEFAULT_PAGE_SIZE,
    maxPageSize: paging?.maxPageSize ?? undefined,
  };
}

/** SOAP archive listings: 25 a page by default, at most 500 (the sandbox's choice; the WSDL states neither). */
export const SOAP_PAGE_LIMITS: PageLimits = { defaultPageSize: 25, maxPageSize: 500 };

/**
 * Cuts one page out of a list; page numbers start at 1. A size above the limit is an InvalidParameter error.
 * `serverCap`, when set, makes the server return at most that many records a page even when more were asked for,
 * and report the size it used, as a real server may.
 */
export function paginate<T>(
  list: readonly T[],
  pageNo: number | undefined,
  recordsPerPage: number | undefined,
  limits: PageLimits,
  serverCap?: number,
): Page<T> {
  const no = pageNo ?? 1;
  const asked = recordsPerPage ?? limits.defaultPageSize;
  if (!Number.isSafeInteger(no) || no < 1) throw invalidParameter('pageNo must be 1 or more');
  if (!Number.isSafeInteger(asked) || asked < 1) throw invalidParameter('recordsPerPage must be 1 or more');
  if (limits.maxPageSize !== undefined && asked > limits.maxPageSize) {
    throw invalidParameter(`recordsPerPage must be between 1 and ${limits.maxPageSize}`);
  }
  const size = serverCap !== undefined ? Math.min(asked, serverCap) : asked;
  const start = (no - 1) * size;
  return {
    items: list.slice(start, start + size),
    pageNo: no,
    recordsPerPage: size,
    totalRecords: list.length,
    totalPages: Math.max(1, Math.ceil(list.length / size)),
  };
}

/** Validates a server page-size cap (admin control or option). */
export function pageSizeCap(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalidParameter('pageSizeCap must be a positive integer or null');
  return value;
}

/** List settings a running sandbox can change (options, admin): the server's page-size cap; undefined means none. */
export interface ListSettings {
  pageSizeCap: number | undefined;
}

/** The whole list as one page (operations without paging parameters). */
export function wholeList<T>(list: readonly T[]): Page<T> {
  return { items: list, pageNo: 1, recordsPerPage: list.length, totalRecords: list.length, totalPages: 1 };
}
