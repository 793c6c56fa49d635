import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { type XmlNode, items, restCall, soapCall } from './support/clients.js';

/** Interconnect writes (rest-api/partners/delete-partner.md) on both protocols over one store. */

let sb: RunningSandbox;
const soap = (op: string, params: Record<string, string | number>) => soapCall(sb.soapUrl, op, { SessionID: sb.credentials.apiKey, ...params });
const rest = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
  restCall(sb.restUrl, method, path, { headers: { 'x-api-key': sb.credentials.apiKey }, ...(body !== undefined ? { body } : {}) });

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('interconnect writes', () => {
  it('InterconnectCancel on SOAP is Terminated on REST, keeps its note, and cannot be repeated', async () => {
    expect((await soap('InterconnectCancel', { InterconnectID: 9001, Note: 'Vertrag beendet', EMailTo: 'NoEMail' })).result).toBe('true');
    expect((await rest('GET', '/v2/partners/9001')).json?.data).toMatchObject({ status: 'Terminated' });
    expect(((await soap('InterconnectInfo', { InterconnectID: 9001 })).result as XmlNode)['Status']).toBe('Canceled');
    expect(items((await soap('InterconnectNoteList', { InterconnectID: 9001 })).result, 'InterconnectNote').map((n) => n['Note'])).toContain('Vertrag beendet');
    expect((await rest('DELETE', '/v2/partners/9001')).json?.errorCode).toBe('InvalidParameter');
  });

  it('DELETE /v2/partners/{id} answers true and SOAP reads the cancellation; an interconnect of other IDs is refused', async () => {
    expect((await rest('DELETE', '/v2/partners/9003')).json?.data).toBe(true);
    expect(((await soap('InterconnectInfo', { InterconnectID: 9003 })).result as XmlNode)['Status']).toBe('Canceled');
    expect((await rest('DELETE', '/v2/partners/9004')).json?.success).toBe(false);
    expect((await rest('DELETE', '/v2/partners/999999')).json?.success).toBe(false);
  });
});
