import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import type { ParcelStatus } from '@ecgrid-bridge/soap';
import { FacadeError } from '../errors.js';
import type { FacadeOperation } from '../operations.js';
import { UnsupportedOnRest } from './entry.js';

/** Parameter helpers of the parcel entries (not exported by any group module). */

/**
 * The REST `status` fields take the ParcelStatus values of appendix/enums.md. The WSDL's enumeration has states the
 * appendix does not list (x1256Pending, the MDN, GISB, cXML, X.400, SMTP, OFTP and AS4 states, ftpSendFailed): REST
 * has no documented value for them, so a call with one is refused rather than sent under a guessed name.
 */
export function restParcelStatus(status: ParcelStatus): string {
  if (!(DOCUMENTED_ENUMS['ParcelStatus'] ?? []).includes(status)) {
    throw new UnsupportedOnRest(`the REST ParcelStatus vocabulary (appendix/enums.md) has no value ${status}`);
  }
  return status;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The content an `A` operation takes as a base64 string, as bytes. Node's decoder skips what is not base64, so the
 * text is checked first (as strictly as .NET's Convert.FromBase64String): a malformed string is the caller's error,
 * never silently altered content.
 */
export function decodeBase64(operation: FacadeOperation, text: string | undefined): Buffer {
  const s = (text ?? '').replace(/\s+/g, '');
  if (!BASE64.test(s) || s.length % 4 !== 0) {
    throw new FacadeError({
      operation,
      backend: 'rest',
      code: 'InvalidParameter',
      backendCode: undefined,
      httpStatus: 0,
      message: `${operation}: ContentBase64 is not a base64 string`,
    });
  }
  return Buffer.from(s, 'base64');
}

export const toBase64 = (content: Buffer | undefined): string => (content ? Buffer.from(content).toString('base64') : '');
