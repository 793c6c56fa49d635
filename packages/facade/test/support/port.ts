import { expect } from 'vitest';
import { type FacadeOperation, NotAvailableOnBackendError, type RestPort, type RestPortRequest, createRestBackend } from '../../src/index.js';

/** A REST backend over an in-memory port: every request is recorded and answered by `answer`. */
export function portAnswering(answer: (req: RestPortRequest) => unknown) {
  const requests: RestPortRequest[] = [];
  const logins: ({ loginName: string; password: string } | undefined)[] = [];
  let logouts = 0;
  const port: RestPort = {
    async request(req) {
      requests.push(req);
      return answer(req);
    },
    async login(credentials) {
      logins.push(credentials);
    },
    async logout() {
      logouts += 1;
    },
  };
  return { backend: createRestBackend(port), requests, logins, logouts: () => logouts };
}

/** A request's body as it goes on the wire: JSON leaves undefined fields out. */
export function bodyOf(req: RestPortRequest | undefined): Record<string, unknown> {
  const body = req?.body;
  if (typeof body !== 'object' || body === null) throw new Error('expected a JSON body');
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

/** A plain-array listing: the items on page 1, then an empty page. */
export const onePage = (items: unknown[]) => (req: RestPortRequest) => (bodyOf(req)['pageNo'] === 1 ? items : []);

/** Expects the call to fail with NotAvailableOnBackend for `operation` on REST. */
export async function notAvailable(p: Promise<unknown>, operation: FacadeOperation): Promise<void> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(NotAvailableOnBackendError);
  expect(err).toMatchObject({ code: 'NotAvailableOnBackend', operation, backend: 'rest' });
}
