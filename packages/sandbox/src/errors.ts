import { EcgridError } from '@ecgrid-bridge/core';

/** The fault-detail codes ECGridOS puts in `detail/ECGridOSSOAPErrorCode`. */
export type ServiceErrorKind = 'Authentication' | 'Authorization' | 'ObjectNotFound' | 'InvalidParameter' | 'SystemError';

/** The REST `errorCode` values the sandbox answers with. */
export type RestErrorCode =
  | 'InvalidAPIKey'
  | 'InvalidSession'
  | 'AccessDenied'
  | 'ObjectNotFound'
  | 'InvalidParameter'
  | 'RateLimitExceeded'
  | 'InternalError';

const REST_CODE_BY_KIND: Readonly<Record<ServiceErrorKind, RestErrorCode>> = {
  Authentication: 'InvalidSession',
  Authorization: 'AccessDenied',
  ObjectNotFound: 'ObjectNotFound',
  InvalidParameter: 'InvalidParameter',
  SystemError: 'InternalError',
};

export const REST_STATUS: Readonly<Record<RestErrorCode, number>> = {
  InvalidAPIKey: 401,
  InvalidSession: 401,
  AccessDenied: 403,
  ObjectNotFound: 404,
  InvalidParameter: 400,
  RateLimitExceeded: 429,
  InternalError: 500,
};

/**
 * A refusal by the sandbox's service layer, protocol-neutral: the SOAP front turns it into a fault with
 * `kind` as the detail code, the REST front into the envelope with `restCode`.
 */
export class ServiceError extends EcgridError {
  readonly kind: ServiceErrorKind;
  readonly restCode: RestErrorCode;

  constructor(kind: ServiceErrorKind, message: string, restCode?: RestErrorCode) {
    super(kind, message);
    this.kind = kind;
    this.restCode = restCode ?? REST_CODE_BY_KIND[kind];
  }
}

export const invalidParameter = (message: string): ServiceError => new ServiceError('InvalidParameter', message);
export const notFound = (what: string, id: number | string): ServiceError =>
  new ServiceError('ObjectNotFound', `${what} ${id} was not found`);
export const accessDenied = (message: string): ServiceError => new ServiceError('Authorization', message);

/** A seed or persisted state file that cannot be used. */
export class SandboxSeedError extends EcgridError {
  constructor(message: string) {
    super('SandboxSeed', message);
  }
}
