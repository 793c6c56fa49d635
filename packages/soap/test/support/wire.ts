import nock from 'nock';
import type { OperationName } from '../../src/index.js';
import { PATH, fault11, readRequest, type SeenRequest } from './envelopes.js';

/** A made-up service address: nock answers for it, nothing ever leaves the machine. */
export const ORIGIN = 'https://soap.ecgrid.example';
export const ENDPOINT = `${ORIGIN}${PATH}`;

export type Reply = string | { status: number; body: string; headers?: Record<string, string> };
export type Handler = (request: SeenRequest) => Reply;

export interface FakeService {
  /** Every request received, in arrival order. */
  requests: SeenRequest[];
  count(operation: string): number;
  scope: nock.Scope;
}

/**
 * Answers every POST to ENDPOINT through nock, by operation. A string reply is a 200 text/xml body; an operation
 * without a handler gets a 500, so an unexpected request fails the test visibly.
 */
export function fakeService(handlers: Partial<Record<OperationName, Handler>>): FakeService {
  const requests: SeenRequest[] = [];
  const scope = nock(ORIGIN)
    .persist()
    .post(PATH)
    .reply(function (_uri, body) {
      const seen = readRequest(String(body), this.req.headers);
      requests.push(seen);
      const handler = handlers[seen.operation as OperationName];
      if (!handler) return [500, fault11('soap:Client', `unexpected ${seen.operation}`), { 'Content-Type': 'text/xml; charset=utf-8' }];
      const reply = handler(seen);
      if (typeof reply === 'string') return [200, reply, { 'Content-Type': 'text/xml; charset=utf-8' }];
      return [reply.status, reply.body, { 'Content-Type': 'text/xml; charset=utf-8', ...reply.headers }];
    });
  return { requests, count: (op) => requests.filter((r) => r.operation === op).length, scope };
}

/** Fails the test if anything tries the real network; loopback stays open for the node:http servers of some tests. */
export function isolateNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
}

export function resetNetwork(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

export { PATH, readRequest, okEnvelope, fault11, fault12, type SeenRequest } from './envelopes.js';

// Kept in a module without nock, so the real-socket tests can use it without loading nock.
export { rejectionOf } from './outcome.js';
