import {
  ConfigurationError,
  type CredentialStore,
  type HeldCredential,
  SharedCredential,
  assertPasswordRule,
  credentialKey,
  emitSafely,
  readEnvConfig,
} from '@ecgrid-bridge/core';
import type {
  OperationName,
  OperationParams,
  OperationResults,
  SessionInfo,
  SessionLogInfo,
  SessionOperationName,
} from './generated/index.js';
import { OPERATIONS } from './generated/index.js';
import { type CallOptions, type SoapClient, type SoapClientOptions, createSoapClient } from './client.js';
import { SoapFaultError, SoapProtocolError } from './errors.js';

export type SoapCredentials = { loginName: string; password: string } | { apiKey: string };


export type { SessionOperationName };

export type SessionParams<Op extends OperationName> = Omit<OperationParams[Op], 'SessionID'>;

/** Every client option, optional, and accepting `undefined` (for callers under `exactOptionalPropertyTypes`). */
type OptionalClientOptions = { [K in keyof SoapClientOptions]?: SoapClientOptions[K] | undefined };

export interface SoapSessionOptions extends OptionalClientOptions {
  /** Credentials; when absent they are read from `ECGrid__ApiKey`, or `ECGrid__Email` and `ECGrid__Password`. */
  credentials?: SoapCredentials | undefined;
  /** Decides whether a fault means the session expired; default: detail code `Authentication`. */
  isSessionExpired?: ((fault: SoapFaultError) => boolean) | undefined;
  /** An existing client to use instead of creating one from `endpoint`. */
  client?: SoapClient | undefined;
  env?: Record<string, string | undefined> | undefined;
  /**
   * Where the SessionID lives. Default: this session alone. A shared store (`@ecgrid-bridge/redis-store`) gives every
   * process with the same endpoint and login one session, and one re-login for all of them when it expires.
   */
  credentialStore?: CredentialStore | undefined;
  /**
   * How long a stored SessionID is kept, since the service does not say when a session ends (it expires after a
   * period of inactivity); default 20 minutes. A session that ends sooner is refused and renewed once for everyone.
   */
  sessionTtlMs?: number | undefined;
}

export interface SoapSession {
  readonly client: SoapClient;
  readonly usesApiKey: boolean;
  /** True when the SessionID lives in a store other processes share. */
  readonly sharesSession: boolean;
  /**
   * Logs in (or again) and returns nothing: the SessionID stays inside unless asked for with `sessionId()`. With a
   * shared store it joins the shared session when there is a live one.
   */
  login(): Promise<void>;
  /**
   * Ends the session (for every process, when it is shared). Never throws, so it is safe in `finally`; calling it
   * twice is harmless.
   */
  logout(): Promise<void>;
  /** The wire operation is `WhoAmI`. */
  sessionInfo(options?: CallOptions): Promise<SessionInfo | undefined>;
  sessionLog(maxRecords: number, options?: CallOptions): Promise<SessionLogInfo[] | undefined>;
  call<Op extends SessionOperationName>(
    operation: Op,
    params: SessionParams<Op>,
    options?: CallOptions,
  ): Promise<OperationResults[Op]>;
  /** Operations without a SessionID (Version, NowUTC, …) pass straight through. */
  callUnauthenticated<Op extends Exclude<OperationName, SessionOperationName>>(
    operation: Op,
    params: OperationParams[Op],
    options?: CallOptions,
  ): Promise<OperationResults[Op]>;
  /** Any operation: the SessionID is injected (with re-login) when the operation takes one, per its WSDL parameters. */
  invoke<Op extends OperationName>(operation: Op, params: SessionParams<Op>, options?: CallOptions): Promise<OperationResults[Op]>;
  /** The current SessionID (or API key), for callers that really need it. */
  sessionId(): string | undefined;
}

export const defaultIsSessionExpired = (fault: SoapFaultError): boolean =>
  fault.errorCode?.toLowerCase() === 'authentication';

/**
 * The SOAP session manager: logs in lazily, injects the SessionID, and on a session-expired fault logs in again
 * once — shared by every concurrent caller that saw the same expired session — and retries each call once.
 */
