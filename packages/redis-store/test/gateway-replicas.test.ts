import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonValues } from '@ecgrid-bridge/core';
import { type GatewaySessionRecord, type RunningGateway, startGateway } from '@ecgrid-bridge/gateway';
import { type RunningSandbox, startSandbox } from '@ecgrid-bridge/sandbox';
import { SoapFaultError, createSoapClient } from '@ecgrid-bridge/soap';
import { RedisCredentialStore } from '../src/index.js';
import { REDIS_SERVER, type TestRedis, redisTitle, startTestRedis } from '../src/testing.js';

const KEY = randomBytes(32).toString('base64');
const SECRET = randomBytes(32).toString('base64url');

describe.skipIf(!REDIS_SERVER)(redisTitle('two gateway replicas on one Redis'), () => {
  let redis: TestRedis;
  let sandbox: RunningSandbox;
  let raw: Redis;
  const stores: RedisCredentialStore[] = [];
  const replicas: RunningGateway[] = [];

  /** One replica: its own Redis client, gateway sessions and backend sessions both in that store. */
  const replica = async (): Promise<RunningGateway> => {
    const store = new RedisCredentialStore({ url: redis.url, encryptionKey: KEY, prefix: 'gw:' });
    stores.push(store);
    await store.ready();
    const gateway = await startGateway({
      port: 0,
      logger: { level: 'silent' },
      facade: { backend: 'soap', soap: { endpoint: sandbox.soapUrl, credentialStore: store } },
      sessions: { store: jsonValues<GatewaySessionRecord>(store, 'gateway-session:'), secret: SECRET },
      env: {},
    });
    replicas.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    sandbox = await startSandbox({ port: 0 });
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((g) => g.close()));
    await Promise.all(stores.map((s) => s.close()));
    raw?.disconnect();
    await sandbox?.close();
    await redis?.stop();
  });

  it('a session made on one replica serves calls and a Logout on the other, and then neither knows it', async () => {
    const [a, b] = [await replica(), await replica()];
    const clientOf = (gateway: RunningGateway) => createSoapClient({ endpoint: gateway.url });
    const before = sandbox.admin.authActivity();

    const sessionId = await clientOf(a).call('Login', { LoginName: sandbox.credentials.loginName, Password: sandbox.credentials.password });
    expect(sessionId).toBeTruthy();
    // The stored gateway session holds the client's password: encrypted at rest.
    const keys = await raw.keys('gw:value:gateway-session:*');
    expect(keys).toHaveLength(1);
    expect(await raw.get(keys[0]!)).not.toContain(sandbox.credentials.password);

    const onB = clientOf(b);
    const who = await onB.call('WhoAmI', { SessionID: sessionId! });
    expect(who?.LoginName).toBe(sandbox.credentials.loginName);
    const inbox = await onB.call('ParcelInBox', { SessionID: sessionId! });
    expect(Array.isArray(inbox?.ParcelIDInfoList)).toBe(true);
    // Both replicas' backend calls went out on one shared SOAP session: one Login at the service.
    expect(sandbox.admin.authActivity().soapLogins - before.soapLogins).toBe(1);

    await onB.call('Logout', { SessionID: sessionId! });
    for (const gateway of [a, b]) {
      const refused = await clientOf(gateway)
        .call('WhoAmI', { SessionID: sessionId! })
        .then(() => undefined, (err: unknown) => err);
      expect(refused, gateway.url).toBeInstanceOf(SoapFaultError);
      expect((refused as SoapFaultError).errorCode).toBe('Authentication');
    }
    expect(await raw.keys('gw:value:gateway-session:*')).toEqual([]);
  });
});
