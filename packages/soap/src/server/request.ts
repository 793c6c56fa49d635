import type { IncomingHttpHeaders } from 'node:http';
import { XMLParser, XMLValidator } from '../codec/fxp.js';
import { ValueError, enumValue, parseBuiltin } from '../codec/values.js';
import { XmlReferenceError, xmlEntityDecoder } from '../codec/xml-entities.js';
import { OPERATIONS, SERVICE } from '../generated/index.js';
import type { OperationName } from '../generated/index.js';
import type { ElementSpec, OperationSpec } from '../schema.js';
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, type SoapServerFault, type SoapVersion, clientFault } from './fault.js';

/** A request that passed every check, with its parameters read by the generated table. */
export interface SoapRequest {
  readonly operation: OperationName;
  readonly spec: OperationSpec;
  readonly params: Record<string, unknown>;
  readonly version: SoapVersion;
}

export interface ReadSoapRequestOptions {
  /** The SOAP versions the endpoint serves (default both, as the WSDL's two bindings declare). */
  readonly versions?: readonly SoapVersion[] | undefined;
  /** Why an operation is not served here, or undefined when it is (default: every operation is served). */
  readonly refuse?: (operation: OperationName) => string | undefined;
  /** Deepest element nesting accepted (default 32; an ECGridOS request is 4 deep). */
  readonly maxDepth?: number | undefined;
}

const BY_ACTION: ReadonlyMap<string, OperationSpec> = new Map(Object.values(OPERATIONS).map((op) => [op.soapAction, op]));
const BY_ELEMENT: ReadonlyMap<string, OperationSpec> = new Map(Object.values(OPERATIONS).map((op) => [op.requestElement, op]));
const isOperationName = (name: string): name is OperationName => Object.hasOwn(OPERATIONS, name);

const parsers = new Map<string, XMLParser>();

/**
 * One parser per operation: its base64 parameters (uploads) are kept as raw text, since parsing megabytes of base64
 * as text costs 25 times more. Per operation, because a name is base64 in one operation and text in another
 * (`InterchangeHeader`), and a stop node's text is not entity-decoded.
 */
function parserFor(spec: OperationSpec | undefined): XMLParser {
  const key = spec?.name ?? '';
  let parser = parsers.get(key);
  if (!parser) {
    parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      processEntities: true,
      entityDecoder: xmlEntityDecoder,
      jPath: false,
      stopNodes: (spec?.params ?? []).filter((p) => p.type === 'xs:base64Binary').map((p) => `*.${p.name}`),
    });
    parsers.set(key, parser);
  }
  return parser;
}

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
    if (isNode(scope) && typeof scope[attr] === 'string') return scope[attr];
  }
  return prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : undefined;
}

const NIL = Symbol('nil');
const ELEMENTS = Symbol('elements');

function textOf(v: unknown): string | typeof NIL | typeof ELEMENTS {
  if (typeof v === 'string') return v;
  if (isNode(v)) {
    const nil = Object.entries(v).some(([k, val]) => (k === '@_nil' || k.endsWith(':nil')) && val === 'true');
    if (nil) return NIL;
    if (elementKeys(v).length > 0) return ELEMENTS;
    return typeof v['#text'] === 'string' ? v['#text'] : '';
  }
  return '';
}

/**
 * The deepest element nesting of a document, by a linear scan of its markup (comments, CDATA and processing
 * instructions skipped), so that a hostile document is measured before any parser recurses into it.
 */
export function nestingDepth(xml: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let i = xml.indexOf('<');
  while (i >= 0) {
    const next = xml[i + 1];
    if (xml.startsWith('<!--', i)) {
      i = xml.indexOf('-->', i + 4);
      if (i < 0) break;
    } else if (xml.startsWith('<![CDATA[', i)) {
      i = xml.indexOf(']]>', i + 9);
      if (i < 0) break;
    } else if (next === '?' || next === '!') {
      i = xml.indexOf('>', i + 2);
      if (i < 0) break;
    } else if (next === '/') {
      depth -= 1;
    } else {
      const end = xml.indexOf('>', i + 1);
      if (end < 0) break;
      if (xml[end - 1] !== '/') {
        depth += 1;
        if (depth > deepest) {
          deepest = depth;
          if (deepest > limit) return deepest;
        }
      }
      i = end;
    }
    i = xml.indexOf('<', i + 1);
  }
  return deepest;
}

