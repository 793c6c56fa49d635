import type { IncomingHttpHeaders } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OPERATIONS, SERVICE, type OperationSpec } from '@ecgrid-bridge/soap';
import { type ServiceErrorKind, ServiceError } from '../errors.js';
import { isSandboxOperation, type SandboxOperation } from '../operations.js';
import { parseParam } from './wire.js';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** A SOAP 1.1 fault to send: faultcode, faultstring and the ECGridOS detail code. */
export interface SoapFault {
  readonly faultcode: 'soap:Client' | 'soap:Server' | 'soap:VersionMismatch';
  readonly faultstring: string;
  readonly errorCode: ServiceErrorKind;
  readonly httpStatus: number;
}

export interface CheckedRequest {
  readonly operation: SandboxOperation;
  readonly spec: OperationSpec;
  readonly params: Record<string, unknown>;
}

const clientFault = (faultstring: string, errorCode: ServiceErrorKind = 'InvalidParameter', httpStatus = 500): SoapFault => ({
  faultcode: 'soap:Client',
  faultstring,
  errorCode,
  httpStatus,
});

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A SOAP 1.1 fault envelope in the shape ECGridOS sends. */
export function faultEnvelope(fault: Pick<SoapFault, 'faultcode' | 'faultstring' | 'errorCode'>): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP11_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body><soap:Fault><faultcode>${fault.faultcode}</faultcode><faultstring>${escapeXml(fault.faultstring)}</faultstring>` +
    `<detail><ECGridOSSOAPErrorCode>${fault.errorCode}</ECGridOSSOAPErrorCode></detail></soap:Fault></soap:Body></soap:Envelope>`
  );
}

/** The fault object node-soap serialises for a service error (HTTP 500, ECGridOS detail). */
export function nodeSoapFault(err: ServiceError): { Fault: Record<string, unknown> } {
  return {
    Fault: {
      faultcode: err.kind === 'SystemError' ? 'soap:Server' : 'soap:Client',
      faultstring: err.message,
      detail: { ECGridOSSOAPErrorCode: err.kind },
      statusCode: 500,
    },
  };
}

const BY_ACTION = new Map(Object.values(OPERATIONS).map((op) => [op.soapAction, op]));

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  stopNodes: ['*.Content'],
});

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const elementKeys = (n: Node): string[] => Object.keys(n).filter((k) => !k.startsWith('@_') && k !== '#text' && !k.startsWith('?'));
const split = (qname: string): { prefix: string | undefined; local: string } => {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: undefined, local: qname } : { prefix: qname.slice(0, i), local: qname.slice(i + 1) };
};

/** The namespace of an element name, looking up declarations from the element outwards. */
function namespaceOf(qname: string, scopes: readonly unknown[]): string | undefined {
  const { prefix } = split(qname);
  const attr = prefix === undefined ? '@_xmlns' : `@_xmlns:${prefix}`;
  for (const scope of scopes) {
    if (isNode(scope) && typeof scope[attr] === 'string') return scope[attr] as string;
  }
  return prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : undefined;
}

const textOf = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  if (isNode(v)) {
    if (v['@_xsi:nil'] === 'true' || v['@_nil'] === 'true') return undefined;
    if (elementKeys(v).length > 0) return '\u0000element';
    return typeof v['#text'] === 'string' ? v['#text'] : '';
  }
  return '';
};

/**
 * Checks a request the way ASMX would before dispatching it — envelope version, well-formed XML without DOCTYPE,
 * the SOAPAction header, the request element's name and namespace, the parameters — and parses the parameters
 * strictly. node-soap is lenient on all of these, so it only sees requests that passed.
 */
export function checkRequest(headers: IncomingHttpHeaders, body: string): CheckedRequest | SoapFault {
  const contentType = String(headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('application/soap+xml')) {
    return { faultcode: 'soap:VersionMismatch', faultstring: 'SOAP 1.2 requests are not accepted on this SOAP 1.1 endpoint', errorCode: 'InvalidParameter', httpStatus: 500 };
  }
  if (!contentType.startsWith('text/xml')) {
    return clientFault(`unsupported Content-Type "${contentType.slice(0, 60)}"; SOAP 1.1 requests are text/xml`, 'InvalidParameter', 415);
  }
  if (body.trim() === '') return clientFault('the request body is empty');
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) return clientFault('DTDs and entity declarations are not allowed in SOAP messages');
  if (XMLValidator.validate(body) !== true) return clientFault('the request is not well-formed XML');

  const doc = parser.parse(body) as Node;
  const roots = elementKeys(doc);
  const rootName = roots[0];
  if (roots.length !== 1 || !rootName) return clientFault('the request is not a SOAP envelope');
  const envelope = doc[rootName];
  const envNs = namespaceOf(rootName, [envelope]);
  if (split(rootName).local !== 'Envelope' || !isNode(envelope)) return clientFault('the request is not a SOAP envelope');
  if (envNs !== SOAP11_NS) {
    return {
      faultcode: 'soap:VersionMismatch',
      faultstring: envNs === SOAP12_NS ? 'SOAP 1.2 envelopes are not accepted on this SOAP 1.1 endpoint' : `the envelope namespace "${envNs ?? ''}" is not SOAP 1.1`,
      errorCode: 'InvalidParameter',
      httpStatus: 500,
    };
  }
  const bodyKey = elementKeys(envelope).find((k) => split(k).local === 'Body' && namespaceOf(k, [envelope[k], envelope]) === SOAP11_NS);
  const soapBody = bodyKey ? envelope[bodyKey] : undefined;
  if (!bodyKey || !isNode(soapBody)) return clientFault('the envelope has no soap:Body');
  const requestKeys = elementKeys(soapBody);
  const requestKey = requestKeys[0];
  if (requestKeys.length !== 1 || !requestKey) return clientFault('the soap:Body must hold exactly one request element');
  const requestNode = soapBody[requestKey];
  if (Array.isArray(requestNode)) return clientFault('the soap:Body must hold exactly one request element');
  const scopes = [requestNode, soapBody, envelope];
  const requestNs = namespaceOf(requestKey, scopes);
  const requestName = split(requestKey).local;

  const rawAction = headers['soapaction'];
  if (rawAction === undefined || String(rawAction).trim() === '') {
    return clientFault('the SOAPAction HTTP header is missing');
  }
  const action = String(rawAction).trim().replace(/^"(.*)"$/, '$1');
  const spec = BY_ACTION.get(action);
  if (!spec) return clientFault(`Server did not recognize the value of HTTP Header SOAPAction: ${action}.`);
  if (!isSandboxOperation(spec.name)) return clientFault(`the sandbox does not implement ${spec.name}`);
  if (requestNs !== SERVICE.namespace) {
    return clientFault(`the request element ${requestName} is in namespace "${requestNs ?? ''}", not "${SERVICE.namespace}"`);
  }
  if (requestName !== spec.requestElement) {
    return clientFault(`the SOAPAction names ${spec.name} but the request element is ${requestName}`);
  }

  const params: Record<string, unknown> = {};
  const request = isNode(requestNode) ? requestNode : {};
  for (const key of elementKeys(request)) {
    const { local } = split(key);
    const param = spec.params.find((p) => p.name === local);
    if (!param) {
      return clientFault(`${spec.name} has no parameter ${local}; expected ${spec.params.map((p) => p.name).join(', ') || 'none'}`);
    }
    const value = request[key];
    if (Array.isArray(value)) return clientFault(`${spec.name}: ${local} is given more than once`);
    if (namespaceOf(key, [value, ...scopes]) !== SERVICE.namespace) {
      return clientFault(`${spec.name}: the parameter ${local} is not in namespace "${SERVICE.namespace}"`);
    }
    const text = textOf(value);
    if (text === undefined) continue;
    if (text === '\u0000element') return clientFault(`${spec.name}: ${local} must hold a value, not elements`);
    try {
      params[local] = parseParam(param, text);
    } catch (err) {
      if (err instanceof ServiceError) return clientFault(err.message);
      throw err;
    }
  }
  return { operation: spec.name, spec, params };
}
