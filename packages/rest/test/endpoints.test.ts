import { ConfigurationError } from '@ecgrid-bridge/core';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PATHS, apiKeyAuth, createRestClient, type RestClient } from '../src/index.js';
import { BASE, CANARY, ok, recordingSleep, resetNock } from './helpers.js';

type Case = {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, string | number>;
  call: (c: RestClient) => Promise<unknown>;
  /** Whether a 503 is retried. */
  retried: boolean;
};

const CASES: Case[] = [
  { name: 'auth.version', method: 'GET', path: '/v2/auth/version', call: (c) => c.api.auth.version(), retried: true },
  { name: 'auth.session', method: 'POST', path: '/v2/auth/session', call: (c) => c.api.auth.session(), retried: true },
  { name: 'auth.logout', method: 'POST', path: '/v2/auth/logout', call: (c) => c.api.auth.logout(), retried: false },
  { name: 'users.getMe', method: 'GET', path: '/v2/users/me', call: (c) => c.api.users.me(), retried: true },
  { name: 'users.get', method: 'GET', path: '/v2/users/1042', call: (c) => c.api.users.get(1042), retried: true },
  {
    name: 'users.list',
    method: 'POST',
    path: '/v2/users/list',
    body: { networkId: 1, authLevel: 'MailboxUser', pageNo: 1, recordsPerPage: 25 },
    call: (c) => c.api.users.list({ networkId: 1, authLevel: 'MailboxUser', pageNo: 1, recordsPerPage: 25 }),
    retried: true,
  },
  { name: 'users.getApiKey', method: 'GET', path: '/v2/users/key/1042', call: (c) => c.api.users.apiKey(1042), retried: true },
  { name: 'networks.get', method: 'GET', path: '/v2/networks/1001', call: (c) => c.api.networks.get(1001), retried: true },
  {
    name: 'networks.list',
    method: 'POST',
    path: '/v2/networks/list',
    body: { status: 'Active' },
    call: (c) => c.api.networks.list({ status: 'Active' }),
    retried: true,
  },
  { name: 'mailboxes.get', method: 'GET', path: '/v2/mailboxes/5001', call: (c) => c.api.mailboxes.get(5001), retried: true },
  {
    name: 'mailboxes.list',
    method: 'POST',
    path: '/v2/mailboxes/list',
    body: { networkId: 1001 },
    call: (c) => c.api.mailboxes.list({ networkId: 1001 }),
    retried: true,
  },
  { name: 'ids.get', method: 'GET', path: '/v2/ids/123456', call: (c) => c.api.ids.get(123456), retried: true },
  {
    name: 'ids.find',
    method: 'POST',
    path: '/v2/ids/find',
    body: { qualifier: '01', id: 'PARTNER001' },
    call: (c) => c.api.ids.find({ qualifier: '01', id: 'PARTNER001' }),
    retried: true,
  },
  { name: 'ids.list', method: 'POST', path: '/v2/ids/list', body: {}, call: (c) => c.api.ids.list(), retried: true },
  { name: 'partners.get', method: 'GET', path: '/v2/partners/9001', call: (c) => c.api.partners.get(9001), retried: true },
  {
    name: 'parcels.inboxList',
    method: 'POST',
    path: '/v2/parcels/inbox-list',
    body: { mailboxId: 1001, status: 'InBoxReady', beginDate: '2026-05-01T00:00:00Z' },
    call: (c) => c.api.parcels.inboxList({ mailboxId: 1001, status: 'InBoxReady', beginDate: '2026-05-01T00:00:00Z' }),
    retried: true,
  },
  {
    name: 'parcels.pendingInboxList',
    method: 'POST',
    path: '/v2/parcels/pending-inbox-list',
    body: { mailboxId: 0 },
    call: (c) => c.api.parcels.pendingInboxList({ mailboxId: 0 }),
    retried: true,
  },
  {
    name: 'parcels.outboxList',
    method: 'POST',
    path: '/v2/parcels/outbox-list',
    body: { ecGridIdFrom: 112233 },
    call: (c) => c.api.parcels.outboxList({ ecGridIdFrom: 112233 }),
    retried: true,
  },
  {
    name: 'parcels.download',
    method: 'POST',
    path: '/v2/parcels/download',
    body: { parcelId: 987654321 },
    call: (c) => c.api.parcels.download({ parcelId: 987654321 }),
    retried: true,
  },
  {
    name: 'parcels.confirmDownload',
    method: 'POST',
    path: '/v2/parcels/confirm',
    body: { parcelId: 987654321 },
    call: (c) => c.api.parcels.confirm({ parcelId: 987654321 }),
    retried: false,
  },
  {
    name: 'parcels.upload',
    method: 'POST',
    path: '/v2/parcels/upload',
    body: { fileName: 'po.edi', content: 'SVNB', bytes: 3, ecGridIdFrom: 1, ecGridIdTo: 2, mailboxId: 3 },
    call: (c) => c.api.parcels.upload({ fileName: 'po.edi', content: 'SVNB', bytes: 3, ecGridIdFrom: 1, ecGridIdTo: 2, mailboxId: 3 }),
    retried: false,
  },
  { name: 'parcels.get', method: 'GET', path: '/v2/parcels/987654321', call: (c) => c.api.parcels.get(987654321), retried: true },
  {
    name: 'parcels.getManifest',
    method: 'GET',
    path: '/v2/parcels/manifest/987654321',
    call: (c) => c.api.parcels.manifest('987654321'),
    retried: true,
  },
  {
    name: 'parcels.resetToInbox',
    method: 'POST',
    path: '/v2/parcels/reset-to-inbox/987654321',
    call: (c) => c.api.parcels.resetToInbox(987654321),
    retried: false,
  },
  {
    name: 'interchanges.get',
    method: 'GET',
    path: '/v2/interchanges/9870001',
    call: (c) => c.api.interchanges.get(9870001),
    retried: true,
  },
  {
    name: 'interchanges.inboxList',
    method: 'POST',
    path: '/v2/interchanges/inbox-list',
    body: { mailboxId: 1, recordsPerPage: 500 },
    call: (c) => c.api.interchanges.inboxList({ mailboxId: 1, recordsPerPage: 500 }),
    retried: true,
  },
  {
    name: 'interchanges.outboxList',
    method: 'POST',
    path: '/v2/interchanges/outbox-list',
    body: {},
    call: (c) => c.api.interchanges.outboxList(),
    retried: true,
  },
];

