import { read, requireEmpty, soapOnly, variant, write } from './builders.js';
import { UnsupportedOnRest } from './entry.js';
import { DELIMITERS_ASSUMED, DELIMITERS_UNSUPPORTED, NO_CHANGE_ASSUMED, delimiterFields } from './directory-params.js';
import { list, record, succeeded } from './results.js';
import { networkContactRecord, networkRecord } from './directory-records.js';
import { nonEmpty } from './params.js';

/** Networks: rest-api/networks/*.md. */

export const NetworkInfo = read('NetworkInfo', {
  endpoint: 'networks.get',
  request: (p) => ({ path: { id: p.NetworkID } }),
  result: record(networkRecord),
});

/**
 * NetworkInfo with the network's last log entry (NetworkIDInfo.LastLog): get-network.md documents no log, so the
 * call answers what NetworkInfo does and LastLog stays lossy (as it already is in the network record).
 */
export const NetworkInfoWithLog = variant(NetworkInfo, 'NetworkInfoWithLog', {
  params: (p) => p,
  result: (r) => r,
});

/** rest-api/networks/list-networks.md filters by networkId, mailboxId and status only. The backend reads every page. */
export const NetworkList = read('NetworkList', {
  endpoint: 'networks.list',
  request: (p) => (requireEmpty(p.Name, 'Name'), { body: {} }),
  result: list(networkRecord, 'networks'),
  unsupported: { Name: 'a non-empty name filter makes the call unavailable on REST (list-networks.md has no name filter)' },
});

export const NetworkOutageList = soapOnly(
  'NetworkOutageList',
  'read',
  'no documented REST equivalent (and no soap-api page): rest-api/networks/list-networks.md filters by networkId, ' +
    "mailboxId and Status (Development…Terminated) only, and its NetworkIDInfo carries no run or outage status (the WSDL's " +
    'NetworkStatus: ECGridScheduledOutage, NetworkUnscheduledOutage, …), so networks in an outage cannot be selected',
);

/**
 * WSDL NetworkUpdate(NetworkID, Name, Location) answers true; rest-api/networks/update-network.md answers the
 * updated NetworkIDInfo. Name is the network's `companyName` (see networkRecord). The free-text Location has no
 * single REST field (update-network.md splits the address into address1, address2, city, state and zip).
 */
export const NetworkUpdate = write('NetworkUpdate', {
  endpoint: 'networks.update',
  request: (p) => {
    if (nonEmpty(p.Location) !== undefined) {
      throw new UnsupportedOnRest('the REST API cannot store Location (update-network.md has only separate address fields)');
    }
    return { body: { networkId: p.NetworkID, companyName: nonEmpty(p.Name) } };
  },
  result: succeeded,
  unsupported: {
    Location: 'a non-empty value makes the call unavailable on REST: update-network.md has no location field, only address1, address2, city, state and zip',
  },
  assumes: `an empty Name or Location: ${NO_CHANGE_ASSUMED}`,
});

export const NetworkSetContact = soapOnly(
  'NetworkSetContact',
  'write',
  'no documented REST equivalent: rest-api/networks/get-contact.md only reads a contact, and update-network.md has no ' +
    'contact fields (networkId, companyName, address, phone, website only), so no REST call assigns a user to a contact role',
);

/** rest-api/networks/get-contact.md; the WSDL's NetworkContactType values are the documented ones. */
export const NetworkGetContact = read('NetworkGetContact', {
  endpoint: 'networks.getContact',
  request: (p) => ({ body: { networkId: p.NetworkID, contactType: p.ContactType } }),
  result: record(networkContactRecord),
});

export const NetworkSetWebsite = soapOnly(
  'NetworkSetWebsite',
  'write',
  'no documented REST equivalent: SOAP sets one of three websites by NetworkWebsiteType (Home, Support, Login: ' +
    "NetworkIDInfo's HomeWebsite, SupportWebsite, LoginWebsite); rest-api/networks/update-network.md has a single " +
    '`website` ("Public website URL") and does not say which of the three it is',
);

/** SOAP answers true; rest-api/networks/x12-delimiters.md answers no data. */
export const NetworkX12Delimiters = write('NetworkX12Delimiters', {
  endpoint: 'networks.x12Delimiters',
  request: (p) => ({ body: { networkId: p.NetworkID, ...delimiterFields(p) } }),
  result: succeeded,
  unsupported: DELIMITERS_UNSUPPORTED,
  assumes: DELIMITERS_ASSUMED,
});

export const NetworkRootDeleteOnDownload = soapOnly(
  'NetworkRootDeleteOnDownload',
  'write',
  'rest-api/networks/update-config.md, the endpoint the catalogue names by analogy with MailboxDeleteOnDownload, ' +
    'documents only networkId ("additional configuration fields are network-specific": see the live Swagger UI) and no ' +
    'delete-on-download field; a call with networkId alone would answer true without changing the setting',
);
