import type { FacadeParams } from '../operations.js';
import { read, requireEmpty } from './builders.js';
import { filter } from './fields.js';
import { list, record } from './results.js';
import { interchangeRecord } from './interchange-records.js';

/** Interchanges: rest-api/interchanges/*.md. */

const MAX_PAGE = 500;

const listBody = (p: FacadeParams<'InterchangeInBox' | 'InterchangeOutBox'>) => {
  requireEmpty(p.InterchangeControlID, 'InterchangeControlID');
  return {
    beginDate: new Date(p.BeginDate).toISOString(),
    endDate: new Date(p.EndDate).toISOString(),
    ecGridIdFrom: filter(p.ECGridIDFrom),
    ecGridIdTo: filter(p.ECGridIDTo),
    recordsPerPage: MAX_PAGE,
  };
};

const unsupported = { InterchangeControlID: 'a non-empty value makes the call unavailable on REST' };

export const InterchangeInfo = read('InterchangeInfo', {
  endpoint: 'interchanges.get',
  request: (p) => ({ path: { id: p.InterchangeID } }),
  result: record(interchangeRecord),
});

export const InterchangeInBox = read('InterchangeInBox', {
  endpoint: 'interchanges.inboxList',
  request: (p) => ({ body: listBody(p) }),
  result: list(interchangeRecord, 'interchanges'),
  unsupported,
});

export const InterchangeOutBox = read('InterchangeOutBox', {
  endpoint: 'interchanges.outboxList',
  request: (p) => ({ body: listBody(p) }),
  result: list(interchangeRecord, 'interchanges'),
  unsupported,
});