function client(): RestClient {
  return createRestClient({
    baseUrl: BASE,
    auth: apiKeyAuth({ apiKey: CANARY.apiKey }),
    sleep: recordingSleep(),
    retry: { retries: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
}

describe('endpoint helpers', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it.each(CASES)('$name sends $method $path with the documented body', async ({ method, path, body, call }) => {
    const data = { marker: path };
    const interceptor =
      method === 'GET'
        ? nock(BASE, { badheaders: ['content-type'] }).get(path)
        : body
          ? nock(BASE, { reqheaders: { 'content-type': 'application/json' } }).post(path, body)
          : nock(BASE, { badheaders: ['content-type'] }).post(path);
    const scope = interceptor.reply(200, ok(data));
    const result = await call(client());
    if (!path.endsWith('/logout')) expect(result).toEqual(data);
    expect(scope.isDone()).toBe(true);
  });

  it.each(CASES)('$name is retried after a 503 only when repeating it is safe', async ({ method, path, call, retried }) => {
    let calls = 0;
    const handler = (): [number, unknown] => {
      calls += 1;
      return calls === 1 ? [503, 'busy'] : [200, ok({})];
    };
    if (method === 'GET') nock(BASE).get(path).times(2).reply(handler);
    else nock(BASE).post(path).times(2).reply(handler);
    await call(client()).catch(() => undefined);
    expect(calls).toBe(retried ? 2 : 1);
  });

  it('names only endpoints of the catalogue, at their documented paths', () => {
    for (const c of CASES) {
      expect(DEFAULT_PATHS).toHaveProperty([c.name]);
      const template = new RegExp(`^${DEFAULT_PATHS[c.name as keyof typeof DEFAULT_PATHS].replace(/\{\w+\}/g, '[^/]+')}$`);
      expect(c.path).toMatch(template);
    }
  });

  it('sends login and refresh without the auth hook', async () => {
    const login = nock(BASE, { badheaders: ['x-api-key'] })
      .post('/v2/auth/login', { login: 'jsmith', password: 'P4ss!word' })
      .reply(200, ok({ token: 't'.repeat(10), expiresAt: '2026-05-07T18:30:00Z', userId: 4821 }));
    const refresh = nock(BASE, { badheaders: ['x-api-key'], reqheaders: { authorization: 'Bearer old-token' } })
      .post('/v2/auth/refresh', { token: 'old-token' })
      .reply(200, ok({ token: 'new-token', expiresAt: '2026-05-07T20:00:00Z' }));
    const c = client();
    expect(await c.api.auth.login({ login: 'jsmith', password: 'P4ss!word' })).toMatchObject({ userId: 4821 });
    expect(await c.api.auth.refresh({ token: 'old-token' }, { bearer: 'old-token' })).toMatchObject({ token: 'new-token' });
    expect(login.isDone() && refresh.isDone()).toBe(true);
  });

  it('uploads raw bytes as base64 with their length', async () => {
    const data = Buffer.from([0, 1, 2, 250, 255]);
    const scope = nock(BASE)
      .post('/v2/parcels/upload', { fileName: 'b.bin', content: data.toString('base64'), bytes: 5, mailboxId: 9 })
      .reply(200, ok(42));
    expect(await client().api.parcels.uploadBytes({ fileName: 'b.bin', data, mailboxId: 9 })).toBe(42);
    expect(scope.isDone()).toBe(true);
  });

  it('encodes path parameters', async () => {
    const scope = nock(BASE).get('/v2/parcels/a%2Fb').reply(200, ok({}));
    await client().api.parcels.get('a/b');
    expect(scope.isDone()).toBe(true);
  });

  it('lets a deployment override paths, and keeps a base URL prefix', async () => {
    const scope = nock(BASE).get('/gateway/v2/users/4821/api-key').reply(200, ok('key'));
    const c = createRestClient({
      baseUrl: `${BASE}/gateway/`,
      auth: apiKeyAuth({ apiKey: CANARY.apiKey }),
      paths: { 'users.getApiKey': '/v2/users/{id}/api-key' },
    });
    expect(await c.api.users.apiKey(4821)).toBe('key');
    expect(c.paths['users.getApiKey']).toBe('/v2/users/{id}/api-key');
    expect(scope.isDone()).toBe(true);
  });

  it('refuses unknown path overrides', () => {
    expect(() =>
      createRestClient({
        baseUrl: BASE,
        auth: apiKeyAuth({ apiKey: CANARY.apiKey }),
        paths: { 'users.nope': '/x' } as Record<string, string>,
      }),
    ).toThrow(ConfigurationError);
  });
});