export function createSoapSession(options: SoapSessionOptions): SoapSession {
  const credentials = options.credentials ?? credentialsFromEnv(options.env);
  const client =
    options.client ??
    createSoapClient({
      ...options,
      endpoint: options.endpoint ?? readEnvConfig(options.env).soapUrl ?? missing('endpoint'),
    });
  const redactor = client.redactor;
  const isSessionExpired = options.isSessionExpired ?? defaultIsSessionExpired;
  const usesApiKey = 'apiKey' in credentials;
  if ('apiKey' in credentials) redactor.add(credentials.apiKey);
  else redactor.add(credentials.password);

  let waitingForLogin = 0;

  async function doLogin(reason: 'initial' | 'session-expired'): Promise<string> {
    if ('apiKey' in credentials) return credentials.apiKey;
    assertPasswordRule(credentials.password);
    emitSafely(options.onEvent, { type: 'login', reason });
    const sessionId = await client.call('Login', { LoginName: credentials.loginName, Password: credentials.password });
    if (!sessionId) {
      throw new SoapProtocolError({ operation: 'Login', kind: 'invalid-value', httpStatus: 200, message: 'Login returned no SessionID' });
    }
    redactor.add(sessionId);
    return sessionId;
  }

  const slot = new SharedCredential<string>({
    store: options.credentialStore,
    key: credentialKey('soap-session', client.endpoint, 'apiKey' in credentials ? '' : credentials.loginName.toLowerCase()),
    acquire: async (_base, cause) => ({ value: await doLogin(cause === 'initial' ? 'initial' : 'session-expired'), expiresAtMs: undefined }),
    adopt: (sessionId) => redactor.add(sessionId),
    ttlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
  });
  const apiKeyHeld: HeldCredential<string> | undefined =
    'apiKey' in credentials ? { value: credentials.apiKey, generation: 0, expiresAtMs: undefined } : undefined;

  const ensureSession = (): Promise<HeldCredential<string>> => (apiKeyHeld ? Promise.resolve(apiKeyHeld) : slot.get());

  /** Re-login shared by everyone who saw `stale` expire; a caller that saw an older session just takes the new one. */
  async function renew(stale: HeldCredential<string>, operation: string): Promise<string> {
    const current = slot.peek();
    if (current && current.value !== stale.value) return current.value;
    waitingForLogin += 1;
    const first = !slot.renewing;
    try {
      const fresh = await slot.renewAfterRejection(stale);
      if (first) emitSafely(options.onEvent, { type: 'relogin', operation, sharedBy: waitingForLogin });
      return fresh.value;
    } finally {
      waitingForLogin -= 1;
    }
  }

  async function call<Op extends OperationName>(
    operation: Op,
    params: SessionParams<Op>,
    callOptions?: CallOptions,
  ): Promise<OperationResults[Op]> {
    const send = (sessionId: string) =>
      client.call(operation, { ...params, SessionID: sessionId } as OperationParams[Op], callOptions);
    const held = await ensureSession();
    try {
      return await send(held.value);
    } catch (err) {
      if (usesApiKey || !(err instanceof SoapFaultError) || !isSessionExpired(err)) throw err;
      return send(await renew(held, operation));
    }
  }

  return {
    client,
    usesApiKey,
    sharesSession: slot.store.shared,
    async login() {
      if (usesApiKey) return;
      if (slot.store.shared) await slot.get();
      else await slot.renewNow();
    },
    async logout() {
      if (usesApiKey) return;
      // A login still in flight would otherwise leave a session open that no one ends.
      const held = slot.peek() ?? (await slot.settled());
      if (held === undefined) return;
      const sessionId = held.value;
      await slot.clear().catch(() => undefined);
      let serverConfirmed = false;
      try {
        await client.call('Logout', { SessionID: sessionId });
        serverConfirmed = true;
      } catch {
        // The local session is gone either way; a failed Logout only leaves the server to expire it.
      }
      emitSafely(options.onEvent, { type: 'logout', serverConfirmed });
    },
    sessionInfo: (callOptions) => call('WhoAmI', {}, callOptions),
    sessionLog: (maxRecords, callOptions) => call('SessionLog', { MaxRecords: maxRecords }, callOptions),
    call,
    callUnauthenticated: (operation, params, callOptions) => client.call(operation, params, callOptions),
    invoke: (operation, params, callOptions) =>
      takesSessionId(operation)
        ? call(operation, params, callOptions)
        : client.call(operation, params as OperationParams[typeof operation], callOptions),
    sessionId: () => apiKeyHeld?.value ?? slot.peek()?.value,
  };
}

/** Whether the operation's WSDL parameters include the SessionID. */
export function takesSessionId(operation: OperationName): boolean {
  return OPERATIONS[operation].params.some((p) => p.name === 'SessionID');
}

/** The inactivity timeout assumed for a stored SessionID (the sandbox's default; the WSDL does not state one). */
const DEFAULT_SESSION_TTL_MS = 20 * 60_000;

function credentialsFromEnv(env?: Record<string, string | undefined>): SoapCredentials {
  const config = readEnvConfig(env);
  if (config.apiKey) return { apiKey: config.apiKey };
  if (config.email && config.password) return { loginName: config.email, password: config.password };
  throw new ConfigurationError('No SOAP credentials: pass `credentials`, or set ECGrid__ApiKey, or ECGrid__Email and ECGrid__Password.');
}

function missing(what: string): never {
  throw new ConfigurationError(`No SOAP ${what}: pass it in options or set ECGrid__SoapUrl.`);
}
