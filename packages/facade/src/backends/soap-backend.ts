import { ConfigurationError, type CredentialStore, Redactor, type RequestHook } from '@ecgrid-bridge/core';
import {
  type SoapCredentials,
  type SoapEvent,
  type SoapSession,
  createSoapSession,
} from '@ecgrid-bridge/soap';
import type { EventListener } from '@ecgrid-bridge/core';
import { MAPPINGS } from '../mapping/index.js';
import { normalizeError } from '../normalize-error.js';
import type { FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';
import { type Backend, type InvokeOptions, sessionResultOf } from './backend.js';

export interface SoapBackendOptions {
  endpoint?: string | undefined;
  credentials?: SoapCredentials | undefined;
  timeoutMs?: number | undefined;
  allowInsecureHttp?: boolean | undefined;
  onEvent?: EventListener<SoapEvent> | undefined;
  /** Adds headers to every SOAP request (see `createSoapClient`). */
  requestHook?: RequestHook | undefined;
  /** Use an existing session instead. */
  session?: SoapSession | undefined;
  redactor?: Redactor | undefined;
  /** Where the SessionID lives; see `createSoapSession`. */
  credentialStore?: CredentialStore | undefined;
}

/** Serves facade calls with the SOAP session manager (SessionID injection, re-login on session faults). */
export function createSoapBackend(options: SoapBackendOptions): Backend {
  let session: SoapSession | undefined = options.session;
  const open = (credentials?: SoapCredentials): SoapSession => {
    if (!options.endpoint && !options.session) throw new ConfigurationError('The SOAP backend needs an endpoint.');
    return createSoapSession({
      endpoint: options.endpoint,
      credentials: credentials ?? options.credentials,
      timeoutMs: options.timeoutMs,
      allowInsecureHttp: options.allowInsecureHttp,
      onEvent: options.onEvent,
      requestHook: options.requestHook,
      redactor: options.redactor,
      credentialStore: options.credentialStore,
    });
  };

  async function invoke<Op extends FacadeOperation>(
    operation: Op,
    params: FacadeParams<Op>,
    callOptions: InvokeOptions = {},
  ): Promise<FacadeResult<Op>> {
    try {
      const kind = MAPPINGS[operation].kind;
      if (kind === 'login') {
        const loginName = Reflect.get(params, 'LoginName');
        const password = Reflect.get(params, 'Password');
        const explicit =
          typeof loginName === 'string' && loginName && typeof password === 'string' && password ? { loginName, password } : undefined;
        if (explicit || !session) {
          await session?.logout();
          session = open(explicit);
        }
        await session.login();
        return sessionResultOf(operation);
      }
      if (kind === 'logout') {
        await session?.logout();
        return sessionResultOf(operation);
      }
      session ??= open();
      return withhold(MAPPINGS[operation].withheld, await session.invoke(operation, params, callOptions));
    } catch (err) {
      throw normalizeError(err, operation, 'soap');
    }
  }

  return {
    name: 'soap',
    invoke,
    async close() {
      // A shared session stays with the other processes; it ends with its expiry or an explicit Logout.
      if (!session?.sharesSession) await session?.logout();
      session?.client.close();
    },
  };
}


/** Leaves out of a record result the fields that are the session's own credentials. */
function withhold<T>(fields: readonly string[] | undefined, result: T): T {
  if (!fields || typeof result !== 'object' || result === null) return result;
  for (const field of fields) Reflect.deleteProperty(result, field);
  return result;
}
