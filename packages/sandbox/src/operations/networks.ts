import { enumValues } from '@ecgrid-bridge/soap';
import { optInt, optString, reqInt, reqString } from '../rest/input.js';
import * as json from '../rest/json.js';
import { network, networkContact, networks, setNetworkDelimiters, updateNetwork } from '../service/directory.js';
import { restDelimiters, soapDelimiters } from './delimiters.js';
import { setNetworkContact, setNetworkDeleteOnDownload, setNetworkWebsite } from '../service/directory-settings.js';
import { oneOf } from '../service/filters.js';
import { networkInfo, userInfo } from '../soap/records.js';
import { page, pathValue, wrapped } from './rest.js';
import type { OperationGroup, RestCall } from './table.js';

/** Networks: rest-api/networks/*.md. */

const CONTACT_TYPES = enumValues('NetworkContactType');

const get = (call: RestCall) => json.network(network(call.service, call.caller(), pathValue(call)));

const list = (call: RestCall) => {
  const b = call.body;
  const found = networks(call.service, call.caller(), { networkId: optInt(b, 'networkId'), mailboxId: optInt(b, 'mailboxId'), status: optString(b, 'status') });
  return wrapped(page(call, 'networks.list', found), 'networks', json.network);
};

/** rest-api/networks/get-contact.md: the contact's name, email and phone (not a user record). */
const getContact = (call: RestCall) => {
  const networkId = reqInt(call.body, 'networkId');
  const role = oneOf(CONTACT_TYPES, 'contactType', 'NetworkContactType', reqString(call.body, 'contactType'))!;
  const user = networkContact(call.service, call.caller(), networkId, role);
  return { networkId, contactType: role, name: `${user.firstName} ${user.lastName}`.trim(), email: user.email, phone: user.phone };
};

export const NetworkInfo = {
  soap: (call) => networkInfo(network(call.service, call.caller(), call.params.NetworkID)),
  rest: { 'networks.get': get },
} satisfies OperationGroup['NetworkInfo'];

/** The sandbox keeps no network log, so LastLog stays unset. */
export const NetworkInfoWithLog = {
  soap: (call) => networkInfo(network(call.service, call.caller(), call.params.NetworkID)),
  rest: { 'networks.get': get },
} satisfies OperationGroup['NetworkInfoWithLog'];

export const NetworkList = {
  soap: (call) => networks(call.service, call.caller(), { name: call.params.Name }).map(networkInfo),
  rest: { 'networks.list': list },
} satisfies OperationGroup['NetworkList'];

export const NetworkGetContact = {
  soap: (call) => {
    const user = networkContact(call.service, call.caller(), call.params.NetworkID, call.params.ContactType);
    return userInfo(user, call.service.auth.openSessionCount(user.userId));
  },
  rest: { 'networks.getContact': getContact },
} satisfies OperationGroup['NetworkGetContact'];

export const NetworkUpdate = {
  soap: (call) => updateNetwork(call.service, call.caller(), call.params.NetworkID, { name: call.params.Name, location: call.params.Location }) !== undefined,
  rest: {
    // update-network.md answers the updated network; its address fields have no stored counterpart here.
    'networks.update': (call) => json.network(updateNetwork(call.service, call.caller(), reqInt(call.body, 'networkId'), { name: optString(call.body, 'companyName') })),
  },
} satisfies OperationGroup['NetworkUpdate'];

export const NetworkX12Delimiters = {
  soap: (call) => setNetworkDelimiters(call.service, call.caller(), call.params.NetworkID, soapDelimiters(call.params)),
  rest: { 'networks.x12Delimiters': (call) => setNetworkDelimiters(call.service, call.caller(), reqInt(call.body, 'networkId'), restDelimiters(call)) },
} satisfies OperationGroup['NetworkX12Delimiters'];

// SOAP-only writes: REST's update-config.md documents no field for these (see the facade's mapping).

export const NetworkSetContact = {
  soap: (call) => setNetworkContact(call.service, call.caller(), call.params.NetworkID, call.params.UserID, call.params.ContactType),
} satisfies OperationGroup['NetworkSetContact'];
export const NetworkSetWebsite = {
  soap: (call) => setNetworkWebsite(call.service, call.caller(), call.params.NetworkID, call.params.WebsiteType, call.params.URL),
} satisfies OperationGroup['NetworkSetWebsite'];
export const NetworkRootDeleteOnDownload = {
  soap: (call) => setNetworkDeleteOnDownload(call.service, call.caller(), call.params.NetworkID, call.params.DeleteOnDownload),
} satisfies OperationGroup['NetworkRootDeleteOnDownload'];
