import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateFromFile } from '../../../scripts/generate-soap.js';
import { readWsdl } from '../../../scripts/soap-codegen/read-wsdl.js';
import { COMPLEX_TYPES, ENUMS, OPERATIONS, SERVICE, renderWsdl } from '../src/index.js';
import { VENDOR_SKIP_NOTE, VENDOR_WSDL_PATH, hasVendorWsdl } from './support/shared-wsdl.js';

describe.skipIf(!hasVendorWsdl)(`the generated operation table is what the vendor WSDL produces${VENDOR_SKIP_NOTE}`, () => {
  it('regenerating from the vendor WSDL gives the checked-in files byte for byte', () => {
    const files = generateFromFile(VENDOR_WSDL_PATH);
    expect([...files.keys()].sort()).toEqual(readdirSync(GENERATED_DIR).sort());
    for (const [name, content] of files) {
      // toBe on the whole text: a diff here means `pnpm generate` was not run after a change.
      expect(readFileSync(resolve(GENERATED_DIR, name), 'utf8'), name).toBe(content);
    }
  });
});

describe('the generated operation table', () => {
  const complex = Object.values(COMPLEX_TYPES);

  it('holds 221 operations, 73 complex types (26 of them array wrappers) and 44 enumerations', () => {
    expect(Object.keys(OPERATIONS)).toHaveLength(221);
    expect(complex).toHaveLength(73);
    expect(complex.filter((c) => c.array)).toHaveLength(26);
    expect(Object.keys(ENUMS)).toHaveLength(44);
  });

  it('keys every entry by its own name, with the service SOAPAction', () => {
    for (const [name, op] of Object.entries(OPERATIONS)) {
      expect(op.name).toBe(name);
      expect(op.soapAction).toBe(`https://os.ecgrid.io/${name}`);
    }
    for (const [name, c] of Object.entries(COMPLEX_TYPES)) expect(c.name).toBe(name);
    expect(SERVICE.namespace).toBe('https://os.ecgrid.io/');
  });

  it('round-trips: reading the WSDL the package writes gives back the same operations, types and enumerations', () => {
    const address = 'http://127.0.0.1:8080/v4.1/prod/ECGridOS.asmx';
    const desc = readWsdl(renderWsdl({ address }));
    expect(desc.operations).toHaveLength(221);
    expect(desc.complexTypes).toHaveLength(73);
    expect(desc.complexTypes.filter((c) => c.array)).toHaveLength(26);
    expect(desc.enums).toHaveLength(44);
    expect(desc.operations).toEqual(Object.values(OPERATIONS));
    expect(Object.fromEntries(desc.complexTypes.map((c) => [c.name, c]))).toEqual(COMPLEX_TYPES);
    expect(Object.fromEntries(desc.enums.map((e) => [e.name, e.values]))).toEqual(ENUMS);
    expect(desc.service).toMatchObject({
      namespace: SERVICE.namespace,
      serviceName: SERVICE.serviceName,
      soap11Port: SERVICE.soap11Port,
      soap11Binding: SERVICE.soap11Binding,
    });
  });

  it('a WSDL with the SOAP 1.2 binding declares it as the service\'s own WSDL does', () => {
    const desc = readWsdl(renderWsdl({ address: 'http://127.0.0.1/x', operations: ['Login'], soap12: true }));
    expect(desc.service).toMatchObject({ soap12Port: SERVICE.soap12Port, soap12Binding: SERVICE.soap12Binding });
    expect(SERVICE.soap12Port).toBe('ECGridOS_x0020_API_x0020_v4Soap12');
    expect(readWsdl(renderWsdl({ address: 'http://127.0.0.1/x', operations: ['Login'] })).service.soap12Port).toBe('');
  });

  it('a WSDL for a slice of operations carries exactly the types they reach', () => {
    const desc = readWsdl(renderWsdl({ address: 'http://127.0.0.1/x', operations: ['ParcelDownload', 'SessionLog'] }));
    expect(desc.operations.map((o) => o.name)).toEqual(['ParcelDownload', 'SessionLog']);
    expect(desc.complexTypes.map((c) => c.name).sort()).toEqual(['ArrayOfSessionEvents', 'ArrayOfSessionLogInfo', 'FileInfo', 'SessionEvents', 'SessionLogInfo'].sort());
    expect(desc.operations[0]).toEqual(OPERATIONS.ParcelDownload);
  });
});
