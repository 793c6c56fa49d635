import { read, requireEmpty, soapOnly, write } from './builders.js';
import { DELIMITERS_ASSUMED, DELIMITERS_UNSUPPORTED, NO_CHANGE_ASSUMED, delimiterFields } from './directory-params.js';
import { filter } from './fields.js';
import { list, record, succeeded } from './results.js';
import { mailboxRecord } from './directory-records.js';
import { nonEmpty } from './params.js';

/** Mailboxes: rest-api/mailboxes/*.md. */

export const MailboxInfo = read('MailboxInfo', {
  endpoint: 'mailboxes.get',
  request: (p) => ({ path: { id: p.MailboxID } }),
  result: record(mailboxRecord),
});

/** rest-api/mailboxes/list-mailboxes.md filters by networkId and status only. The backend reads every page. */
const NAME_UNSUPPORTED = { Name: 'a non-empty name filter makes the call unavailable on REST (list-mailboxes.md has no name filter)' };

export const MailboxList = read('MailboxList', {
  endpoint: 'mailboxes.list',
  request: (p) => (requireEmpty(p.Name, 'Name'), { body: {} }),
  result: list(mailboxRecord, 'mailboxes'),
  unsupported: NAME_UNSUPPORTED,
});

/** NetworkID 0 is every accessible network, as list-mailboxes.md's `networkId` 0 is: it is left out. */
export const MailboxListEx = read('MailboxListEx', {
  endpoint: 'mailboxes.list',
  request: (p) => (requireEmpty(p.Name, 'Name'), { body: { networkId: filter(p.NetworkID) } }),
  result: list(mailboxRecord, 'mailboxes'),
  unsupported: NAME_UNSUPPORTED,
});

/** WSDL MailboxAdd(Name, UserID), MailboxAddEx(NetworkID, Name, UserID); DISCREPANCIES.md 81. */
const NO_CREATE =
  'rest-api/mailboxes/create-mailbox.md requires uniqueId and companyName (the mailbox Description, as ' +
  'mailbox-description.md and update-mailbox.md show), which the WSDL call does not have, and documents no field for ' +
  "its Name or the owner's UserID; the UniqueID/CompanyName signature of soap-api/mailboxes/mailbox-add.md is not the WSDL's";

export const MailboxAdd = soapOnly('MailboxAdd', 'write', NO_CREATE);

export const MailboxAddEx = soapOnly('MailboxAddEx', 'write', NO_CREATE);

const NO_STATUS_CHANGE =
  "no documented REST equivalent: no rest-api/mailboxes page sets a mailbox's status (update-mailbox.md takes mailboxId " +
  'and companyName; update-config.md only mailboxId), and delete-mailbox.md terminates it permanently';

export const MailboxActivate = soapOnly('MailboxActivate', 'write', NO_STATUS_CHANGE);

export const MailboxSuspend = soapOnly('MailboxSuspend', 'write', NO_STATUS_CHANGE);

/** rest-api/mailboxes/delete-mailbox.md "permanently terminates a mailbox"; SOAP answers true, REST no data. */
export const MailboxTerminate = write('MailboxTerminate', {
  endpoint: 'mailboxes.delete',
  request: (p) => ({ path: { id: p.MailboxID } }),
  result: succeeded,
});

const CONFIG_PAGE = 'rest-api/mailboxes/update-config.md documents only mailboxId ("additional configuration fields are mailbox-specific": see the live Swagger UI)';

export const MailboxManaged = soapOnly(
  'MailboxManaged',
  'write',
  `${CONFIG_PAGE} and no docs page shows a managed-mode field on it; a call with mailboxId alone would answer true without changing the setting`,
);

export const MailboxDeleteOnDownload = soapOnly(
  'MailboxDeleteOnDownload',
  'write',
  `${CONFIG_PAGE}; only the guide common-operations/create-a-mailbox.md shows a \`deleteOnDownload\` in an example body, ` +
    'which the reference page does not document, so the documented request cannot carry the setting',
);

export const MailboxInBoxTimeout = soapOnly(
  'MailboxInBoxTimeout',
  'write',
  `${CONFIG_PAGE}; only the guide common-operations/create-a-mailbox.md shows an \`inBoxTimeout\`, undocumented on the ` +
    'reference page and in "hours before an undownloaded parcel triggers an alert", where the WSDL call takes Minutes',
);

/** The mailbox Name has no REST field: update-mailbox.md's `companyName` is the Description (MailboxDescription). */
export const MailboxName = soapOnly(
  'MailboxName',
  'write',
  "rest-api/mailboxes/update-mailbox.md's only documented field besides mailboxId is companyName, the mailbox's display " +
    'name, which soap-api/mailboxes/mailbox-description.md sets as the Description; no REST field holds the mailbox Name',
);

export const MailboxSetContact = soapOnly(
  'MailboxSetContact',
  'write',
  'no documented REST equivalent: no rest-api/mailboxes page has contact fields (update-mailbox.md takes mailboxId and ' +
    'companyName), and the only contact endpoint, rest-api/networks/get-contact.md, reads a network contact',
);

/** SOAP answers true; rest-api/mailboxes/x12-delimiters.md answers no data. */
export const MailboxX12Delimiters = write('MailboxX12Delimiters', {
  endpoint: 'mailboxes.x12Delimiters',
  request: (p) => ({ body: { mailboxId: p.MailboxID, ...delimiterFields(p) } }),
  result: succeeded,
  unsupported: DELIMITERS_UNSUPPORTED,
  assumes: DELIMITERS_ASSUMED,
});

/**
 * soap-api/mailboxes/mailbox-description.md: "Updates the display name (company name) or description", which
 * rest-api/mailboxes/update-mailbox.md sends as `companyName` ("Updated display name for the mailbox"). SOAP answers
 * true; REST answers the updated MailboxIDInfo.
 */
export const MailboxDescription = write('MailboxDescription', {
  endpoint: 'mailboxes.update',
  request: (p) => ({ body: { mailboxId: p.MailboxID, companyName: nonEmpty(p.Description) } }),
  result: succeeded,
  assumes: `an empty Description: ${NO_CHANGE_ASSUMED}`,
});

export const MailboxUse = soapOnly(
  'MailboxUse',
  'write',
  "no documented REST equivalent: no rest-api/mailboxes page has a use-type field (MailboxIDInfo's UseType: Test, " +
    'Production, TestAndProduction); update-mailbox.md takes mailboxId and companyName only',
);
