import type { CallBackEventIDInfo, CallBackQueueIDInfo } from '@ecgrid-bridge/soap';
import { invalidParameter } from '../errors.js';
import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import { enumValues } from '@ecgrid-bridge/soap';
import { optInt, optString, reqInt, reqString } from '../rest/input.js';
import { addCallback, callback, callbacks, queue, queueEntry, recentQueue, testCallback, updateCallback } from '../service/callbacks.js';
import { oneOf } from '../service/filters.js';
import type { SandboxService } from '../service/service.js';
import { soapDate } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import type { CallbackQueueRecord, CallbackRecord } from '../store/records.js';
import type { OperationGroup, RestCall } from './table.js';

/**
 * Callbacks: soap-api/callbacks/*.md, rest-api/callbacks/*.md. REST has no read of callback registrations or their
 * queue by the IDs SOAP uses (the facade serves these on SOAP only); it creates, updates and tests them.
 */

function eventInfo(c: CallbackRecord, entries: readonly CallbackQueueRecord[] = []): Unset<CallBackEventIDInfo> {
  return {
    CallBackEventID: c.callbackId,
    NetworkID: c.networkId,
    MailboxID: c.mailboxId,
    UserID: c.userId,
    Created: soapDate(c.created),
    Modified: soapDate(c.modified),
    SystemObject: c.systemObject,
    ObjectStatus: c.objectStatus,
    Direction: c.direction,
    Frequency: c.frequency,
    MaxCalls: c.maxCalls,
    Status: c.status,
    URL: c.url,
    ...(c.httpAuthType !== undefined ? { HTTPAuthentication: { Type: c.httpAuthType, ...(c.httpUser ? { User: c.httpUser } : {}) } } : {}),
    ...(entries.length > 0 ? { CallBackQueue: entries.map((q) => queueInfo(q)) } : {}),
  };
}

function queueInfo(q: CallbackQueueRecord, event?: CallbackRecord): Unset<CallBackQueueIDInfo> {
  return {
    CallBackQueueID: q.queueId,
    Date: soapDate(q.date),
    ...(event ? { CallBackEvent: eventInfo(event) } : {}),
    CallsRemaining: q.callsRemaining,
    NextCall: soapDate(q.nextCall),
    Status: q.status,
    ObjectID: q.objectId,
    UserID: q.userId,
    Test: q.test,
    ...(q.log ? { CallBackLog: q.log.map((l) => ({ CallBackLogID: l.logId, Date: soapDate(l.date), CallNumber: l.callNumber, ReturnCode: l.returnCode, Message: l.message })) } : {}),
  };
}

const withEvent = (service: SandboxService, q: CallbackQueueRecord) => queueInfo(q, service.state.callbacks.get(q.callbackId));

/** The queue states of the pending and failed lists: the sandbox's reading of StatusCallBack (Pending; Error). */
const PENDING = ['Pending'];
const FAILED = ['Error'];

/** CallBackPendingListExA's NetworkExclude: network IDs separated by commas (the WSDL gives a string). */
function networkList(text: string | undefined): number[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const n = Number(part.trim());
    if (!Number.isSafeInteger(n) || n <= 0) throw invalidParameter('NetworkExclude must list network IDs separated by commas');
    return n;
  });
}

export const CallBackEventInfo = {
  soap: (call) => {
    const c = callback(call.service, call.caller(), call.params.CallBackEventID);
    return eventInfo(c, recentQueue(call.service, c.callbackId, call.params.QueueCount));
  },
} satisfies OperationGroup['CallBackEventInfo'];

export const CallBackEventListEx = {
  soap: (call) => {
    const p = call.params;
    return callbacks(call.service, call.caller(), { networkId: p.NetworkID, mailboxId: p.MailboxID, activeOnly: !p.ShowInactive }).map((c) => eventInfo(c));
  },
} satisfies OperationGroup['CallBackEventListEx'];

export const CallBackQueueInfo = {
  soap: (call) => withEvent(call.service, queueEntry(call.service, call.caller(), call.params.CallBackQueueID)),
} satisfies OperationGroup['CallBackQueueInfo'];

export const CallBackPendingList = {
  soap: (call) => queue(call.service, call.caller(), { statuses: PENDING }).map((q) => withEvent(call.service, q)),
} satisfies OperationGroup['CallBackPendingList'];

export const CallBackPendingListEx = {
  soap: (call) => {
    const p = call.params;
    return queue(call.service, call.caller(), { statuses: PENDING, networkId: p.NetworkID, mailboxId: p.MailboxID }).map((q) => withEvent(call.service, q));
  },
} satisfies OperationGroup['CallBackPendingListEx'];

export const CallBackPendingListExA = {
  soap: (call) => {
    const p = call.params;
    const found = queue(call.service, call.caller(), { statuses: PENDING, networkId: p.NetworkID, mailboxId: p.MailboxID, excludeNetworks: networkList(p.NetworkExclude) });
    return found.map((q) => withEvent(call.service, q));
  },
} satisfies OperationGroup['CallBackPendingListExA'];

export const CallBackFailedList = {
  soap: (call) => queue(call.service, call.caller(), { statuses: FAILED, maxDays: call.params.MaxDays }).map((q) => withEvent(call.service, q)),
} satisfies OperationGroup['CallBackFailedList'];

