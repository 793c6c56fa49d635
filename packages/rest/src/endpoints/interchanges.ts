import type { RestPaths } from './paths.js';
import {
  callOptions,
  type CallOptions,
  type EcgridStatus,
  type EdiStandard,
  type EndpointCall,
  type IsoDateTime,
  type LongId,
  type OpenString,
} from './common.js';

/** rest-api/interchanges/*.md */
/** An interchange as GET /v2/interchanges/{id} returns it (InterchangeIDInfo). */
export interface InterchangeInfo {
  interchangeId: number;
  parcelId: number;
  sender: string;
  receiver: string;
  standard: OpenString<EdiStandard>;
  documentType: string;
  status: OpenString<EcgridStatus>;
  created: IsoDateTime;
}

/** POST /v2/interchanges/inbox-list and outbox-list body. */
export interface InterchangeListRequest {
  mailboxId?: number;
  ecGridIdFrom?: number;
  ecGridIdTo?: number;
  beginDate?: IsoDateTime;
  endDate?: IsoDateTime;
  /** At least 1. */
  pageNo?: number;
  /** At most 500. */
  recordsPerPage?: number;
}

/** POST /v2/interchanges/inbox-list and outbox-list `data`. */
export interface InterchangeListData {
  totalRecords: number;
  pageNo: number;
  recordsPerPage: number;
  interchanges: InterchangeInfo[];
}

export interface InterchangeEndpoints {
  get(interchangeId: LongId, options?: CallOptions): Promise<InterchangeInfo>;
  inboxList(body?: InterchangeListRequest, options?: CallOptions): Promise<InterchangeListData>;
  outboxList(body?: InterchangeListRequest, options?: CallOptions): Promise<InterchangeListData>;
}

export function interchangeEndpoints(
  call: EndpointCall,
  paths: RestPaths,
): InterchangeEndpoints {
  return {
    get: (interchangeId, options) =>
      call<InterchangeInfo>({
        method: 'GET',
        path: paths['interchanges.get'],
        pathParams: { id: interchangeId },
        ...callOptions(options),
      }),
    inboxList: (body = {}, options) =>
      call<InterchangeListData>({
        method: 'POST',
        path: paths['interchanges.inboxList'],
        body,
        idempotent: true,
        ...callOptions(options),
      }),
    outboxList: (body = {}, options) =>
      call<InterchangeListData>({
        method: 'POST',
        path: paths['interchanges.outboxList'],
        body,
        idempotent: true,
        ...callOptions(options),
      }),
  };
}
