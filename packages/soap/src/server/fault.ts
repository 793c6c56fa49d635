/** SOAP faults as an ECGridOS server writes them (appendix/error-codes.md: faultcode, faultstring, detail). */

export type SoapVersion = '1.1' | '1.2';

/** The categories ECGridOS puts in `detail/ECGridOSSOAPErrorCode` (appendix/error-codes.md). */
export type EcgridFaultCode = 'Authentication' | 'Authorization' | 'ObjectNotFound' | 'InvalidParameter' | 'SystemError';

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** A fault to send, in SOAP 1.1 terms; SOAP 1.2 envelopes translate the code (Client → Sender, Server → Receiver). */
export interface SoapServerFault {
  readonly faultcode: 'soap:Client' | 'soap:Server' | 'soap:VersionMismatch';
  readonly faultstring: string;
  readonly errorCode: EcgridFaultCode;
  readonly httpStatus: number;
}

export const contentTypeOf = (version: SoapVersion): string =>
  version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;' };
const TO_ESCAPE = /[&<>"\r]/g;

/** Escapes text for element content or a double-quoted attribute (a carriage return as .NET writes it). */
export function escapeXml(text: string): string {
  TO_ESCAPE.lastIndex = 0;
  return TO_ESCAPE.test(text) ? text.replace(TO_ESCAPE, (c) => ESCAPES[c] ?? c) : text;
}

/** The opening of every envelope this server writes, with the declarations ASMX puts on it. */
export function envelopeStart(version: SoapVersion): string {
  const ns = version === '1.2' ? SOAP12_ENVELOPE_NS : SOAP11_ENVELOPE_NS;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`
  );
}

export const ENVELOPE_END = '</soap:Body></soap:Envelope>';

const SOAP12_CODES: Readonly<Record<SoapServerFault['faultcode'], string>> = {
  'soap:Client': 'soap:Sender',
  'soap:Server': 'soap:Receiver',
  'soap:VersionMismatch': 'soap:VersionMismatch',
};

/** A fault envelope in the shape ECGridOS sends, for either SOAP version. */
export function faultEnvelope(fault: Pick<SoapServerFault, 'faultcode' | 'faultstring' | 'errorCode'>, version: SoapVersion = '1.1'): string {
  const text = escapeXml(fault.faultstring);
  const detail = `<ECGridOSSOAPErrorCode>${fault.errorCode}</ECGridOSSOAPErrorCode>`;
  const inner =
    version === '1.2'
      ? `<soap:Fault><soap:Code><soap:Value>${SOAP12_CODES[fault.faultcode]}</soap:Value></soap:Code>` +
        `<soap:Reason><soap:Text xml:lang="en">${text}</soap:Text></soap:Reason><soap:Detail>${detail}</soap:Detail></soap:Fault>`
      : `<soap:Fault><faultcode>${fault.faultcode}</faultcode><faultstring>${text}</faultstring><detail>${detail}</detail></soap:Fault>`;
  return envelopeStart(version) + inner + ENVELOPE_END;
}

export const clientFault = (faultstring: string, httpStatus = 500, errorCode: EcgridFaultCode = 'InvalidParameter'): SoapServerFault => ({
  faultcode: 'soap:Client',
  faultstring,
  errorCode,
  httpStatus,
});
