import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import type { ParcelStatus } from '@ecgrid-bridge/soap';
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

export const toBase64 = (content: Buffer | undefined): string => (content ? Buffer.from(content).toString('base64') : '');
