import type { CallbackQueueRecord, CallbackRecord } from '../store/records.js';
import type { Caller } from './auth.js';
import { inMailboxScope, seesMailbox } from './directory.js';
import { given, visibleRecord } from './filters.js';
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
