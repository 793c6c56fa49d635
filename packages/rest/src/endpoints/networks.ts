import { callOptions, type CallOptions, type EcgridStatus, type EndpointCall, type IsoDateTime, type OpenString } from './common.js';

/** rest-api/networks/*.md */
export const NETWORK_PATHS = {
  'networks.get': '/v2/networks/{id}',
  'networks.list': '/v2/networks/list',
} as const;

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

export function networkEndpoints(call: EndpointCall, paths: Record<keyof typeof NETWORK_PATHS, string>): NetworkEndpoints {
  return {
    get: (id, options) =>
      call<NetworkInfo>({ method: 'GET', path: paths['networks.get'], pathParams: { id }, ...callOptions(options) }),
    list: (body = {}, options) =>
      call<NetworkListData>({ method: 'POST', path: paths['networks.list'], body, idempotent: true, ...callOptions(options) }),
  };
}
