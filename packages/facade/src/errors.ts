import { EcgridError } from '@ecgrid-bridge/core';
import type { BackendName } from './operations.js';

/** The facade's common error codes, whatever backend answered. */
export type FacadeErrorCode =
  | 'Unauthenticated'
  | 'Forbidden'
  | 'NotFound'
  | 'InvalidParameter'
  | 'Duplicate'
  | 'RateLimitExceeded'
  | 'Transport'
  | 'Timeout'
  | 'Protocol'
  | 'OutcomeUnknown'
  | 'NotAvailableOnBackend'
  | 'Configuration'
  | 'Internal';

export interface FacadeErrorFields {
  operation: string;
  backend: BackendName;
  code: FacadeErrorCode;
  /** The backend's own code: a SOAP `ECGridOSSOAPErrorCode` or fault code, a REST `errorCode`, or an error kind. */
  backendCode: string | undefined;
  /** The HTTP status the backend answered with; 0 when no response arrived. */
  httpStatus: number;
  message: string;
}

/** One error type for both backends; the original (sanitized) error is the `cause`. */
export class FacadeError extends EcgridError {
  readonly operation: string;
  readonly backend: BackendName;
  override readonly code: FacadeErrorCode;
  readonly backendCode: string | undefined;
  readonly httpStatus: number;

  constructor(fields: FacadeErrorFields, cause?: unknown) {
    super(fields.code, fields.message, { cause });
    this.code = fields.code;
    this.operation = fields.operation;
    this.backend = fields.backend;
    this.backendCode = fields.backendCode;
    this.httpStatus = fields.httpStatus;
  }
}

/** The operation has no equivalent on the backend that was asked to serve it. */
export class NotAvailableOnBackendError extends FacadeError {
  constructor(operation: string, backend: BackendName, reason: string) {
    super({
      operation,
      backend,
      code: 'NotAvailableOnBackend',
      backendCode: undefined,
      httpStatus: 0,
      message: `${operation} is not available on ${backend.toUpperCase()}: ${reason}`,
    });
  }
}

/** The REST data could not be mapped to the SOAP result shape. */
export class MappingError extends FacadeError {
  constructor(operation: string, message: string) {
    super({ operation, backend: 'rest', code: 'Protocol', backendCode: 'Mapping', httpStatus: 200, message: `${operation}: ${message}` });
  }
}
