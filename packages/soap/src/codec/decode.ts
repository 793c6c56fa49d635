import { XMLParser } from 'fast-xml-parser';
import type { Redactor } from '@ecgrid-bridge/core';
import { COMPLEX_TYPES } from '../generated/index.js';
import type { ElementSpec, OperationSpec, TypeKind } from '../schema.js';
import { SoapFaultError, SoapProtocolError, type SoapProtocolErrorKind } from '../errors.js';
import { ValueError, parseBuiltin } from './values.js';

type Node = Record<string, unknown>;

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

const parsers = new Map<string, XMLParser>();

/** One parser per operation, with its base64 elements as stop nodes so large payloads are not parsed as text. */
function parserFor(op: OperationSpec): XMLParser {
  let parser = parsers.get(op.name);
  if (!parser) {
    const stopNodes = op.result ? base64Paths(op.result, `Envelope.Body.${op.responseElement}.${op.result.name}`, 0) : [];
    parser = new XMLParser({
      removeNSPrefix: true,
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      processEntities: true,
      htmlEntities: false,
      stopNodes,
    });
    parsers.set(op.name, parser);
  }
  return parser;
}

function base64Paths(spec: Pick<ElementSpec, 'type' | 'kind'>, path: string, depth: number): string[] {
  if (depth > 6) return [];
  if (spec.kind === 'builtin') return spec.type === 'xs:base64Binary' ? [path] : [];
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

const ENVELOPE_END = /<\/(?:[A-Za-z_][\w.-]*:)?Envelope\s*>\s*$/;

/** Turns an HTTP answer into the operation's result, a typed fault, or a typed protocol error. */
export function decodeResponse(op: OperationSpec, answer: HttpAnswer, redactor?: Redactor): unknown {
  const fail = (kind: SoapProtocolErrorKind, message: string, cause?: unknown): never => {
    throw new SoapProtocolError({ operation: op.name, kind, httpStatus: answer.status, message }, { cause, redactor });
  };
  const text = answer.body;
  if (text.trim() === '') fail('empty', `empty response body (HTTP ${answer.status})`);
  const head = text.slice(0, 2048);
  if (/<!DOCTYPE|<!ENTITY/i.test(head) || /<!ENTITY/i.test(text)) {
    fail('doctype', 'response declares a DOCTYPE or entities; refused without expanding them');
  }
  if (/text\/html/i.test(answer.contentType) || /^\s*(<\?xml[^>]*>\s*)?<html[\s>]/i.test(head)) {
    fail('html', `received an HTML page instead of a SOAP envelope (HTTP ${answer.status})`);
  }
  if (!/^\s*</.test(text)) fail('not-xml', `response is not XML (HTTP ${answer.status})`);
  if (!ENVELOPE_END.test(text)) fail('truncated', 'response ends before the SOAP envelope is closed');

  let doc: Node;
  try {
    doc = parserFor(op).parse(text) as Node;
  } catch (err) {
    return fail('not-xml', 'response is not well-formed XML', err);
  }
  const envelope = doc['Envelope'];
  if (!isNode(envelope) || !isNode(envelope['Body'])) return fail('not-envelope', 'response is not a SOAP envelope');
  const body = envelope['Body'] as Node;

  const fault = body['Fault'];
  if (fault !== undefined) throw faultFrom(op.name, isNode(fault) ? fault : {}, answer.status, redactor);

  const response = body[op.responseElement];
  if (response === undefined) {
    const got = Object.keys(body).find((k) => !k.startsWith('@_') && k !== '#text') ?? 'nothing';
    return fail('wrong-operation', `expected ${op.responseElement} but the response holds ${got}`);
  }
  if (!op.result) return undefined;
  const raw = isNode(response) ? response[op.result.name] : undefined;
  try {
    return convertElement(op.result, raw, op.result.name);
  } catch (err) {
    if (err instanceof ValueError) return fail('invalid-value', err.message);
    throw err;
  }
}

function faultFrom(operation: string, fault: Node, httpStatus: number, redactor?: Redactor): SoapFaultError {
  const code = fault['Code'];
  if (isNode(code)) {
    const reason = fault['Reason'];
    const reasonText = isNode(reason) ? textOf(firstOf(reason['Text'])) : textOf(reason);
    return new SoapFaultError(
      {
        operation,
        faultCode: textOf(code['Value']).trim(),
        faultString: reasonText.trim(),
        errorCode: errorCodeOf(fault['Detail']),
        httpStatus,
        soapVersion: '1.2',
      },
      redactor,
    );
  }
  return new SoapFaultError(
    {
      operation,
      faultCode: textOf(fault['faultcode']).trim(),
      faultString: textOf(fault['faultstring']).trim(),
      errorCode: errorCodeOf(fault['detail']),
      httpStatus,
      soapVersion: '1.1',
    },
    redactor,
  );
}

function errorCodeOf(detail: unknown): string | undefined {
  if (!isNode(detail)) return undefined;
  const value = detail['ECGridOSSOAPErrorCode'];
  const text = value === undefined ? '' : textOf(firstOf(value)).trim();
  return text === '' ? undefined : text;
}

function convertElement(spec: ElementSpec, raw: unknown, path: string): unknown {
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (spec.maxOccurs === 'unbounded' || spec.maxOccurs > 1) {
    return values.filter((v) => !isNil(v)).map((v, i) => convertValue(spec.type, spec.kind, v, `${path}[${i}]`));
  }
  if (values.length > 1) throw new ValueError(`${path} occurs more than once`);
  const value = values[0];
  if (value === undefined) {
    if (spec.minOccurs > 0) throw new ValueError(`${path} is missing`);
    return undefined;
  }
  if (isNil(value)) return null;
  return convertValue(spec.type, spec.kind, value, path);
}

function convertValue(type: string, kind: TypeKind, raw: unknown, path: string): unknown {
  switch (kind) {
    case 'builtin':
      try {
        return parseBuiltin(type, textOf(raw));
      } catch (err) {
        if (err instanceof ValueError) throw new ValueError(`${path}: ${err.message}`);
        throw err;
      }
    case 'enum':
      return textOf(raw).trim();
    case 'dataset':
      return { xml: typeof raw === 'string' ? raw : JSON.stringify(raw) };
    case 'array': {
      const a = COMPLEX_TYPES[type.slice(4)]?.array;
      if (!a) throw new ValueError(`${path}: unknown array type ${type}`);
      if (!isNode(raw)) return [];
      const items = raw[a.itemElement];
      const list = Array.isArray(items) ? items : items === undefined ? [] : [items];
      return list.filter((v) => !isNil(v)).map((v, i) => convertValue(a.itemType, a.itemKind, v, `${path}[${i}]`));
    }
    case 'complex': {
      const complex = COMPLEX_TYPES[type.slice(4)];
      if (!complex) throw new ValueError(`${path}: unknown type ${type}`);
      if (!isNode(raw)) {
        if (textOf(raw).trim() === '' && complex.fields.every((f) => f.minOccurs === 0)) return {};
        throw new ValueError(`${path}: expected an element with children`);
      }
      const out: Record<string, unknown> = {};
      for (const field of complex.fields) {
        const value = convertElement(field, raw[field.name], `${path}.${field.name}`);
        if (value !== undefined) out[field.name] = value;
      }
      return out;
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
