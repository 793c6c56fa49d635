import type { CredentialStore } from './store.js';

/** Records of one kind kept as JSON in a credential store: the shape of a gateway's session store. */
export interface JsonValueStore<T> {
  get(id: string): Promise<T | undefined>;
  put(id: string, value: T, ttlMs: number): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * A typed view of a store's plain values under one namespace. On the Redis store the records are encrypted, expire
 * after `ttlMs`, and are seen by every process (a session made on one gateway replica is known to all of them).
 */
export function jsonValues<T>(store: CredentialStore, namespace: string): JsonValueStore<T> {
  const key = (id: string) => `${namespace}${id}`;
  return {
    async get(id) {
      const text = await store.get(key(id));
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    put: (id, value, ttlMs) => store.put(key(id), JSON.stringify(value), ttlMs),
    delete: (id) => store.delete(key(id)),
  };
}
