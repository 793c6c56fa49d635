import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RestApiError,
  RestRequestRefusedError,
  apiKeyAuth,
  clientKeyAuth,
  createRestClient,
  type RestEvent,
} from '../src/index.js';
import { BASE, CANARY, expectNoSecrets, fail, netError, ok, resetNock } from './helpers.js';

const SECRETS = [CANARY.apiKey];

function counted(path: string) {
  const state = { calls: 0 };
  nock(BASE)
    .get(new RegExp(`^${path}`))
    .times(10)
    .reply(() => {
      state.calls += 1;
      return [200, ok(null)];
    });
  return state;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('credentials never go in a URL', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it.each(['apiKey', 'api_key', 'token', 'accessToken', 'password', 'sessionId', 'SessionID', 'secret', 'clientSecret'])(
    'refuses a query parameter named %s before sending',
    async (name) => {
      const wire = counted('/v2/things');
      const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
      const error = await rejection(client.request({ method: 'GET', path: '/v2/things', query: { [name]: 'x' } }));
      expect(error).toBeInstanceOf(RestRequestRefusedError);
      expect(error).toMatchObject({ reason: 'credential-in-url' });
      expect((error as Error).message).toContain(name);
      expect(wire.calls).toBe(0);
    },
  );

  it('refuses a known secret value under an innocent query name, without repeating it', async () => {
    const wire = counted('/v2/things');
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    const error = await rejection(client.request({ method: 'GET', path: '/v2/things', query: { q: CANARY.apiKey } }));
    expect(error).toMatchObject({ reason: 'credential-in-url' });
    expectNoSecrets(error, SECRETS);
    expect(wire.calls).toBe(0);
  });

  it('refuses a secret in a path parameter', async () => {
    const wire = counted('/v2/users');
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    const error = await rejection(client.request({ method: 'GET', path: '/v2/users/{id}', pathParams: { id: CANARY.apiKey } }));
    expect(error).toMatchObject({ reason: 'credential-in-url' });
    expectNoSecrets(error, SECRETS);
    expect(wire.calls).toBe(0);
  });

  it('sends ordinary query parameters', async () => {
    nock(BASE).get('/v2/things').query({ showInactive: 'true', page: '2' }).reply(200, ok([1]));
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    expect(await client.request({ method: 'GET', path: '/v2/things', query: { showInactive: true, page: 2, skip: undefined } })).toEqual([1]);
  });

  it.each(['https://elsewhere.test/v2/x', '//elsewhere.test/v2/x', '/v2/x?apiKey=1', '/v2/{id}'])(
    'refuses the malformed path %s',
    async (path) => {
      const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
      const error = await rejection(client.request({ method: 'GET', path }));
      expect(error).toBeInstanceOf(RestRequestRefusedError);
      expect(error).toMatchObject({ reason: 'invalid-request' });
    },
  );
});

describe('no credentials over plain http', () => {
  it('refuses a non-loopback http base URL', () => {
    const build = () => createRestClient({ baseUrl: 'http://rest.ecgrid.test', auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    expect(build).toThrow(RestRequestRefusedError);
    try {
      build();
    } catch (error) {
      expect(error).toMatchObject({ reason: 'insecure-http' });
    }
  });

  it.each(['http://127.0.0.1:8080', 'http://127.4.5.6', 'http://localhost:3000', 'http://[::1]:9000'])('allows loopback %s', (baseUrl) => {
    expect(createRestClient({ baseUrl, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) }).baseUrl).toContain('http://');
  });

  it('allows plain http elsewhere only when explicitly accepted', () => {
    const client = createRestClient({
      baseUrl: 'http://rest.ecgrid.test',
      auth: apiKeyAuth({ apiKey: CANARY.apiKey }),
      allowInsecureHttp: true,
    });
    expect(client.baseUrl).toBe('http://rest.ecgrid.test/');
  });

  it('applies the rule to the ECGrid__RestUrl variable too', () => {
    expect(() =>
      createRestClient({ env: { ECGrid__RestUrl: 'http://rest.ecgrid.test' }, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) }),
    ).toThrow(RestRequestRefusedError);
  });
});

