import type { RestPaths } from './paths.js';
import {
  callOptions,
  type CallOptions,
  type EcgridStatus,
  type EdiStandard,
  type EndpointCall,
  type OpenString,
  type RoutingGroup,
} from './common.js';

/** rest-api/ids/*.md */
/** A trading-partner ID as GET /v2/ids/{id} returns it (ECGridIDInfo). */
export interface EcgridIdInfo {
  ecGridId: number;
  mailboxId: number;
  networkId: number;
  /** ISA qualifier, e.g. "01", "ZZ". */
  qualifier: string;
  /** ISA ID value. */
  id: string;
  description: string;
  status: OpenString<EcgridStatus>;
  routingGroup: OpenString<RoutingGroup>;
  ediStandard: OpenString<EdiStandard>;
}

/** POST /v2/ids/find body. */
export interface IdFindRequest {
  qualifier: string;
  id: string;
}

/** POST /v2/ids/list body. */
export interface IdListRequest {
  mailboxId?: number;
  networkId?: number;
  status?: OpenString<EcgridStatus>;
  /** Starts at 1. */
  pageNo?: number;
  recordsPerPage?: number;
}

export interface IdEndpoints {
  get(ecGridId: number, options?: CallOptions): Promise<EcgridIdInfo>;
  find(body: IdFindRequest, options?: CallOptions): Promise<EcgridIdInfo[]>;
  list(body?: IdListRequest, options?: CallOptions): Promise<EcgridIdInfo[]>;
}

export function idEndpoints(call: EndpointCall, paths: RestPaths): IdEndpoints {
  return {
    get: (ecGridId, options) =>
      call<EcgridIdInfo>({ method: 'GET', path: paths['ids.get'], pathParams: { id: ecGridId }, ...callOptions(options) }),
    find: (body, options) =>
      call<EcgridIdInfo[]>({ method: 'POST', path: paths['ids.find'], body, idempotent: true, ...callOptions(options) }),
    list: (body = {}, options) =>
      call<EcgridIdInfo[]>({ method: 'POST', path: paths['ids.list'], body, idempotent: true, ...callOptions(options) }),
  };
}
