import type { EndpointName } from '@ecgrid-bridge/catalog';
import { type Page, paginate, restPageLimits } from '../service/paging.js';
import { optInt, pathId } from '../rest/input.js';
import type { RestCall } from './table.js';

/** Helpers of the REST handlers: paging under the endpoint's documented rules, path IDs, the caller's own mailbox. */

/** One page of a list, under the paging its endpoint documents and the server's page-size cap, if any. */
export const page = <T>(call: RestCall, name: EndpointName, list: readonly T[]): Page<T> =>
  paginate(list, optInt(call.body, 'pageNo'), optInt(call.body, 'recordsPerPage'), restPageLimits(name), call.lists.pageSizeCap);

/** A page in the wrapper some lists document: `{ totalRecords, pageNo, recordsPerPage, <key>: [...] }`. */
export const wrapped = <T, R>(p: Page<T>, key: string, item: (t: T) => R) => ({
  totalRecords: p.totalRecords,
  pageNo: p.pageNo,
  recordsPerPage: p.recordsPerPage,
  [key]: p.items.map(item),
});

/** The `{id}` of the endpoint's path (or another named path value). */
export const pathValue = (call: RestCall, name = 'id'): number => pathId(call.params[name] ?? '', name);

/**
 * rest-api/parcels/inbox-list.md, outbox-list.md and pending-inbox-list.md: `mailboxId` "defaults to authenticated
 * user's mailbox". A caller without a mailbox of its own (network or root level, mailboxId 0) gets every mailbox in
 * its scope: the sandbox's choice, as the pages do not say.
 */
export function mailboxOrOwn(call: RestCall): number | undefined {
  const asked = optInt(call.body, 'mailboxId');
  if (asked !== undefined && asked !== 0) return asked;
  const own = call.caller().user.mailboxId;
  return own > 0 ? own : undefined;
}
