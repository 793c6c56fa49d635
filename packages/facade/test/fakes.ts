import type { Backend, BackendName, FacadeOperation } from '../src/index.js';

export type Handler = (params: Record<string, unknown>) => unknown;

/** A backend whose answers are functions of the call, counting calls per operation. */
export function fakeBackend(name: BackendName, handlers: Partial<Record<FacadeOperation, Handler>>) {
  const calls: { operation: FacadeOperation; params: Record<string, unknown> }[] = [];
  let closed = 0;
  const backend: Backend = {
    name,
    async invoke(operation, params) {
      calls.push({ operation, params: params as Record<string, unknown> });
      const handler = handlers[operation];
      if (!handler) throw new Error(`${name} has no handler for ${operation}`);
      return (await handler(params as Record<string, unknown>)) as never;
    },
    async close() {
      closed += 1;
    },
  };
  return { backend, calls, closedCount: () => closed, count: (op: FacadeOperation) => calls.filter((c) => c.operation === op).length };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
