import type { RestPaths } from './paths.js';
import { callOptions, type CallOptions, type EcgridStatus, type EndpointCall, type IsoDateTime, type OpenString } from './common.js';

/** rest-api/networks/*.md */
/** A network as GET /v2/networks/{id} returns it (NetworkIDInfo). */
export interface NetworkInfo {
  networkId: number;
  uniqueId: string;
  companyName: string;
  status: OpenString<EcgridStatus>;
  created: IsoDateTime;
  modified: IsoDateTime;
}

/** POST /v2/networks/list body. */
export interface NetworkListRequest {
  networkId?: number;
  mailboxId?: number;
  status?: OpenString<EcgridStatus>;
  /** At least 1. */
  pageNo?: number;
  /** 1 to 500. */
  recordsPerPage?: number;
}

/** POST /v2/networks/list `data`. */
export interface NetworkListData {
  totalRecords: number;
  pageNo: number;
  recordsPerPage: number;
  networks: NetworkInfo[];
}

export interface NetworkEndpoints {
  get(id: number, options?: CallOptions): Promise<NetworkInfo>;
  list(body?: NetworkListRequest, options?: CallOptions): Promise<NetworkListData>;
}

export function networkEndpoints(call: EndpointCall, paths: RestPaths): NetworkEndpoints {
  return {
    get: (id, options) =>
      call<NetworkInfo>({ method: 'GET', path: paths['networks.get'], pathParams: { id }, ...callOptions(options) }),
    list: (body = {}, options) =>
      call<NetworkListData>({ method: 'POST', path: paths['networks.list'], body, idempotent: true, ...callOptions(options) }),
  };
}
