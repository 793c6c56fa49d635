import { describe, expect, it } from 'vitest';
import { FacadeError, bucketOf, createEcgridFacade, planCall, type MismatchRecord } from '../src/index.js';
import { fakeBackend, sleep } from './fakes.js';

/** A mailbox whose compared field (Description: REST gives it, unlike Name) and Name both carry `name`. */
const mailbox = (name: string) => ({ MailboxID: 7, NetworkID: 1, Name: name, Description: name, Created: new Date('2026-01-01T00:00:00Z') });

const error = (code: FacadeError['code'], httpStatus: number, backend: 'soap' | 'rest' = 'rest') =>
  new FacadeError({ operation: 'MailboxInfo', backend, code, backendCode: code, httpStatus, message: code });

describe('backend selection', () => {
  it('sends every call to the configured backend, from options or ECGRID_BACKEND', async () => {
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('soap') });
    const rest = fakeBackend('rest', { MailboxInfo: () => mailbox('rest') });
    const viaEnv = createEcgridFacade({ env: { ECGRID_BACKEND: 'rest' }, backends: { soap: soap.backend, rest: rest.backend } });
    expect((await viaEnv.MailboxInfo({ MailboxID: 7 }))?.Name).toBe('rest');
    const viaOption = createEcgridFacade({ backend: 'soap', env: { ECGRID_BACKEND: 'rest' }, backends: { soap: soap.backend, rest: rest.backend } });
    expect((await viaOption.MailboxInfo({ MailboxID: 7 }))?.Name).toBe('soap');
  });

  it('rejects an unknown backend name', () => {
    expect(() => createEcgridFacade({ env: { ECGRID_BACKEND: 'grpc' } })).toThrow(/unknown backend "grpc"/);
  });

  it('routes per operation, and stages override routes', async () => {
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('soap'), NetworkInfo: () => ({ NetworkID: 1 }) });
    const rest = fakeBackend('rest', { MailboxInfo: () => mailbox('rest'), NetworkInfo: () => ({ NetworkID: 1 }) });
    const facade = createEcgridFacade({
      backend: 'soap',
      routes: { MailboxInfo: 'rest', NetworkInfo: 'rest' },
      stages: { NetworkInfo: 'off' },
      backends: { soap: soap.backend, rest: rest.backend },
    });
    await facade.MailboxInfo({ MailboxID: 7 });
    await facade.NetworkInfo({ NetworkID: 1 });
    expect(rest.count('MailboxInfo')).toBe(1);
    expect(soap.count('NetworkInfo')).toBe(1);
    expect(rest.count('NetworkInfo')).toBe(0);
  });

  it('rolls out by percentage, sticky per key', async () => {
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('soap') });
    const rest = fakeBackend('rest', { MailboxInfo: () => mailbox('rest') });
    const facade = createEcgridFacade({ rollout: { MailboxInfo: 30 }, backends: { soap: soap.backend, rest: rest.backend } });
    const seen = new Map<string, string>();
    for (let i = 0; i < 200; i += 1) {
      const key = `caller-${i % 50}`;
      const name = (await facade.MailboxInfo({ MailboxID: 7 }, { stickyKey: key }))?.Name ?? '';
      if (seen.has(key)) expect(seen.get(key)).toBe(name);
      seen.set(key, name);
      expect(name).toBe(bucketOf(key) < 30 ? 'rest' : 'soap');
    }
    const restShare = [...seen.values()].filter((v) => v === 'rest').length / seen.size;
    expect(restShare).toBeGreaterThan(0.1);
    expect(restShare).toBeLessThan(0.5);
  });

  it('keeps a retried call on the same side without an explicit key', () => {
    const config = { default: 'soap' as const, routes: {}, rollout: { ParcelInfo: 50 }, stages: {}, fallback: false, authoritative: 'soap' as const };
    const first = planCall(config, 'ParcelInfo', 'ParcelInfo:{"ParcelID":1}');
    for (let i = 0; i < 10; i += 1) expect(planCall(config, 'ParcelInfo', 'ParcelInfo:{"ParcelID":1}')).toEqual(first);
  });

  it('refuses a rollout outside 0–100', () => {
    expect(() => createEcgridFacade({ rollout: { MailboxInfo: 120 }, backends: {} })).toThrow(/percentage/);
  });

  it('maps migration stages to who is authoritative', () => {
    const base = { default: 'soap' as const, routes: {}, rollout: {}, fallback: false, authoritative: 'soap' as const };
    const plan = (stage: 'off' | 'shadow' | 'live' | 'complete') => planCall({ ...base, stages: { MailboxInfo: stage } }, 'MailboxInfo', 'k');
    expect(plan('off')).toEqual({ kind: 'single', backend: 'soap' });
    expect(plan('shadow')).toEqual({ kind: 'parity', authoritative: 'soap' });
    expect(plan('live')).toEqual({ kind: 'parity', authoritative: 'rest' });
    expect(plan('complete')).toEqual({ kind: 'single', backend: 'rest' });
  });
});

