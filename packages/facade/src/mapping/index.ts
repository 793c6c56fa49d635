import type { MappingTable } from './entry.js';
import * as directory from './directory.js';
import * as interchanges from './interchanges.js';
import * as parcels from './parcels.js';
import * as session from './session.js';

/** Every facade operation's mapping decision, one entry each. */
export const MAPPINGS: MappingTable = { ...session, ...directory, ...parcels, ...interchanges };

export type { MappingEntry, MappingTable, RestRoute, RestRequestParts, HttpMethod } from './entry.js';
export { UnsupportedOnRest } from './entry.js';
export { ShapeError, DOTNET_MIN_DATE } from './fields.js';
