import { invalidParameter } from '../errors.js';
import { optInt, optString, reqInt } from '../rest/input.js';
import * as json from '../rest/json.js';
import type { Caller } from '../service/auth.js';
import { mailbox, mailboxes, setMailboxDelimiters, setMailboxStatus, terminateMailbox, updateMailboxDescription } from '../service/directory.js';
import { restDelimiters, soapDelimiters } from './delimiters.js';
import {
  addMailbox,
  renameMailbox,
  setInBoxTimeout,
  setMailboxContact,
  setMailboxDeleteOnDownload,
  setMailboxManaged,
  setMailboxUse,
} from '../service/directory-settings.js';
import type { SandboxService } from '../service/service.js';
import type { MailboxRecord } from '../store/records.js';
import { mailboxInfo } from '../soap/records.js';
import { page, pathValue, wrapped } from './rest.js';
import type { OperationGroup, RestCall } from './table.js';

/** Mailboxes: rest-api/mailboxes/*.md. */

const get = (call: RestCall) => json.mailbox(mailbox(call.service, call.caller(), pathValue(call)));

const list = (call: RestCall) => {
  const b = call.body;
  const found = mailboxes(call.service, call.caller(), { networkId: optInt(b, 'networkId'), status: optString(b, 'status') });
  return wrapped(page(call, 'mailboxes.list', found), 'mailboxes', json.mailbox);
};

export const MailboxInfo = {
  soap: (call) => mailboxInfo(mailbox(call.service, call.caller(), call.params.MailboxID)),
  rest: { 'mailboxes.get': get },
} satisfies OperationGroup['MailboxInfo'];

export const MailboxList = {
  soap: (call) => mailboxes(call.service, call.caller(), { name: call.params.Name }).map(mailboxInfo),
  rest: { 'mailboxes.list': list },
} satisfies OperationGroup['MailboxList'];

export const MailboxListEx = {
  soap: (call) => mailboxes(call.service, call.caller(), { name: call.params.Name, networkId: call.params.NetworkID }).map(mailboxInfo),
  rest: { 'mailboxes.list': list },
} satisfies OperationGroup['MailboxListEx'];

/** An empty Description changes nothing (the facade sends no companyName for it; update-mailbox.md makes it optional). */
function describe(service: SandboxService, caller: Caller, mailboxId: number, description: string | undefined): MailboxRecord {
  return description === undefined || description.trim() === '' ? mailbox(service, caller, mailboxId) : updateMailboxDescription(service, caller, mailboxId, description);
}

export const MailboxDescription = {
  soap: (call) => describe(call.service, call.caller(), call.params.MailboxID, call.params.Description) !== undefined,
  rest: {
    'mailboxes.update': (call) => json.mailbox(describe(call.service, call.caller(), reqInt(call.body, 'mailboxId'), optString(call.body, 'companyName'))),
  },
} satisfies OperationGroup['MailboxDescription'];

export const MailboxActivate = { soap: (call) => setMailboxStatus(call.service, call.caller(), call.params.MailboxID, 'Active') } satisfies OperationGroup['MailboxActivate'];
export const MailboxSuspend = { soap: (call) => setMailboxStatus(call.service, call.caller(), call.params.MailboxID, 'Suspended') } satisfies OperationGroup['MailboxSuspend'];

export const MailboxTerminate = {
  soap: (call) => terminateMailbox(call.service, call.caller(), call.params.MailboxID),
  // delete-mailbox.md answers `data: null`.
  rest: { 'mailboxes.delete': (call) => (terminateMailbox(call.service, call.caller(), pathValue(call)), null) },
} satisfies OperationGroup['MailboxTerminate'];

export const MailboxX12Delimiters = {
  soap: (call) => setMailboxDelimiters(call.service, call.caller(), call.params.MailboxID, soapDelimiters(call.params)),
  rest: { 'mailboxes.x12Delimiters': (call) => setMailboxDelimiters(call.service, call.caller(), reqInt(call.body, 'mailboxId'), restDelimiters(call)) },
} satisfies OperationGroup['MailboxX12Delimiters'];

// SOAP-only writes (soap-api/mailboxes/*.md): REST has no counterpart the facade can use.

export const MailboxAdd = {
  soap: (call) => addMailbox(call.service, call.caller(), { networkId: 0, name: call.params.Name, ownerUserId: call.params.UserID }).mailboxId,
} satisfies OperationGroup['MailboxAdd'];

/** The WSDL gives MailboxAddEx's UserID as a string: a user ID in digits, or empty for none. */
export const MailboxAddEx = {
  soap: (call) => {
    const owner = call.params.UserID?.trim() ?? '';
    if (owner !== '' && !/^\d{1,10}$/.test(owner)) throw invalidParameter('UserID must be a user ID');
    return addMailbox(call.service, call.caller(), { networkId: call.params.NetworkID, name: call.params.Name, ownerUserId: Number(owner) }).mailboxId;
  },
} satisfies OperationGroup['MailboxAddEx'];

export const MailboxName = { soap: (call) => renameMailbox(call.service, call.caller(), call.params.MailboxID, call.params.Name) } satisfies OperationGroup['MailboxName'];
export const MailboxManaged = { soap: (call) => setMailboxManaged(call.service, call.caller(), call.params.MailboxID, call.params.Managed) } satisfies OperationGroup['MailboxManaged'];
export const MailboxUse = { soap: (call) => setMailboxUse(call.service, call.caller(), call.params.MailboxID, call.params.UseType) } satisfies OperationGroup['MailboxUse'];
export const MailboxSetContact = {
  soap: (call) => setMailboxContact(call.service, call.caller(), call.params.MailboxID, call.params.UserID, call.params.ContactType),
} satisfies OperationGroup['MailboxSetContact'];
/** The WSDL's parameter is `Minutes`; mailbox-inbox-timeout.md calls it InBoxTimeout in hours. The sandbox stores the number as given. */
export const MailboxInBoxTimeout = {
  soap: (call) => setInBoxTimeout(call.service, call.caller(), call.params.MailboxID, call.params.Minutes),
} satisfies OperationGroup['MailboxInBoxTimeout'];
export const MailboxDeleteOnDownload = {
  soap: (call) => setMailboxDeleteOnDownload(call.service, call.caller(), call.params.MailboxID, call.params.DeleteOnDownload),
} satisfies OperationGroup['MailboxDeleteOnDownload'];
