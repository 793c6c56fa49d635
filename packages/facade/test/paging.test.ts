import { describe, expect, it } from 'vitest';
import { MappingError, createRestBackend, type RestPort, type RestPortRequest } from '../src/index.js';
import { MAX_PAGES } from '../src/backends/paging.js';

function portAnswering(answer: (req: RestPortRequest, pageNo: number) => unknown) {
  const requests: RestPortRequest[] = [];
  const port: RestPort = {
    async request(req) {
      requests.push(req);
      return answer(req, (req.body as { pageNo: number }).pageNo);
    },
    async login() {},
    async logout() {},
  };
  return { backend: createRestBackend(port), requests, pages: () => requests.map((r) => (r.body as { pageNo: number }).pageNo) };
}

const mailbox = (id: number) => ({ mailboxId: id, networkId: 1 });
const user = (id: number) => ({ userId: id });
const range = (from: number, count: number) => Array.from({ length: Math.max(0, count) }, (_, i) => from + i);

describe('whole lists over REST pages', () => {
  it('reads a page wrapper until its totalRecords is reached', async () => {
    const { backend, pages } = portAnswering((_req, pageNo) => ({
      totalRecords: 502,
      pageNo,
      recordsPerPage: 500,
      mailboxes: (pageNo === 1 ? range(1, 500) : pageNo === 2 ? [501, 502] : []).map(mailbox),
    }));
    const all = await backend.invoke('MailboxList', {});
    expect(all?.map((m) => m.MailboxID)).toEqual(range(1, 502));
    expect(pages()).toEqual([1, 2]);
  });

  it('reads a plain array until an empty page, so a server that caps pages below the request loses nothing', async () => {
    const ids = range(1, 250);
    const { backend, requests, pages } = portAnswering((_req, pageNo) => ids.slice((pageNo - 1) * 100, pageNo * 100).map(user));
    const all = await backend.invoke('UserList', {});
    expect(all?.map((u) => u.UserID)).toEqual(ids);
    expect(pages()).toEqual([1, 2, 3, 4]);
    expect((requests[0]?.body as { recordsPerPage: number }).recordsPerPage).toBe(500);
  });

  it('refuses a listing whose pages end before the reported total', async () => {
    const { backend } = portAnswering((_req, pageNo) => ({ totalRecords: 900, pageNo, recordsPerPage: 500, mailboxes: pageNo === 1 ? range(1, 500).map(mailbox) : [] }));
    const err = await backend.invoke('MailboxList', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toContain('reported 900 records but its pages ended after 500');
  });

  it('refuses a server that ignores pageNo instead of looping or returning duplicates', async () => {
    const { backend, requests } = portAnswering(() => range(1, 10).map(user));
    const err = await backend.invoke('UserList', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toContain('repeats page 1');
    expect(requests).toHaveLength(2);
  });

  it('gives up on a listing that never ends, after a bounded number of pages', async () => {
    const { backend, requests } = portAnswering((_req, pageNo) => [user(pageNo)]);
    const err = await backend.invoke('UserList', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toContain(`within ${MAX_PAGES} pages`);
    expect(requests).toHaveLength(MAX_PAGES);
  });

  it('sends the caller page of a SOAP operation that pages itself, once', async () => {
    const { backend, requests } = portAnswering(() => range(1, 3).map((id) => ({ parcelId: id, status: 'InBoxReady' })));
    const page = await backend.invoke('ParcelInBoxArchive', {
      BeginDate: new Date('2026-01-01T00:00:00Z'),
      EndDate: new Date('2026-02-01T00:00:00Z'),
      ECGridIDFrom: 0,
      ECGridIDTo: 0,
      PageNo: 2,
      RecordsPerPage: 3,
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toMatchObject({ pageNo: 2, recordsPerPage: 3 });
    expect(page).toMatchObject({ PageNumber: 2, PageSize: 3, Count: 3 });
  });
});
