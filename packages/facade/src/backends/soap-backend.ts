import { ConfigurationError, Redactor } from '@ecgrid-bridge/core';
import {
  type SessionOperationName,
  type SessionParams,
  type SoapCredentials,
  type SoapEvent,
  type SoapSession,
  createSoapSession,
} from '@ecgrid-bridge/soap';
import type { EventListener } from '@ecgrid-bridge/core';
import { normalizeError } from '../normalize-error.js';
import type { FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';
import { type Backend, type InvokeOptions, SESSION_HANDLE } from './backend.js';

export interface SoapBackendOptions {
  endpoint?: string;
  credentials?: SoapCredentials;
  timeoutMs?: number;
  allowInsecureHttp?: boolean;
  onEvent?: EventListener<SoapEvent>;
  /** Use an existing session instead. */
  session?: SoapSession;
  redactor?: Redactor;
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
      redactor: options.redactor,
    });
  };

  async function invoke<Op extends FacadeOperation>(
    operation: Op,
    params: FacadeParams<Op>,
    callOptions: InvokeOptions = {},
  ): Promise<FacadeResult<Op>> {
    try {
      if (operation === 'Login') {
        const p = params as FacadeParams<'Login'>;
        const explicit = p.LoginName && p.Password ? { loginName: p.LoginName, password: p.Password } : undefined;
        if (explicit || !session) {
          await session?.logout();
          session = open(explicit);
        }
        await session.login();
        return SESSION_HANDLE as FacadeResult<Op>;
      }
      if (operation === 'Logout') {
        await session?.logout();
        return 0 as FacadeResult<Op>;
      }
      session ??= open();
      if (operation === 'Version') {
        return (await session.callUnauthenticated('Version', {}, callOptions)) as FacadeResult<Op>;
      }
      const op = operation as unknown as SessionOperationName;
      return (await session.call(op, params as unknown as SessionParams<typeof op>, callOptions)) as FacadeResult<Op>;
    } catch (err) {
      throw normalizeError(err, operation, 'soap');
    }
  }

  return {
    name: 'soap',
    invoke,
    async close() {
      await session?.logout();
      session?.client.close();
    },
  };
}
