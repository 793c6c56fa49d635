import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@ecgrid-bridge/core';
import { apiKeyAuth, createRestClient } from '../src/index.js';
import { BASE, CANARY, ok, resetNock } from './helpers.js';

describe('apiKeyAuth', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('sends X-API-Key on every request and unwraps the envelope', async () => {
    const scope = nock(BASE, { reqheaders: { 'x-api-key': CANARY.apiKey } })
      .get('/v2/auth/version')
      .reply(200, ok({ version: '2.6' }))
      .post('/v2/parcels/pending-inbox-list', { mailboxId: 0 })
      .reply(200, ok([]));
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    expect(await client.api.auth.version()).toEqual({ version: '2.6' });
    expect(await client.api.parcels.pendingInboxList({ mailboxId: 0 })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads ECGrid__ApiKey when no key is passed', async () => {
    const scope = nock(BASE, { reqheaders: { 'x-api-key': 'env-key-1234' } }).get('/v2/users/me').reply(200, ok({ userId: 1 }));
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ env: { ECGrid__ApiKey: 'env-key-1234' } }) });
    expect(await client.api.users.me()).toEqual({ userId: 1 });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses to be built without a key', () => {
    expect(() => apiKeyAuth({ env: {} })).toThrow(ConfigurationError);
  });

  it('uses a rotated key and still scrubs the old one', async () => {
    const auth = apiKeyAuth({ apiKey: 'first-key-aaaa' });
    const scope = nock(BASE, { reqheaders: { 'x-api-key': 'second-key-bbbb' } }).get('/v2/users/me').reply(200, ok({ userId: 2 }));
    const client = createRestClient({ baseUrl: BASE, auth });
    auth.setApiKey('second-key-bbbb');
    expect(await client.api.users.me()).toEqual({ userId: 2 });
    expect(auth.redactor.redact('first-key-aaaa second-key-bbbb')).toBe('[REDACTED] [REDACTED]');
    expect(scope.isDone()).toBe(true);
  });
});
