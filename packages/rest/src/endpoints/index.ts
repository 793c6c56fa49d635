import { authEndpoints, type AuthEndpoints } from './auth.js';
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
}

export function createEndpoints(call: EndpointCall, callBare: EndpointCall, paths: RestPaths): RestEndpoints {
  return {
    auth: authEndpoints(call, callBare, paths),
    users: userEndpoints(call, paths),
    networks: networkEndpoints(call, paths),
    mailboxes: mailboxEndpoints(call, paths),
    ids: idEndpoints(call, paths),
    partners: partnerEndpoints(call, paths),
    parcels: parcelEndpoints(call, paths),
    interchanges: interchangeEndpoints(call, paths),
  };
}
