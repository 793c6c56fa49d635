import { FACADE_OPERATIONS } from '../operations.js';
import { soapOnly } from './builders.js';
import type { MappingTable } from './entry.js';

/** Operations whose entry is still to be written: served on SOAP, refused on REST. */
export const PENDING_REASON = 'its REST mapping is not written yet';

export function pendingEntries(): MappingTable {
  return Object.fromEntries(FACADE_OPERATIONS.map((op) => [op, soapOnly(op, 'write', PENDING_REASON)])) as MappingTable;
}
