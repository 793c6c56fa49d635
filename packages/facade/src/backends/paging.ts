import type { PagingSpec } from '@ecgrid-bridge/catalog';
import { ShapeError } from '../mapping/fields.js';

/** Enough for any real mailbox; a server that never ends its pages cannot keep the call going forever. */
export const MAX_PAGES = 1000;

/** Where the reference states no page size, the client asks for this many and never trusts a short page. */
export const ASSUMED_PAGE_SIZE = 500;

type Json = Record<string, unknown>;

const listOf = (paging: PagingSpec, page: unknown): unknown[] => {
  const list = paging.list.kind === 'array' ? page : typeof page === 'object' && page !== null ? (page as Json)[paging.list.key] : undefined;
  if (!Array.isArray(list)) throw new ShapeError(paging.list.kind === 'array' ? 'expected a list page' : `expected a list in ${paging.list.key}`);
  return list;
};

const firstKey = (items: readonly unknown[]): string | undefined => (items.length > 0 ? JSON.stringify(items[0]) : undefined);

/**
 * Reads every page of a listing and returns what one page would look like if it held them all. A server may cap
 * its pages below what was asked, so a short page proves nothing: paging goes on until the server's total is
 * reached (page wrappers carry `totalRecords`) or an empty page comes back (plain arrays). A listing that cannot be
 * read to its end — a page repeated, the total never reached, more than MAX_PAGES pages — is an error, never a
 * short list.
 */
export async function readAllPages(paging: PagingSpec, body: Json | undefined, send: (body: Json) => Promise<unknown>): Promise<unknown> {
  const base: Json = { ...body };
  if (typeof base['recordsPerPage'] !== 'number') base['recordsPerPage'] = paging.maxPageSize ?? ASSUMED_PAGE_SIZE;
  const first = await send({ ...base, pageNo: 1 });
  const items = [...listOf(paging, first)];
  const total = paging.list.kind === 'wrapped' ? (first as Json)['totalRecords'] : undefined;
  const knownTotal = typeof total === 'number' && Number.isFinite(total) ? total : undefined;
  const done = (last: readonly unknown[]): boolean => (knownTotal !== undefined ? items.length >= knownTotal : last.length === 0);

  let last = items;
  let pageNo = 1;
  while (!done(last)) {
    if (pageNo >= MAX_PAGES) throw new ShapeError(`the listing did not end within ${MAX_PAGES} pages; refusing a partial list`);
    pageNo += 1;
    const page = listOf(paging, await send({ ...base, pageNo }));
    if (page.length > 0 && firstKey(page) === firstKey(last)) {
      throw new ShapeError(`page ${pageNo} repeats page ${pageNo - 1}: the server ignores pageNo; refusing a partial list`);
    }
    if (knownTotal !== undefined && page.length === 0) {
      throw new ShapeError(`the server reported ${knownTotal} records but its pages ended after ${items.length}; refusing a partial list`);
    }
    items.push(...page);
    last = page;
  }
  return paging.list.kind === 'array' ? items : { ...(first as Json), [paging.list.key]: items };
}
