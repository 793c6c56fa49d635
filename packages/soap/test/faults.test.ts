import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EcgridError } from '@ecgrid-bridge/core';
import {
  OPERATIONS,
  SoapFaultError,
  SoapProtocolError,
  SoapTransportError,
  createSoapClient,
  decodeResponse,
  type SoapClient,
} from '../src/index.js';
import { type LoopbackServer, startLoopback } from './support/loopback.js';
import { ENDPOINT, ORIGIN, PATH, fakeService, fault11, fault12, isolateNetwork, okEnvelope, rejectionOf, resetNetwork } from './support/wire.js';

/** Everything an error exposes, for "this text never appears" checks. */
const everything = (err: unknown): string =>
  [String(err), (err as Error).stack ?? '', JSON.stringify(err), inspect(err, { depth: 10 })].join('\n');

describe('SOAP faults become one typed SoapFaultError', () => {
  const decodeFault = (body: string, status = 500) =>
    rejectionOf(Promise.resolve().then(() => decodeResponse(OPERATIONS.ParcelDownload, { status, contentType: 'text/xml', body })));

  it('reads SOAP 1.1 faultcode, faultstring and a named ECGridOSSOAPErrorCode', async () => {
    const err = await decodeFault(fault11('soap:Client', ' Parcel 12 not found ', 'ObjectNotFound'));
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toBeInstanceOf(EcgridError);
    expect(err).toMatchObject({
      operation: 'ParcelDownload',
      faultCode: 'soap:Client',
      faultString: 'Parcel 12 not found',
      errorCode: 'ObjectNotFound',
      httpStatus: 500,
      soapVersion: '1.1',
      code: 'SoapFault',
    });
    expect((err as Error).message).toBe('ParcelDownload failed with SOAP fault soap:Client [ObjectNotFound]: Parcel 12 not found');
  });

  it('reads a numeric error code, and a fault without detail', async () => {
    expect(await decodeFault(fault11('soap:Client', 'Session expired', '5'))).toMatchObject({ errorCode: '5', faultString: 'Session expired' });
    expect(await decodeFault(fault11('soap:Server', 'Oops'), 200)).toMatchObject({ errorCode: undefined, faultCode: 'soap:Server', httpStatus: 200 });
  });

  it('reads SOAP 1.2 Code/Value, Reason/Text and Detail into the same shape', async () => {
    const err = await decodeFault(fault12('soap:Sender', 'Invalid session', 'Authentication'));
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toMatchObject({
      operation: 'ParcelDownload',
      faultCode: 'soap:Sender',
      faultString: 'Invalid session',
      errorCode: 'Authentication',
      httpStatus: 500,
      soapVersion: '1.2',
    });
  });
});

