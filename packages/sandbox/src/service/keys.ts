import { invalidParameter, notFound } from '../errors.js';
import type { KeyRecord } from '../store/records.js';
import type { Caller } from './auth.js';
import { seesMailbox } from './directory.js';
import type { SandboxService } from './service.js';

/**
 * Stored key/value pairs. Who sees a key is the sandbox's reading of KeyVisibility: Private keys their owner,
 * Shared keys every user of the owner's mailbox scope, Public keys everyone, Session keys their owner.
 */
function visible(svc: SandboxService, caller: Caller, k: KeyRecord): boolean {
  if (k.visibility === 'Public') return true;
  if (k.visibility === 'Shared') return seesMailbox(svc, caller, k.mailboxId);
  return k.userId === caller.user.userId;
}

const live = (svc: SandboxService, k: KeyRecord): boolean => Date.parse(k.expires) > Date.parse(svc.nowIso());

export function keysOf(svc: SandboxService, caller: Caller, systemObject: string, objectId: number): KeyRecord[] {
  return [...svc.state.keys.values()]
    .filter((k) => k.systemObject === systemObject && k.objectId === objectId && live(svc, k) && visible(svc, caller, k))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function key(svc: SandboxService, caller: Caller, name: string | undefined, systemObject: string, objectId: number): KeyRecord {
  if (name === undefined || name.trim() === '') throw invalidParameter('Key is required');
  const found = keysOf(svc, caller, systemObject, objectId).find((k) => k.key === name.trim());
  if (!found) throw notFound('key', name.trim());
  return found;
}

export interface KeyInput {
  readonly key: string | undefined;
  readonly systemObject: KeyRecord['systemObject'];
  readonly objectId: number;
  readonly visibility: KeyRecord['visibility'];
  readonly value?: string;
  readonly meta?: string;
  readonly liveMs?: number;
}

/** Stores a key of the caller's (KeySet, KeySetMinutes): a new one, or a new value for one the caller owns. */
export function setKey(svc: SandboxService, caller: Caller, input: KeyInput): KeyRecord {
  const name = input.key?.trim() ?? '';
  if (!name) throw invalidParameter('Key is required');
  if (!Number.isSafeInteger(input.liveMs) || (input.liveMs ?? 0) <= 0) throw invalidParameter('the time to live must be positive');
  const existing = svc.state.keys.get(name);
  if (existing && existing.userId !== caller.user.userId) throw invalidParameter(`the key ${name} belongs to another user`);
  const now = Date.parse(svc.nowIso());
  const record: KeyRecord = {
    key: name,
    value: input.value ?? '',
    meta: input.meta ?? '',
    visibility: input.visibility,
    systemObject: input.systemObject,
    objectId: input.objectId,
    networkId: caller.user.networkId,
    mailboxId: caller.user.mailboxId,
    userId: caller.user.userId,
    created: existing?.created ?? new Date(now).toISOString(),
    expires: new Date(now + (input.liveMs ?? 0)).toISOString(),
  };
  svc.commit((draft) => draft.keys.set(name, record));
  return record;
}

/** Removes a key of the caller's (KeyRemove). */
export function removeKey(svc: SandboxService, caller: Caller, input: KeyInput): boolean {
  const found = key(svc, caller, input.key, input.systemObject, input.objectId);
  if (found.userId !== caller.user.userId) throw invalidParameter(`the key ${found.key} belongs to another user`);
  svc.commit((draft) => draft.keys.delete(found.key));
  return true;
}
