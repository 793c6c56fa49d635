import type { KeyValue, OperationParams } from '@ecgrid-bridge/soap';
import { type KeyInput, key, keysOf, removeKey, setKey } from '../service/keys.js';
import { soapDate } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import type { KeyRecord } from '../store/records.js';
import type { OperationGroup } from './table.js';

/** Stored keys: soap-api/keys/*.md. REST has no read of them (the facade serves these on SOAP only). */

const keyValue = (k: KeyRecord): Unset<KeyValue> => ({
  Key: k.key,
  Value: k.value,
  Meta: k.meta,
  Created: soapDate(k.created),
  Expires: soapDate(k.expires),
  Visibility: k.visibility,
  NetworkID: k.networkId,
  MailboxID: k.mailboxId,
  UserID: k.userId,
});

/** The parameters that name a key: KeyGet, KeySet, KeySetMinutes and KeyRemove share them. */
const keyOf = (p: OperationParams['KeyRemove']): KeyInput => ({ key: p.Key, systemObject: p.SystemObject, objectId: p.ObjectID, visibility: p.Visibility });

export const KeyGet = {
  soap: (call) => {
    const p = call.params;
    const found = key(call.service, call.caller(), p.Key, p.SystemObject, p.ObjectID);
    return found.visibility === p.Visibility ? keyValue(found) : undefined;
  },
} satisfies OperationGroup['KeyGet'];

export const KeyList = {
  soap: (call) => keysOf(call.service, call.caller(), call.params.SystemObject, call.params.ObjectID).map(keyValue),
} satisfies OperationGroup['KeyList'];

const DAY = 86_400_000;
const MINUTE = 60_000;

export const KeySet = {
  soap: (call) => setKey(call.service, call.caller(), { ...keyOf(call.params), value: call.params.Value, meta: call.params.Meta, liveMs: call.params.DaysToLive * DAY }) !== undefined,
} satisfies OperationGroup['KeySet'];

export const KeySetMinutes = {
  soap: (call) =>
    setKey(call.service, call.caller(), { ...keyOf(call.params), value: call.params.Value, meta: call.params.Meta, liveMs: call.params.MinutesToLive * MINUTE }) !== undefined,
} satisfies OperationGroup['KeySetMinutes'];

export const KeyRemove = { soap: (call) => removeKey(call.service, call.caller(), keyOf(call.params)) } satisfies OperationGroup['KeyRemove'];
