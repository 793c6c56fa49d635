import { invalidParameter } from '../errors.js';

export interface Page<T> {
  readonly items: readonly T[];
  readonly pageNo: number;
  readonly recordsPerPage: number;
  readonly totalRecords: number;
  readonly totalPages: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 500;

/** Cuts one page out of a list; page numbers start at 1, a page holds 1–500 records. */
export function paginate<T>(list: readonly T[], pageNo = 1, recordsPerPage = DEFAULT_PAGE_SIZE): Page<T> {
  if (!Number.isSafeInteger(pageNo) || pageNo < 1) throw invalidParameter('pageNo must be 1 or more');
  if (!Number.isSafeInteger(recordsPerPage) || recordsPerPage < 1 || recordsPerPage > MAX_PAGE_SIZE) {
    throw invalidParameter(`recordsPerPage must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  const start = (pageNo - 1) * recordsPerPage;
  return {
    items: list.slice(start, start + recordsPerPage),
    pageNo,
    recordsPerPage,
    totalRecords: list.length,
    totalPages: Math.max(1, Math.ceil(list.length / recordsPerPage)),
  };
}

/** The whole list as one page (operations without paging parameters). */
export function wholeList<T>(list: readonly T[]): Page<T> {
  return { items: list, pageNo: 1, recordsPerPage: list.length, totalRecords: list.length, totalPages: 1 };
}
