import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoapClient } from '@ecgrid-bridge/soap';
import { type RunningSandbox, startSandbox } from '../src/index.js';

describe('admin: auth activity', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('counts SOAP logins, issued tokens, refreshes and refused credentials, also over HTTP', async () => {
    const soap = createSoapClient({ endpoint: sandbox.soapUrl });
    const start = sandbox.admin.authActivity();
    const sessionId = await soap.call('Login', { LoginName: sandbox.credentials.loginName, Password: sandbox.credentials.password });
    await soap.call('WhoAmI', { SessionID: sessionId! });
    await expect(soap.call('WhoAmI', { SessionID: 'not-a-session' })).rejects.toThrow();

    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${sandbox.restUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data: { token: string } | null } }));
    const login = await post('/v2/auth/login', { login: sandbox.credentials.loginName, password: sandbox.credentials.password });
    const token = login.body.data!.token;
    const refreshed = await post('/v2/auth/refresh', { token }, token);
    expect(refreshed.status).toBe(200);
    // The old token was rotated: presenting it again is refused.
    expect((await post('/v2/auth/refresh', { token }, refreshed.body.data!.token)).status).toBe(401);

    const now = sandbox.admin.authActivity();
    expect(now.soapLogins - start.soapLogins).toBe(1);
    expect(now.refusedSessions - start.refusedSessions).toBe(1);
    expect(now.tokensIssued - start.tokensIssued).toBe(2);
    expect(now.refreshes - start.refreshes).toBe(1);
    expect(now.refusedRefreshes - start.refusedRefreshes).toBe(1);
    const overHttp = (await (await fetch(`${sandbox.adminUrl}/auth-activity`)).json()) as Record<string, number>;
    expect(overHttp).toEqual(now);
  });
});
