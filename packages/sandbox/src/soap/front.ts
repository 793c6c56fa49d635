import type { IncomingMessage, ServerResponse } from 'node:http';
import * as soap from 'soap';
import { OPERATIONS, SERVICE, renderWsdl } from '@ecgrid-bridge/soap';
import { ServiceError } from '../errors.js';
import type { FaultInjector, FaultDecision } from '../faults.js';
import { BodyTooLarge, HTML_ERROR_PAGE, clientIp, gatewayPage, readBody, send } from '../http.js';
import { SANDBOX_OPERATIONS, type SandboxOperation, entryOf } from '../operations/index.js';
import type { Caller } from '../service/auth.js';
import type { SandboxService } from '../service/service.js';
import { type CheckedRequest, type SoapFault, checkRequest, faultEnvelope, nodeSoapFault } from './envelope.js';
import { withDefaults } from './params.js';
import { toWire } from './wire.js';

export interface SoapFrontOptions {
  readonly service: SandboxService;
  readonly faults: FaultInjector;
  /** The endpoint path, e.g. `/v4.1/prod/ECGridOS.asmx`. */
  readonly path: string;
  /** The endpoint's absolute URL, written into the WSDL. */
  readonly address: string;
  /** Waits out injected latency. */
  readonly delay: (ms: number) => Promise<void>;
}

export interface SoapFront {
  readonly wsdl: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

type NodeSoapListener = (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => void;

const XML = 'text/xml; charset=utf-8';

const RETURN_CODES: Readonly<Record<string, string>> = {
  Authentication: 'SessionTimeout',
  Authorization: 'AccessDenied',
  ObjectNotFound: 'NotFound',
  InvalidParameter: 'DataError',
  SystemError: 'InternalError',
};

/**
 * The SOAP 1.1 front: requests are checked strictly here, then served by node-soap (an independent SOAP stack)
 * from a WSDL rendered from the generated operation table; the operations themselves are the shared service's.
 */
export async function createSoapFront(options: SoapFrontOptions): Promise<SoapFront> {
  const { service, faults } = options;
  const wsdl = renderWsdl({ operations: SANDBOX_OPERATIONS, address: options.address });
  const prepared = new WeakMap<IncomingMessage, { checked: CheckedRequest; ip: string }>();

  async function run(operation: SandboxOperation, req: IncomingMessage): Promise<Record<string, unknown>> {
    const call = prepared.get(req);
    if (!call) throw nodeSoapFault(new ServiceError('SystemError', 'the request was not prepared'));
    const spec = OPERATIONS[operation];
    let caller: Caller | undefined;
    const started = performance.now();
    const record = (code: string) => {
      if (caller) service.auth.recordCall(caller, operation, Math.round(performance.now() - started), code, call.ip);
    };
    try {
      const sessionId = call.checked.params['SessionID'];
      const value = await entryOf(operation).soap({
        params: withDefaults<SandboxOperation>(spec, call.checked.params),
        service,
        ip: call.ip,
        caller: () => (caller ??= service.auth.authenticateSoap(typeof sessionId === 'string' ? sessionId : undefined)),
      });
      if (operation !== 'Logout') record('Success');
      return spec.result ? { [spec.result.name]: toWire(spec.result, value) } : {};
    } catch (err) {
      const error = err instanceof ServiceError ? err : new ServiceError('SystemError', 'the sandbox failed to process the request');
      record(RETURN_CODES[error.kind] ?? 'Unknown');
      throw nodeSoapFault(error);
    }
  }

  const port = Object.fromEntries(
    SANDBOX_OPERATIONS.map((op) => [op, (_args: unknown, _cb: unknown, _headers: unknown, req: IncomingMessage) => run(op, req)]),
  );
  let listener: NodeSoapListener | undefined;
  const expressLike = {
    route: () => ({
      all: (handler: NodeSoapListener) => {
        listener = handler;
      },
    }),
    use: () => undefined,
  };
  await new Promise<void>((resolve, reject) => {
    soap.listen(expressLike, {
      path: options.path,
      services: { [SERVICE.serviceName]: { [SERVICE.soap11Port]: port } },
      xml: wsdl,
      callback: (err: unknown) => (err ? reject(err instanceof Error ? err : new Error('node-soap could not load the WSDL')) : resolve()),
    });
  });
  if (!listener) throw new Error('node-soap did not register its request handler');
  const nodeSoap: NodeSoapListener = listener;

  const sendFault = (res: ServerResponse, fault: SoapFault, headers: Record<string, string> = {}) =>
    send(res, fault.httpStatus, XML, faultEnvelope(fault), headers);

  function sendInjected(res: ServerResponse, decision: Required<FaultDecision>['fault'], operation: SandboxOperation): void {
    switch (decision.kind) {
      case 'rate-limit':
        sendFault(
          res,
          { faultcode: 'soap:Server', faultstring: `Rate limit exceeded; retry after ${decision.retryAfterSeconds} s`, errorCode: 'SystemError', httpStatus: 429 },
          { 'Retry-After': String(decision.retryAfterSeconds) },
        );
        return;
      case 'server-error':
        if (decision.status === 500) {
          sendFault(res, { faultcode: 'soap:Server', faultstring: 'Server was unable to process request.', errorCode: 'SystemError', httpStatus: 500 });
        } else {
          send(res, decision.status, 'text/html; charset=utf-8', gatewayPage(decision.status));
        }
        return;
      case 'malformed': {
        if (decision.body === 'html') return send(res, 200, 'text/html; charset=utf-8', HTML_ERROR_PAGE);
        if (decision.body === 'empty') return send(res, 200, XML, '');
        const spec = OPERATIONS[operation];
        const start = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${spec.responseElement} xmlns="${SERVICE.namespace}"><${spec.result?.name ?? 'Result'}>`;
        return send(res, 200, XML, start.slice(0, start.length - 7));
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET') {
      if (url.search.toLowerCase().startsWith('?wsdl')) return nodeSoap(req, res);
      const list = SANDBOX_OPERATIONS.map((op) => `<li>${op}</li>`).join('');
      return send(res, 200, 'text/html; charset=utf-8', `<!DOCTYPE html><html><head><title>ECGridOS sandbox</title></head><body><h1>ECGridOS ${SERVICE.wsdlVersion} sandbox</h1><p>Service description: <a href="?wsdl">?wsdl</a></p><ul>${list}</ul></body></html>`);
    }
    if (req.method !== 'POST') {
      return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', { Allow: 'GET, POST' });
    }
    let text: string;
    try {
      text = (await readBody(req)).toString('utf8');
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return sendFault(res, { faultcode: 'soap:Client', faultstring: err.message, errorCode: 'InvalidParameter', httpStatus: 413 });
      }
      return;
    }
    const checked = checkRequest(req.headers, text);
    if ('faultcode' in checked) return sendFault(res, checked);
    const decision = faults.decide({ protocol: 'soap', operations: [checked.operation] });
    if (decision.delayMs > 0) await options.delay(decision.delayMs);
    if (decision.fault) return sendInjected(res, decision.fault, checked.operation as SandboxOperation);
    prepared.set(req, { checked, ip: clientIp(req) });
    const forNodeSoap = req as IncomingMessage & { body?: unknown };
    forNodeSoap.body = text;
    nodeSoap(forNodeSoap, res);
  }

  return { wsdl, handle };
}
