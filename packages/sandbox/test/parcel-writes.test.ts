import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo, restCall } from './support/clients.js';

/** ParcelUpdateStatus and POST /v2/parcels/update (rest-api/parcels/update-parcel.md) over one store. */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('parcel status writes', () => {
  it('SOAP sets an inbox state that REST reads, and the REST update answers the parcel SOAP then reads', async () => {
    expect((await soap('ParcelUpdateStatus', { ParcelID: 987650003, Status: 'InBoxTransferred', TransLogOnly: false })).result).toBe('true');
    const seen = await restCall(sb.restUrl, 'GET', '/v2/parcels/987650003', { headers: { 'x-api-key': sb.credentials.apiKey } });
    expect(seen.json?.data).toMatchObject({ status: 'InBoxTransferred' });
    // InBoxArchived is the appendix's, not the WSDL's: only REST can ask for it.
    expect((await rest('POST', '/v2/parcels/update', { parcelId: 987650003, status: 'InBoxArchived' })).json?.data).toMatchObject({ status: 'InBoxArchived' });
    const updated = await rest('POST', '/v2/parcels/update', { parcelId: 987650003, status: 'InBoxReady' });
    expect(updated.json?.data).toMatchObject({ parcelId: 987650003, status: 'InBoxReady' });
    expect(((await soap('ParcelInfo', { ParcelID: 987650003 })).result as XmlNode)['StatusCode']).toBe('InBoxReady');
  });

  it('refuses a status that is no ParcelStatus, and one the sandbox does not emulate, saying which', async () => {
    expect((await rest('POST', '/v2/parcels/update', { parcelId: 987650003, status: 'Shipped' })).json?.errorCode).toBe('InvalidParameter');
    const outbound = await soap('ParcelUpdateStatus', { ParcelID: 987650003, Status: 'OutBoxSent', TransLogOnly: false });
    expect(outbound.fault?.string ?? '').toMatch(/not emulated|not a ParcelStatus/);
    expect((await soap('ParcelUpdateStatus', { ParcelID: 987650003, Status: 'InBoxReady', TransLogOnly: true })).fault?.string).toMatch(/TransLogOnly/);
  });
});
