import { EcgridError, type Redactor } from '@ecgrid-bridge/core';

/** A SOAP fault returned by the service (SOAP 1.1 `faultcode`/`faultstring`/`detail`, or SOAP 1.2 `Code`/`Reason`). */
export class SoapFaultError extends EcgridError {
  readonly operation: string;
  readonly faultCode: string;
  readonly faultString: string;
  /** `detail/ECGridOSSOAPErrorCode`: a name such as `Authentication`, or a number; undefined when absent. */
  readonly errorCode: string | undefined;
  readonly httpStatus: number;
  readonly soapVersion: '1.1' | '1.2';

  constructor(
    fields: {
      operation: string;
      faultCode: string;
      faultString: string;
      errorCode: string | undefined;
      httpStatus: number;
      soapVersion: '1.1' | '1.2';
    },
    redactor?: Redactor,
  ) {
    const code = fields.errorCode ? ` [${fields.errorCode}]` : '';
    super('SoapFault', `${fields.operation} failed with SOAP fault ${fields.faultCode}${code}: ${fields.faultString}`, {
      redactor,
    });
    const scrub = (s: string): string => (redactor ? redactor.redact(s) : s);
    this.operation = fields.operation;
    this.faultCode = scrub(fields.faultCode);
    this.faultString = scrub(fields.faultString);
    this.errorCode = fields.errorCode === undefined ? undefined : scrub(fields.errorCode);
    this.httpStatus = fields.httpStatus;
    this.soapVersion = fields.soapVersion;
  }
}

export type SoapTransportErrorKind = 'network' | 'timeout' | 'aborted' | 'http' | 'too-large';

/** The call did not produce a usable HTTP exchange: connection failure, timeout, abort, or an unexpected status. */
export class SoapTransportError extends EcgridError {
  readonly operation: string;
  readonly kind: SoapTransportErrorKind;
  /** 0 when no HTTP response arrived. */
  readonly httpStatus: number;

  constructor(
    fields: { operation: string; kind: SoapTransportErrorKind; httpStatus: number; message: string },
    options: { cause?: unknown; redactor?: Redactor } = {},
  ) {
    super('SoapTransport', `${fields.operation}: ${fields.message}`, options);
    this.operation = fields.operation;
    this.kind = fields.kind;
    this.httpStatus = fields.httpStatus;
  }
}

export type SoapProtocolErrorKind =
  | 'empty'
  | 'not-xml'
  | 'html'
  | 'truncated'
  | 'doctype'
  | 'not-envelope'
  | 'wrong-operation'
  | 'wrong-namespace'
  | 'bad-encoding'
  | 'invalid-value';

/** A response arrived but is not a valid SOAP answer to the operation that was called. */
export class SoapProtocolError extends EcgridError {
  readonly operation: string;
  readonly kind: SoapProtocolErrorKind;
  readonly httpStatus: number;

  constructor(
    fields: { operation: string; kind: SoapProtocolErrorKind; httpStatus: number; message: string },
    options: { cause?: unknown; redactor?: Redactor } = {},
  ) {
    super('SoapProtocol', `${fields.operation}: ${fields.message}`, options);
    this.operation = fields.operation;
    this.kind = fields.kind;
    this.httpStatus = fields.httpStatus;
  }
}

/** The caller's parameters cannot form a valid request; nothing was sent. */
export class SoapRequestError extends EcgridError {
  readonly operation: string;

  constructor(operation: string, message: string) {
    super('SoapRequest', `${operation}: ${message}`);
    this.operation = operation;
  }
}
