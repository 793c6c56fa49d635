import type { EnumTypes } from '@ecgrid-bridge/soap';
import { invalidParameter } from '../errors.js';
import type { CallbackQueueRecord, CallbackRecord, Status } from '../store/records.js';
import type { Caller } from './auth.js';
import { callEndpoint, callbackUrl, carryPassword, rememberPassword } from './callback-calls.js';
import { inMailboxScope, mailbox, seesMailbox } from './directory.js';
import { given, visibleRecord } from './filters.js';
import { user } from './users.js';
import type { SandboxService } from './service.js';

/** Callback events and their queue. */

const DAY = 86_400_000;

export const callback = (svc: SandboxService, caller: Caller, callbackId: number): CallbackRecord =>
  visibleRecord(svc.state.callbacks, callbackId, 'callback event', (c) => seesMailbox(svc, caller, c.mailboxId));

export interface CallbackFilter {
  readonly networkId?: number;
  readonly mailboxId?: number;
  readonly activeOnly?: boolean;
}

export function callbacks(svc: SandboxService, caller: Caller, filter: CallbackFilter = {}): CallbackRecord[] {
  const inScope = inMailboxScope(svc, caller, filter);
  return [...svc.state.callbacks.values()]
    .filter(inScope)
    .filter((c) => !filter.activeOnly || c.status === 'Active')
    .sort((a, b) => a.callbackId - b.callbackId);
}

export function queueEntry(svc: SandboxService, caller: Caller, queueId: number): CallbackQueueRecord {
  const ofEvent = (q: CallbackQueueRecord) => seesMailbox(svc, caller, svc.state.callbacks.get(q.callbackId)?.mailboxId ?? 0);
  return visibleRecord(svc.state.callbackQueue, queueId, 'callback queue entry', ofEvent);
}

export interface QueueFilter extends CallbackFilter {
  readonly statuses: readonly string[];
  /** Only entries queued within this many days (0: any age). */
  readonly maxDays?: number;
  readonly excludeNetworks?: readonly number[];
}

/** The queue entries of the caller's callback events, in the given states, oldest first. */
export function queue(svc: SandboxService, caller: Caller, filter: QueueFilter): CallbackQueueRecord[] {
  const events = new Map(callbacks(svc, caller, filter).map((c) => [c.callbackId, c]));
  const since = given(filter.maxDays) ? Date.parse(svc.nowIso()) - filter.maxDays * DAY : undefined;
  return [...svc.state.callbackQueue.values()]
    .filter((q) => events.has(q.callbackId) && filter.statuses.includes(q.status))
    .filter((q) => !(filter.excludeNetworks ?? []).includes(events.get(q.callbackId)?.networkId ?? 0))
    .filter((q) => since === undefined || Date.parse(q.date) >= since)
    .sort((a, b) => a.date.localeCompare(b.date) || a.queueId - b.queueId);
}

/** An event's most recent queue entries, newest first. */
export const recentQueue = (svc: SandboxService, callbackId: number, count: number): CallbackQueueRecord[] =>
  [...svc.state.callbackQueue.values()]
    .filter((q) => q.callbackId === callbackId)
    .sort((a, b) => b.date.localeCompare(a.date) || b.queueId - a.queueId)
    .slice(0, Math.max(0, count));

// ---- writes ---------------------------------------------------------------------------------------------------------

/** A registration as asked for: 0 for the network, mailbox and user, frequency and calls ask for the defaults. */
export interface NewCallback
  extends Pick<CallbackRecord, 'networkId' | 'mailboxId' | 'userId' | 'systemObject' | 'objectStatus' | 'direction' | 'frequency' | 'maxCalls' | 'status'> {
  readonly url: string | undefined;
  readonly httpAuthType: EnumTypes['HTTPAuthType'];
  readonly httpUser: string | undefined;
  readonly httpPassword: string | undefined;
}

/**
 * configure-callbacks.md gives the defaults REST applies to what create-callback.md does not take: a frequency of 1
 * and 3 retries. CallBackAddEx's 0 for either asks for the same defaults.
 */
const DEFAULT_FREQUENCY = 1;
const DEFAULT_RETRIES = 3;

/**
 * Registers a callback (CallBackAddEx; rest-api/callbacks/create-callback.md). It belongs to a mailbox: the one given,
 * or the caller's own (0); a user above mailbox level must name one, since the sandbox keeps callbacks per mailbox.
 */
