import type { CallBackEventIDInfo, CallBackQueueIDInfo } from '@ecgrid-bridge/soap';
import { invalidParameter } from '../errors.js';
import { callback, callbacks, queue, queueEntry, recentQueue } from '../service/callbacks.js';
import type { SandboxService } from '../service/service.js';
import { soapDate } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import type { CallbackQueueRecord, CallbackRecord } from '../store/records.js';
import type { OperationGroup } from './table.js';

/**
 * Callbacks: soap-api/callbacks/*.md. REST has no read of callback events or their queue (the facade serves these
 * on SOAP only), so the table gives them no REST handler.
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
