import type { InterchangeIDInfo } from '@ecgrid-bridge/soap';
import type { FacadeParams } from '../operations.js';
import { type MappingEntry, prefixPaths, requireEmpty } from './entry.js';
import { type Json, filter, lossyFields, mapList, mapRecord, wholeListIn } from './fields.js';
import { interchangeRecord } from './records.js';

const MAX_PAGE = 500;

const listBody = (p: FacadeParams<'InterchangeInBox' | 'InterchangeOutBox'>): Json => {
  requireEmpty(p as unknown as Json, 'InterchangeControlID');
  return {
    beginDate: new Date(p.BeginDate).toISOString(),
    endDate: new Date(p.EndDate).toISOString(),
    ecGridIdFrom: filter(p.ECGridIDFrom),
    ecGridIdTo: filter(p.ECGridIDTo),
    recordsPerPage: MAX_PAGE,
  };
};

const interchanges = (data: unknown): InterchangeIDInfo[] =>
  mapList(interchangeRecord, wholeListIn(data, 'interchanges'), {}) as unknown as InterchangeIDInfo[];

const lossy = prefixPaths('[]', lossyFields(interchangeRecord));
const unsupportedParams = { InterchangeControlID: 'a non-empty value makes the call unavailable on REST' };

export const InterchangeInfo: MappingEntry<'InterchangeInfo'> = {
  operation: 'InterchangeInfo',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/interchanges/{id}',
    request: (p) => ({ path: { id: p.InterchangeID } }),
    response: (data) => mapRecord(interchangeRecord, data, {}) as unknown as InterchangeIDInfo,
    lossy: lossyFields(interchangeRecord),
  },
};

export const InterchangeInBox: MappingEntry<'InterchangeInBox'> = {
  operation: 'InterchangeInBox',
  kind: 'read',
  orderBy: '[].InterchangeID',
  rest: {
    method: 'POST',
    path: '/v2/interchanges/inbox-list',
    idempotent: true,
    wholeList: { key: 'interchanges' },
    request: (p) => ({ body: listBody(p) }),
    response: interchanges,
    lossy,
    unsupportedParams,
  },
};

export const InterchangeOutBox: MappingEntry<'InterchangeOutBox'> = {
  operation: 'InterchangeOutBox',
  kind: 'read',
  orderBy: '[].InterchangeID',
  rest: {
    method: 'POST',
    path: '/v2/interchanges/outbox-list',
    idempotent: true,
    wholeList: { key: 'interchanges' },
    request: (p) => ({ body: listBody(p) }),
    response: interchanges,
    lossy,
    unsupportedParams,
  },
};
