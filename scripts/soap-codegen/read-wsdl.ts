import { XMLParser } from 'fast-xml-parser';
import type { ComplexTypeSpec, ElementSpec, OperationSpec, ServiceSpec, TypeKind } from '../../packages/soap/src/schema.js';

const NS = {
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  soap11: 'http://schemas.xmlsoap.org/wsdl/soap/',
  soap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
  xs: 'http://www.w3.org/2001/XMLSchema',
} as const;

type XmlNode = { [key: string]: unknown };

export interface ServiceDescription {
  service: ServiceSpec;
  operations: OperationSpec[];
  complexTypes: ComplexTypeSpec[];
  enums: { name: string; values: string[] }[];
}

export class WsdlReadError extends Error {}

/** Reads the parts of a SOAP 1.1 document/literal WSDL that the client and the emulator need. */
export function readWsdl(xml: string): ServiceDescription {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: false,
    isArray: () => true,
  });
  const doc = parser.parse(xml) as XmlNode;
  const rootKey = Object.keys(doc).find((k) => localName(k) === 'definitions');
  if (!rootKey) throw new WsdlReadError('not a WSDL: no definitions element');
  const root = first(doc[rootKey]);
  const prefixes = new Map<string, string>();
  for (const [k, v] of Object.entries(root)) {
    if (k === '@_xmlns') prefixes.set('', String(v));
    else if (k.startsWith('@_xmlns:')) prefixes.set(k.slice('@_xmlns:'.length), String(v));
  }
  const q = new QNames(prefixes);
  const targetNamespace = attr(root, 'targetNamespace');

  const schemas = q.children(first(q.children(root, NS.wsdl, 'types')), NS.xs, 'schema');
  const schema = schemas.find((s) => attr(s, 'targetNamespace') === targetNamespace);
  if (!schema) throw new WsdlReadError('no schema for the target namespace');

  const topElements = byName(q.children(schema, NS.xs, 'element'));
  const complexNodes = byName(q.children(schema, NS.xs, 'complexType'));
  const simpleNodes = byName(q.children(schema, NS.xs, 'simpleType'));

  const enums = [...simpleNodes.entries()].map(([name, node]) => ({
    name,
    values: q.children(first(q.children(node, NS.xs, 'restriction')), NS.xs, 'enumeration').map((e) => attr(e, 'value')),
  }));

  const isArrayWrapper = (name: string): boolean => {
    const node = complexNodes.get(name);
    if (!node || !name.startsWith('ArrayOf')) return false;
    const fields = sequenceOf(q, node);
    return fields.length === 1 && attr(fields[0]!, 'maxOccurs') === 'unbounded';
  };

  const typeRef = (raw: string): { type: string; kind: TypeKind } => {
    const [prefix, local] = raw.includes(':') ? (raw.split(':') as [string, string]) : ['', raw];
    const ns = prefixes.get(prefix);
    if (ns === NS.xs) return { type: `xs:${local}`, kind: 'builtin' };
    if (ns !== targetNamespace) throw new WsdlReadError(`type ${raw} is outside the service namespace`);
    if (simpleNodes.has(local)) return { type: `tns:${local}`, kind: 'enum' };
    if (isArrayWrapper(local)) return { type: `tns:${local}`, kind: 'array' };
    if (complexNodes.has(local)) return { type: `tns:${local}`, kind: 'complex' };
    throw new WsdlReadError(`unknown type ${raw}`);
  };

  const elementSpec = (node: XmlNode): ElementSpec => {
    const name = attr(node, 'name');
    const occurs = {
      minOccurs: Number(attr(node, 'minOccurs', '1')),
      maxOccurs: attr(node, 'maxOccurs', '1') === 'unbounded' ? ('unbounded' as const) : Number(attr(node, 'maxOccurs', '1')),
      nillable: attr(node, 'nillable', 'false') === 'true',
    };
    const typeAttr = attr(node, 'type', '');
    if (typeAttr) return { name, ...typeRef(typeAttr), ...occurs };
    const inline = first(q.children(node, NS.xs, 'complexType'));
    const seq = q.children(inline, NS.xs, 'sequence');
    if (seq.length > 0 && q.children(first(seq), NS.xs, 'any').length > 0) {
      return { name, type: 'DataSet', kind: 'dataset', ...occurs };
    }
    throw new WsdlReadError(`element ${name} has neither a type nor a DataSet shape`);
  };

  const complexTypes: ComplexTypeSpec[] = [...complexNodes.entries()].map(([name, node]) => {
    const fields = sequenceOf(q, node).map(elementSpec);
    if (!isArrayWrapper(name)) return { name, fields };
    const item = fields[0]!;
    return { name, fields, array: { itemElement: item.name, itemType: item.type, itemKind: item.kind } };
  });

  const messages = byName(q.children(root, NS.wsdl, 'message'));
  const messageElement = (ref: string): XmlNode => {
    const message = messages.get(stripPrefix(ref));
    const part = message && first(q.children(message, NS.wsdl, 'part'));
    const element = part && topElements.get(stripPrefix(attr(part, 'element', '')));
    if (!element) throw new WsdlReadError(`message ${ref} has no element part`);
    return element;
  };

  const binding = q
    .children(root, NS.wsdl, 'binding')
    .find((b) => q.children(b, NS.soap11, 'binding').length > 0);
  if (!binding) throw new WsdlReadError('no SOAP 1.1 binding');
  const bindingName = attr(binding, 'name');
  const portType = q.children(root, NS.wsdl, 'portType').find((p) => attr(p, 'name') === stripPrefix(attr(binding, 'type')));
  if (!portType) throw new WsdlReadError('the SOAP 1.1 binding has no port type');
  const abstractOps = byName(q.children(portType, NS.wsdl, 'operation'));

  const operations: OperationSpec[] = q.children(binding, NS.wsdl, 'operation').map((bop) => {
    const name = attr(bop, 'name');
    const soapAction = attr(first(q.children(bop, NS.soap11, 'operation')), 'soapAction');
    const aop = abstractOps.get(name);
    if (!aop) throw new WsdlReadError(`operation ${name} is not in the port type`);
    const request = messageElement(attr(first(q.children(aop, NS.wsdl, 'input')), 'message'));
    const response = messageElement(attr(first(q.children(aop, NS.wsdl, 'output')), 'message'));
    const resultNodes = sequenceOfElement(q, response);
    return {
      name,
      soapAction,
      requestElement: attr(request, 'name'),
      responseElement: attr(response, 'name'),
      params: sequenceOfElement(q, request).map(elementSpec),
      result: resultNodes.length > 0 ? elementSpec(resultNodes[0]!) : null,
    };
  });

  const serviceNode = first(q.children(root, NS.wsdl, 'service'));
  const port = q.children(serviceNode, NS.wsdl, 'port').find((p) => stripPrefix(attr(p, 'binding')) === bindingName);
  if (!port) throw new WsdlReadError('no port for the SOAP 1.1 binding');
  // The SOAP 1.2 binding, when the service declares one, serves the same operations with the same SOAPActions.
  const binding12 = q.children(root, NS.wsdl, 'binding').find((b) => q.children(b, NS.soap12, 'binding').length > 0);
  const binding12Name = binding12 ? attr(binding12, 'name') : '';
  const port12 = q.children(serviceNode, NS.wsdl, 'port').find((p) => binding12Name !== '' && stripPrefix(attr(p, 'binding')) === binding12Name);
  const documentation = JSON.stringify(root);
  const version = /Version (v[\d.]+) \(Build (\d+)\)/.exec(documentation);

  return {
    service: {
      namespace: targetNamespace,
      serviceName: attr(serviceNode, 'name'),
      soap11Port: attr(port, 'name'),
      soap11Binding: bindingName,
      soap12Port: port12 ? attr(port12, 'name') : '',
      soap12Binding: port12 ? binding12Name : '',
      wsdlVersion: version?.[1] ?? '',
      wsdlBuild: version?.[2] ?? '',
    },
    operations,
    complexTypes,
    enums,
  };
}

