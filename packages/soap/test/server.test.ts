import { describe, expect, it } from 'vitest';
import { OPERATIONS, decodeResponse, faultEnvelope, nestingDepth, readSoapRequest, responseEnvelope, SoapFaultError } from '../src/index.js';

const env11 = (inner: string) => `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const env12 = (inner: string) => `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body>${inner}</env:Body></env:Envelope>`;
const h11 = (op: string) => ({ 'content-type': 'text/xml; charset=utf-8', soapaction: `"https://os.ecgrid.io/${op}"` });

describe('readSoapRequest', () => {
  it('reads SOAP 1.1 parameters strictly by the generated table', () => {
    const r = readSoapRequest(h11('ParcelUpload'), env11('<ParcelUpload xmlns="https://os.ecgrid.io/"><SessionID>s</SessionID><FileName>a&amp;b.x12</FileName><Bytes>3</Bytes><Content>YWJj</Content></ParcelUpload>'));
    expect(r).toMatchObject({ operation: 'ParcelUpload', version: '1.1', params: { SessionID: 's', FileName: 'a&b.x12', Bytes: 3 } });
    expect('params' in r && Buffer.isBuffer(r.params['Content']) && r.params['Content'].toString()).toBe('abc');
  });

  it('decodes entities in a text parameter whose name is base64 in another operation (InterchangeHeader)', () => {
    const text = readSoapRequest(h11('InterchangeDate'), env11('<InterchangeDate xmlns="https://os.ecgrid.io/"><InterchangeHeader>ISA*P*&gt;</InterchangeHeader></InterchangeDate>'));
    expect(text).toMatchObject({ params: { InterchangeHeader: 'ISA*P*>' } });
    const binary = readSoapRequest(h11('InterchangeHeaderInfoB'), env11(`<InterchangeHeaderInfoB xmlns="https://os.ecgrid.io/"><SessionID>s</SessionID><InterchangeHeader>${Buffer.from('ISA*P*>').toString('base64')}</InterchangeHeader></InterchangeHeaderInfoB>`));
    expect('params' in binary && Buffer.isBuffer(binary.params['InterchangeHeader']) && binary.params['InterchangeHeader'].toString()).toBe('ISA*P*>');
  });

  it('reads SOAP 1.2 with the action parameter, or by the request element when it is absent', () => {
    const body = env12('<MailboxInfo xmlns="https://os.ecgrid.io/"><SessionID>s</SessionID><MailboxID>5001</MailboxID></MailboxInfo>');
    expect(readSoapRequest({ 'content-type': 'application/soap+xml; charset=utf-8; action="https://os.ecgrid.io/MailboxInfo"' }, body)).toMatchObject({ operation: 'MailboxInfo', version: '1.2', params: { MailboxID: 5001 } });
    expect(readSoapRequest({ 'content-type': 'application/soap+xml' }, body)).toMatchObject({ operation: 'MailboxInfo', version: '1.2' });
    expect(readSoapRequest({ 'content-type': 'application/soap+xml; action="https://os.ecgrid.io/Logout"' }, body)).toMatchObject({ faultcode: 'soap:Client' });
  });

  it('answers VersionMismatch when the envelope and the Content-Type disagree, and 1.2 is refused where only 1.1 is served', () => {
    const body = env12('<WhoAmI xmlns="https://os.ecgrid.io/"/>');
    expect(readSoapRequest(h11('WhoAmI'), body)).toMatchObject({ faultcode: 'soap:VersionMismatch' });
    expect(readSoapRequest({ 'content-type': 'application/soap+xml' }, body, { versions: ['1.1'] })).toMatchObject({ faultcode: 'soap:VersionMismatch' });
  });

  it('skips nil parameters, refuses repeated or unknown ones, bad values, entities and deep nesting', () => {
    const nil = readSoapRequest(h11('MailboxList'), env11('<MailboxList xmlns="https://os.ecgrid.io/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SessionID>s</SessionID><Name xsi:nil="true"/></MailboxList>'));
    expect(nil).toMatchObject({ params: { SessionID: 's' } });
    expect('params' in nil && 'Name' in nil.params).toBe(false);
    expect(readSoapRequest(h11('WhoAmI'), env11('<WhoAmI xmlns="https://os.ecgrid.io/"><SessionID>a</SessionID><SessionID>b</SessionID></WhoAmI>'))).toMatchObject({ faultstring: expect.stringMatching(/more than once/) });
    expect(readSoapRequest(h11('MailboxInfo'), env11('<MailboxInfo xmlns="https://os.ecgrid.io/"><MailboxID>99999999999</MailboxID></MailboxInfo>'))).toMatchObject({ errorCode: 'InvalidParameter' });
    expect(readSoapRequest(h11('WhoAmI'), env11('<WhoAmI xmlns="https://os.ecgrid.io/"><SessionID>&ent;</SessionID></WhoAmI>'))).toMatchObject({ faultcode: 'soap:Client' });
    expect(readSoapRequest(h11('WhoAmI'), env11('<x>'.repeat(40) + '</x>'.repeat(40)))).toMatchObject({ faultstring: expect.stringMatching(/deeper than 32/) });
  });

  it('measures nesting without recursion, skipping comments, CDATA and self-closed elements', () => {
    expect(nestingDepth('<a><b/><!-- <c><d> --><![CDATA[<e><f>]]><g></g></a>', 10)).toBe(2);
    expect(nestingDepth('<a>'.repeat(100_000), 50)).toBe(51);
  });
});

describe('responseEnvelope', () => {
  it('writes what the project\'s own client reads back: order, arrays, nil, defaults, dates and base64', () => {
    const date = new Date('2025-01-07T09:30:00Z');
    const inbox = { PageSize: 2, ParcelIDInfoList: [{ ParcelID: 42, ParcelDate: date, FileName: 'a<b>.x12' }, null] };
    const xml = responseEnvelope(OPERATIONS.ParcelInBox, inbox, '1.1');
    expect(xml).toContain('<ParcelIDInfo xsi:nil="true" />');
    expect(xml).toContain('<FileName>a&lt;b&gt;.x12</FileName>');
    expect(xml).toContain('<ArchiveDate>0001-01-01T00:00:00Z</ArchiveDate>');
    const back = decodeResponse(OPERATIONS.ParcelInBox, { status: 200, contentType: 'text/xml', body: xml }) as { ParcelIDInfoList: Array<Record<string, unknown>> };
    expect(back.ParcelIDInfoList).toHaveLength(1);
    expect(back.ParcelIDInfoList[0]).toMatchObject({ ParcelID: 42, ParcelDate: date, FileName: 'a<b>.x12', Valid: 'Pending' });
    const file = responseEnvelope(OPERATIONS.ParcelDownload, { FileName: 'f', Content: Buffer.from('ISA*') }, '1.2');
    expect(file).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(file).toContain(`<Content>${Buffer.from('ISA*').toString('base64')}</Content>`);
    expect(responseEnvelope(OPERATIONS.ParcelInBox, { ParcelIDInfoList: [] })).toContain('<ParcelIDInfoList></ParcelIDInfoList>');
  });

  it('refuses a value the WSDL cannot carry', () => {
    expect(() => responseEnvelope(OPERATIONS.Logout, 'not a number')).toThrow(/LogoutResult/);
  });
});

describe('faultEnvelope', () => {
  it('writes SOAP 1.1 and 1.2 faults the project\'s client reads as ECGridOS faults', () => {
    for (const version of ['1.1', '1.2'] as const) {
      const body = faultEnvelope({ faultcode: 'soap:Client', faultstring: 'Invalid <SessionID>', errorCode: 'Authentication' }, version);
      const err = (() => {
        try {
          decodeResponse(OPERATIONS.WhoAmI, { status: 500, contentType: 'text/xml', body });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(SoapFaultError);
      expect(err).toMatchObject({ faultCode: version === '1.1' ? 'soap:Client' : 'soap:Sender', faultString: 'Invalid <SessionID>', errorCode: 'Authentication', soapVersion: version });
    }
  });
});
