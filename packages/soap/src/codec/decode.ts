import { XMLParser, XMLValidator } from './fxp.js';
import type { Redactor } from '@ecgrid-bridge/core';
import { COMPLEX_TYPES, SERVICE } from '../generated/index.js';
import type { ElementSpec, OperationSpec, TypeKind } from '../schema.js';
import { SoapFaultError, SoapProtocolError, type SoapProtocolErrorKind } from '../errors.js';
import { ValueError, enumValue, parseBuiltin } from './values.js';
import { XmlReferenceError, xmlEntityDecoder } from './xml-entities.js';
import { liftLongText, restoreText } from './long-text.js';

type Node = Record<string, unknown>;

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

const parsers = new Map<string, XMLParser>();

/**
 * One parser per operation. Its base64 elements are stop nodes, so large payloads are not parsed as text, and
 * DataSet results are stop nodes too, so they come back as their raw inner XML.
 */
function parserFor(op: OperationSpec): XMLParser {
  let parser = parsers.get(op.name);
  if (!parser) {
    parser = new XMLParser({
      removeNSPrefix: true,
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      processEntities: true,
      entityDecoder: xmlEntityDecoder,
      // Callbacks get the matcher, not a path string rebuilt for every tag: about a quarter of the parse time.
      jPath: false,
      stopNodes: stopNodesFor(op),
    });
    parsers.set(op.name, parser);
  }
  return parser;
}

/** The parser paths whose content is kept as raw text: base64 elements and DataSet results. */
export function stopNodesFor(op: OperationSpec): string[] {
  return op.result ? base64Paths(op.result, `Envelope.Body.${op.responseElement}.${op.result.name}`, 0) : [];
}

function base64Paths(spec: Pick<ElementSpec, 'type' | 'kind'>, path: string, depth: number): string[] {
  if (depth > 6) return [];
  if (spec.kind === 'builtin') return spec.type === 'xs:base64Binary' ? [path] : [];
  if (spec.kind === 'dataset') return [path];
  if (spec.kind === 'array') {
    const a = COMPLEX_TYPES[spec.type.slice(4)]?.array;
    return a ? base64Paths({ type: a.itemType, kind: a.itemKind }, `${path}.${a.itemElement}`, depth + 1) : [];
  }
  if (spec.kind === 'complex') {
    const fields = COMPLEX_TYPES[spec.type.slice(4)]?.fields ?? [];
    return fields.flatMap((f) => base64Paths(f, `${path}.${f.name}`, depth + 1));
  }
  return [];
}

const ENVELOPE_END = /<\/(?:[A-Za-z_][\w.-]*:)?Envelope\s*>$/;
const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE\s+html[\s>]|<html[\s>])/i;

/** Turns an HTTP answer into the operation's result, a typed fault, or a typed protocol error. */
export function decodeResponse(op: OperationSpec, answer: HttpAnswer, redactor?: Redactor): unknown {
  const fail = (kind: SoapProtocolErrorKind, message: string, cause?: unknown): never => {
    throw new SoapProtocolError({ operation: op.name, kind, httpStatus: answer.status, message }, { cause, redactor });
  };
  const text = answer.body.charCodeAt(0) === 0xfeff ? answer.body.slice(1) : answer.body;
  if (text.trim() === '') fail('empty', `empty response body (HTTP ${answer.status})`);
  if (/text\/html/i.test(answer.contentType) || HTML_START.test(text.slice(0, 1024))) {
    fail('html', `received an HTML page instead of a SOAP envelope (HTTP ${answer.status})`);
  }
  if (/<!(?:DOCTYPE|ENTITY)/i.test(text)) {
    fail('doctype', 'response declares a DOCTYPE or entities; refused without expanding them');
  }
  if (!/^\s*</.test(text)) fail('not-xml', `response is not XML (HTTP ${answer.status})`);
  if (!ENVELOPE_END.test(text.trimEnd().slice(-256))) fail('truncated', 'response ends before the SOAP envelope is closed');

  const lifted = liftLongText(text);
  const xml = lifted?.xml ?? text;
  // The parser itself is lenient (`<a><b></a>` parses); a response that is not well-formed must not look valid.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fail('not-xml', `response is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  let doc: Node;
  try {
    doc = parserFor(op).parse(xml) as Node;
  } catch (err) {
    // The parser's own messages quote a window of the document, which could cut an echoed secret in half.
    const reason = err instanceof XmlReferenceError ? ` (${err.message})` : '';
    return fail('not-xml', `response is not well-formed XML${reason}`);
  }
  const reader = new ResultReader(lifted?.runs);
  const envelope = doc['Envelope'];
  if (!isNode(envelope) || !isNode(envelope['Body'])) return fail('not-envelope', 'response is not a SOAP envelope');
  const body = envelope['Body'] as Node;

  const fault = body['Fault'];
  if (fault !== undefined) throw faultFrom(op.name, isNode(fault) ? fault : {}, answer.status, reader, redactor);

  const response = body[op.responseElement];
  if (response === undefined) {
    const got = Object.keys(body).find((k) => !k.startsWith('@_') && k !== '#text') ?? 'nothing';
    return fail('wrong-operation', `expected ${op.responseElement} but the response holds ${got}`);
  }
  // The parser drops prefixes, so an element of another service with the same local name would pass unnoticed.
  const namespace = bodyChildNamespace(xml, op.responseElement);
  if (namespace !== SERVICE.namespace) {
    return fail(
      'wrong-namespace',
      `${op.responseElement} is in the namespace ${namespace === undefined ? '(none)' : `"${namespace.slice(0, 200)}"`}, not "${SERVICE.namespace}"`,
    );
  }
  if (!op.result) return undefined;
  const raw = isNode(response) ? response[op.result.name] : undefined;
  try {
    return reader.element(op.result, raw, op.result.name);
  } catch (err) {
    if (err instanceof ValueError) return fail('invalid-value', err.message);
    throw err;
  }
}

