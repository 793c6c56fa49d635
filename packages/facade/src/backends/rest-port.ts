import {
  type AuthStrategy,
  type RestClient,
  type RestClientOptions,
  apiKeyAuth,
  createRestClient,
  jwtAuth,
} from '@ecgrid-bridge/rest';
import type { CredentialStore } from '@ecgrid-bridge/core';
import type { SoapCredentials } from '@ecgrid-bridge/soap';
import type { RestPort } from './rest-backend.js';

export interface RestPortOptions extends Omit<RestClientOptions, 'auth'> {
  /** An API key becomes `X-API-Key`; a login name and password become a Bearer JWT session. */
  credentials?: SoapCredentials | undefined;
  /** Overrides the strategy built from `credentials` (client key/secret, token exchange, …). */
  auth?: AuthStrategy | undefined;
  /** The JWT login body's field for the login name (default `email`, as in the authentication guide). */
  loginField?: 'email' | 'login' | undefined;
  /** Where the JWT session built from `credentials` lives (a strategy passed as `auth` names its own store). */
  credentialStore?: CredentialStore | undefined;
}

function strategyFor(options: RestPortOptions, credentials?: SoapCredentials): AuthStrategy {
  if (!credentials && options.auth) return options.auth;
  const creds = credentials ?? options.credentials;
  if (creds && 'apiKey' in creds) return apiKeyAuth({ apiKey: creds.apiKey });
  if (creds) {
    return jwtAuth({ email: creds.loginName, password: creds.password, loginField: options.loginField, credentialStore: options.credentialStore });
  }
  return apiKeyAuth({ env: options.env });
}

/**
 * A REST port over the REST client. `Login` with explicit credentials starts a fresh client with a JWT session;
 * with none, it obtains the configured credential right away so that failures show at Login, as on SOAP.
 */
export function createRestPort(options: RestPortOptions): RestPort & { client(): RestClient } {
  const build = (credentials?: SoapCredentials): RestClient => {
    const auth = strategyFor(options, credentials);
    return createRestClient({ ...options, auth });
  };
  let client = build();

  return {
    client: () => client,
    request: (req) =>
      client.request({
        method: req.method,
        path: client.paths[req.endpoint],
        pathParams: req.pathParams,
        query: req.query,
        body: req.body,
        idempotent: req.idempotent,
        timeoutMs: req.timeoutMs,
        signal: req.signal,
      }),
    async login(credentials) {
      if (credentials) {
        await client.auth.logout?.().catch(() => undefined);
        client = build(credentials);
      }
      await client.auth.authenticate();
    },
    async logout() {
      try {
        await client.auth.logout?.();
      } catch {
        // The local credential is dropped either way.
      }
      client.auth.invalidate();
    },
    async close() {
      // A shared session stays with the other processes; it ends with its expiry or an explicit Logout.
      if (client.auth.sharesCredential) return;
      await this.logout();
    },
  };
}