describe('the wire', () => {
  let client: SoapClient;
  beforeEach(() => {
    isolateNetwork();
    client = createSoapClient({ endpoint: ENDPOINT, timeoutMs: 2_000 });
  });
  afterEach(() => {
    client.close();
    resetNetwork();
  });

  it('sends the quoted SOAPAction, text/xml in utf-8, and the body in the service namespace', async () => {
    const service = fakeService({ Version: () => okEnvelope('Version', 'v4.1') });
    await expect(client.call('Version', {})).resolves.toBe('v4.1');
    await client.call('ParcelDownloadConfirm', { SessionID: 'S', ParcelID: 5 }).catch(() => undefined);
    const [version, confirm] = service.requests;
    expect(version).toMatchObject({ soapAction: '"https://os.ecgrid.io/Version"', contentType: 'text/xml; charset=utf-8', namespace: 'https://os.ecgrid.io/' });
    expect(confirm).toMatchObject({ operation: 'ParcelDownloadConfirm', soapAction: '"https://os.ecgrid.io/ParcelDownloadConfirm"' });
    expect(confirm!.order).toEqual(['SessionID', 'ParcelID']);
  });

  it('turns a fault over HTTP 500 into a SoapFaultError with the HTTP status', async () => {
    fakeService({ ParcelDownload: () => ({ status: 500, body: fault11('soap:Client', 'No such parcel', 'ObjectNotFound') }) });
    const err = await rejectionOf(client.call('ParcelDownload', { SessionID: 'S', ParcelID: 1 }));
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toMatchObject({ operation: 'ParcelDownload', errorCode: 'ObjectNotFound', httpStatus: 500 });
  });

  const badBodies: Array<{ name: string; status: number; body: string; contentType?: string; error: typeof SoapProtocolError | typeof SoapTransportError; kind: string }> = [
    { name: 'a non-XML body', status: 503, body: 'Service Unavailable', contentType: 'text/plain', error: SoapProtocolError, kind: 'not-xml' },
    {
      name: 'an HTML 502 page',
      status: 502,
      body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
      contentType: 'text/html',
      error: SoapProtocolError,
      kind: 'html',
    },
    { name: 'an HTML page labelled text/xml', status: 200, body: '<html><body>Maintenance</body></html>', error: SoapProtocolError, kind: 'html' },
    { name: 'an empty body', status: 200, body: '', error: SoapProtocolError, kind: 'empty' },
    { name: 'a whitespace body', status: 500, body: ' \r\n ', error: SoapProtocolError, kind: 'empty' },
    { name: 'a truncated envelope', status: 200, body: okEnvelope('Version', 'v4.1').slice(0, -30), error: SoapProtocolError, kind: 'truncated' },
    { name: 'a response for another operation', status: 200, body: okEnvelope('NowUTC', '2026-01-01T00:00:00Z'), error: SoapProtocolError, kind: 'wrong-operation' },
    {
      name: 'mismatched tags inside a closed envelope',
      status: 200,
      body: okEnvelope('Version', 'v4.1').replace('</VersionResult>', '</Other>'),
      error: SoapProtocolError,
      kind: 'not-xml',
    },
    { name: 'XML that is not an envelope', status: 200, body: '<Envelope><NoBody/></Envelope>', error: SoapProtocolError, kind: 'not-envelope' },
    { name: 'a result over HTTP 500', status: 500, body: okEnvelope('Version', 'v4.1'), error: SoapTransportError, kind: 'http' },
    {
      name: 'a response in another namespace (the old ECGridOS one)',
      status: 200,
      body: okEnvelope('Version', 'v4.1').replace('xmlns="https://os.ecgrid.io/"', 'xmlns="http://www.ecgridos.net/"'),
      error: SoapProtocolError,
      kind: 'wrong-namespace',
    },
    {
      name: 'a response in no namespace',
      status: 200,
      body: okEnvelope('Version', 'v4.1').replace(' xmlns="https://os.ecgrid.io/"', ''),
      error: SoapProtocolError,
      kind: 'wrong-namespace',
    },
    {
      name: 'a prefixed response whose prefix names another namespace',
      status: 200,
      body: okEnvelope('Version', 'v4.1')
        .replace('<VersionResponse xmlns="https://os.ecgrid.io/">', '<x:VersionResponse xmlns:x="urn:other" xmlns="https://os.ecgrid.io/">')
        .replace('</VersionResponse>', '</x:VersionResponse>'),
      error: SoapProtocolError,
      kind: 'wrong-namespace',
    },
  ];

  it.each([
    ['a prefixed response element', (b: string) => b.replace('<VersionResponse xmlns="https://os.ecgrid.io/">', '<e:VersionResponse xmlns:e="https://os.ecgrid.io/">').replace('</VersionResponse>', '</e:VersionResponse>')],
    ['a namespace declared on the Envelope', (b: string) => b.replace(' xmlns="https://os.ecgrid.io/"', '').replace('<soap:Envelope ', '<soap:Envelope xmlns:e="https://os.ecgrid.io/" ').replace('<VersionResponse>', '<e:VersionResponse>').replace('</VersionResponse>', '</e:VersionResponse>')],
    ['a default namespace on the Body, after a header and a comment', (b: string) => b.replace(' xmlns="https://os.ecgrid.io/"', '').replace('<soap:Body>', '<soap:Header><VersionResponse xmlns="urn:h"/></soap:Header><!-- <VersionResponse xmlns="urn:c"> --><soap:Body xmlns="https://os.ecgrid.io/">')],
  ])('accepts the service namespace on %s', async (_name, rewrite) => {
    nock(ORIGIN).post(PATH).reply(200, rewrite(okEnvelope('Version', 'v4.1')), { 'Content-Type': 'text/xml; charset=utf-8' });
    expect(await client.call('Version', {})).toBe('v4.1');
  });

  it.each(badBodies)('turns $name into a typed $kind error', async ({ status, body, contentType, error, kind }) => {
    nock(ORIGIN).post(PATH).reply(status, body, { 'Content-Type': contentType ?? 'text/xml; charset=utf-8' });
    const err = await rejectionOf(client.call('Version', {}));
    expect(err).toBeInstanceOf(error);
    expect(err).toMatchObject({ operation: 'Version', kind, httpStatus: status });
  });

  it('refuses a DOCTYPE with a billion-laughs entity bomb without expanding it', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('');
    const bomb =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${levels}]>` +
      okEnvelope('Version', '&lol9;').replace(/^<\?xml[^>]*>/, '');
    nock(ORIGIN).post(PATH).reply(200, bomb, { 'Content-Type': 'text/xml' });
    const err = await rejectionOf(client.call('Version', {}));
    expect(err).toBeInstanceOf(SoapProtocolError);
    expect(err).toMatchObject({ kind: 'doctype' });
    expect(everything(err)).not.toContain('lollol');
  });

  it('refuses an external entity (file:///etc/passwd) without resolving it', async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      okEnvelope('Version', '&xxe;').replace(/^<\?xml[^>]*>/, '');
    nock(ORIGIN).post(PATH).reply(200, xxe, { 'Content-Type': 'text/xml' });
    const err = await rejectionOf(client.call('Version', {}));
    expect(err).toMatchObject({ name: 'SoapProtocolError', kind: 'doctype' });
    expect(everything(err)).not.toMatch(/root:|\/bin\/(ba)?sh/);
  });

  it('refuses a DOCTYPE placed late in a long prolog', async () => {
    const late = `<?xml version="1.0"?><!--${'x'.repeat(5000)}--><!DOCTYPE foo SYSTEM "file:///etc/passwd">${okEnvelope('Version', 'v').replace(/^<\?xml[^>]*>/, '')}`;
    nock(ORIGIN).post(PATH).reply(200, late, { 'Content-Type': 'text/xml' });
    expect(await rejectionOf(client.call('Version', {}))).toMatchObject({ kind: 'doctype' });
  });

  it('turns a connection error into a network SoapTransportError', async () => {
    // nock 14 emits the error only when given an Error instance (a plain object leaves the request hanging).
    nock(ORIGIN).post(PATH).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const err = await rejectionOf(client.call('Version', {}));
    expect(err).toBeInstanceOf(SoapTransportError);
    expect(err).toMatchObject({ kind: 'network', httpStatus: 0 });
  });

  it('refuses a response larger than maxResponseBytes', async () => {
    const small = createSoapClient({ endpoint: ENDPOINT, maxResponseBytes: 1024 });
    nock(ORIGIN).post(PATH).reply(200, okEnvelope('Version', 'x'.repeat(4096)), { 'Content-Type': 'text/xml' });
    expect(await rejectionOf(small.call('Version', {}))).toMatchObject({ name: 'SoapTransportError', kind: 'too-large' });
    small.close();
  });

  it('refuses an unknown operation, and bad parameters, without sending anything', async () => {
    const err = await rejectionOf(client.call('NoSuchOperation' as 'Version', {}));
    expect(err).toMatchObject({ name: 'SoapRequestError', operation: 'NoSuchOperation' });
    expect(await rejectionOf(client.call('ParcelDownload', { SessionID: 'S' } as never))).toMatchObject({ name: 'SoapRequestError' });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

// The other real-socket tests (timeouts, aborts, cut and refused connections) live in loopback.test.ts, where nock is
// not loaded: nock intercepts loopback requests too, which would hide how the transport treats a real socket.
describe('redirects', () => {
  let elsewhere: LoopbackServer;
  beforeAll(async () => {
    elsewhere = await startLoopback((_req, res) => res.end(okEnvelope('Version', 'followed')));
  });
  afterAll(async () => {
    await elsewhere.close();
  });
  afterEach(() => resetNetwork());

  it('does not follow a redirect to another host: the Location host never receives a request', async () => {
    isolateNetwork();
    nock(ORIGIN).post(PATH).reply(302, '', { Location: `${elsewhere.origin}${PATH}` });
    const client = createSoapClient({ endpoint: ENDPOINT });
    const err = await rejectionOf(client.call('Login', { LoginName: 'ops@example.com', Password: 'Canary-Pa55!' }));
    expect(err).toBeInstanceOf(SoapTransportError);
    expect(err).toMatchObject({ kind: 'http', httpStatus: 302 });
    expect(elsewhere.hits).toBe(0);
    client.close();
  });
});
