import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { paginate, restPageLimits } from '../src/service/paging.js';
import { restCall } from './support/clients.js';

type Obj = Record<string, unknown>;
let sb: RunningSandbox;
const post = async (path: string, body: unknown = {}) => restCall(sb.restUrl, 'POST', path, { body, headers: { 'x-api-key': sb.credentials.apiKey } });

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('REST paging follows each endpoint’s documented paging', () => {
  it('takes defaults and maxima from the catalogue and the pages’ descriptions', () => {
    expect(restPageLimits('parcels.inboxList')).toEqual({ defaultPageSize: 25, maxPageSize: undefined });
    expect(restPageLimits('interchanges.inboxList')).toEqual({ defaultPageSize: 100, maxPageSize: 500 });
    expect(restPageLimits('interchanges.outboxList')).toEqual({ defaultPageSize: 100, maxPageSize: 500 });
    expect(restPageLimits('callbacks.queueList')).toEqual({ defaultPageSize: 100, maxPageSize: 500 });
    expect(restPageLimits('carbonCopies.list')).toEqual({ defaultPageSize: 100, maxPageSize: 1000 });
    // Nothing documented: 25 by default, no maximum (the sandbox's choice).
    expect(restPageLimits('ids.list')).toEqual({ defaultPageSize: 25, maxPageSize: undefined });
    expect(restPageLimits('mailboxes.list')).toEqual({ defaultPageSize: 25, maxPageSize: 500 });
  });

  it('cuts pages, enforcing the maximum only where one is documented', () => {
    const list = Array.from({ length: 120 }, (_, i) => i);
    expect(paginate(list, undefined, undefined, restPageLimits('interchanges.inboxList')).items).toHaveLength(100);
    expect(paginate(list, undefined, undefined, restPageLimits('parcels.inboxList')).items).toHaveLength(25);
    expect(paginate(list, 1, 1000, restPageLimits('carbonCopies.list')).recordsPerPage).toBe(1000);
    expect(() => paginate(list, 1, 1001, restPageLimits('carbonCopies.list'))).toThrow(/between 1 and 1000/);
    expect(paginate(list, 1, 5000, restPageLimits('parcels.inboxList')).items).toHaveLength(120);
    expect(() => paginate(list, 1, 0, restPageLimits('parcels.inboxList'))).toThrow(/recordsPerPage/);
  });

  it('reports the documented default on the wire and refuses sizes above a documented maximum', async () => {
    const ic = await post('/v2/interchanges/inbox-list', {});
    expect((ic.json?.data as Obj).recordsPerPage).toBe(100);
    const tooMany = await post('/v2/interchanges/inbox-list', { recordsPerPage: 501 });
    expect([tooMany.status, tooMany.json?.errorCode]).toEqual([400, 'InvalidParameter']);
    const big = await post('/v2/parcels/inbox-list', { recordsPerPage: 5000 });
    expect(big.json?.success, big.text).toBe(true);
    const mb = await post('/v2/mailboxes/list', {});
    expect((mb.json?.data as Obj).recordsPerPage).toBe(25);
  });
});

describe('server page-size cap', () => {
  it('returns at most the cap a page and reports the size it used', async () => {
    sb.admin.setPageSizeCap(1);
    try {
      const all = await post('/v2/interchanges/inbox-list', { recordsPerPage: 2 });
      const page = all.json?.data as Obj;
      expect(page.recordsPerPage).toBe(1);
      expect((page.interchanges as unknown[]).length).toBe(1);
      expect(page.totalRecords as number).toBeGreaterThan(1);
      const parcels = await post('/v2/parcels/inbox-list', { recordsPerPage: 100 });
      expect((parcels.json?.data as unknown[]).length).toBe(1);
    } finally {
      sb.admin.setPageSizeCap(undefined);
    }
    expect(sb.admin.settings.pageSizeCap).toBeUndefined();
  });

  it('is set through the admin endpoint and the options', async () => {
    const set = await restCall(sb.adminUrl, 'POST', '/settings', { body: { pageSizeCap: 3 } });
    expect(((set.json as Obj | undefined)?.settings as Obj).pageSizeCap).toBe(3);
    const bad = await restCall(sb.adminUrl, 'POST', '/settings', { body: { pageSizeCap: 0 } });
    expect(bad.status).toBe(400);
    await restCall(sb.adminUrl, 'POST', '/settings', { body: { pageSizeCap: null } });
    expect(sb.admin.settings.pageSizeCap).toBeUndefined();
    const capped = await startSandbox({ pageSizeCap: 2 });
    try {
      expect(capped.admin.settings.pageSizeCap).toBe(2);
    } finally {
      await capped.close();
    }
  });
});