export const CallBackFailedListEx = {
  soap: (call) => {
    const p = call.params;
    return queue(call.service, call.caller(), { statuses: FAILED, networkId: p.NetworkID, mailboxId: p.MailboxID, maxDays: p.MaxDays }).map((q) =>
      withEvent(call.service, q),
    );
  },
} satisfies OperationGroup['CallBackFailedListEx'];

// ---- writes ---------------------------------------------------------------------------------------------------------

/** The REST vocabularies (appendix/enums.md), which lack some WSDL values (ParcelNotes; Certificate). */
const REST_OBJECTS = enumValues('Objects').filter((v) => (DOCUMENTED_ENUMS['Objects'] ?? []).includes(v));
const REST_AUTH_TYPES = enumValues('HTTPAuthType').filter((v) => (DOCUMENTED_ENUMS['HTTPAuthType'] ?? []).includes(v));
const STATUSES = enumValues('Status');

/** rest-api/callbacks/create-callback.md and update-callback.md answer the callback with these fields. */
const callbackJson = (c: CallbackRecord) => ({
  callbackId: c.callbackId,
  url: c.url,
  event: c.systemObject,
  mailboxId: c.mailboxId,
  networkId: c.networkId,
  httpAuthType: c.httpAuthType ?? 'None',
  status: c.status,
});

const createRest = (call: RestCall) => {
  const b = call.body;
  const event = oneOf(REST_OBJECTS, 'event', 'Objects value', reqString(b, 'event'));
  if (event === undefined) throw invalidParameter('event is required');
  const created = addCallback(call.service, call.caller(), {
    networkId: optInt(b, 'networkId') ?? 0,
    mailboxId: optInt(b, 'mailboxId') ?? 0,
    userId: 0,
    systemObject: event,
    objectStatus: 0,
    direction: 'NoDir',
    frequency: 0,
    maxCalls: 0,
    url: reqString(b, 'url'),
    httpAuthType: oneOf(REST_AUTH_TYPES, 'httpAuthType', 'HTTPAuthType value', optString(b, 'httpAuthType')) ?? 'None',
    httpUser: optString(b, 'username'),
    httpPassword: optString(b, 'password'),
    status: 'Active',
  });
  return callbackJson(created);
};

const updateRest = (call: RestCall) => {
  const b = call.body;
  const updated = updateCallback(call.service, call.caller(), reqInt(b, 'callbackId'), {
    url: optString(b, 'url'),
    systemObject: oneOf(REST_OBJECTS, 'event', 'Objects value', optString(b, 'event')),
    status: oneOf(STATUSES, 'status', 'Status value', optString(b, 'status')),
    httpAuthType: oneOf(REST_AUTH_TYPES, 'httpAuthType', 'HTTPAuthType value', optString(b, 'httpAuthType')),
    httpUser: optString(b, 'username'),
    httpPassword: optString(b, 'password'),
  });
  return callbackJson(updated);
};

/** rest-api/callbacks/test-callback.md: the HTTP status and body the endpoint answered, and when. */
const testRest = async (call: RestCall) => {
  const callbackId = reqInt(call.body, 'callbackId');
  const entry = await testCallback(call.service, call.caller(), callbackId, { objectId: 0, userId: 0 });
  const log = entry.log?.[0];
  return {
    callbackId,
    url: call.service.state.callbacks.get(callbackId)?.url ?? '',
    httpStatus: log?.returnCode ?? 0,
    responseBody: log?.message ?? '',
    testedAt: `${(log?.date ?? entry.date).slice(0, 19)}Z`,
  };
};

export const CallBackAddEx = {
  soap: (call) => {
    const p = call.params;
    const created = addCallback(call.service, call.caller(), {
      networkId: p.NetworkID,
      mailboxId: p.MailboxID,
      userId: p.UserID,
      systemObject: p.SystemObject,
      objectStatus: p.ObjectStatus,
      direction: p.Direction,
      frequency: p.Frequency,
      maxCalls: p.MaxRetries,
      url: p.URL,
      httpAuthType: p.HTTPAuthentication,
      httpUser: p.HTTPUser,
      httpPassword: p.HTTPPassword,
      status: p.Status,
    });
    return eventInfo(created);
  },
  rest: { 'callbacks.create': createRest },
} satisfies OperationGroup['CallBackAddEx'];

export const CallBackEventSetStatus = {
  soap: (call) => {
    updateCallback(call.service, call.caller(), call.params.CallBackEventID, { status: call.params.Status });
    return true;
  },
  rest: { 'callbacks.update': updateRest },
} satisfies OperationGroup['CallBackEventSetStatus'];

/** The WSDL's CallBackTest answers the test call's queue entry, with its event and log. */
export const CallBackTest = {
  soap: async (call) => {
    const p = call.params;
    const entry = await testCallback(call.service, call.caller(), p.CallBackEventID, { objectId: p.ParcelID || p.InterchangeID, userId: p.UserID });
    return withEvent(call.service, entry);
  },
  rest: { 'callbacks.test': testRest },
} satisfies OperationGroup['CallBackTest'];
