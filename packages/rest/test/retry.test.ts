import { ManualClock } from '@ecgrid-bridge/core';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RestApiError,
  RestOutcomeUnknownError,
  apiKeyAuth,
  backoffDelay,
  createRestClient,
  retryAfterDelay,
  parseRetryAfter,
  type RestClientOptions,
  type RestEvent,
} from '../src/index.js';
import { BASE, CANARY, fail, netError, ok, recordingSleep, resetNock } from './helpers.js';

function setup(extra: Partial<RestClientOptions> = {}) {
  const sleep = recordingSleep();
  const events: RestEvent[] = [];
  const client = createRestClient({
    baseUrl: BASE,
    auth: apiKeyAuth({ apiKey: CANARY.apiKey }),
    retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 },
    sleep,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { client, sleep, events };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('retries', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('retries a GET after 5xx with jittered exponential backoff', async () => {
    const scope = nock(BASE)
      .get('/v2/users/me')
      .reply(503, 'unavailable')
      .get('/v2/users/me')
      .reply(500, fail('InternalError'))
      .get('/v2/users/me')
      .reply(200, ok({ userId: 3 }));
    const { client, sleep, events } = setup();
    expect(await client.api.users.me()).toEqual({ userId: 3 });
    expect(scope.isDone()).toBe(true);
    expect(sleep.delays).toEqual([50, 100]);
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason)).toEqual([
      'server-error',
      'server-error',
    ]);
  });

  it('pauses at least the floor, with jitter that picks 0 and with Retry-After: 0', async () => {
    nock(BASE)
      .get('/v2/users/me')
      .reply(503, '<html>busy</html>', { 'Content-Type': 'text/html' })
      .get('/v2/users/me')
      .reply(429, fail('RateLimitExceeded'), { 'Retry-After': '0' })
      .get('/v2/users/me')
      .reply(200, ok({ userId: 1 }));
    const { client, sleep, events } = setup({ retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0 } });
    await client.api.users.me();
    expect(sleep.delays).toEqual([50, 50]);
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { delayMs: number }).delayMs)).toEqual([50, 50]);
  });

  it('honours Retry-After in seconds on 429', async () => {
    nock(BASE)
      .post('/v2/parcels/inbox-list')
      .reply(429, fail('RateLimitExceeded'), { 'Retry-After': '2' })
      .post('/v2/parcels/inbox-list')
      .reply(200, ok([]));
    const { client, sleep } = setup();
    expect(await client.api.parcels.inboxList({ mailboxId: 1 })).toEqual([]);
    expect(sleep.delays).toEqual([2_000]);
  });

  it('honours Retry-After as an HTTP date, measured on the injected clock', async () => {
    const clock = new ManualClock(Date.parse('2026-05-07T18:00:00Z'));
    nock(BASE)
      .get('/v2/users/me')
      .reply(429, fail('RateLimitExceeded'), { 'Retry-After': 'Thu, 07 May 2026 18:00:05 GMT' })
      .get('/v2/users/me')
      .reply(200, ok({ userId: 1 }));
    const { client, sleep } = setup({ clock });
    await client.api.users.me();
    expect(sleep.delays).toEqual([5_000]);
  });

  it('gives up at once when Retry-After is beyond the call deadline', async () => {
    const scope = nock(BASE).get('/v2/users/me').reply(429, fail('RateLimitExceeded'), { 'Retry-After': '3600' });
    const { client, sleep } = setup();
    const error = await rejection(client.api.users.me());
    expect(error).toMatchObject({ status: 429, errorCode: 'RateLimitExceeded', retryAfterMs: 3_600_000 });
    expect(sleep.delays).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('retries network errors of idempotent requests', async () => {
    nock(BASE)
      .post('/v2/ids/find')
      .replyWithError(netError('ECONNRESET'))
      .post('/v2/ids/find')
      .reply(200, ok([]));
    const { client, sleep } = setup();
    expect(await client.api.ids.find({ qualifier: 'ZZ', id: 'ACME' })).toEqual([]);
    expect(sleep.delays).toHaveLength(1);
  });

  it('stops after the configured number of retries and surfaces the last error', async () => {
    let calls = 0;
    nock(BASE)
      .get('/v2/users/me')
      .times(10)
      .reply(() => {
        calls += 1;
        return [502, '<html>bad gateway</html>', { 'Content-Type': 'text/html' }];
      });
    const { client } = setup({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const error = await rejection(client.api.users.me());
    expect(error).toBeInstanceOf(RestApiError);
    expect(error).toMatchObject({ kind: 'bad-body', status: 502 });
    expect(calls).toBe(3);
  });

  it('never retries a 4xx', async () => {
    const scope = nock(BASE).get('/v2/users/me').reply(404, fail('ObjectNotFound'));
    const { client, sleep } = setup();
    expect(await rejection(client.api.users.me())).toMatchObject({ status: 404, errorCode: 'ObjectNotFound' });
    expect(sleep.delays).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('does not retry when retry is false', async () => {
    let calls = 0;
    nock(BASE)
      .get('/v2/users/me')
      .times(5)
      .reply(() => {
        calls += 1;
        return [503, 'x'];
      });
    const { client } = setup({ retry: false });
    await rejection(client.api.users.me());
    expect(calls).toBe(1);
  });

  it('never retries a POST that is not marked idempotent', async () => {
    let calls = 0;
    nock(BASE)
      .post('/v2/parcels/confirm')
      .times(5)
      .reply(() => {
        calls += 1;
        return [503, fail('InternalError')];
      });
    const { client } = setup();
    expect(await rejection(client.api.parcels.confirm({ parcelId: 1 }))).toMatchObject({ status: 503 });
    expect(calls).toBe(1);
  });

  it('retries a POST the caller marks idempotent', async () => {
    nock(BASE).post('/v2/custom/search').reply(500, fail('InternalError')).post('/v2/custom/search').reply(200, ok(1));
    const { client } = setup();
    expect(await client.request({ method: 'POST', path: '/v2/custom/search', body: {}, idempotent: true })).toBe(1);
  });
});

describe('uploads and other non-repeatable requests', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('reports a timeout after the body was sent as outcome-unknown, with exactly one request', async () => {
    let calls = 0;
    const bodies: unknown[] = [];
    nock(BASE)
      .post('/v2/parcels/upload')
      .times(5)
      .delay(5_000)
      .reply((_uri, body) => {
        calls += 1;
        bodies.push(body);
        return [200, ok(1)];
      });
    const { client, sleep } = setup({ timeoutMs: 150 });
    const error = await rejection(client.api.parcels.uploadBytes({ fileName: 'a.edi', data: 'ISA*00~' }));
    expect(error).toBeInstanceOf(RestOutcomeUnknownError);
    expect(error).toMatchObject({ kind: 'outcome-unknown', trigger: 'timeout', status: 0, method: 'POST', path: '/v2/parcels/upload' });
    expect(calls).toBe(1);
    expect(bodies[0]).toEqual({ fileName: 'a.edi', content: Buffer.from('ISA*00~').toString('base64'), bytes: 7 });
    expect(sleep.delays).toEqual([]);
  });

  it('reports a connection reset during an upload as outcome-unknown and does not resend', async () => {
    let calls = 0;
    nock(BASE).post('/v2/parcels/upload').replyWithError(netError('ECONNRESET'));
    nock(BASE)
      .post('/v2/parcels/upload')
      .times(3)
      .reply(() => {
        calls += 1;
        return [200, ok(1)];
      });
    const { client } = setup();
    const error = await rejection(client.api.parcels.upload({ fileName: 'a.edi', content: 'SVNB' }));
    expect(error).toBeInstanceOf(RestOutcomeUnknownError);
    expect(error).toMatchObject({ trigger: 'network' });
    expect(calls).toBe(0);
  });

  it('reports a refused connection as a plain network error: the upload never left', async () => {
    nock(BASE).post('/v2/parcels/upload').replyWithError(netError('ECONNREFUSED'));
    const { client } = setup();
    const error = await rejection(client.api.parcels.upload({ fileName: 'a.edi', content: 'SVNB' }));
    expect(error).toBeInstanceOf(RestApiError);
    expect(error).not.toBeInstanceOf(RestOutcomeUnknownError);
    expect(error).toMatchObject({ kind: 'network', status: 0 });
  });

  it('times out an idempotent call as a timeout error, not outcome-unknown', async () => {
    nock(BASE).get('/v2/users/me').delay(5_000).reply(200, ok({}));
    const { client } = setup({ timeoutMs: 100 });
    const error = await rejection(client.api.users.me());
    expect(error).not.toBeInstanceOf(RestOutcomeUnknownError);
    expect(error).toMatchObject({ kind: 'timeout', status: 0, code: 'RestTimeout' });
  });

  it('honours a per-call timeout over the client one', async () => {
    nock(BASE).get('/v2/users/me').delay(5_000).reply(200, ok({}));
    const { client } = setup({ timeoutMs: 60_000 });
    const error = await rejection(client.api.users.me({ timeoutMs: 80 }));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as Error).message).toContain('80 ms');
  });

  it('stops when the caller aborts', async () => {
    nock(BASE).get('/v2/users/me').delay(5_000).reply(200, ok({}));
    const { client } = setup();
    const controller = new AbortController();
    const pending = rejection(client.api.users.me({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({ kind: 'aborted', status: 0 });
  });

  it('does not send at all when the signal is already aborted', async () => {
    let calls = 0;
    nock(BASE)
      .get('/v2/users/me')
      .reply(() => {
        calls += 1;
        return [200, ok({})];
      });
    const { client } = setup();
    const error = await rejection(client.api.users.me({ signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(calls).toBe(0);
  });
});

describe('an upload aborted before it left', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('is a plain aborted error, not outcome-unknown', async () => {
    let calls = 0;
    nock(BASE)
      .post('/v2/parcels/upload')
      .reply(() => {
        calls += 1;
        return [200, ok(1)];
      });
    const { client } = setup();
    const error = await rejection(client.api.parcels.upload({ fileName: 'a', content: 'SVNB' }, { signal: AbortSignal.abort() }));
    expect(error).not.toBeInstanceOf(RestOutcomeUnknownError);
    expect(error).toMatchObject({ kind: 'aborted', status: 0 });
    expect(calls).toBe(0);
  });
});

describe('retry helpers', () => {
  it('parses Retry-After seconds and dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('caps the backoff at maxDelayMs', () => {
    const options = { retries: 10, baseDelayMs: 100, maxDelayMs: 500, random: () => 0.999 };
    expect(backoffDelay(1, options)).toBe(99);
    expect(backoffDelay(10, options)).toBe(499);
  });

  it('keeps a floor under the full jitter: never a pause of (almost) nothing', () => {
    const zero = { retries: 10, baseDelayMs: 100, maxDelayMs: 8_000, random: () => 0 };
    expect(backoffDelay(1, zero)).toBe(50);
    expect(backoffDelay(5, zero)).toBe(50);
    expect(backoffDelay(1, { ...zero, minDelayMs: 120 })).toBe(120);
    expect(backoffDelay(3, { ...zero, random: () => 0.5 })).toBe(200);
    // The floor never exceeds the cap; a zero cap is an explicit "no pause".
    expect(backoffDelay(1, { ...zero, maxDelayMs: 20 })).toBe(20);
    expect(backoffDelay(1, { ...zero, baseDelayMs: 0, maxDelayMs: 0 })).toBe(0);
    expect(retryAfterDelay(0, zero)).toBe(50);
    expect(retryAfterDelay(2_000, zero)).toBe(2_000);
  });
});
