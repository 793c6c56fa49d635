import { describe, expect, it } from 'vitest';
import { RestApiError } from '@ecgrid-bridge/rest';
import { FacadeError, createEcgridFacade, mayFallBack, type FacadeEvent } from '../src/index.js';
import { fakeBackend } from './fakes.js';

// README, `fallback`: "a REST failure that is an outage — no connection, timeout, 5xx, or an operation REST cannot
// serve — is retried on SOAP; never a 4xx". An `Internal` error is an outage only when no answer came (status 0) or
// the answer was a 5xx. An `Internal` error with a 4xx status (e.g. a REST envelope `errorCode: "SystemError"` sent
// with HTTP 400) is the server refusing this request: SOAP is not asked.

const internal = (httpStatus: number) =>
  new FacadeError({ operation: 'MailboxInfo', backend: 'rest', code: 'Internal', backendCode: 'SystemError', httpStatus, message: `Internal ${httpStatus}` });

const mailbox = (name: string) => ({ MailboxID: 7, NetworkID: 1, Name: name, Description: name, Created: new Date('2026-01-01T00:00:00Z') });

/** A facade routed to REST with fallback on, whose REST side fails MailboxInfo with `failure`. */
async function callWithRestFailing(failure: unknown) {
  const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('from soap') });
  const rest = fakeBackend('rest', {
    MailboxInfo: () => {
      throw failure;
    },
  });
  const events: FacadeEvent[] = [];
  const facade = createEcgridFacade({ backend: 'rest', fallback: true, backends: { soap: soap.backend, rest: rest.backend }, onEvent: (e) => events.push(e) });
  const outcome = await facade.MailboxInfo({ MailboxID: 7 }).catch((e: unknown) => e);
  return { outcome, restCalls: rest.calls.length, soapCalls: soap.calls.length, fallbacks: events.filter((e) => e.type === 'fallback') };
}

describe('fallback on an Internal error', () => {
  it.each([400, 401, 403, 404, 409, 422, 429, 499])('never falls back on an Internal error with HTTP %i', async (status) => {
    const failure = internal(status);
    expect(mayFallBack(failure)).toBe(false);
    const { outcome, restCalls, soapCalls, fallbacks } = await callWithRestFailing(failure);
    expect(restCalls).toBe(1);
    expect(soapCalls).toBe(0);
    expect(fallbacks).toEqual([]);
    expect(outcome).toBe(failure);
  });

  it.each([0, 500, 502, 503, 599])('falls back on an Internal error with HTTP %i (no answer, or a 5xx)', async (status) => {
    const failure = internal(status);
    expect(mayFallBack(failure)).toBe(true);
    const { outcome, soapCalls, fallbacks } = await callWithRestFailing(failure);
    expect(soapCalls).toBe(1);
    expect(fallbacks).toMatchObject([{ type: 'fallback', operation: 'MailboxInfo', from: 'rest', to: 'soap', code: 'Internal' }]);
    expect(outcome).toMatchObject({ Name: 'from soap' });
  });

  it('keeps a REST answer of HTTP 400 with errorCode SystemError on REST: it becomes Internal/400 and is thrown', async () => {
    const answer = new RestApiError('the server could not process the request', {
      kind: 'api',
      status: 400,
      method: 'GET',
      path: '/v2/mailboxes/7',
      serverErrorCode: 'SystemError',
    });
    const { outcome, soapCalls, fallbacks } = await callWithRestFailing(answer);
    expect(outcome).toBeInstanceOf(FacadeError);
    expect(outcome).toMatchObject({ code: 'Internal', httpStatus: 400, backend: 'rest', backendCode: 'SystemError', operation: 'MailboxInfo' });
    expect(soapCalls).toBe(0);
    expect(fallbacks).toEqual([]);
  });

  it('does fall back when the same error code comes with HTTP 503', async () => {
    const answer = new RestApiError('the server is overloaded', { kind: 'api', status: 503, method: 'GET', path: '/v2/mailboxes/7', serverErrorCode: 'SystemError' });
    const { outcome, soapCalls } = await callWithRestFailing(answer);
    expect(soapCalls).toBe(1);
    expect(outcome).toMatchObject({ Name: 'from soap' });
  });
});
