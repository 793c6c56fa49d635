import { describe, expect, it } from 'vitest';
import { FacadeError, type FacadeEvent, NotAvailableOnBackendError, createEcgridFacade } from '../src/index.js';
import { fakeBackend, sleep } from './fakes.js';

const mailbox = (description: string) => ({ MailboxID: 7, NetworkID: 1, Description: description, Created: new Date('2026-01-01T00:00:00Z') });

function setup(restUp: () => boolean, fallback: { failures: number; halfOpenAfterMs: number }) {
  const events: FacadeEvent[] = [];
  const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('soap'), SessionLog: () => [] });
  const rest = fakeBackend('rest', {
    SessionLog: () => {
      throw new NotAvailableOnBackendError('SessionLog', 'rest', 'the REST API has no session log');
    },
    MailboxInfo: () => {
      if (restUp()) return mailbox('rest');
      throw new FacadeError({ operation: 'MailboxInfo', backend: 'rest', code: 'Transport', backendCode: 'ECONNREFUSED', httpStatus: 0, message: 'down' });
    },
  });
  const facade = createEcgridFacade({ backend: 'rest', fallback, backends: { soap: soap.backend, rest: rest.backend }, onEvent: (e) => void events.push(e) });
  return { facade, events, soap, rest };
}

describe('the circuit breaker in front of REST', () => {
  it('stops trying REST after repeated outages, then tries once again after the pause', async () => {
    let up = false;
    const { facade, events, rest } = setup(() => up, { failures: 3, halfOpenAfterMs: 50 });
    for (let i = 0; i < 6; i += 1) await expect(facade.MailboxInfo({ MailboxID: 7 })).resolves.toMatchObject({ Description: 'soap' });
    expect(rest.count('MailboxInfo')).toBe(3);
    expect(events.flatMap((e) => (e.type === 'fallback' ? [e.code] : []))).toEqual(['Transport', 'Transport', 'Transport', 'CircuitOpen', 'CircuitOpen', 'CircuitOpen']);
    expect(events.flatMap((e) => (e.type === 'breaker' ? [e.state] : []))).toEqual(['open']);

    up = true;
    await sleep(80);
    await expect(facade.MailboxInfo({ MailboxID: 7 })).resolves.toMatchObject({ Description: 'rest' });
    expect(rest.count('MailboxInfo')).toBe(4);
    expect(events.flatMap((e) => (e.type === 'breaker' ? [e.state] : []))).toEqual(['open', 'half-open', 'closed']);
    await facade.close();
  });

  it('does not count an operation REST cannot serve as an outage', async () => {
    const { facade, events } = setup(() => true, { failures: 2, halfOpenAfterMs: 10_000 });
    for (let i = 0; i < 4; i += 1) await facade.SessionLog({ MaxRecords: 1 });
    expect(events.flatMap((e) => (e.type === 'fallback' ? [e.code] : []))).toEqual(Array(4).fill('NotAvailableOnBackend'));
    expect(events.some((e) => e.type === 'breaker')).toBe(false);
    await expect(facade.MailboxInfo({ MailboxID: 7 })).resolves.toMatchObject({ Description: 'rest' });
    await facade.close();
  });
});