interface Framing {
  readonly version: SoapVersion;
  readonly action: string | undefined;
}

/** The SOAP version and action the HTTP headers announce, as ASMX reads them. */
function framing(headers: IncomingHttpHeaders, versions: readonly SoapVersion[]): Framing | SoapServerFault {
  const contentType = String(headers['content-type'] ?? '');
  const lower = contentType.toLowerCase();
  if (lower.startsWith('application/soap+xml')) {
    if (!versions.includes('1.2')) {
      return { faultcode: 'soap:VersionMismatch', faultstring: 'SOAP 1.2 requests are not accepted on this SOAP 1.1 endpoint', errorCode: 'InvalidParameter', httpStatus: 500 };
    }
    // SOAP 1.2 carries the action as a media-type parameter (RFC 3902); it is optional there.
    const action = /;\s*action\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
    return { version: '1.2', action: action ? (action[1] ?? action[2]) : undefined };
  }
  if (lower.startsWith('text/xml')) {
    if (!versions.includes('1.1')) return clientFault('SOAP 1.1 requests are not accepted on this endpoint', 415);
    const raw = headers['soapaction'];
    if (raw === undefined || String(raw).trim() === '') return clientFault('the SOAPAction HTTP header is missing');
    return { version: '1.1', action: String(raw).trim().replace(/^"(.*)"$/, '$1') };
  }
  const accepted = versions.map((v) => (v === '1.1' ? 'text/xml (SOAP 1.1)' : 'application/soap+xml (SOAP 1.2)')).join(' or ');
  return clientFault(`unsupported Content-Type "${contentType.slice(0, 60)}"; requests are ${accepted}`, 415);
}

/**
 * Checks a request the way ASMX does before dispatching it — content type and envelope version, well-formed XML
 * without DOCTYPE, bounded nesting, the SOAPAction (SOAP 1.1 header or SOAP 1.2 `action` parameter), the request
 * element's name and namespace, each parameter once — and reads the parameters strictly by the generated table.
 */
