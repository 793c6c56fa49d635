import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EcgridFacade, createEcgridFacade } from '@ecgrid-bridge/facade';
import { ParityAssertionError, expectParity } from '@ecgrid-bridge/facade/testing';
import { type RunningSandbox, readSeedFile, startSandbox } from '@ecgrid-bridge/sandbox';
import { facadeOn } from './support.js';

/** A server that returns fewer records a page than asked must not make the facade return a short list. */
describe('whole lists against a sandbox capped at 2 records a page', () => {
  let sandbox: RunningSandbox;
  let facade: EcgridFacade;
  let root: EcgridFacade;
  const range = { BeginDate: new Date('2000-01-01T00:00:00Z'), EndDate: new Date('2100-01-01T00:00:00Z'), ECGridIDFrom: 0, ECGridIDTo: 0 };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pageSizeCap: 2 });
    facade = facadeOn(sandbox, 'parity');
    root = createEcgridFacade({
      backend: 'parity',
      credentials: { loginName: 'sandbox.root', password: 'Root#Sandbox2025' },
      soap: { endpoint: sandbox.soapUrl },
      rest: { baseUrl: sandbox.restUrl },
    });
  });

  afterAll(async () => {
    await facade.close();
    await root.close();
    await sandbox.close();
  });

  it('reads every page: REST gives what SOAP gives in one answer', async () => {
    // SOAP answers these whole, so parity proves the REST side read past the capped first page.
    await expectParity(root, 'NetworkList', {});
    await expectParity(root, 'MailboxList', {});
    await expectParity(facade, 'TPList', { ShowInactive: true });
    await expectParity(facade, 'ParcelInBox', {});
    await expectParity(facade, 'InterchangeInBox', range);
    await expectParity(facade, 'InterchangeOutBox', range);
    await expectParity(facade, 'UserList', {});
  });

  it('returns more records than one capped page holds', async () => {
    expect((await root.MailboxList({}))?.length).toBeGreaterThan(2);
    expect((await facade.TPList({ ShowInactive: true }))?.length).toBeGreaterThan(2);
    expect((await facade.InterchangeInBox(range))?.length).toBeGreaterThan(2);
  });
});

/**
 * The sandbox states each seed ID's and interconnect's REST Status next to its SOAP status (packages/sandbox/seed/sandbox-seed.json),
 * so parity checks the facade's translation tables (packages/facade/src/mapping/partner-records.ts) against records
 * it did not write.
 */
describe('ID and interconnect statuses through both backends', () => {
  let sandbox: RunningSandbox;
  let root: EcgridFacade;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    root = createEcgridFacade({
      backend: 'parity',
      credentials: { loginName: 'sandbox.root', password: 'Root#Sandbox2025' },
      soap: { endpoint: sandbox.soapUrl },
      rest: { baseUrl: sandbox.restUrl },
    });
  });

  afterAll(async () => {
    await root.close();
    await sandbox.close();
  });

  it.each([100101, 100103, 200402, 200403, 200404])('TPInfo %i', async (id) => {
    await expectParity(root, 'TPInfo', { ECGridID: id });
  });

  it.each([9001, 9003, 9005])('InterconnectInfo %i', async (id) => {
    await expectParity(root, 'InterconnectInfo', { InterconnectID: id });
  });

  it('would catch a record whose two statuses the tables do not pair', async () => {
    const seed = readSeedFile();
    const odd = {
      ...seed,
      tradingPartners: seed.tradingPartners.map((tp) => (tp.ecgridId === 200403 ? { ...tp, restStatus: 'Active' as const } : tp)),
    };
    const other = await startSandbox({ port: 0, seed: odd });
    const facade = createEcgridFacade({
      backend: 'parity',
      credentials: { loginName: 'sandbox.root', password: 'Root#Sandbox2025' },
      soap: { endpoint: other.soapUrl },
      rest: { baseUrl: other.restUrl },
    });
    try {
      await expect(expectParity(facade, 'TPInfo', { ECGridID: 200403 })).rejects.toBeInstanceOf(ParityAssertionError);
    } finally {
      await facade.close();
      await other.close();
    }
  });
});
