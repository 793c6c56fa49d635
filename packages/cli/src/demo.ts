import type { Writable } from 'node:stream';
import { COMPLEX_TYPES, ENUMS, OPERATIONS, SERVICE, SoapFaultError, buildEnvelope, decodeResponse } from '@ecgrid-bridge/soap';

const env = (body: string) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;

/** A tour of the SOAP layer that needs no server: what the generated table holds and how a call is encoded and read. */
export async function runDemo(out: Writable): Promise<number> {
  const say = (line = '') => out.write(`${line}\n`);
  const ops = Object.values(OPERATIONS);
  say(`ECGridOS ${SERVICE.wsdlVersion} (build ${SERVICE.wsdlBuild}), namespace ${SERVICE.namespace}`);
  say(`${ops.length} operations, ${Object.keys(COMPLEX_TYPES).length} complex types, ${Object.keys(ENUMS).length} enumerations`);
  say();
  const op = OPERATIONS.ParcelDownload;
  say(`SOAPAction: "${op.soapAction}"`);
  say(buildEnvelope(op, { SessionID: '(session)', ParcelID: 4242 }));
  say();
  const confirm = OPERATIONS.ParcelDownloadConfirm;
  const answer = env(
    `<ParcelDownloadConfirmResponse xmlns="${SERVICE.namespace}"><ParcelDownloadConfirmResult>true</ParcelDownloadConfirmResult></ParcelDownloadConfirmResponse>`,
  );
  const parsed = decodeResponse(confirm, { status: 200, contentType: 'text/xml', body: answer });
  say(`ParcelDownloadConfirm answer parsed as ${typeof parsed} ${JSON.stringify(parsed)}`);
  const fault = env(
    '<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Session expired</faultstring><detail><ECGridOSSOAPErrorCode>Authentication</ECGridOSSOAPErrorCode></detail></soap:Fault>',
  );
  try {
    decodeResponse(op, { status: 500, contentType: 'text/xml', body: fault });
    say('expected a fault');
    return 1;
  } catch (err) {
    if (!(err instanceof SoapFaultError)) throw err;
    say(`typed fault: ${err.name} code=${err.errorCode} status=${err.httpStatus}: ${err.faultString}`);
  }
  return 0;
}
