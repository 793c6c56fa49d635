import type { ECGridIDInfo, InterconnectIDInfo, MailboxIDInfo, NetworkIDInfo, UserIDInfo } from '@ecgrid-bridge/soap';
import { type MappingEntry, prefixPaths, requireEmpty } from './entry.js';
import { ShapeError, lossyFields, mapList, mapRecord, wholeListIn } from './fields.js';
import {
  interconnectRecord,
  mailboxRecord,
  networkRecord,
  tradingPartnerRecord,
  userRecord,
} from './records.js';

/** Networks, mailboxes, trading-partner IDs, interconnects and users: the ECGrid directory. */

const MAX_PAGE = 500;

export const NetworkInfo: MappingEntry<'NetworkInfo'> = {
  operation: 'NetworkInfo',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/networks/{id}',
    request: (p) => ({ path: { id: p.NetworkID } }),
    response: (data) => mapRecord(networkRecord, data, {}) as unknown as NetworkIDInfo,
    lossy: lossyFields(networkRecord),
  },
};

export const NetworkList: MappingEntry<'NetworkList'> = {
  operation: 'NetworkList',
  kind: 'read',
  orderBy: 'NetworkID',
  rest: {
    method: 'POST',
    path: '/v2/networks/list',
    idempotent: true,
    wholeList: { key: 'networks' },
    request: (p) => (requireEmpty(p, 'Name'), { body: { recordsPerPage: MAX_PAGE } }),
    response: (data) => mapList(networkRecord, wholeListIn(data, 'networks'), {}) as unknown as NetworkIDInfo[],
    lossy: prefixPaths('[]', lossyFields(networkRecord)),
    unsupportedParams: { Name: 'a non-empty name filter makes the call unavailable on REST' },
  },
};

export const MailboxInfo: MappingEntry<'MailboxInfo'> = {
  operation: 'MailboxInfo',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/mailboxes/{id}',
    request: (p) => ({ path: { id: p.MailboxID } }),
    response: (data) => mapRecord(mailboxRecord, data, {}) as unknown as MailboxIDInfo,
    lossy: lossyFields(mailboxRecord),
  },
};

export const MailboxList: MappingEntry<'MailboxList'> = {
  operation: 'MailboxList',
  kind: 'read',
  orderBy: 'MailboxID',
  rest: {
    method: 'POST',
    path: '/v2/mailboxes/list',
    idempotent: true,
    wholeList: { key: 'mailboxes' },
    request: (p) => (requireEmpty(p, 'Name'), { body: { recordsPerPage: MAX_PAGE } }),
    response: (data) => mapList(mailboxRecord, wholeListIn(data, 'mailboxes'), {}) as unknown as MailboxIDInfo[],
    lossy: prefixPaths('[]', lossyFields(mailboxRecord)),
    unsupportedParams: { Name: 'a non-empty name filter makes the call unavailable on REST' },
  },
};

export const TPInfo: MappingEntry<'TPInfo'> = {
  operation: 'TPInfo',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/ids/{id}',
    request: (p) => ({ path: { id: p.ECGridID } }),
    response: (data) => mapRecord(tradingPartnerRecord, data, {}) as unknown as ECGridIDInfo,
    lossy: lossyFields(tradingPartnerRecord),
  },
};

const activeOnly = (list: ECGridIDInfo[], showInactive: boolean): ECGridIDInfo[] =>
  showInactive ? list : list.filter((tp) => tp.Status === 'Active');

export const TPSearch: MappingEntry<'TPSearch'> = {
  operation: 'TPSearch',
  kind: 'read',
  orderBy: 'ECGridID',
  rest: {
    method: 'POST',
    path: '/v2/ids/find',
    idempotent: true,
    request: (p) => ({ body: { qualifier: p.Qualifier ?? '', id: p.ID ?? '' } }),
    response: (data, p) =>
      activeOnly(mapList(tradingPartnerRecord, data, {}) as unknown as ECGridIDInfo[], p.ShowInactive),
    lossy: prefixPaths('[]', lossyFields(tradingPartnerRecord)),
    unsupportedParams: { ShowInactive: 'applied to the REST answer: false keeps only Active IDs' },
  },
};

export const TPList: MappingEntry<'TPList'> = {
  operation: 'TPList',
  kind: 'read',
  orderBy: 'ECGridID',
  rest: {
    method: 'POST',
    path: '/v2/ids/list',
    idempotent: true,
    wholeList: {},
    request: (p) => ({ body: { ...(p.ShowInactive ? {} : { status: 'Active' }), recordsPerPage: MAX_PAGE } }),
    response: (data) => mapList(tradingPartnerRecord, data, {}) as unknown as ECGridIDInfo[],
    lossy: prefixPaths('[]', lossyFields(tradingPartnerRecord)),
  },
};

export const InterconnectInfo: MappingEntry<'InterconnectInfo'> = {
  operation: 'InterconnectInfo',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/partners/{id}',
    request: (p) => ({ path: { id: p.InterconnectID } }),
    response: (data) => mapRecord(interconnectRecord, data, {}) as unknown as InterconnectIDInfo,
    lossy: lossyFields(interconnectRecord),
  },
};

export const UserInfo: MappingEntry<'UserInfo'> = {
  operation: 'UserInfo',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/users/{id}',
    request: (p) => ({ path: { id: p.UserID } }),
    response: (data) => mapRecord(userRecord, data, {}) as unknown as UserIDInfo,
    lossy: lossyFields(userRecord),
  },
};

export const UserList: MappingEntry<'UserList'> = {
  operation: 'UserList',
  kind: 'read',
  orderBy: 'UserID',
  rest: {
    method: 'POST',
    path: '/v2/users/list',
    idempotent: true,
    wholeList: {},
    request: (p) => (requireEmpty(p, 'Name'), { body: { recordsPerPage: MAX_PAGE } }),
    response: (data) => mapList(userRecord, data, {}) as unknown as UserIDInfo[],
    lossy: prefixPaths('[]', lossyFields(userRecord)),
    unsupportedParams: { Name: 'a non-empty name filter makes the call unavailable on REST' },
  },
};

export const UserGetAPIKey: MappingEntry<'UserGetAPIKey'> = {
  operation: 'UserGetAPIKey',
  kind: 'read',
  sensitive: true,
  rest: {
    method: 'GET',
    path: '/v2/users/key/{id}',
    request: (p) => ({ path: { id: p.UserID } }),
    response: (data) => {
      if (typeof data !== 'string') throw new ShapeError('expected the API key as a string');
      return data;
    },
    lossy: [],
  },
};
