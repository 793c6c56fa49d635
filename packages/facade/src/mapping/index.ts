import type { MappingTable } from './entry.js';
import * as callbacks from './callbacks.js';
import * as carbonCopies from './carbon-copies.js';
import * as certificates from './certificates.js';
import * as comms from './comms.js';
import * as ids from './ids.js';
import * as interchanges from './interchanges.js';
import * as keys from './keys.js';
import * as mailboxes from './mailboxes.js';
import * as migrations from './migrations.js';
import * as networks from './networks.js';
import * as parcels from './parcels.js';
import * as partners from './partners.js';
import * as reports from './reports.js';
import * as session from './session.js';
import * as users from './users.js';

/** Every operation's mapping decision, one entry each. */
export const MAPPINGS: MappingTable = {
  ...session,
  ...networks,
  ...mailboxes,
  ...users,
  ...ids,
  ...partners,
  ...parcels,
  ...interchanges,
  ...callbacks,
  ...comms,
  ...certificates,
  ...reports,
  ...keys,
  ...carbonCopies,
  ...migrations,
};

export type { DownloadSpec, MappingEntry, MappingTable, RestRoute, RestRequestParts, EntryKind } from './entry.js';
export { UnsupportedOnRest } from './entry.js';
export { ShapeError, DOTNET_MIN_DATE } from './fields.js';
