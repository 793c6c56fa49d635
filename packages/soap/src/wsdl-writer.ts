import { COMPLEX_TYPES, ENUMS, OPERATIONS, SERVICE } from './generated/index.js';
import type { OperationName } from './generated/index.js';
import type { ElementSpec } from './schema.js';

export interface RenderWsdlOptions {
  /** The operations to describe; default: all of them. */
  operations?: readonly OperationName[] | undefined;
  /** The SOAP ports' address. */
  address: string;
  /** Also declare the SOAP 1.2 binding and port, as the service's own WSDL does (default false). */
  soap12?: boolean | undefined;
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');

/**
 * Writes a SOAP 1.1 document/literal service description for some operations of the generated table, with the
 * service's own namespace, element names, SOAPActions and every type those operations reach.
 */
export function renderWsdl(options: RenderWsdlOptions): string {
  const ops = (options.operations ?? (Object.keys(OPERATIONS) as OperationName[])).map((name) => OPERATIONS[name]);
  const complexNames = new Set<string>();
  const enumNames = new Set<string>();
  const visit = (type: string): void => {
    if (!type.startsWith('tns:')) return;
    const name = type.slice(4);
    if (ENUMS[name]) {
      enumNames.add(name);
      return;
    }
    if (complexNames.has(name)) return;
    const complex = COMPLEX_TYPES[name];
    if (!complex) throw new Error(`unknown type ${type}`);
    complexNames.add(name);
    for (const f of complex.fields) visit(f.type);
  };
  for (const op of ops) {
    for (const p of op.params) visit(p.type);
    if (op.result) visit(op.result.type);
  }

  const element = (e: ElementSpec, indent: string): string => {
    const occurs = `minOccurs="${e.minOccurs}" maxOccurs="${e.maxOccurs}"`;
    const nillable = e.nillable ? ' nillable="true"' : '';
    if (e.kind === 'dataset') {
      return `${indent}<s:element ${occurs} name="${e.name}"><s:complexType><s:sequence><s:element ref="s:schema" /><s:any /></s:sequence></s:complexType></s:element>`;
    }
    const type = e.type.startsWith('xs:') ? `s:${e.type.slice(3)}` : e.type;
    return `${indent}<s:element ${occurs} name="${e.name}"${nillable} type="${type}" />`;
  };
  const sequence = (fields: readonly ElementSpec[], indent: string): string =>
    fields.length === 0
      ? `${indent}<s:complexType />`
      : [`${indent}<s:complexType>`, `${indent}  <s:sequence>`, ...fields.map((f) => element(f, `${indent}    `)), `${indent}  </s:sequence>`, `${indent}</s:complexType>`].join('\n');

  const ns = SERVICE.namespace;
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${ns}" targetNamespace="${ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">`,
    '  <wsdl:types>',
    `    <s:schema elementFormDefault="qualified" targetNamespace="${ns}">`,
  ];
  for (const op of ops) {
    lines.push(`      <s:element name="${op.requestElement}">`, sequence(op.params, '        '), '      </s:element>');
    lines.push(`      <s:element name="${op.responseElement}">`, sequence(op.result ? [op.result] : [], '        '), '      </s:element>');
  }
  for (const name of [...complexNames].sort()) {
    const complex = COMPLEX_TYPES[name]!;
    lines.push(sequence(complex.fields, '      ').replace('<s:complexType', `<s:complexType name="${name}"`));
  }
  for (const name of [...enumNames].sort()) {
    lines.push(`      <s:simpleType name="${name}">`, '        <s:restriction base="s:string">');
    for (const v of ENUMS[name]!) lines.push(`          <s:enumeration value="${escapeAttr(v)}" />`);
    lines.push('        </s:restriction>', '      </s:simpleType>');
  }
  lines.push('    </s:schema>', '  </wsdl:types>');
  for (const op of ops) {
    lines.push(`  <wsdl:message name="${op.name}SoapIn"><wsdl:part name="parameters" element="tns:${op.requestElement}" /></wsdl:message>`);
    lines.push(`  <wsdl:message name="${op.name}SoapOut"><wsdl:part name="parameters" element="tns:${op.responseElement}" /></wsdl:message>`);
  }
  const binding = SERVICE.soap11Binding;
  lines.push(`  <wsdl:portType name="${binding}">`);
  for (const op of ops) {
    lines.push(`    <wsdl:operation name="${op.name}"><wsdl:input message="tns:${op.name}SoapIn" /><wsdl:output message="tns:${op.name}SoapOut" /></wsdl:operation>`);
  }
  lines.push('  </wsdl:portType>');
  const soap12 = options.soap12 === true && SERVICE.soap12Binding !== '';
  // Both bindings share the port type, as in the service's own WSDL; they differ in the SOAP namespace only.
  const bindings: Array<[name: string, prefix: string]> = [[binding, 'soap'], ...(soap12 ? [[SERVICE.soap12Binding, 'soap12'] as [string, string]] : [])];
  for (const [name, prefix] of bindings) {
    lines.push(`  <wsdl:binding name="${name}" type="tns:${binding}">`, `    <${prefix}:binding transport="http://schemas.xmlsoap.org/soap/http" />`);
    for (const op of ops) {
      lines.push(
        `    <wsdl:operation name="${op.name}">`,
        `      <${prefix}:operation soapAction="${escapeAttr(op.soapAction)}" style="document" />`,
        `      <wsdl:input><${prefix}:body use="literal" /></wsdl:input>`,
        `      <wsdl:output><${prefix}:body use="literal" /></wsdl:output>`,
        '    </wsdl:operation>',
      );
    }
    lines.push('  </wsdl:binding>');
  }
  lines.push(
    `  <wsdl:service name="${SERVICE.serviceName}">`,
    `    <wsdl:port name="${SERVICE.soap11Port}" binding="tns:${binding}">`,
    `      <soap:address location="${escapeAttr(options.address)}" />`,
    '    </wsdl:port>',
  );
  if (soap12) {
    lines.push(
      `    <wsdl:port name="${SERVICE.soap12Port}" binding="tns:${SERVICE.soap12Binding}">`,
      `      <soap12:address location="${escapeAttr(options.address)}" />`,
      '    </wsdl:port>',
    );
  }
  lines.push('  </wsdl:service>', '</wsdl:definitions>', '');
  return lines.join('\n');
}
