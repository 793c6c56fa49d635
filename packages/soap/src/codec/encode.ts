import { XMLBuilder } from './fxp.js';
import { COMPLEX_TYPES, SERVICE } from '../generated/index.js';
import type { ElementSpec, OperationSpec } from '../schema.js';
import { SoapRequestError } from '../errors.js';
import { ValueError, enumValue, formatBuiltin } from './values.js';

const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

type XmlValue = string | XmlObject | XmlValue[];
interface XmlObject {
  [key: string]: XmlValue;
}

/** Builds the SOAP 1.1 request envelope of an operation from named parameters, in WSDL order. */
export function buildEnvelope(op: OperationSpec, params: Record<string, unknown>): string {
  const known = paramNames(op);
  for (const key of Object.keys(params ?? {})) {
    if (!known.has(key)) {
      throw new SoapRequestError(op.name, `unknown parameter ${key}; expected ${[...known].join(', ') || 'none'}`);
    }
  }
  const body: XmlObject = {};
  for (const spec of op.params) {
    const encoded = encodeElement(op.name, spec, params?.[spec.name], spec.name);
    if (encoded !== undefined) body[spec.name] = encoded;
  }
  // Only the parameters go through the builder: the envelope around them is the same for every call.
  const element = op.requestElement;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11_ENV}"><soap:Body>` +
    `<${element} xmlns="${SERVICE.namespace}">${builder.build(body) as string}</${element}></soap:Body></soap:Envelope>`
  );
}

const paramNameSets = new WeakMap<OperationSpec, ReadonlySet<string>>();

function paramNames(op: OperationSpec): ReadonlySet<string> {
  let names = paramNameSets.get(op);
  if (!names) {
    names = new Set(op.params.map((p) => p.name));
    paramNameSets.set(op, names);
  }
  return names;
}

function encodeElement(opName: string, spec: ElementSpec, value: unknown, path: string): XmlValue | undefined {
  if (value === undefined || value === null) {
    if (spec.minOccurs > 0) throw new SoapRequestError(opName, `parameter ${path} is required`);
    return undefined;
  }
  try {
    return encodeValue(opName, spec.type, spec.kind, value, path);
  } catch (err) {
    if (err instanceof ValueError) throw new SoapRequestError(opName, `parameter ${path}: ${err.message}`);
    throw err;
  }
}

function encodeValue(opName: string, type: string, kind: ElementSpec['kind'], value: unknown, path: string): XmlValue {
  switch (kind) {
    case 'builtin':
      return formatBuiltin(type, value);
    case 'enum':
      return enumValue(type, value);
    case 'array': {
      const wrapper = COMPLEX_TYPES[type.slice(4)];
      if (!wrapper?.array) throw new ValueError(`unknown array type ${type}`);
      if (!Array.isArray(value)) throw new ValueError('expected an array');
      const { itemElement, itemType, itemKind } = wrapper.array;
      return { [itemElement]: value.map((v, i) => encodeValue(opName, itemType, itemKind, v, `${path}[${i}]`)) };
    }
    case 'complex': {
      const complex = COMPLEX_TYPES[type.slice(4)];
      if (!complex) throw new ValueError(`unknown type ${type}`);
      if (typeof value !== 'object' || Array.isArray(value)) throw new ValueError('expected an object');
      const record = value as Record<string, unknown>;
      const out: XmlObject = {};
      for (const field of complex.fields) {
        const encoded = encodeElement(opName, field, record[field.name], `${path}.${field.name}`);
        if (encoded !== undefined) out[field.name] = encoded;
      }
      return out;
    }
    case 'dataset':
      throw new ValueError('DataSet values cannot be sent');
  }
}
