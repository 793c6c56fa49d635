import type { IncomingHttpHeaders } from 'node:http';
import { type OperationSpec, type SoapServerFault, readSoapRequest } from '@ecgrid-bridge/soap';
import type { ServiceError, ServiceErrorKind } from '../errors.js';
import { isSandboxOperation, type SandboxOperation } from '../operations/index.js';
import { notEmulatedBecause } from '../operations/not-emulated.js';

export { SOAP11_ENVELOPE_NS as SOAP11_NS, SOAP12_ENVELOPE_NS as SOAP12_NS, faultEnvelope } from '@ecgrid-bridge/soap';

/** A SOAP 1.1 fault to send: faultcode, faultstring and the ECGridOS detail code. */
export interface SoapFault extends SoapServerFault {
  readonly errorCode: ServiceErrorKind;
}

export interface CheckedRequest {
  readonly operation: SandboxOperation;
  readonly spec: OperationSpec;
  readonly params: Record<string, unknown>;
}

/** The fault object node-soap serialises for a service error (HTTP 500, ECGridOS detail). */
export function nodeSoapFault(err: ServiceError): { Fault: Record<string, unknown> } {
  return {
    Fault: {
      faultcode: err.kind === 'SystemError' ? 'soap:Server' : 'soap:Client',
      faultstring: err.message,
      detail: { ECGridOSSOAPErrorCode: err.kind },
      statusCode: 500,
    },
  };
}

const refuse = (operation: string): string | undefined => {
  if (isSandboxOperation(operation)) return undefined;
  const reason = notEmulatedBecause(operation);
  return `${operation} is not emulated by the sandbox${reason ? `: ${reason}` : ''}`;
};

/**
 * Checks a request the way ASMX would before dispatching it (the SOAP package's server-side reader: envelope
 * version, well-formed XML without DOCTYPE, the SOAPAction header, the request element's name and namespace, the
 * parameters, read strictly). node-soap is lenient on all of these, so it only sees requests that passed. This
 * endpoint is SOAP 1.1 only.
 */
export function checkRequest(headers: IncomingHttpHeaders, body: string): CheckedRequest | SoapFault {
  const read = readSoapRequest(headers, body, { versions: ['1.1'], refuse });
  if ('faultcode' in read) return read;
  if (!isSandboxOperation(read.operation)) return { faultcode: 'soap:Client', faultstring: refuse(read.operation) ?? '', errorCode: 'InvalidParameter', httpStatus: 500 };
  return { operation: read.operation, spec: read.spec, params: read.params };
}
