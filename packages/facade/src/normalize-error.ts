import { ConfigurationError, CredentialStoreUnavailableError, CredentialWaitError, PasswordRuleError } from '@ecgrid-bridge/core';
import { RestApiError, RestRequestRefusedError } from '@ecgrid-bridge/rest';
import { SoapFaultError, SoapProtocolError, SoapRequestError, SoapTransportError } from '@ecgrid-bridge/soap';
import { P, match } from 'ts-pattern';
import { FacadeError, type FacadeErrorCode } from './errors.js';
import type { BackendName } from './operations.js';

/** The SOAP fault detail codes (and the REST error codes) the facade knows, with their common code. */
const BY_BACKEND_CODE: Readonly<Record<string, FacadeErrorCode>> = {
  authentication: 'Unauthenticated',
  invalidsession: 'Unauthenticated',
  invalidapikey: 'Unauthenticated',
  authorization: 'Forbidden',
  accessdenied: 'Forbidden',
  objectnotfound: 'NotFound',
  invalidparameter: 'InvalidParameter',
  duplicateobject: 'Duplicate',
  ratelimitexceeded: 'RateLimitExceeded',
  systemerror: 'Internal',
  internalerror: 'Internal',
};

const byStatus = (status: number): FacadeErrorCode =>
  match(status)
    .with(401, () => 'Unauthenticated' as const)
    .with(403, () => 'Forbidden' as const)
    .with(404, () => 'NotFound' as const)
    .with(409, () => 'Duplicate' as const)
    .with(429, () => 'RateLimitExceeded' as const)
    .when((s) => s >= 400 && s < 500, () => 'InvalidParameter' as const)
    .otherwise(() => 'Internal' as const);

/** Turns whatever a backend threw into a FacadeError that keeps the backend's own code and HTTP status. */
export function normalizeError(err: unknown, operation: string, backend: BackendName): FacadeError {
  if (err instanceof FacadeError) return err;
  const make = (code: FacadeErrorCode, backendCode: string | undefined, httpStatus: number, message: string) =>
    new FacadeError({ operation, backend, code, backendCode, httpStatus, message }, err);

  return match(err)
    .with(P.instanceOf(SoapFaultError), (e) => {
      const known = e.errorCode ? BY_BACKEND_CODE[e.errorCode.toLowerCase()] : undefined;
      const code = known ?? (/client/i.test(e.faultCode) ? 'InvalidParameter' : 'Internal');
      return make(code, e.errorCode ?? e.faultCode, e.httpStatus, e.message);
    })
    .with(P.instanceOf(SoapTransportError), (e) =>
      make(
        match(e.kind)
          .with('timeout', () => 'Timeout' as const)
          .with('http', () => (e.httpStatus >= 500 ? 'Internal' : byStatus(e.httpStatus)))
          .otherwise(() => 'Transport' as const),
        e.kind,
        e.httpStatus,
        e.message,
      ),
    )
    .with(P.instanceOf(SoapProtocolError), (e) => make('Protocol', e.kind, e.httpStatus, e.message))
    .with(P.instanceOf(SoapRequestError), (e) => make('InvalidParameter', 'SoapRequest', 0, e.message))
    .with(P.instanceOf(PasswordRuleError), (e) => make('InvalidParameter', e.code, 0, e.message))
    .with(P.instanceOf(ConfigurationError), (e) => make('Configuration', e.code, 0, e.message))
    // Nothing was sent: the credential store (Redis) could not be reached and its policy is to fail.
    .with(P.instanceOf(CredentialStoreUnavailableError), (e) => make('Transport', e.code, 0, e.message))
    .with(P.instanceOf(CredentialWaitError), (e) => make('Timeout', e.code, 0, e.message))
    .with(P.instanceOf(RestRequestRefusedError), (e) => make('InvalidParameter', e.reason, 0, e.message))
    .with(P.instanceOf(RestApiError), (e) => {
      const backendCode = e.serverErrorCode ?? e.kind;
      return match(e.kind)
        .with('outcome-unknown', () => make('OutcomeUnknown', backendCode, e.status, e.message))
        .with('timeout', () => make('Timeout', backendCode, e.status, e.message))
        .with(P.union('network', 'aborted'), () => make('Transport', backendCode, e.status, e.message))
        // A 5xx page that is not an envelope (a proxy's HTML 502/503) is an outage, not a protocol problem.
        .with(P.union('bad-body', 'redirect', 'auth'), () =>
          make(e.status >= 500 ? 'Internal' : 'Protocol', backendCode, e.status, e.message),
        )
        .otherwise(() => {
          const known = e.serverErrorCode ? BY_BACKEND_CODE[e.serverErrorCode.toLowerCase()] : undefined;
          return make(known ?? byStatus(e.status), backendCode, e.status, e.message);
        });
    })
    .otherwise((e) => make('Internal', undefined, 0, e instanceof Error ? `${e.name}: ${e.message}` : 'unexpected failure'));
}
