import { soapOnly } from './builders.js';

/**
 * Migrations. The documentation has no migration pages at all, neither under rest-api/ nor under soap-api/, and
 * appendix/enums.md lists the Migration object as "legacy; deprecated". No REST endpoint keeps migration lists;
 * the nearest, POST /v2/ids/tp-move (rest-api/ids/move-tp.md), moves one ID at once, with no list, schedule,
 * batch or status.
 */

const NO_MIGRATIONS = 'the REST reference documents no migration endpoints (appendix/enums.md: the Migration object is "legacy; deprecated")';

export const MigrationAdd = soapOnly(
  'MigrationAdd',
  'write',
  `${NO_MIGRATIONS}: nothing creates a scheduled migration list for the session mailbox; rest-api/ids/move-tp.md moves single IDs at once, with no Scheduled time, target list or MigrationStatus`,
);

export const MigrationAddEx = soapOnly(
  'MigrationAddEx',
  'write',
  `${NO_MIGRATIONS}: nothing creates a scheduled migration list for a given network/mailbox; rest-api/ids/move-tp.md moves single IDs at once, with no Scheduled time, target list or MigrationStatus`,
);

export const MigrationList = soapOnly(
  'MigrationList',
  'read',
  `${NO_MIGRATIONS}: no endpoint lists migrations by MigrationStatus, and no REST record has the MigrationIDInfo fields (batches, notes, ECSP network/mailbox, help ticket)`,
);

export const MigrationListEx = soapOnly(
  'MigrationListEx',
  'read',
  `${NO_MIGRATIONS}: no endpoint lists a network/mailbox's migrations by MigrationStatus, and no REST record has the MigrationIDInfo fields`,
);

export const MigrationInfo = soapOnly(
  'MigrationInfo',
  'read',
  `${NO_MIGRATIONS}: no endpoint reads a migration or its batch by MigrationID/MigrationBatchID`,
);

export const MigrationAddTP = soapOnly(
  'MigrationAddTP',
  'write',
  `${NO_MIGRATIONS}: no endpoint adds an ECGrid ID to a migration batch; rest-api/ids/move-tp.md would move the ID immediately instead of at the migration's scheduled time`,
);
