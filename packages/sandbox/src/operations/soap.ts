import type { ParcelIDInfoCollection } from '@ecgrid-bridge/soap';
import { type Page, SOAP_PAGE_LIMITS } from '../service/paging.js';
import type { SandboxService } from '../service/service.js';
import { parcelInfo } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import type { ParcelRecord } from '../store/records.js';

/** Helpers of the SOAP handlers. */

/** SOAP paging parameters: 0 means the default. */
export const soapPage = (p: { readonly PageNo: number; readonly RecordsPerPage: number }) => ({
  pageNo: p.PageNo > 0 ? p.PageNo : 1,
  perPage: p.RecordsPerPage > 0 ? p.RecordsPerPage : SOAP_PAGE_LIMITS.defaultPageSize,
});

/** The paging fields every SOAP `…Collection` shares. */
export const collectionOf = <T>(page: Page<T>) => ({
  PageSize: page.recordsPerPage,
  PageNumber: page.pageNo,
  Count: page.items.length,
  TotalRecords: page.totalRecords,
  TotalPages: page.totalPages,
});

export const parcelCollection = (
  page: Page<ParcelRecord>,
  direction: 'InBox' | 'OutBox',
  service: SandboxService,
): Unset<ParcelIDInfoCollection> => ({
  ...collectionOf(page),
  ParcelIDInfoList: page.items.map((p) => parcelInfo(p, direction, service)),
});

/** The SOAP parameters box listings share (each form has some of them), as the service's query fields. */
export interface BoxParams {
  readonly SessionID?: string;
  readonly NetworkID?: number;
  readonly MailboxID?: number;
  readonly BeginDate?: Date;
  readonly EndDate?: Date;
  readonly ECGridIDFrom?: number;
  readonly ECGridIDTo?: number;
}

export const boxScope = (p: BoxParams) => ({
  networkId: p.NetworkID,
  mailboxId: p.MailboxID,
  begin: p.BeginDate,
  end: p.EndDate,
  fromEcgridId: p.ECGridIDFrom,
  toEcgridId: p.ECGridIDTo,
});
