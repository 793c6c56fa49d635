import { XMLParser } from 'fast-xml-parser';
import { OPERATIONS, SERVICE, type OperationName } from '../../src/index.js';

/**
 * Request and response envelopes of the fake services, without nock: the real-socket tests import this module
 * (loading nock, even unused, replaces node's http.request and its keep-alive agent).
 */

export const PATH = '/v4.1/prod/ECGridOS.asmx';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

/** One request as the server saw it. */
export interface SeenRequest {
  operation: string;
  soapAction: string | undefined;
  contentType: string | undefined;
  /** The namespace declared on the request element. */
  namespace: string | undefined;
  /** Parameter element names in document order. */
  order: string[];
  /** Parameter texts by name. */
  params: Record<string, string>;
  body: string;
}

const requestParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false });

/** Reads a request envelope the way a strict server would, keeping element order and the raw texts. */
export function readRequest(body: string, headers: Record<string, string | string[] | undefined>): SeenRequest {
  const doc = requestParser.parse(body) as Record<string, Record<string, unknown>>;
  const envelope = doc['soap:Envelope'];
  if (!envelope || envelope['@_xmlns:soap'] !== SOAP11) throw new Error('not a SOAP 1.1 envelope');
  const bodyNode = envelope['soap:Body'] as Record<string, unknown>;
  const operation = Object.keys(bodyNode).find((k) => !k.startsWith('@_'))!;
  const element = (bodyNode[operation] ?? {}) as Record<string, unknown>;
  const order = Object.keys(element).filter((k) => !k.startsWith('@_'));
  const params: Record<string, string> = {};
  for (const k of order) params[k] = typeof element[k] === 'string' ? (element[k] as string) : JSON.stringify(element[k]);
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  return {
    operation,
    soapAction: header('soapaction'),
    contentType: header('content-type'),
    namespace: element['@_xmlns'] as string | undefined,
    order,
    params,
    body,
  };
}

/** A SOAP 1.1 response envelope; `inner` is the XML inside the result element (omit for a result-less response). */
export function okEnvelope(op: OperationName, inner?: string): string {
  const spec = OPERATIONS[op];
  const result = inner === undefined || !spec.result ? '' : `<${spec.result.name}>${inner}</${spec.result.name}>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" ` +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Body><${spec.responseElement} xmlns="${SERVICE.namespace}">${result}</${spec.responseElement}></soap:Body></soap:Envelope>`
  );
}

export function fault11(faultcode: string, faultstring: string, errorCode?: string): string {
  const detail = errorCode === undefined ? '' : `<detail><ECGridOSSOAPErrorCode>${errorCode}</ECGridOSSOAPErrorCode></detail>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><soap:Fault>` +
    `<faultcode>${faultcode}</faultcode><faultstring>${faultstring}</faultstring>${detail}</soap:Fault></soap:Body></soap:Envelope>`
  );
}

export function fault12(code: string, reason: string, errorCode?: string): string {
  const detail = errorCode === undefined ? '' : `<soap:Detail><ECGridOSSOAPErrorCode>${errorCode}</ECGridOSSOAPErrorCode></soap:Detail>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP12}"><soap:Body><soap:Fault>` +
    `<soap:Code><soap:Value>${code}</soap:Value><soap:Subcode><soap:Value>ecgrid:Detail</soap:Value></soap:Subcode></soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="en">${reason}</soap:Text></soap:Reason>${detail}</soap:Fault></soap:Body></soap:Envelope>`
  );
}

