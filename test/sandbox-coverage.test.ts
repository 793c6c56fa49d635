import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAPPINGS } from '@ecgrid-bridge/facade';
import { NOT_EMULATED, type RunningSandbox, SANDBOX_OPERATIONS, restEndpointsOf, startSandbox } from '@ecgrid-bridge/sandbox';
import { OPERATIONS, SERVICE } from '@ecgrid-bridge/soap';

/**
 * What the sandbox covers: every operation the facade maps to REST on both protocols, every other operation on SOAP
 * or named as not emulated with its reason, and a fault that gives that reason.
 */

const served: ReadonlySet<string> = new Set(SANDBOX_OPERATIONS);
const notEmulated = Object.keys(NOT_EMULATED);

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

describe('the operations the sandbox covers', () => {
  it('serves every operation the facade maps to REST, on SOAP and at the REST endpoint the facade calls', () => {
    const mapped = Object.entries(MAPPINGS).flatMap(([op, m]) => (m.rest ? [[op, m.rest.endpoint] as const] : []));
    expect(mapped.length).toBeGreaterThan(130);
    const missing = mapped.filter(([op, endpoint]) => !served.has(op) || !restEndpointsOf(op as keyof typeof OPERATIONS).includes(endpoint));
    expect(missing).toEqual([]);
  });

  it('serves every other WSDL operation on SOAP, or names it as not emulated with a reason, never both', () => {
    const all = Object.keys(OPERATIONS);
    expect(all.filter((op) => !served.has(op) && !notEmulated.includes(op))).toEqual([]);
    expect(notEmulated.filter((op) => served.has(op))).toEqual([]);
    expect(notEmulated.filter((op) => !all.includes(op))).toEqual([]);
    expect(Object.values(NOT_EMULATED).filter((reason) => (reason ?? '').length < 20)).toEqual([]);
  });

  it.each(notEmulated)('answers %s with a SOAP fault that gives the reason', async (operation) => {
    const spec = OPERATIONS[operation as keyof typeof OPERATIONS];
    const body = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${spec.requestElement} xmlns="${SERVICE.namespace}"/></soap:Body></soap:Envelope>`;
    const res = await fetch(sandbox.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: `"${SERVICE.namespace}${operation}"` }, body });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).toContain(`<faultstring>${operation} is not emulated by the sandbox: ${NOT_EMULATED[operation as keyof typeof NOT_EMULATED] ?? ''}</faultstring>`);
  });
});
