import type { RestPaths } from './paths.js';
import { callOptions, type CallOptions, type EcgridStatus, type EndpointCall, type IsoDateTime, type OpenString } from './common.js';

/** rest-api/mailboxes/*.md */
/** A mailbox as GET /v2/mailboxes/{id} returns it (MailboxIDInfo). */
export interface MailboxInfo {
  mailboxId: number;
  networkId: number;
  uniqueId: string;
  companyName: string;
  status: OpenString<EcgridStatus>;
  created: IsoDateTime;
  modified: IsoDateTime;
}

/** POST /v2/mailboxes/list body. */
export interface MailboxListRequest {
  networkId?: number;
  status?: OpenString<EcgridStatus>;
  /** At least 1. */
  pageNo?: number;
  /** 1 to 500. */
  recordsPerPage?: number;
}

/** POST /v2/mailboxes/list `data`. */
export interface MailboxListData {
  totalRecords: number;
  pageNo: number;
  recordsPerPage: number;
  mailboxes: MailboxInfo[];
}

export interface MailboxEndpoints {
  get(id: number, options?: CallOptions): Promise<MailboxInfo>;
  list(body?: MailboxListRequest, options?: CallOptions): Promise<MailboxListData>;
}

export function mailboxEndpoints(call: EndpointCall, paths: RestPaths): MailboxEndpoints {
  return {
    get: (id, options) =>
      call<MailboxInfo>({ method: 'GET', path: paths['mailboxes.get'], pathParams: { id }, ...callOptions(options) }),
    list: (body = {}, options) =>
      call<MailboxListData>({ method: 'POST', path: paths['mailboxes.list'], body, idempotent: true, ...callOptions(options) }),
  };
}