export function readSoapRequest(headers: IncomingHttpHeaders, body: string, options: ReadSoapRequestOptions = {}): SoapRequest | SoapServerFault {
  const versions = options.versions ?? ['1.1', '1.2'];
  const framed = framing(headers, versions);
  if ('faultcode' in framed) return framed;
  const { version } = framed;
  const envelopeNs = version === '1.2' ? SOAP12_ENVELOPE_NS : SOAP11_ENVELOPE_NS;

  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (text.trim() === '') return clientFault('the request body is empty');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return clientFault('DTDs and entity declarations are not allowed in SOAP messages');
  const maxDepth = options.maxDepth ?? 32;
  if (nestingDepth(text, maxDepth) > maxDepth) return clientFault(`the request nests elements deeper than ${maxDepth} levels`);
  if (XMLValidator.validate(text) !== true) return clientFault('the request is not well-formed XML');

  let doc: Node;
  try {
    doc = parserFor(framed.action !== undefined ? BY_ACTION.get(framed.action) : undefined).parse(text) as Node;
  } catch (err) {
    if (err instanceof XmlReferenceError) return clientFault(`the request is not well-formed XML (${err.message})`);
    return clientFault('the request is not well-formed XML');
  }
  const roots = elementKeys(doc);
  const rootName = roots[0];
  const envelope = rootName ? doc[rootName] : undefined;
  if (roots.length !== 1 || !rootName || split(rootName).local !== 'Envelope' || !isNode(envelope)) {
    return clientFault('the request is not a SOAP envelope');
  }
  const envNs = namespaceOf(rootName, [envelope]);
  if (envNs !== envelopeNs) {
    const other = envNs === SOAP12_ENVELOPE_NS ? 'a SOAP 1.2 envelope' : envNs === SOAP11_ENVELOPE_NS ? 'a SOAP 1.1 envelope' : `the envelope namespace "${(envNs ?? '').slice(0, 80)}"`;
    const faultstring = !versions.includes('1.2') && envNs === SOAP12_ENVELOPE_NS
      ? 'SOAP 1.2 envelopes are not accepted on this SOAP 1.1 endpoint'
      : `${other} does not match the SOAP ${version} Content-Type`;
    return { faultcode: 'soap:VersionMismatch', faultstring, errorCode: 'InvalidParameter', httpStatus: 500 };
  }
  const bodyKey = elementKeys(envelope).find((k) => split(k).local === 'Body' && namespaceOf(k, [envelope[k], envelope]) === envelopeNs);
  const soapBody = bodyKey ? envelope[bodyKey] : undefined;
  if (!bodyKey || !isNode(soapBody)) return clientFault('the envelope has no soap:Body');
  const requestKeys = elementKeys(soapBody);
  const requestKey = requestKeys[0];
  const requestNode = requestKey ? soapBody[requestKey] : undefined;
  if (requestKeys.length !== 1 || !requestKey || Array.isArray(requestNode)) return clientFault('the soap:Body must hold exactly one request element');
  const scopes = [requestNode, soapBody, envelope];
  const requestNs = namespaceOf(requestKey, scopes);
  const requestName = split(requestKey).local;

  const spec = framed.action !== undefined ? BY_ACTION.get(framed.action) : BY_ELEMENT.get(requestName);
  if (!spec) {
    return clientFault(
      framed.action !== undefined
        ? `Server did not recognize the value of HTTP Header SOAPAction: ${framed.action.slice(0, 200)}.`
        : `Server did not recognize the request element ${requestName.slice(0, 100)}.`,
    );
  }
  if (!isOperationName(spec.name)) return clientFault(`unknown operation ${spec.name}`);
  const refused = options.refuse?.(spec.name);
  if (refused !== undefined) return clientFault(refused);
  if (requestNs !== SERVICE.namespace) {
    return clientFault(`the request element ${requestName} is in namespace "${(requestNs ?? '').slice(0, 100)}", not "${SERVICE.namespace}"`);
  }
  if (requestName !== spec.requestElement) return clientFault(`the SOAPAction names ${spec.name} but the request element is ${requestName.slice(0, 100)}`);

  const params: Record<string, unknown> = {};
  const request = isNode(requestNode) ? requestNode : {};
  for (const key of elementKeys(request)) {
    const { local } = split(key);
    const param = spec.params.find((p) => p.name === local);
    if (!param) {
      return clientFault(`${spec.name} has no parameter ${local.slice(0, 100)}; expected ${spec.params.map((p) => p.name).join(', ') || 'none'}`);
    }
    const value = request[key];
    if (Array.isArray(value)) return clientFault(`${spec.name}: ${local} is given more than once`);
    if (namespaceOf(key, [value, ...scopes]) !== SERVICE.namespace) {
      return clientFault(`${spec.name}: the parameter ${local} is not in namespace "${SERVICE.namespace}"`);
    }
    const raw = textOf(value);
    if (raw === NIL) continue;
    if (raw === ELEMENTS) return clientFault(`${spec.name}: ${local} must hold a value, not elements`);
    try {
      params[local] = readParam(param, raw);
    } catch (err) {
      if (err instanceof ValueError) return clientFault(`${spec.name}: ${local}: ${err.message}`);
      throw err;
    }
  }
  return { operation: spec.name, spec, params, version };
}

function readParam(spec: ElementSpec, text: string): unknown {
  switch (spec.kind) {
    case 'builtin':
      return parseBuiltin(spec.type, text);
    case 'enum':
      return enumValue(spec.type, text.trim());
    default:
      // Every ECGridOS v4.1 parameter is a builtin or an enumeration; the generated table says so.
      throw new ValueError(`parameters of type ${spec.type} are not read by this server`);
  }
}