describe('fallback from REST to SOAP', () => {
  const run = async (failure: FacadeError, operation: 'MailboxInfo' | 'ParcelUpload' = 'MailboxInfo') => {
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('soap'), ParcelUpload: () => 1 });
    const rest = fakeBackend('rest', {
      MailboxInfo: () => {
        throw failure;
      },
      ParcelUpload: () => {
        throw failure;
      },
    });
    const facade = createEcgridFacade({ backend: 'rest', fallback: true, backends: { soap: soap.backend, rest: rest.backend } });
    const outcome = await (operation === 'MailboxInfo'
      ? facade.MailboxInfo({ MailboxID: 7 })
      : facade.ParcelUpload({ FileName: 'a', Bytes: 1, Content: Buffer.from('a') })
    ).catch((e: unknown) => e);
    return { outcome, soapCalls: soap.calls.length };
  };

  it.each([
    ['a network error', error('Transport', 0)],
    ['a timeout', error('Timeout', 0)],
    ['a 5xx', error('Internal', 503)],
    ['an operation REST cannot serve', error('NotAvailableOnBackend', 0)],
  ])('falls back on %s', async (_name, failure) => {
    const { outcome, soapCalls } = await run(failure);
    expect(soapCalls).toBe(1);
    expect((outcome as { Name: string }).Name).toBe('soap');
  });

  it.each([
    ['a 400', error('InvalidParameter', 400)],
    ['a 401', error('Unauthenticated', 401)],
    ['a 403', error('Forbidden', 403)],
    ['a 404', error('NotFound', 404)],
    ['a 429', error('RateLimitExceeded', 429)],
  ])('never falls back on %s', async (_name, failure) => {
    const { outcome, soapCalls } = await run(failure);
    expect(soapCalls).toBe(0);
    expect(outcome).toBe(failure);
  });

  it('never repeats an upload whose outcome is unknown', async () => {
    const failure = error('OutcomeUnknown', 0);
    const { outcome, soapCalls } = await run(failure, 'ParcelUpload');
    expect(soapCalls).toBe(0);
    expect(outcome).toBe(failure);
  });
});