class QNames {
  constructor(private readonly prefixes: Map<string, string>) {}

  children(node: XmlNode | undefined, ns: string, local: string): XmlNode[] {
    if (!node) return [];
    const out: XmlNode[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@_') || key === '#text') continue;
      const [prefix, name] = key.includes(':') ? (key.split(':') as [string, string]) : ['', key];
      if (name === local && this.prefixes.get(prefix) === ns) out.push(...(value as XmlNode[]));
    }
    return out;
  }
}

function sequenceOf(q: QNames, complexType: XmlNode): XmlNode[] {
  return q.children(first(q.children(complexType, NS.xs, 'sequence')), NS.xs, 'element');
}

function sequenceOfElement(q: QNames, element: XmlNode): XmlNode[] {
  return sequenceOf(q, first(q.children(element, NS.xs, 'complexType')) ?? {});
}

function first(value: unknown): XmlNode {
  const node = Array.isArray(value) ? value[0] : value;
  return (node && typeof node === 'object' ? node : {}) as XmlNode;
}

function attr(node: XmlNode, name: string, fallback?: string): string {
  const raw = node[`@_${name}`];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new WsdlReadError(`missing attribute ${name}`);
  }
  return String(value);
}

function byName(nodes: XmlNode[]): Map<string, XmlNode> {
  return new Map(nodes.map((n) => [attr(n, 'name'), n]));
}

function stripPrefix(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function localName(key: string): string {
  return stripPrefix(key);
}
