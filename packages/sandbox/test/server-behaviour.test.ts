import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@ecgrid-bridge/core';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { restCall, soapCall } from './support/clients.js';

/** Each configurable server behaviour, set by option or by the admin controls, as a client sees it. */

const clock = new ManualClock(Date.parse('2025-06-01T12:00:00Z'));
const MINUTE = 60_000;
const delays: number[] = [];
let sb: RunningSandbox;

const key = () => ({ 'x-api-key': sb.credentials.apiKey });
const restMe = () => restCall(sb.restUrl, 'GET', '/v2/users/me', { headers: key() });
const login = async (): Promise<string> => {
  const r = await soapCall(sb.soapUrl, 'Login', { LoginName: sb.credentials.loginName, Password: sb.credentials.password });
  return String(r.result);
};
const token = async (): Promise<string> => {
  const r = await restCall(sb.restUrl, 'POST', '/v2/auth/login', { body: { login: sb.credentials.loginName, password: sb.credentials.password } });
  return (r.json!.data as { token: string }).token;
};
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

beforeAll(async () => {
  sb = await startSandbox({
    clock,
    sessionTtlMs: 10 * MINUTE,
    tokenTtlMs: 5 * MINUTE,
    delay: async (ms) => {
      delays.push(ms);
    },
  });
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.admin.clearFaults();
  sb.admin.setRateLimit(undefined);
  sb.admin.setSessionMaxCalls(undefined);
  sb.admin.setTokenRotation(true);
  sb.admin.setPageSizeCap(undefined);
  delays.length = 0;
});

describe('page-size cap', () => {
  it('returns fewer records than asked, reporting the size used, on every page', async () => {
    sb.admin.setPageSizeCap(1);
    const r = await restCall(sb.restUrl, 'POST', '/v2/networks/list', { headers: key(), body: { recordsPerPage: 50 } });
    expect(r.json?.data).toMatchObject({ recordsPerPage: 1, pageNo: 1 });
    const data = r.json!.data as { totalRecords: number; networks: unknown[] };
    expect(data.networks).toHaveLength(1);
    expect(data.totalRecords).toBeGreaterThanOrEqual(1);
  });
});

describe('token lifetime and rotation', () => {
  it('a token stops working once its lifetime is over', async () => {
    sb.admin.setTokenTtl(2 * MINUTE);
    const t = await token();
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/me', { headers: bearer(t) })).status).toBe(200);
    clock.advance(2 * MINUTE + 1);
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/me', { headers: bearer(t) })).json?.errorCode).toBe('InvalidSession');
    sb.admin.setTokenTtl(5 * MINUTE);
  });

  it('refresh invalidates the old token by default, and keeps it valid when rotation is off', async () => {
    const refresh = (t: string) => restCall(sb.restUrl, 'POST', '/v2/auth/refresh', { headers: bearer(t), body: { token: t } });
    const first = await token();
    expect((await refresh(first)).status).toBe(200);
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/me', { headers: bearer(first) })).status).toBe(401);

    sb.admin.setTokenRotation(false);
    const second = await token();
    const renewed = await refresh(second);
    expect(renewed.status).toBe(200);
    expect((await restCall(sb.restUrl, 'GET', '/v2/users/me', { headers: bearer(second) })).status).toBe(200);
    expect(sb.admin.settings.rotateTokens).toBe(false);
  });
});

describe('session expiry', () => {
  it('by inactivity time', async () => {
    const session = await login();
    clock.advance(10 * MINUTE + 1);
    const r = await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: session });
    expect(r.fault?.detail).toBe('Authentication');
  });

  it('by call count, set by admin or over HTTP', async () => {
    sb.admin.setSessionMaxCalls(2);
    const session = await login();
    for (let i = 0; i < 2; i++) expect((await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: session })).status).toBe(200);
    const third = await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: session });
    expect([third.fault?.detail, third.fault?.string]).toEqual(['Authentication', 'The session has expired; log in again']);

    const r = await restCall(sb.adminUrl, 'POST', '/settings', { body: { sessionMaxCalls: null } });
    expect(r.status).toBe(200);
    const fresh = await login();
    for (let i = 0; i < 3; i++) expect((await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: fresh })).status).toBe(200);
    expect((await restCall(sb.adminUrl, 'POST', '/settings', { body: { sessionMaxCalls: 0 } })).status).toBe(400);
  });
});

describe('latency', () => {
  it('delays the matching calls only', async () => {
    sb.admin.setLatency(300, { protocol: 'soap', operation: 'Version' });
    await soapCall(sb.soapUrl, 'Version');
    await restMe();
    expect(delays).toEqual([300]);
  });
});

describe('fault injection', () => {
  it('a 5xx on one operation, then normal service', async () => {
    sb.admin.injectFault({ kind: 'server-error', status: 503, operation: 'NetworkList', count: 1 });
    expect((await restCall(sb.restUrl, 'POST', '/v2/networks/list', { headers: key(), body: {} })).status).toBe(503);
    expect((await restCall(sb.restUrl, 'POST', '/v2/networks/list', { headers: key(), body: {} })).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('refuses requests past the budget with 429 and the seconds left in the window as Retry-After', async () => {
    sb.admin.setRateLimit({ calls: 2, windowMs: 10_000, protocol: 'rest' });
    expect((await restMe()).status).toBe(200);
    clock.advance(3_000);
    expect((await restMe()).status).toBe(200);
    const refused = await restMe();
    expect([refused.status, refused.headers.get('retry-after'), refused.json?.errorCode]).toEqual([429, '7', 'RateLimitExceeded']);
    // SOAP has its own budget here (protocol: rest).
    expect((await soapCall(sb.soapUrl, 'Version')).status).toBe(200);
    clock.advance(7_000);
    expect((await restMe()).status).toBe(200);
  });

  it('shares one budget across both protocols, and is set over HTTP', async () => {
    const r = await restCall(sb.adminUrl, 'POST', '/settings', { body: { rateLimit: { calls: 1, windowMs: 60_000 } } });
    expect((JSON.parse(r.text) as { settings: { rateLimit: unknown } }).settings.rateLimit).toEqual({ calls: 1, windowMs: 60_000, protocol: 'both' });
    expect((await restMe()).status).toBe(200);
    const soap = await soapCall(sb.soapUrl, 'WhoAmI', { SessionID: sb.credentials.apiKey });
    expect([soap.status, soap.headers.get('retry-after')]).toEqual([429, '60']);
    expect((await restCall(sb.adminUrl, 'POST', '/settings', { body: { rateLimit: { calls: 0, windowMs: 1 } } })).status).toBe(400);
  });
});
