import { describe, expect, it } from 'vitest';
import { PasswordRuleError } from '@ecgrid-bridge/core';
import { RestApiError, RestOutcomeUnknownError, RestRequestRefusedError } from '@ecgrid-bridge/rest';
import { SoapFaultError, SoapProtocolError, SoapTransportError } from '@ecgrid-bridge/soap';
import { FacadeError, normalizeError } from '../src/index.js';

const fault = (errorCode: string | undefined, faultCode = 'soap:Client') =>
  new SoapFaultError({ operation: 'MailboxInfo', faultCode, faultString: 'x', errorCode, httpStatus: 500, soapVersion: '1.1' });

const rest = (kind: ConstructorParameters<typeof RestApiError>[1]['kind'], status: number, serverErrorCode?: string) =>
  new RestApiError('x', { kind, status, method: 'GET', path: '/v2/mailboxes/1', serverErrorCode });

describe('error normalization', () => {
  it.each([
    ['SOAP Authentication', fault('Authentication'), 'Unauthenticated', 'Authentication', 500],
    ['SOAP Authorization', fault('Authorization'), 'Forbidden', 'Authorization', 500],
    ['SOAP ObjectNotFound', fault('ObjectNotFound'), 'NotFound', 'ObjectNotFound', 500],
    ['SOAP InvalidParameter', fault('InvalidParameter'), 'InvalidParameter', 'InvalidParameter', 500],
    ['SOAP SystemError', fault('SystemError', 'soap:Server'), 'Internal', 'SystemError', 500],
    ['SOAP fault without detail', fault(undefined, 'soap:Server'), 'Internal', 'soap:Server', 500],
    ['REST InvalidSession', rest('api', 401, 'InvalidSession'), 'Unauthenticated', 'InvalidSession', 401],
    ['REST InvalidAPIKey', rest('api', 401, 'InvalidAPIKey'), 'Unauthenticated', 'InvalidAPIKey', 401],
    ['REST AccessDenied', rest('api', 403, 'AccessDenied'), 'Forbidden', 'AccessDenied', 403],
    ['REST ObjectNotFound', rest('api', 404, 'ObjectNotFound'), 'NotFound', 'ObjectNotFound', 404],
    ['REST DuplicateObject', rest('api', 400, 'DuplicateObject'), 'Duplicate', 'DuplicateObject', 400],
    ['REST RateLimitExceeded', rest('api', 429, 'RateLimitExceeded'), 'RateLimitExceeded', 'RateLimitExceeded', 429],
    ['REST HTML 502 from a proxy', rest('bad-body', 502), 'Internal', 'bad-body', 502],
    ['REST truncated JSON', rest('bad-body', 200), 'Protocol', 'bad-body', 200],
    ['REST 503 without envelope', rest('http', 503), 'Internal', 'http', 503],
    ['REST network error', rest('network', 0), 'Transport', 'network', 0],
    ['REST timeout', rest('timeout', 0), 'Timeout', 'timeout', 0],
  ])('%s', (_name, error, code, backendCode, status) => {
    const normalized = normalizeError(error, 'MailboxInfo', error instanceof SoapFaultError ? 'soap' : 'rest');
    expect(normalized).toBeInstanceOf(FacadeError);
    expect(normalized).toMatchObject({ code, backendCode, httpStatus: status, operation: 'MailboxInfo' });
    expect(normalized.cause).toBe(error);
  });

  it('keeps the outcome-unknown verdict of an upload', () => {
    const e = new RestOutcomeUnknownError('x', { method: 'POST', path: '/v2/parcels/upload', trigger: 'timeout' });
    expect(normalizeError(e, 'ParcelUpload', 'rest').code).toBe('OutcomeUnknown');
  });

  it('maps transport, protocol, request and password-rule failures', () => {
    const t = new SoapTransportError({ operation: 'X', kind: 'timeout', httpStatus: 0, message: 'slow' });
    const p = new SoapProtocolError({ operation: 'X', kind: 'html', httpStatus: 502, message: 'html' });
    expect(normalizeError(t, 'X', 'soap').code).toBe('Timeout');
    expect(normalizeError(p, 'X', 'soap')).toMatchObject({ code: 'Protocol', backendCode: 'html', httpStatus: 502 });
    expect(normalizeError(new RestRequestRefusedError('credential-in-url', 'no'), 'X', 'rest').code).toBe('InvalidParameter');
    expect(normalizeError(new PasswordRuleError(), 'Login', 'soap').code).toBe('InvalidParameter');
    expect(normalizeError(new TypeError('bug'), 'X', 'rest').code).toBe('Internal');
  });
});
