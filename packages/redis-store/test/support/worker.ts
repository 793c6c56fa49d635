/**
 * One worker process of the multi-process tests: its own Redis client, its own facade, calls on command.
 * Started by `workers.ts` with `node --import tsx`; talks to the test over the IPC channel.
 */
import { type CredentialStoreEvent } from '@ecgrid-bridge/core';
import { type EcgridFacade, FacadeError, createEcgridFacade } from '@ecgrid-bridge/facade';
import { jwtAuth } from '@ecgrid-bridge/rest';
import { RedisCredentialStore } from '../../src/index.js';
import type { ToWorker, WorkerConfig, FromWorker } from './protocol.js';

let store: RedisCredentialStore | undefined;
let facade: EcgridFacade | undefined;
let looping = false;
const send = (message: FromWorker) => process.send?.(message);

async function setup(config: WorkerConfig): Promise<void> {
  store = new RedisCredentialStore({
    url: config.redisUrl,
    encryptionKey: config.encryptionKey,
    prefix: config.prefix,
    whenUnavailable: config.whenUnavailable,
    leaseMs: config.leaseMs,
    onEvent: (event: CredentialStoreEvent) => send({ type: 'event', event }),
  });
  await store.ready(10_000);
  const credentials = { loginName: config.loginName, password: config.password };
  facade = createEcgridFacade({
    backend: config.backend,
    credentials,
    credentialStore: store,
    soap: { endpoint: config.soapUrl },
    rest: {
      baseUrl: config.restUrl,
      auth: jwtAuth({ email: config.loginName, password: config.password, refreshWindowMs: config.refreshWindowMs, credentialStore: store }),
    },
    env: {},
  });
}

/** `calls` concurrent WhoAmI calls; the failures' codes. */
async function burst(calls: number): Promise<{ ok: number; failures: string[] }> {
  const ecgrid = facade!;
  const outcomes = await Promise.allSettled(Array.from({ length: calls }, () => ecgrid.WhoAmI()));
  const failures = outcomes.flatMap((o) =>
    o.status === 'rejected'
      ? [o.reason instanceof FacadeError ? `${o.reason.code}/${o.reason.backendCode ?? ''}: ${o.reason.message.slice(0, 160)}` : String(o.reason)]
      : [],
  );
  return { ok: outcomes.length - failures.length, failures };
}

process.on('message', (message: ToWorker) => {
  void (async () => {
    try {
      switch (message.type) {
        case 'setup':
          await setup(message.config);
          return send({ type: 'ready' });
        case 'burst':
          return send({ type: 'burst-done', id: message.id, ...(await burst(message.calls)) });
        case 'loop': {
          looping = true;
          let ok = 0;
          const failures: string[] = [];
          while (looping) {
            const round = await burst(message.calls);
            ok += round.ok;
            failures.push(...round.failures);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return send({ type: 'burst-done', id: message.id, ok, failures });
        }
        case 'stop-loop':
          looping = false;
          return;
        case 'metrics':
          return send({ type: 'metrics', metrics: store!.metrics() });
        case 'close':
          await facade?.close();
          await store?.close();
          send({ type: 'closed' });
          process.disconnect?.();
          return;
      }
    } catch (err) {
      send({ type: 'failed', error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  })();
});
