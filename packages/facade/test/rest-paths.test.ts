import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEcgridFacade } from '../src/index.js';

const BASE = 'https://rest.example.test';
const envelope = (data: unknown) => ({ success: true, data, errorCode: null, message: null });

describe('REST endpoint paths', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it('a path override given to the REST client reaches facade calls', async () => {
    const scope = nock(BASE)
      .get('/api/v2/mailboxes/5001')
      .reply(200, envelope({ mailboxId: 5001, networkId: 1001, companyName: 'Acme', status: 'Active' }));
    const ecgrid = createEcgridFacade({
      backend: 'rest',
      credentials: { apiKey: 'k'.repeat(32) },
      rest: { baseUrl: BASE, paths: { 'mailboxes.get': '/api/v2/mailboxes/{id}' }, retry: false },
    });
    try {
      await expect(ecgrid.MailboxInfo({ MailboxID: 5001 })).resolves.toMatchObject({ MailboxID: 5001, Description: 'Acme' });
      expect(scope.isDone()).toBe(true);
    } finally {
      await ecgrid.close();
    }
  });

  it('without an override, facade calls use the path of the endpoint reference page', async () => {
    const scope = nock(BASE).post('/v2/parcels/confirm', { parcelId: 77 }).reply(200, envelope(true));
    const ecgrid = createEcgridFacade({ backend: 'rest', credentials: { apiKey: 'k'.repeat(32) }, rest: { baseUrl: BASE, retry: false } });
    try {
      await expect(ecgrid.ParcelDownloadConfirm({ ParcelID: 77 })).resolves.toBe(true);
      expect(scope.isDone()).toBe(true);
    } finally {
      await ecgrid.close();
    }
  });
});