const MARKUP =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const XMLNS = /\s+xmlns(?::([^\s=/>]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The namespace URI of the first element named `localName` directly inside the envelope's Body, resolved through
 * the declarations in scope (default or prefixed); undefined when it has none or is not found. Only the markup
 * before that element is scanned.
 */
export function bodyChildNamespace(xml: string, localName: string): string | undefined {
  const stack: Array<{ local: string; scope: Map<string, string> }> = [{ local: '', scope: new Map() }];
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(xml); m !== null; m = MARKUP.exec(xml)) {
    const name = m[2];
    if (name === undefined) continue; // comment, processing instruction, CDATA
    if (m[1] === '/') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const parent = stack[stack.length - 1]!;
    const scope = new Map(parent.scope);
    XMLNS.lastIndex = 0;
    for (let a = XMLNS.exec(m[3] ?? ''); a !== null; a = XMLNS.exec(m[3] ?? '')) scope.set(a[1] ?? '', a[2] ?? a[3] ?? '');
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const local = colon < 0 ? name : name.slice(colon + 1);
    // The stack holds the document root's stand-in, the Envelope and the Body: the answer is the Body's child.
    if (stack.length === 3 && parent.local === 'Body' && local === localName) {
      const uri = scope.get(prefix);
      return uri === '' ? undefined : uri;
    }
    if (m[4] !== '/') stack.push({ local, scope });
  }
  return undefined;
}

function faultFrom(operation: string, fault: Node, httpStatus: number, reader: ResultReader, redactor?: Redactor): SoapFaultError {
  const code = fault['Code'];
  if (isNode(code)) {
    const reason = fault['Reason'];
    const reasonText = isNode(reason) ? reader.text(firstOf(reason['Text'])) : reader.text(reason);
    return new SoapFaultError(
      {
        operation,
        faultCode: reader.text(code['Value']).trim(),
        faultString: reasonText.trim(),
        errorCode: errorCodeOf(fault['Detail'], reader),
        httpStatus,
        soapVersion: '1.2',
      },
      redactor,
    );
  }
  return new SoapFaultError(
    {
      operation,
      faultCode: reader.text(fault['faultcode']).trim(),
      faultString: reader.text(fault['faultstring']).trim(),
      errorCode: errorCodeOf(fault['detail'], reader),
      httpStatus,
      soapVersion: '1.1',
    },
    redactor,
  );
}

function errorCodeOf(detail: unknown, reader: ResultReader): string | undefined {
  if (!isNode(detail)) return undefined;
  const value = detail['ECGridOSSOAPErrorCode'];
  const text = value === undefined ? '' : reader.text(firstOf(value)).trim();
  return text === '' ? undefined : text;
}

/** Converts parsed elements to typed values by the generated table, putting lifted text runs back. */
class ResultReader {
  constructor(private readonly runs: readonly string[] | undefined) {}

  text(value: unknown): string {
    return restoreText(textOf(value), this.runs);
  }

  element(spec: ElementSpec, raw: unknown, path: string): unknown {
    const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    if (spec.maxOccurs === 'unbounded' || spec.maxOccurs > 1) {
      return values.filter((v) => !isNil(v)).map((v, i) => this.value(spec.type, spec.kind, v, `${path}[${i}]`));
    }
    if (values.length > 1) throw new ValueError(`${path} occurs more than once`);
    const value = values[0];
    if (value === undefined) {
      if (spec.minOccurs > 0) throw new ValueError(`${path} is missing`);
      return undefined;
    }
    if (isNil(value)) return null;
    return this.value(spec.type, spec.kind, value, path);
  }

  private value(type: string, kind: TypeKind, raw: unknown, path: string): unknown {
    switch (kind) {
      case 'builtin':
        try {
          return parseBuiltin(type, this.text(raw));
        } catch (err) {
          if (err instanceof ValueError) throw new ValueError(`${path}: ${err.message}`);
          throw err;
        }
      case 'enum':
        try {
          return enumValue(type, this.text(raw).trim());
        } catch (err) {
          if (err instanceof ValueError) throw new ValueError(`${path}: ${err.message}`);
          throw err;
        }
      case 'dataset':
        return { xml: this.text(raw) };
      case 'array': {
        const a = COMPLEX_TYPES[type.slice(4)]?.array;
        if (!a) throw new ValueError(`${path}: unknown array type ${type}`);
        if (!isNode(raw)) {
          if (this.text(raw).trim() !== '') throw new ValueError(`${path}: expected a list of ${a.itemElement} elements`);
          return [];
        }
        const items = raw[a.itemElement];
        const list = Array.isArray(items) ? items : items === undefined ? [] : [items];
        return list.filter((v) => !isNil(v)).map((v, i) => this.value(a.itemType, a.itemKind, v, `${path}[${i}]`));
      }
      case 'complex': {
        const complex = COMPLEX_TYPES[type.slice(4)];
        if (!complex) throw new ValueError(`${path}: unknown type ${type}`);
        if (!isNode(raw)) {
          if (this.text(raw).trim() === '' && complex.fields.every((f) => f.minOccurs === 0)) return {};
          throw new ValueError(`${path}: expected an element with children`);
        }
        const out: Record<string, unknown> = {};
        for (const field of complex.fields) {
          const value = this.element(field, raw[field.name], `${path}.${field.name}`);
          if (value !== undefined) out[field.name] = value;
        }
        return out;
      }
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNil(value: unknown): boolean {
  return isNode(value) && value['@_nil'] === 'true';
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isNode(value)) {
    const text = value['#text'];
    return typeof text === 'string' ? text : '';
  }
  return '';
}
