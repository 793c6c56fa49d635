import { ConfigurationError, SingleFlight, assertPasswordRule, emitSafely, readEnvConfig } from '@ecgrid-bridge/core';
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

export interface SoapSessionOptions extends Partial<SoapClientOptions> {
  /** Credentials; when absent they are read from `ECGrid__ApiKey`, or `ECGrid__Email` and `ECGrid__Password`. */
  credentials?: SoapCredentials;
  /** Decides whether a fault means the session expired; default: detail code `Authentication`. */
  isSessionExpired?: (fault: SoapFaultError) => boolean;
  /** An existing client to use instead of creating one from `endpoint`. */
  client?: SoapClient;
  env?: Record<string, string | undefined>;
}

export interface SoapSession {
  readonly client: SoapClient;
  readonly usesApiKey: boolean;
  /** Logs in (or again) and returns nothing: the SessionID stays inside unless asked for with `sessionId()`. */
  login(): Promise<void>;
  /** Ends the session. Never throws, so it is safe in `finally`; calling it twice is harmless. */
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

  let current: string | undefined = 'apiKey' in credentials ? credentials.apiKey : undefined;
  const loginFlight = new SingleFlight<string>();
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
    current = sessionId;
    return sessionId;
  }

  async function ensureSession(): Promise<string> {
    if (current !== undefined) return current;
    return loginFlight.run(() => doLogin('initial'));
  }

  /** Re-login shared by everyone who saw `stale` expire; a caller that saw an older session just takes the new one. */
  async function renew(stale: string, operation: string): Promise<string> {
    if (current !== undefined && current !== stale) return current;
    current = undefined;
    waitingForLogin += 1;
    const first = !loginFlight.pending;
    try {
      const fresh = await loginFlight.run(() => doLogin('session-expired'));
      if (first) emitSafely(options.onEvent, { type: 'relogin', operation, sharedBy: waitingForLogin });
      return fresh;
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
    const sessionId = await ensureSession();
    try {
      return await send(sessionId);
    } catch (err) {
      if (usesApiKey || !(err instanceof SoapFaultError) || !isSessionExpired(err)) throw err;
      return send(await renew(sessionId, operation));
    }
  }

  return {
    client,
    usesApiKey,
    async login() {
      if (usesApiKey) return;
      current = undefined;
      await loginFlight.run(() => doLogin('initial'));
    },
    async logout() {
      if (usesApiKey) return;
      // A login still in flight would otherwise leave a session open that no one ends.
      if (current === undefined && loginFlight.pending) await loginFlight.run(() => doLogin('initial')).catch(() => undefined);
      if (current === undefined) return;
      const sessionId = current;
      current = undefined;
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
    sessionId: () => current,
  };
}

/** Whether the operation's WSDL parameters include the SessionID. */
export function takesSessionId(operation: OperationName): boolean {
  return OPERATIONS[operation].params.some((p) => p.name === 'SessionID');
}

function credentialsFromEnv(env?: Record<string, string | undefined>): SoapCredentials {
  const config = readEnvConfig(env);
  if (config.apiKey) return { apiKey: config.apiKey };
  if (config.email && config.password) return { loginName: config.email, password: config.password };
  throw new ConfigurationError('No SOAP credentials: pass `credentials`, or set ECGrid__ApiKey, or ECGrid__Email and ECGrid__Password.');
}

function missing(what: string): never {
  throw new ConfigurationError(`No SOAP ${what}: pass it in options or set ECGrid__SoapUrl.`);
}
