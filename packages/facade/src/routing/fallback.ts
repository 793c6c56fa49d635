import { P, match } from 'ts-pattern';
import type { FacadeError } from '../errors.js';

/**
 * REST → SOAP fallback is for outages only: no connection, a timeout, a 5xx, or an operation REST cannot serve.
 * Never a 4xx (the request itself is wrong, SOAP would say the same), and never an upload whose outcome is unknown.
 */
export function mayFallBack(error: FacadeError): boolean {
  return match(error)
    .with({ code: 'OutcomeUnknown' }, () => false)
    .with({ code: P.union('Transport', 'Timeout', 'NotAvailableOnBackend') }, () => true)
    .with({ code: 'Internal' }, (e) => e.httpStatus === 0 || e.httpStatus >= 500)
    .otherwise(() => false);
}
