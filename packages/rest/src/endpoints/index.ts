import { authEndpoints, type AuthEndpoints } from './auth.js';
import { clientKeyApiEndpoints, type ClientKeyApiEndpoints, type PlainCall } from './client-key-api.js';
import type { EndpointCall } from './common.js';
import { idEndpoints, type IdEndpoints } from './ids.js';
import { interchangeEndpoints, type InterchangeEndpoints } from './interchanges.js';
import { mailboxEndpoints, type MailboxEndpoints } from './mailboxes.js';
import { networkEndpoints, type NetworkEndpoints } from './networks.js';
import { parcelEndpoints, type ParcelEndpoints } from './parcels.js';
import { partnerEndpoints, type PartnerEndpoints } from './partners.js';
import type { RestPaths } from './paths.js';
import { userEndpoints, type UserEndpoints } from './users.js';

/** Typed helpers, one group per section of the REST reference. */
export interface RestEndpoints {
  auth: AuthEndpoints;
  users: UserEndpoints;
  networks: NetworkEndpoints;
  mailboxes: MailboxEndpoints;
  ids: IdEndpoints;
  partners: PartnerEndpoints;
  parcels: ParcelEndpoints;
  interchanges: InterchangeEndpoints;
  /** The client key/secret API of seed 003 (`api/api-info`), which answers without the ECGrid envelope. */
  clientKeyApi: ClientKeyApiEndpoints;
}

/** How the helpers reach the wire. */
export interface EndpointCalls {
  /** Through the auth hook; `data: null` is an error (the helpers promise a value). */
  call: EndpointCall;
  /** Around the auth hook (login, refresh); `data: null` is an error. */
  callBare: EndpointCall;
  /** Through the auth hook, for endpoints that document `data: null` (logout). */
  callAllowingNull: EndpointCall;
  /** Through the auth hook, for answers without the envelope. */
  plain: PlainCall;
}

export function createEndpoints(calls: EndpointCalls, paths: RestPaths): RestEndpoints {
  const { call, callBare } = calls;
  return {
    auth: authEndpoints(call, callBare, paths, calls.callAllowingNull),
    users: userEndpoints(call, paths),
    networks: networkEndpoints(call, paths),
    mailboxes: mailboxEndpoints(call, paths),
    ids: idEndpoints(call, paths),
    partners: partnerEndpoints(call, paths),
    parcels: parcelEndpoints(call, paths),
    interchanges: interchangeEndpoints(call, paths),
    clientKeyApi: clientKeyApiEndpoints(calls.plain),
  };
}
