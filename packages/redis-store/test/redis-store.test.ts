import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CredentialStoreEvent,
  CredentialStoreUnavailableError,
  SharedCredential,
} from '@ecgrid-bridge/core';
import { CredentialDecryptError, RedisCredentialStore, type RedisCredentialStoreOptions } from '../src/index.js';
import { REDIS_SERVER, type TestRedis, redisTitle, startTestRedis } from '../src/testing.js';

const KEY = randomBytes(32).toString('base64');

/** Waits for a condition that follows from an event on another connection (bounded: fails after 10 s). */
async function until(condition: () => boolean, between?: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await between?.();
  }
  expect(condition()).toBe(true);
}

describe.skipIf(!REDIS_SERVER)(redisTitle('Redis credential store on a real redis-server'), () => {
  let redis: TestRedis;
  let raw: Redis;
  const stores: RedisCredentialStore[] = [];
  let prefix = '';

  const open = async (options: RedisCredentialStoreOptions = {}): Promise<RedisCredentialStore> => {
    const store = new RedisCredentialStore({ url: redis.url, encryptionKey: KEY, prefix, ...options });
    stores.push(store);
    await store.ready();
    return store;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    if (redis) await redis.start().catch(() => undefined);
  });
  let counter = 0;
  const fresh = () => {
    counter += 1;
    prefix = `t${counter}:`;
  };

  it('stores credentials encrypted, with the credential’s lifetime, and reads them back in another client', async () => {
    fresh();
    const a = await open();
    const b = await open();
    const lease = await a.tryLease('soap-session:x', 5_000);
    expect(lease).toBeDefined();
    const secret = JSON.stringify('session-7f3a9c1e-secret');
    const written = await a.publish(lease!, secret, Date.now() + 60_000, 1_000);
    expect(written?.generation).toBe(lease!.token);
    const stored = await raw.hgetall(`${prefix}cred:soap-session:x`);
    expect(JSON.stringify(stored)).not.toContain('7f3a9c1e');
    expect(stored['c']).toMatch(/^v1\./);
    const ttl = await raw.pttl(`${prefix}cred:soap-session:x`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect((await b.load('soap-session:x'))?.value).toBe(secret);
  });

  it('refuses a ciphertext moved to another key, and a store with another encryption key', async () => {
    fresh();
    const a = await open();
    const lease = await a.tryLease('k1', 5_000);
    await a.publish(lease!, '"one"', undefined, 60_000);
    await raw.copy(`${prefix}cred:k1`, `${prefix}cred:k2`);
    await expect(a.load('k2')).rejects.toBeInstanceOf(CredentialDecryptError);
    const other = await open({ encryptionKey: randomBytes(32) });
    await expect(other.load('k1')).rejects.toBeInstanceOf(CredentialDecryptError);
    await expect(other.load('k1')).rejects.not.toThrow(/one/);
  });

  it('gives the lease to one caller at a time and fences out a writer whose lease was taken over', async () => {
    fresh();
    const a = await open();
    const b = await open();
    const first = await a.tryLease('k', 100);
    expect(first).toBeDefined();
    expect(await b.tryLease('k', 100)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = await b.tryLease('k', 5_000);
    expect(second!.token).toBeGreaterThan(first!.token);
    expect(await b.publish(second!, '"new"', undefined, 60_000)).toBeDefined();
    // The first holder wakes up late with its own result: refused, the newer credential stays.
    expect(await a.publish(first!, '"late"', undefined, 60_000)).toBeUndefined();
    expect((await a.load('k'))?.value).toBe('"new"');
  });

  it('marks a refused credential once for everyone, and every copy drops it', async () => {
    fresh();
    const a = await open();
    const b = await open();
    const lease = await a.tryLease('k', 5_000);
    const written = await a.publish(lease!, '"s1"', undefined, 60_000);
    await a.release(lease!);
    await b.load('k');
    expect(b.cached('k')?.value).toBe('"s1"');
    const dropped = b.changed('k', 2_000);
    const outcomes = await Promise.all([a.reject('k', written!.generation), b.reject('k', written!.generation), a.reject('k', written!.generation)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    await dropped;
    expect(b.cached('k')).toBeUndefined();
    expect((await b.load('k'))?.rejected).toBe(true);
  });

  it('serves a cached credential without a round trip, and drops the copy when another process renews', async () => {
    fresh();
    const a = await open();
    const b = await open();
    let logins = 0;
    const slot = (store: RedisCredentialStore) =>
      new SharedCredential<string>({
        store,
        key: 'soap-session:k',
        ttlMs: 60_000,
        acquire: async () => ({ value: `session-${++logins}`, expiresAtMs: undefined }),
      });
    const sa = slot(a);
    const sb = slot(b);
    expect((await sa.get()).value).toBe('session-1');
    expect((await sb.get()).value).toBe('session-1');
    // A's write and lease release reach B as messages; once they have, B's copy is settled.
    await until(() => b.cached('soap-session:k') !== undefined, () => sb.get());
    const before = b.metrics().roundTrips;
    for (let i = 0; i < 1_000; i += 1) expect((await sb.get()).value).toBe('session-1');
    expect(b.metrics().roundTrips).toBe(before);
    expect(b.metrics().localHits).toBeGreaterThanOrEqual(1_000);
    // A renews after a rejection; B's copy goes with the message, and B takes the new session.
    const changed = b.changed('soap-session:k', 2_000);
    await sa.renewAfterRejection(await sa.get());
    await changed;
    expect((await sb.get()).value).toBe('session-2');
    expect(logins).toBe(2);
  });

  it('shares a plain value with a lifetime (a gateway session) across clients, until it is deleted', async () => {
    fresh();
    const a = await open();
    const b = await open();
    await a.put('gw:abc', '{"user":"ops"}', 60_000);
    expect(JSON.stringify(await raw.get(`${prefix}value:gw:abc`))).not.toContain('ops');
    expect(await b.get('gw:abc')).toBe('{"user":"ops"}');
    const trips = b.metrics().roundTrips;
    expect(await b.get('gw:abc')).toBe('{"user":"ops"}');
    expect(b.metrics().roundTrips).toBe(trips);
    const gone = b.changed('gw:abc', 2_000);
    await a.delete('gw:abc');
    await gone;
    expect(await b.get('gw:abc')).toBeUndefined();
    await a.put('gw:short', 'x', 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await b.get('gw:short')).toBeUndefined();
  });

  it('with policy "fail", refuses with a typed error while Redis is down and hands out nothing it held', async () => {
    fresh();
    const events: CredentialStoreEvent[] = [];
    const a = await open({ whenUnavailable: 'fail', onEvent: (e) => events.push(e) });
    let logins = 0;
    const slot = new SharedCredential<string>({
      store: a,
      key: 'k',
      ttlMs: 60_000,
      acquire: async () => ({ value: `session-${++logins}`, expiresAtMs: undefined }),
    });
    await slot.get();
    await redis.stop();
    await until(() => events.some((e) => e.type === 'unavailable'));
    await expect(slot.get()).rejects.toBeInstanceOf(CredentialStoreUnavailableError);
    expect(slot.peek()).toBeUndefined();
    expect(logins).toBe(1);
    expect(events.some((e) => e.type === 'unavailable' && e.policy === 'fail')).toBe(true);
    expect(a.metrics().unavailable).toBeGreaterThanOrEqual(1);
    await redis.start();
    await a.ready(10_000);
    expect(events.at(-1)?.type).toBe('recovered');
    expect((await slot.get()).value).toBe('session-2');
  });

  it('with policy "local", obtains a credential of its own while Redis is down, then goes back to the shared one', async () => {
    fresh();
    const events: CredentialStoreEvent[] = [];
    const a = await open({ whenUnavailable: 'local', onEvent: (e) => events.push(e) });
    let logins = 0;
    const slot = new SharedCredential<string>({
      store: a,
      key: 'k',
      ttlMs: 60_000,
      acquire: async () => ({ value: `session-${++logins}`, expiresAtMs: undefined }),
    });
    expect((await slot.get()).value).toBe('session-1');
    await redis.stop();
    await until(() => events.some((e) => e.type === 'unavailable'));
    expect((await slot.get()).value).toBe('session-2');
    expect(slot.fallingBack).toBe(true);
    expect((await slot.get()).value).toBe('session-2');
    expect(a.metrics().fallbacks).toBe(1);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['unavailable', 'fallback']));
    await a.put('gw:x', 'kept-here', 60_000);
    expect(await a.get('gw:x')).toBe('kept-here');
    await redis.start();
    await a.ready(10_000);
    // Redis restarted empty: the process's own session is dropped and one shared session is made.
    expect((await slot.get()).value).toBe('session-3');
    expect(slot.fallingBack).toBe(false);
  });
});
