import type { RestPaths } from './paths.js';
import { callOptions, type CallOptions, type EcgridStatus, type EndpointCall, type IsoDateTime, type OpenString } from './common.js';

/** rest-api/partners/*.md */
/** An interconnect as GET /v2/partners/{id} returns it (InterconnectIDInfo). */
export interface InterconnectInfo {
  interconnectId: number;
  ecGridIdFrom: number;
  ecGridIdTo: number;
  status: OpenString<EcgridStatus>;
  created: IsoDateTime;
  modified: IsoDateTime;
}

export interface PartnerEndpoints {
  get(interconnectId: number, options?: CallOptions): Promise<InterconnectInfo>;
}

export function partnerEndpoints(call: EndpointCall, paths: RestPaths): PartnerEndpoints {
  return {
    get: (interconnectId, options) =>
      call<InterconnectInfo>({
        method: 'GET',
        path: paths['partners.get'],
        pathParams: { id: interconnectId },
        ...callOptions(options),
      }),
  };
}
