import http from 'node:http';
import https from 'node:https';
import { type EventListener, Redactor, type RequestHook, assertHttpUrl, emitSafely, hookHeaders, isLoopbackHost } from '@ecgrid-bridge/core';
import { OPERATIONS } from './generated/index.js';
import type { OperationName, OperationParams, OperationResults } from './generated/index.js';
import { buildEnvelope } from './codec/encode.js';
import { decodeResponse } from './codec/decode.js';
import { SoapFaultError, SoapRequestError, SoapTransportError } from './errors.js';
import { postEnvelope } from './transport.js';

export type SoapEvent =
  | { type: 'request'; operation: string }
  | { type: 'response'; operation: string; httpStatus: number; durationMs: number }
  | { type: 'fault'; operation: string; faultCode: string; errorCode: string | undefined; durationMs: number }
  | { type: 'error'; operation: string; error: string; durationMs: number }
  | { type: 'login'; reason: 'initial' | 'session-expired' }
  | { type: 'relogin'; operation: string; sharedBy: number }
  | { type: 'logout'; serverConfirmed: boolean };

export interface SoapClientOptions {
  /** The service address, e.g. `https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx`. */
  endpoint: string;
  /** Bounds each whole call; default 30 s. */
  timeoutMs?: number | undefined;
  /** Responses larger than this are refused; default 256 MiB. */
  maxResponseBytes?: number | undefined;
  /** Plain http to a non-loopback host is refused unless allowed: session IDs and passwords travel in the body. */
  allowInsecureHttp?: boolean | undefined;
  onEvent?: EventListener<SoapEvent> | undefined;
  /** Adds headers to every request (`traceparent`, say); the SOAP headers themselves always win. */
  requestHook?: RequestHook | undefined;
  /**
   * Secrets known to this redactor are removed from every error. The client adds the secrets it handles itself:
   * every parameter a call sends under a credential name (`SessionID`, `Password`, `NewPassword`, `SecretKey`, …)
   * is masked in that call's errors, and the SessionID a `Login` returns is added for good.
   */
  redactor?: Redactor | undefined;
}

export interface CallOptions {
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface SoapClient {
  readonly endpoint: string;
  readonly redactor: Redactor;
  call<Op extends OperationName>(operation: Op, params: OperationParams[Op], options?: CallOptions): Promise<OperationResults[Op]>;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

/** A stateless ECGridOS SOAP 1.1 client: one method, `call`, for any operation of the generated table. */
export function createSoapClient(options: SoapClientOptions): SoapClient {
  const endpoint = assertHttpUrl(options.endpoint, 'SOAP endpoint');
  if (endpoint.protocol === 'http:' && !isLoopbackHost(endpoint.hostname) && !options.allowInsecureHttp) {
    throw new SoapRequestError('*', 'refusing plain http:// to a non-loopback host (set allowInsecureHttp to override)');
  }
  const redactor = options.redactor ?? new Redactor();
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  const agent = endpoint.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const transport = {
    endpoint,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: options.maxResponseBytes ?? 256 * 1024 * 1024,
    agent,
  };

  async function call<Op extends OperationName>(
    operation: Op,
    params: OperationParams[Op],
    callOptions: CallOptions = {},
  ): Promise<OperationResults[Op]> {
    const spec = OPERATIONS[operation];
    if (!spec) throw new SoapRequestError(String(operation), 'unknown operation');
    // This call's credentials (its SessionID, a Login's password…) are masked in whatever it throws.
    const callRedactor = redactor.derive();
    callRedactor.addSensitiveFields(params);
    const body = buildEnvelope(spec, params as Record<string, unknown>);
    const started = performance.now();
    emitSafely(options.onEvent, { type: 'request', operation });
    try {
      const headers = hookHeaders(options.requestHook, { transport: 'soap', method: 'POST', path: endpoint.pathname, operation });
      const answer = await postEnvelope(transport, {
        operation,
        soapAction: spec.soapAction,
        body,
        headers,
        timeoutMs: callOptions.timeoutMs ?? transport.timeoutMs,
        signal: callOptions.signal,
        redactor: callRedactor,
      });
      const result = decodeResponse(spec, answer, callRedactor) as OperationResults[Op];
      if (answer.status !== 200) {
        throw new SoapTransportError(
          { operation, kind: 'http', httpStatus: answer.status, message: `unexpected HTTP ${answer.status} with a result` },
          { redactor: callRedactor },
        );
      }
      // A SessionID is a credential from the moment it exists: whoever holds this client may echo it later.
      if (operation === 'Login' && typeof result === 'string') redactor.add(result);
      emitSafely(options.onEvent, {
        type: 'response',
        operation,
        httpStatus: answer.status,
        durationMs: performance.now() - started,
      });
      return result;
    } catch (err) {
      const durationMs = performance.now() - started;
      if (err instanceof SoapFaultError) {
        emitSafely(options.onEvent, { type: 'fault', operation, faultCode: err.faultCode, errorCode: err.errorCode, durationMs });
      } else {
        emitSafely(options.onEvent, { type: 'error', operation, error: err instanceof Error ? err.name : 'Error', durationMs });
      }
      throw err;
    }
  }

  const client = { endpoint: endpoint.toString(), call, close: () => agent.destroy() } as SoapClient;
  // Not enumerable: the redactor holds the secrets, and logging a client or session must not print them.
  Object.defineProperty(client, 'redactor', { value: redactor, enumerable: false });
  return client;
}