describe('parity', () => {
  const setup = (restName: string, parity: Parameters<typeof createEcgridFacade>[0] = {}) => {
    const records: MismatchRecord[] = [];
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('Acme'), ParcelUpload: () => 41 });
    const rest = fakeBackend('rest', { MailboxInfo: () => mailbox(restName), ParcelUpload: () => 42 });
    const facade = createEcgridFacade({
      backend: 'parity',
      backends: { soap: soap.backend, rest: rest.backend },
      ...parity,
      parity: { publish: (r) => void records.push(r), ...parity.parity },
    });
    return { facade, records, soap, rest };
  };

  it('returns the authoritative result and publishes a difference by path', async () => {
    const { facade, records } = setup('Acme Corp');
    const result = await facade.MailboxInfo({ MailboxID: 7 });
    expect(result?.Name).toBe('Acme');
    await facade.parityIdle();
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({ operation: 'MailboxInfo', outcome: 'mismatch', authoritative: 'soap', args: { MailboxID: 7 } });
    expect(record!.differences).toEqual([{ path: 'Description', kind: 'changed', control: 'Acme', candidate: 'Acme Corp' }]);
    expect(record!.control.backend).toBe('soap');
    expect(record!.candidate?.backend).toBe('rest');
    expect(record!.ignored).toContain('Name');
    const [summary] = facade.paritySummary();
    expect(summary).toMatchObject({ operation: 'MailboxInfo', calls: 1, mismatches: 1, matches: 0 });
    expect(summary!.sides.soap?.calls).toBe(1);
  });

  it('ignores the fields REST cannot provide, so equal records match', async () => {
    const { facade, records } = setup('Acme');
    await facade.MailboxInfo({ MailboxID: 7 });
    await facade.parityIdle();
    expect(records).toHaveLength(0);
    expect(facade.paritySummary()[0]).toMatchObject({ matches: 1, mismatches: 0 });
  });

  it('does not let a slow candidate delay the caller unless asked to wait', async () => {
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('Acme') });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const rest = fakeBackend('rest', { MailboxInfo: async () => (await gate, mailbox('Acme')) });
    const facade = createEcgridFacade({ backend: 'parity', backends: { soap: soap.backend, rest: rest.backend } });
    await expect(facade.MailboxInfo({ MailboxID: 7 })).resolves.toMatchObject({ Name: 'Acme' });
    expect(facade.paritySummary()).toEqual([]);
    release();
    await facade.parityIdle();
    expect(facade.paritySummary()[0]).toMatchObject({ matches: 1 });
  });

  it('waits for the candidate when asked, and bounds it with its own timeout', async () => {
    const records: MismatchRecord[] = [];
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('Acme') });
    const rest = fakeBackend('rest', { MailboxInfo: () => new Promise(() => undefined) });
    const facade = createEcgridFacade({
      backend: 'parity',
      backends: { soap: soap.backend, rest: rest.backend },
      parity: { waitForCandidate: true, candidateTimeoutMs: 50, publish: (r) => void records.push(r) },
    });
    await expect(facade.MailboxInfo({ MailboxID: 7 })).resolves.toMatchObject({ Name: 'Acme' });
    expect(records[0]?.outcome).toBe('candidate-timeout');
  });

  it('never lets a failing candidate, compare or publish reach the caller', async () => {
    const soap = fakeBackend('soap', { MailboxInfo: () => mailbox('Acme') });
    const rest = fakeBackend('rest', {
      MailboxInfo: () => {
        throw new Error('boom');
      },
    });
    const internal: unknown[] = [];
    const facade = createEcgridFacade({
      backend: 'parity',
      backends: { soap: soap.backend, rest: rest.backend },
      parity: {
        waitForCandidate: true,
        publish: () => {
          throw new Error('sink down');
        },
        onInternalError: (e) => internal.push(e),
      },
    });
    await expect(facade.MailboxInfo({ MailboxID: 7 })).resolves.toMatchObject({ Name: 'Acme' });
    expect(internal).toHaveLength(1);
    expect(facade.paritySummary()[0]).toMatchObject({ errors: 1 });
  });

  it('throws what the authoritative side threw', async () => {
    const failure = error('NotFound', 404, 'soap');
    const soap = fakeBackend('soap', {
      MailboxInfo: () => {
        throw failure;
      },
    });
    const rest = fakeBackend('rest', { MailboxInfo: () => mailbox('x') });
    const facade = createEcgridFacade({ backend: 'parity', backends: { soap: soap.backend, rest: rest.backend } });
    await expect(facade.MailboxInfo({ MailboxID: 7 })).rejects.toBe(failure);
  });

  it('sends writes to the authoritative side only and records them as such', async () => {
    const { facade, soap, rest } = setup('Acme', { parity: { publishMatches: true, authoritative: 'rest' } });
    await expect(facade.ParcelUpload({ FileName: 'a.edi', Bytes: 1, Content: Buffer.from('x') })).resolves.toBe(42);
    expect(soap.count('ParcelUpload')).toBe(0);
    expect(rest.count('ParcelUpload')).toBe(1);
    expect(facade.paritySummary()[0]).toMatchObject({ operation: 'ParcelUpload', notCompared: 1 });
  });

  it('masks credentials and reduces content in published arguments', async () => {
    const records: MismatchRecord[] = [];
    const soap = fakeBackend('soap', { UserGetAPIKey: () => 'key-one-1234' });
    const rest = fakeBackend('rest', { UserGetAPIKey: () => 'key-two-5678' });
    const facade = createEcgridFacade({
      backend: 'parity',
      credentials: { apiKey: 'canary-api-key-0001' },
      backends: { soap: soap.backend, rest: rest.backend },
      parity: { waitForCandidate: true, publish: (r) => void records.push(r) },
    });
    await facade.UserGetAPIKey({ UserID: 3 });
    expect(records[0]?.outcome).toBe('mismatch');
    expect(JSON.stringify(records)).not.toContain('canary-api-key-0001');
    expect(JSON.stringify(records)).not.toContain('key-one-1234');
    expect(JSON.stringify(records)).not.toContain('key-two-5678');
  });

  it('opens both sessions on Login when both backends are in use', async () => {
    const soap = fakeBackend('soap', { Login: () => 'h', Logout: () => 0 });
    const rest = fakeBackend('rest', { Login: () => 'h', Logout: () => 0 });
    const facade = createEcgridFacade({ backend: 'parity', backends: { soap: soap.backend, rest: rest.backend } });
    await facade.Login({ LoginName: 'a', Password: 'b' });
    await facade.Logout();
    expect([soap.count('Login'), rest.count('Login'), soap.count('Logout'), rest.count('Logout')]).toEqual([1, 1, 1, 1]);
  });

  it('can compare on demand for tests', async () => {
    const { facade } = setup('Other');
    const record = await facade.compare('MailboxInfo', { MailboxID: 7 });
    expect(record.outcome).toBe('mismatch');
    await sleep(0);
  });
});
