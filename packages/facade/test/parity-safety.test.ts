import { describe, expect, it } from 'vitest';
import { FacadeError, SESSION_HANDLE, createEcgridFacade, type MismatchRecord } from '../src/index.js';
import { fakeBackend } from './fakes.js';

const outage = () => new FacadeError({ operation: 'Login', backend: 'rest', code: 'Transport', backendCode: 'ECONNREFUSED', httpStatus: 0, message: 'connect ECONNREFUSED' });
const mailbox = (description: string) => ({ MailboxID: 7, NetworkID: 1, Description: description, Created: new Date('2026-01-01T00:00:00Z') });

describe('parity and shadow never harm the caller', () => {
  it('in the shadow stage, a REST outage during Login reaches the parity records, not the caller', async () => {
    const records: MismatchRecord[] = [];
    const soap = fakeBackend('soap', { Login: () => SESSION_HANDLE, MailboxInfo: () => mailbox('Acme'), Logout: () => 0 });
    const rest = fakeBackend('rest', {
      Login: () => {
        throw outage();
      },
      MailboxInfo: () => mailbox('Acme'),
      Logout: () => 0,
    });
    const facade = createEcgridFacade({
      backend: 'soap',
      stages: { MailboxInfo: 'shadow' },
      backends: { soap: soap.backend, rest: rest.backend },
      parity: { publish: (r) => void records.push(r) },
    });
    await expect(facade.Login()).resolves.toBe(SESSION_HANDLE);
    await expect(facade.MailboxInfo({ MailboxID: 7 })).resolves.toMatchObject({ Description: 'Acme' });
    await facade.parityIdle();
    expect(records.find((r) => r.operation === 'Login')).toMatchObject({
      outcome: 'candidate-error',
      match: false,
      candidate: { backend: 'rest', ok: false, error: { code: 'Transport' } },
    });
    expect(facade.parityRecords().find((r) => r.operation === 'MailboxInfo')).toMatchObject({ outcome: 'match', match: true });
    await facade.close();
  });

  it('a Login failure on a side that answers callers still reaches the caller', async () => {
    const soap = fakeBackend('soap', { Login: () => SESSION_HANDLE });
    const rest = fakeBackend('rest', {
      Login: () => {
        throw outage();
      },
    });
    const facade = createEcgridFacade({ backend: 'soap', stages: { MailboxInfo: 'live' }, backends: { soap: soap.backend, rest: rest.backend } });
    await expect(facade.Login()).rejects.toMatchObject({ code: 'Transport' });
    await facade.close();
  });

  it('records are reachable without a publisher, bounded, with the call context', async () => {
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('Acme') });
    const rest = fakeBackend('rest', { MailboxInfo: (p) => mailbox(p['MailboxID'] === 9 ? 'Other' : 'Acme') });
    const facade = createEcgridFacade({ backend: 'parity', backends: { soap: soap.backend, rest: rest.backend }, parity: { keepRecords: 3 } });
    for (let i = 0; i < 4; i += 1) await facade.MailboxInfo({ MailboxID: 7 }, { context: { job: `nightly-${i}` } });
    await facade.MailboxInfo({ MailboxID: 9 }, { context: { job: 'nightly-9' } });
    await facade.parityIdle();
    const kept = facade.parityRecords();
    expect(kept).toHaveLength(3);
    expect(kept.map((r) => [r.context?.['job'], r.match])).toEqual([
      ['nightly-2', true],
      ['nightly-3', true],
      ['nightly-9', false],
    ]);
    await facade.close();
  });

  it('two failing sides are an error outcome, never agreement', async () => {
    const forbidden = (backend: 'soap' | 'rest') => () => {
      throw new FacadeError({ operation: 'MailboxInfo', backend, code: 'Forbidden', backendCode: 'AccessDenied', httpStatus: 403, message: 'denied' });
    };
    const soap = fakeBackend('soap', { MailboxInfo: forbidden('soap') });
    const rest = fakeBackend('rest', { MailboxInfo: forbidden('rest') });
    const facade = createEcgridFacade({ backend: 'parity', backends: { soap: soap.backend, rest: rest.backend } });
    const record = await facade.compare('MailboxInfo', { MailboxID: 7 });
    expect(record).toMatchObject({ outcome: 'both-error', match: false });
    expect(facade.paritySummary()[0]).toMatchObject({ errors: 1, matches: 0 });
    await facade.close();
  });
});