describe('redirects', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('does not follow a redirect to another host, so no credential reaches it', async () => {
    let evilCalls = 0;
    nock(BASE).get('/v2/users/me').reply(302, '', { Location: 'https://evil.test/collect' });
    nock('https://evil.test')
      .get(/.*/)
      .times(5)
      .reply(() => {
        evilCalls += 1;
        return [200, ok({})];
      });
    const client = createRestClient({ baseUrl: BASE, auth: apiKeyAuth({ apiKey: CANARY.apiKey }) });
    const error = await rejection(client.api.users.me());
    expect(error).toBeInstanceOf(RestApiError);
    expect(error).toMatchObject({ kind: 'redirect', status: 302 });
    expect(evilCalls).toBe(0);
  });

  it('does not follow a redirect of the client-key header either', async () => {
    let evilCalls = 0;
    nock(BASE).get('/api/api-info').reply(307, '', { Location: 'https://evil.test/api/api-info' });
    nock('https://evil.test')
      .get(/.*/)
      .reply(() => {
        evilCalls += 1;
        return [200, ok({})];
      });
    const client = createRestClient({
      baseUrl: BASE,
      auth: clientKeyAuth({ clientKey: CANARY.clientKey, clientSecret: CANARY.clientSecret }),
    });
    expect(await rejection(client.request({ method: 'GET', path: 'api/api-info' }))).toMatchObject({ kind: 'redirect', status: 307 });
    expect(evilCalls).toBe(0);
  });
});

describe('redaction canaries', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  function client(events: RestEvent[]) {
    return createRestClient({
      baseUrl: BASE,
      auth: apiKeyAuth({ apiKey: CANARY.apiKey }),
      retry: false,
      onEvent: (e) => events.push(e),
    });
  }

  it('scrubs a key the server echoes in its error message', async () => {
    nock(BASE).get('/v2/users/me').reply(401, fail('InvalidAPIKey', `API key ${CANARY.apiKey} is not valid`));
    const events: RestEvent[] = [];
    const error = await rejection(client(events).api.users.me());
    expect(error).toMatchObject({ errorCode: 'InvalidAPIKey', status: 401 });
    expect((error as Error).message).toContain('[REDACTED]');
    expectNoSecrets(error, SECRETS);
    expectNoSecrets(events, SECRETS);
  });

  it('scrubs a key echoed in an HTML error page', async () => {
    nock(BASE)
      .get('/v2/users/me')
      .reply(500, `<html><pre>X-API-Key: ${CANARY.apiKey}</pre></html>`, { 'Content-Type': 'text/html' });
    const error = await rejection(client([]).api.users.me());
    expect(error).toMatchObject({ kind: 'bad-body', status: 500 });
    expectNoSecrets(error, SECRETS);
  });

  it('scrubs a key echoed in an error code field', async () => {
    nock(BASE).get('/v2/users/me').reply(400, fail(`Bad-${CANARY.apiKey}`));
    const error = await rejection(client([]).api.users.me());
    expectNoSecrets(error, SECRETS);
  });

  it('scrubs a key inside a network error message and drops the axios request config', async () => {
    nock(BASE).get('/v2/users/me').replyWithError(netError('ECONNRESET', `reset while sending ${CANARY.apiKey}`));
    const error = await rejection(client([]).api.users.me());
    expect(error).toMatchObject({ kind: 'network', status: 0 });
    expectNoSecrets(error, SECRETS);
    expect(JSON.stringify(error)).not.toContain('headers');
  });

  it('emits events without headers or secrets', async () => {
    nock(BASE).get('/v2/users/me').reply(200, ok({ echo: CANARY.apiKey }));
    const events: RestEvent[] = [];
    await client(events).api.users.me();
    expect(events.map((e) => e.type)).toEqual(['request', 'response']);
    expectNoSecrets(events, SECRETS);
  });

  it('survives a throwing event listener', async () => {
    nock(BASE).get('/v2/users/me').reply(200, ok({ userId: 1 }));
    const c = createRestClient({
      baseUrl: BASE,
      auth: apiKeyAuth({ apiKey: CANARY.apiKey }),
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect(await c.api.users.me()).toEqual({ userId: 1 });
  });
});
