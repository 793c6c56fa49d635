import type { IncomingMessage } from 'node:http';
import type { FacadeCallOptions, FacadeOperation, FacadeParams } from '@ecgrid-bridge/facade';
import {
  type SoapRequest,
  type SoapServerFault,
  type SoapVersion,
  ResultEncodingError,
  readSoapRequest,
  responseEnvelope,
  faultEnvelope,
} from '@ecgrid-bridge/soap';
import { Redactor } from '@ecgrid-bridge/core';
import { faultFor, sessionFault } from './faults.js';
import { GatewaySessionError, type LiveSession, type SessionRegistry } from './sessions.js';

/** What one SOAP request produced: the envelope to send and how to count it. */
export interface SoapAnswer {
  readonly status: number;
  readonly version: SoapVersion;
  readonly body: string;
  readonly operation: string;
  /** `ok`, or the fault's ECGridOS category. */
  readonly outcome: string;
  readonly faultstring?: string;
}

export interface SoapEndpointOptions {
  readonly sessions: SessionRegistry;
  readonly callTimeoutMs: number;
  readonly maxDepth: number;
}

/** The version a fault is written in when the request could not be read: the one its Content-Type names. */
const versionOf = (req: IncomingMessage): SoapVersion =>
  String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/soap+xml') ? '1.2' : '1.1';

export function faultAnswer(fault: SoapServerFault, version: SoapVersion, operation = 'unknown'): SoapAnswer {
  return { status: fault.httpStatus, version, body: faultEnvelope(fault, version), operation, outcome: fault.errorCode, faultstring: fault.faultstring };
}

/**
 * Serves one SOAP request: reads it strictly (the SOAP package's server reader), runs it through the client's
 * session facade, and writes the answer with the project's codec in the WSDL's shape.
 */
export async function serveSoap(req: IncomingMessage, body: string, options: SoapEndpointOptions, signal: AbortSignal): Promise<SoapAnswer> {
  const read = readSoapRequest(req.headers, body, { maxDepth: options.maxDepth });
  if ('faultcode' in read) return faultAnswer(read, versionOf(req), 'unknown');
  let live: LiveSession | undefined;
  try {
    const result = await dispatch(read, options, signal, (session) => (live = session));
    return { status: 200, version: read.version, body: responseEnvelope(read.spec, result, read.version), operation: read.operation, outcome: 'ok' };
  } catch (err) {
    if (err instanceof GatewaySessionError) return faultAnswer(sessionFault(err.message), read.version, read.operation);
    if (err instanceof ResultEncodingError) {
      return faultAnswer({ faultcode: 'soap:Server', faultstring: 'the backend answered a value the WSDL cannot carry', errorCode: 'SystemError', httpStatus: 500 }, read.version, read.operation);
    }
    const redactor = (live as LiveSession | undefined)?.redactor ?? new Redactor(loginSecrets(read));
    return faultAnswer(faultFor(err, redactor), read.version, read.operation);
  }
}

/** The secrets a request carries before any session knows them: the password of a Login, a SessionID. */
function loginSecrets(request: SoapRequest): string[] {
  return ['Password', 'SessionID'].map((p) => request.params[p]).filter((v): v is string => typeof v === 'string');
}

async function dispatch(request: SoapRequest, options: SoapEndpointOptions, signal: AbortSignal, bind: (live: LiveSession) => void): Promise<unknown> {
  const { operation, params } = request;
  const callOptions: FacadeCallOptions = { timeoutMs: options.callTimeoutMs, signal };
  if (operation === 'Login') {
    const loginName = typeof params['LoginName'] === 'string' ? params['LoginName'] : '';
    const password = typeof params['Password'] === 'string' ? params['Password'] : '';
    const live = await options.sessions.login(loginName, password);
    bind(live);
    return live.sessionId;
  }
  if (!request.spec.params.some((p) => p.name === 'SessionID')) {
    const live = options.sessions.anonymous();
    bind(live);
    return live.facade.invoke(operation, facadeParams(operation, params), callOptions);
  }
  const { SessionID, ...rest } = params;
  const live = await options.sessions.resolve(typeof SessionID === 'string' ? SessionID : undefined);
  bind(live);
  if (operation === 'Logout') {
    const result = await live.facade.Logout();
    await options.sessions.logout(live);
    return result;
  }
  const result = await live.facade.invoke(operation, facadeParams(operation, rest), callOptions);
  if (operation === 'WhoAmI' && typeof result === 'object' && result !== null) {
    // The facade withholds its backends' SessionIDs; the client's own is the gateway's ('' for an API key, as ECGridOS answers).
    return { ...result, SessionID: live.sessionId };
  }
  return result;
}

/** The request's parameters, read and checked against the operation's WSDL parameters by the SOAP reader. */
function facadeParams<Op extends FacadeOperation>(_operation: Op, params: Record<string, unknown>): FacadeParams<Op> {
  return params as FacadeParams<Op>;
}
