import { soapOnly } from './builders.js';

/**
 * Keys. The WSDL's Key* operations are a key-value store: a Value (with Meta and a time to live) kept under a Key for
 * a system object (SystemObject + ObjectID), answered as KeyValue. The rest-api/keys/*.md pages manage per-user API
 * keys (keyId, userId, key, visibility, created). The soap-api/keys/*.md pages pair the two, but describe signatures the
 * WSDL does not have (KeyGet(UserID) → KeyIDInfo, KeyRemove(KeyID)), so the pairing does not hold for the WSDL
 * operations the facade serves.
 */

const STORE_VS_API_KEYS = 'the WSDL operation reads a key-value store (Key, SystemObject, ObjectID → KeyValue), while';

export const KeyGet = soapOnly(
  'KeyGet',
  'read',
  `${STORE_VS_API_KEYS} POST /v2/keys/get-key (rest-api/keys/get-key.md) takes only a userId and answers that user's API ` +
    'key record: it cannot look up a stored Key, and its answer is a credential, not the stored Value',
);

export const KeyList = soapOnly(
  'KeyList',
  'read',
  `${STORE_VS_API_KEYS} POST /v2/keys/list (rest-api/keys/list-keys.md) lists a user's API keys, not the values stored ` +
    'for a system object',
);

export const KeySet = soapOnly(
  'KeySet',
  'write',
  'the WSDL operation stores a given Value (with Meta and DaysToLive) under a Key, while POST /v2/keys/create ' +
    "(rest-api/keys/create-key.md) takes only userId and visibility and generates a new API key: it cannot store the caller's value",
);

export const KeySetMinutes = soapOnly(
  'KeySetMinutes',
  'write',
  'no documented REST equivalent; like KeySet it stores a given Value (here with MinutesToLive), and the only REST keys ' +
    'endpoint that writes, POST /v2/keys/create (rest-api/keys/create-key.md), generates an API key instead',
);

export const KeyRemove = soapOnly(
  'KeyRemove',
  'write',
  'the WSDL operation names the entry by Key, SystemObject, ObjectID and Visibility, while DELETE /v2/keys ' +
    '(rest-api/keys/delete-key.md) requires a keyId, which the SOAP call does not have',
);
