import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestClient, createRestClient, jwtAuth, tokenExchangeAuth } from '@ecgrid-bridge/rest';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { RedisCredentialStore } from '../src/index.js';
import { REDIS_SERVER, type TestRedis, redisTitle, startTestRedis } from '../src/testing.js';

const KEY = randomBytes(32).toString('base64');

// Two clients with a Redis client each stand for two processes here; the multi-process runs are in processes.test.ts.
describe.skipIf(!REDIS_SERVER)(redisTitle('REST credentials shared on Redis'), () => {
  let redis: TestRedis;
  let sandbox: RunningSandbox;
  let raw: Redis;
  const stores: RedisCredentialStore[] = [];

  const store = async (prefix: string) => {
    const s = new RedisCredentialStore({ url: redis.url, encryptionKey: KEY, prefix });
    stores.push(s);
    await s.ready();
    return s;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    sandbox = await startSandbox({ port: 0 });
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    raw?.disconnect();
    await sandbox?.close();
    await redis?.stop();
  });

  it('exchanges the client key and secret for one token shared by both clients (seed 003), and keeps it encrypted', async () => {
    const { clientKey, clientSecret } = sandbox.credentials;
    const clients: RestClient[] = [];
    for (const _ of [1, 2]) {
      const credentialStore = await store('exchange:');
      clients.push(createRestClient({ baseUrl: sandbox.restUrl, auth: tokenExchangeAuth({ clientKey: clientKey!, clientSecret: clientSecret!, credentialStore }) }));
    }
    const before = sandbox.admin.authActivity();
    const answers = await Promise.all(clients.flatMap((c) => Array.from({ length: 100 }, () => c.api.clientKeyApi.apiInfo())));
    expect(answers).toHaveLength(200);
    expect(sandbox.admin.authActivity().tokensIssued - before.tokensIssued).toBe(1);
    const [stored] = await raw.keys('exchange:cred:*');
    const dump = JSON.stringify(await raw.hgetall(stored!));
    expect(dump).not.toMatch(/eyJ/);
    expect(dump).not.toContain(clientSecret!);
    expect(stored).not.toContain(clientKey!);
  });

  it('logs in once for both clients, and a logout on one ends the session for the other too', async () => {
    const { email, password } = sandbox.credentials;
    const auths = [jwtAuth({ email, password, credentialStore: await store('jwt:') }), jwtAuth({ email, password, credentialStore: await store('jwt:') })];
    const clients = auths.map((auth) => createRestClient({ baseUrl: sandbox.restUrl, auth }));
    const before = sandbox.admin.authActivity();
    await Promise.all(clients.flatMap((c) => Array.from({ length: 50 }, () => c.api.users.me())));
    expect(sandbox.admin.authActivity().tokensIssued - before.tokensIssued).toBe(1);
    expect(auths[0]!.sharesCredential).toBe(true);

    await auths[0]!.logout();
    // The other client's copy went with the logout's message; its next call logs in again, once.
    for (let i = 0; i < 200 && auths[1]!.current() !== undefined; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(auths[1]!.current()).toBeUndefined();
    await Promise.all(Array.from({ length: 20 }, () => clients[1]!.api.users.me()));
    const after = sandbox.admin.authActivity();
    expect(after.tokensIssued - before.tokensIssued).toBe(2);
    expect(after.refusedTokens - before.refusedTokens).toBe(0);
  });
});
