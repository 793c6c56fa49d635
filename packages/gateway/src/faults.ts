import { type Redactor, maskTokenShapes } from '@ecgrid-bridge/core';
import { type FacadeErrorCode, FacadeError } from '@ecgrid-bridge/facade';
import { type EcgridFaultCode, type SoapServerFault, SoapFaultError } from '@ecgrid-bridge/soap';

/**
 * The ECGridOS category for each of the facade's codes (appendix/error-codes.md lists Authentication, Authorization,
 * ObjectNotFound, InvalidParameter and SystemError). The docs name no category for a duplicate or a rate limit:
 * a duplicate is the caller's bad parameter, a rate limit or an outage is the server's problem.
 */
const CATEGORY: Readonly<Record<FacadeErrorCode, EcgridFaultCode>> = {
  Unauthenticated: 'Authentication',
  Forbidden: 'Authorization',
  NotFound: 'ObjectNotFound',
  InvalidParameter: 'InvalidParameter',
  Duplicate: 'InvalidParameter',
  RateLimitExceeded: 'SystemError',
  Transport: 'SystemError',
  Timeout: 'SystemError',
  Protocol: 'SystemError',
  OutcomeUnknown: 'SystemError',
  NotAvailableOnBackend: 'SystemError',
  Configuration: 'SystemError',
  Internal: 'SystemError',
};

const KNOWN = new Set<string>(['Authentication', 'Authorization', 'ObjectNotFound', 'InvalidParameter', 'SystemError']);
const isCategory = (code: string | undefined): code is EcgridFaultCode => code !== undefined && KNOWN.has(code);

export const sessionFault = (faultstring: string): SoapServerFault => ({ faultcode: 'soap:Client', faultstring, errorCode: 'Authentication', httpStatus: 500 });

/**
 * The fault a legacy client expects for a backend error. A SOAP backend's own fault passes through (its code,
 * string and category); anything else gets the category of the facade's code, `soap:Client` for the caller's
 * mistakes and `soap:Server` for the rest. The text goes through the session's redactor and the token-shape mask.
 */
export function faultFor(err: unknown, redactor: Redactor): SoapServerFault {
  const scrub = (text: string): string => maskTokenShapes(redactor.redact(text));
  if (err instanceof FacadeError) {
    const original = err.cause;
    if (original instanceof SoapFaultError && isCategory(original.errorCode)) {
      return {
        faultcode: /server|receiver/i.test(original.faultCode) ? 'soap:Server' : 'soap:Client',
        faultstring: scrub(original.faultString),
        errorCode: original.errorCode,
        httpStatus: 500,
      };
    }
    const errorCode = CATEGORY[err.code];
    const client = errorCode !== 'SystemError';
    return { faultcode: client ? 'soap:Client' : 'soap:Server', faultstring: scrub(`${err.code}: ${err.message}`), errorCode, httpStatus: 500 };
  }
  // Never a stack, never an unknown error's text: it may hold anything.
  return { faultcode: 'soap:Server', faultstring: 'Server was unable to process request.', errorCode: 'SystemError', httpStatus: 500 };
}