export function addCallback(svc: SandboxService, caller: Caller, input: NewCallback): CallbackRecord {
  const mailboxId = given(input.mailboxId) ? input.mailboxId : caller.user.mailboxId;
  if (!given(mailboxId)) throw invalidParameter('MailboxID is required for a user above mailbox level');
  const owner = mailbox(svc, caller, mailboxId);
  if (given(input.networkId) && input.networkId !== owner.networkId) throw invalidParameter(`mailbox ${mailboxId} is not in network ${input.networkId}`);
  if (given(input.userId) && input.userId !== caller.user.userId) user(svc, caller, input.userId);
  if (input.frequency < 0 || input.maxCalls < 0) throw invalidParameter('Frequency and MaxRetries must not be negative');
  const now = svc.nowIso();
  const record: CallbackRecord = {
    callbackId: Math.max(0, ...svc.state.callbacks.keys()) + 1,
    networkId: owner.networkId,
    mailboxId,
    userId: given(input.userId) ? input.userId : caller.user.userId,
    systemObject: input.systemObject,
    objectStatus: input.objectStatus,
    direction: input.direction,
    frequency: input.frequency || DEFAULT_FREQUENCY,
    maxCalls: input.maxCalls || DEFAULT_RETRIES,
    status: input.status,
    url: callbackUrl(input.url),
    httpAuthType: input.httpAuthType,
    ...(input.httpUser ? { httpUser: input.httpUser } : {}),
    created: now,
    modified: now,
  };
  rememberPassword(record, input.httpPassword);
  svc.commit((draft) => draft.callbacks.set(record.callbackId, record));
  return record;
}

export interface CallbackChange {
  readonly url?: string | undefined;
  readonly systemObject?: EnumTypes['Objects'] | undefined;
  readonly status?: Status | undefined;
  readonly httpAuthType?: EnumTypes['HTTPAuthType'] | undefined;
  readonly httpUser?: string | undefined;
  readonly httpPassword?: string | undefined;
}

/** Changes a callback (CallBackEventSetStatus; rest-api/callbacks/update-callback.md). A terminated one stays so. */
export function updateCallback(svc: SandboxService, caller: Caller, callbackId: number, change: CallbackChange): CallbackRecord {
  const current = callback(svc, caller, callbackId);
  if (current.status === 'Terminated') throw invalidParameter(`callback ${callbackId} is terminated`);
  const next: CallbackRecord = {
    ...current,
    ...(change.url !== undefined ? { url: callbackUrl(change.url) } : {}),
    ...(change.systemObject !== undefined ? { systemObject: change.systemObject } : {}),
    ...(change.status !== undefined ? { status: change.status } : {}),
    ...(change.httpAuthType !== undefined ? { httpAuthType: change.httpAuthType } : {}),
    ...(change.httpUser !== undefined ? { httpUser: change.httpUser } : {}),
    modified: svc.nowIso(),
  };
  carryPassword(current, next);
  rememberPassword(next, change.httpPassword);
  svc.commit((draft) => draft.callbacks.set(callbackId, next));
  return next;
}

export interface TestCall {
  readonly objectId: number;
  readonly userId: number;
}

/**
 * Calls the callback's URL once with a test event (CallBackTest; rest-api/callbacks/test-callback.md) and queues the
 * call as a test entry with its log: Completed when the endpoint answered 2xx, Error otherwise. The event's fields are
 * those of configure-callbacks.md's example payload.
 */
export async function testCallback(svc: SandboxService, caller: Caller, callbackId: number, test: TestCall): Promise<CallbackQueueRecord> {
  const event = callback(svc, caller, callbackId);
  // The entry is queued (Pending) before the call, so its ID is taken while the call is under way.
  const pending = svc.commit((draft) => {
    const entry: CallbackQueueRecord = {
      queueId: Math.max(0, ...draft.callbackQueue.keys()) + 1,
      callbackId,
      date: svc.nowIso(),
      callsRemaining: 1,
      nextCall: svc.nowIso(),
      status: 'Pending',
      objectId: test.objectId,
      userId: given(test.userId) ? test.userId : caller.user.userId,
      test: true,
    };
    draft.callbackQueue.set(entry.queueId, entry);
    return entry;
  });
  const answer = await callEndpoint(event, {
    eventId: pending.queueId,
    callBackQueueId: pending.queueId,
    callBackEvent: event.systemObject,
    mailboxId: event.mailboxId,
    objectId: test.objectId,
    eventDateTime: pending.date,
    test: true,
  });
  const done = svc.nowIso();
  const entry: CallbackQueueRecord = {
    ...pending,
    callsRemaining: 0,
    nextCall: done,
    status: answer.returnCode >= 200 && answer.returnCode < 300 ? 'Completed' : 'Error',
    log: [{ logId: pending.queueId, date: done, callNumber: 1, returnCode: answer.returnCode, message: answer.message }],
  };
  svc.commit((draft) => draft.callbackQueue.set(entry.queueId, entry));
  return entry;
}
