import { read, soapOnly, write } from './builders.js';
import { filter } from './fields.js';
import { boolean, list, record, succeeded } from './results.js';
import { activeUnless } from './partner-params.js';
import { carbonCopyRecord } from './partner-records.js';
import { requireUnset } from './params.js';

/** Carbon copies: rest-api/carbon-copies/*.md. */

/**
 * The WSDL copies the traffic of one ECGrid ID pair to another pair, optionally per GS sender/receiver and
 * transaction set; rest-api/carbon-copies/create-carbon-copy.md copies a whole mailbox's traffic to another mailbox
 * (fromMailboxId, toMailboxId, direction). soap-api/carbon-copies/carbon-copy-add.md documents the mailbox form,
 * not the WSDL's (DISCREPANCIES.md #59).
 */
const PAIRS_NOT_MAILBOXES =
  "the WSDL's carbon copy duplicates the traffic between one ECGrid ID pair (ECGridIDFrom/To) to another pair (ECGridIDCCFrom/To), optionally per GSFrom/GSTo and TransactionSet; rest-api/carbon-copies/create-carbon-copy.md copies a whole mailbox's traffic (fromMailboxId, toMailboxId, direction): ECGrid IDs are not mailboxes, and the GS and transaction-set filters have no REST field";

export const CarbonCopyAdd = soapOnly('CarbonCopyAdd', 'write', `${PAIRS_NOT_MAILBOXES} (soap-api/carbon-copies/carbon-copy-add.md shows the REST-shaped call, not the WSDL's)`);

export const CarbonCopyAddEx = soapOnly('CarbonCopyAddEx', 'write', `${PAIRS_NOT_MAILBOXES}; the billed NetworkID/MailboxID has no REST field either`);

/** soap-api/carbon-copies/carbon-copy-activate.md and -suspend.md: PUT /v2/carboncopies/update with the status. */
export const CarbonCopyActivate = write('CarbonCopyActivate', {
  endpoint: 'carbonCopies.update',
  request: (p) => ({ body: { ccId: p.CarbonCopyID, status: 'Active' } }),
  result: succeeded,
});

export const CarbonCopySuspend = write('CarbonCopySuspend', {
  endpoint: 'carbonCopies.update',
  request: (p) => ({ body: { ccId: p.CarbonCopyID, status: 'Suspended' } }),
  result: succeeded,
});

/** rest-api/carbon-copies/delete-carbon-copy.md answers true. */
export const CarbonCopyTerminate = write('CarbonCopyTerminate', {
  endpoint: 'carbonCopies.delete',
  request: (p) => ({ path: { id: p.CarbonCopyID } }),
  result: boolean,
});

export const CarbonCopyInfo = read('CarbonCopyInfo', {
  endpoint: 'carbonCopies.get',
  request: (p) => ({ path: { id: p.CarbonCopyID } }),
  result: record(carbonCopyRecord),
});

/** REST rules name mailboxes, not ECGrid IDs: an ECGrid ID filter cannot be expressed, nor applied to the answer. */
const BY_MAILBOX = 'a non-zero value makes the call unavailable on REST, whose carbon copies name mailboxes, not ECGrid IDs';

const pairFilterUnset = (p: { ECGridIDFrom: number; ECGridIDTo: number }): void => {
  requireUnset(p.ECGridIDFrom, 'ECGridIDFrom');
  requireUnset(p.ECGridIDTo, 'ECGridIDTo');
};

/**
 * rest-api/carbon-copies/list-carbon-copies.md: a plain array paged by pageNo/recordsPerPage (1–1000, default
 * 100); the whole list is read page by page. ShowInactive false sends status Active.
 */
export const CarbonCopyList = read('CarbonCopyList', {
  endpoint: 'carbonCopies.list',
  request: (p) => (pairFilterUnset(p), { body: { status: activeUnless(p.ShowInactive) } }),
  result: list(carbonCopyRecord),
  unsupported: { ECGridIDFrom: BY_MAILBOX, ECGridIDTo: BY_MAILBOX },
  assumes: 'a listing without mailboxId gives the carbon copies of the session, as the SOAP call does for the session mailbox',
});

export const CarbonCopyListEx = read('CarbonCopyListEx', {
  endpoint: 'carbonCopies.list',
  request: (p) => {
    pairFilterUnset(p);
    if (filter(p.MailboxID) === undefined) requireUnset(p.NetworkID, 'NetworkID without a MailboxID');
    return { body: { mailboxId: filter(p.MailboxID), status: activeUnless(p.ShowInactive) } };
  },
  result: list(carbonCopyRecord),
  unsupported: {
    NetworkID: 'not sent: REST filters by mailboxId alone; a network without a mailbox makes the call unavailable on REST',
    ECGridIDFrom: BY_MAILBOX,
    ECGridIDTo: BY_MAILBOX,
  },
  assumes: "REST's rules \"associated with\" a mailbox are the carbon copies the SOAP call lists for that network/mailbox",
});
