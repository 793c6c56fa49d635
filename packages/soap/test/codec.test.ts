import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import {
  COMPLEX_TYPES,
  ENUMS,
  OPERATIONS,
  SoapProtocolError,
  SoapRequestError,
  buildEnvelope,
  decodeResponse,
  type OperationSpec,
} from '../src/index.js';
import { stopNodesFor } from '../src/codec/decode.js';
import { LIFT_MIN_CHARS } from '../src/codec/long-text.js';
import { formatBuiltin, parseBuiltin } from '../src/codec/values.js';
import { okEnvelope, readRequest } from './support/wire.js';
import { sampleResultXml } from './support/sample-xml.js';

const answer = (body: string, status = 200) => ({ status, contentType: 'text/xml; charset=utf-8', body });
const decode = (op: keyof typeof OPERATIONS, inner?: string) => decodeResponse(OPERATIONS[op], answer(okEnvelope(op, inner)));
const protocolError = (fn: () => unknown): SoapProtocolError => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SoapProtocolError);
    return err as SoapProtocolError;
  }
  throw new Error('expected a SoapProtocolError');
};

const SESSION_INFO =
  '<ECGridOSVersion>4.1.472</ECGridOSVersion><SessionID>abc</SessionID><SessionEventID>-17</SessionEventID>' +
  '<UserID>+42</UserID><LoginName>ops@example.com</LoginName><TimeZoneOffset>-5.5</TimeZoneOffset>' +
  '<AuthLevel> MailboxAdmin </AuthLevel><LastLogin>2026-03-04T05:06:07.1234567</LastLogin><OpenSessions>32767</OpenSessions>' +
  '<TimeOut>-32768</TimeOut><NetworkID>2147483647</NetworkID><MailboxID>0</MailboxID>';

describe('request envelopes built from the generated table', () => {
  it('puts parameters in WSDL order in the service namespace, whatever order the caller used', () => {
    const xml = buildEnvelope(OPERATIONS.ParcelInBoxArchiveEx, {
      RecordsPerPage: 25,
      PageNo: 1,
      MailbagControlID: 'M1',
      ECGridIDTo: 2,
      ECGridIDFrom: 1,
      EndDate: new Date('2026-02-01T00:00:00Z'),
      BeginDate: '2026-01-01T00:00:00Z',
      MailboxID: 7,
      NetworkID: 3,
      SessionID: 'S',
    });
    const seen = readRequest(xml, {});
    expect(seen.operation).toBe('ParcelInBoxArchiveEx');
    expect(seen.namespace).toBe('https://os.ecgrid.io/');
    expect(seen.order).toEqual(OPERATIONS.ParcelInBoxArchiveEx.params.map((p) => p.name));
    expect(seen.params).toMatchObject({ BeginDate: '2026-01-01T00:00:00.000Z', EndDate: '2026-02-01T00:00:00.000Z', NetworkID: '3' });
  });

  it('writes each XSD type in its lexical form', () => {
    const commAdd = readRequest(
      buildEnvelope(OPERATIONS.CommAdd, {
        SessionID: 'S',
        NetworkID: -1,
        MailboxID: 2_147_483_647,
        CommType: 'as2',
        OwnerUserID: 0,
        ECGridHosted: true,
        SignData: false,
        EncryptData: true,
        CompressData: false,
        ReceiptType: 'None',
        HTTPAuthentication: 'Basic',
        UseType: 'Production',
        BeginUsage: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
        EndUsage: new Date(Date.UTC(9999, 11, 31)),
        Status: 'Active',
      } as never),
      {},
    );
    expect(commAdd.params).toMatchObject({
      NetworkID: '-1',
      MailboxID: '2147483647',
      ECGridHosted: 'true',
      SignData: 'false',
      CommType: 'as2',
      BeginUsage: '2026-01-02T03:04:05.006Z',
      EndUsage: '9999-12-31T00:00:00.000Z',
    });
    const download = readRequest(buildEnvelope(OPERATIONS.ParcelDownload, { SessionID: 'S', ParcelID: 9_007_199_254_740_991 }), {});
    expect(download.params['ParcelID']).toBe('9007199254740991');
    const upload = readRequest(
      buildEnvelope(OPERATIONS.ParcelUpload, { SessionID: 'S', FileName: 'a.edi', Bytes: 3, Content: Buffer.from([0, 255, 10]) } as never),
      {},
    );
    expect(upload.params['Content']).toBe('AP8K');
    const failed = readRequest(buildEnvelope(OPERATIONS.CallBackFailedList, { SessionID: 'S', MaxDays: -32_768 }), {});
    expect(failed.params['MaxDays']).toBe('-32768');
  });

  it('escapes XML special characters, and the value round-trips through a parser unchanged', () => {
    const nasty = `<&>"' a &amp; b &#65; ]]> </X400Format>`;
    const xml = buildEnvelope(OPERATIONS.X400Format, { Country: nasty, Surname: 'plain' });
    expect(xml).toContain('&lt;&amp;&gt;&quot;&apos; a &amp;amp; b &amp;#65; ]]&gt; &lt;/X400Format&gt;');
    expect(xml).not.toContain(nasty);
    expect(readRequest(xml, {}).params['Country']).toBe(nasty);
    // and back: the same text in a response comes out unchanged
    expect(decode('Version', xml.slice(xml.indexOf('<Country>') + 9, xml.indexOf('</Country>')))).toBe(nasty);
  });

  it('omits absent optional parameters and refuses bad ones before anything is sent', () => {
    const seen = readRequest(buildEnvelope(OPERATIONS.X400Format, { Country: 'US' }), {});
    expect(seen.order).toEqual(['Country']);
    const refused = (op: keyof typeof OPERATIONS, params: Record<string, unknown>) => () => buildEnvelope(OPERATIONS[op], params);
    expect(refused('ParcelDownload', { SessionID: 'S' })).toThrow(/ParcelID is required/);
    expect(refused('ParcelDownload', { SessionID: 'S', ParcelID: '12' })).toThrow(SoapRequestError);
    expect(refused('ParcelDownload', { SessionID: 'S', ParcelID: 1.5 })).toThrow(/integer/);
    expect(refused('ParcelDownload', { SessionID: 'S', ParcelID: 2 ** 60 })).toThrow(/integer/);
    expect(refused('SessionLog', { SessionID: 'S', MaxRecords: 40_000 })).toThrow(/out of the short range/);
    expect(refused('CallBackPendingListEx', { SessionID: 'S', NetworkID: 2 ** 31, MailboxID: 1 })).toThrow(/out of the int range/);
    expect(refused('ParcelUpdateStatus', { SessionID: 'S', ParcelID: 1, Status: 'InBoxReady', TransLogOnly: 'yes' })).toThrow(/boolean/);
    expect(refused('ReportMonthly', { SessionID: 'S', Report: 1, Month: 'not a date' })).toThrow(/Date/);
    expect(refused('X400Format', { Country: 'a\u0000b' })).toThrow(/XML cannot carry/);
    expect(refused('X400Format', { Country: 'a\uD800b' })).toThrow(/XML cannot carry/);
    expect(refused('X400Format', { Nope: 1 })).toThrow(/unknown parameter Nope/);
    expect(refused('X400Format', { Country: 7 })).toThrow(/expected a string/);
    expect(refused('CommSetStatus', { SessionID: 'S', CommID: 1, Status: 'Retired' })).toThrow(/"Retired" is not a Status value/);
  });

  it('writes complex values and arrays in schema order (the shapes the table allows, even where no operation sends them)', () => {
    const synthetic: OperationSpec = {
      name: 'Synthetic',
      soapAction: 'https://os.ecgrid.io/Synthetic',
      requestElement: 'Synthetic',
      responseElement: 'SyntheticResponse',
      params: [
        { name: 'Log', type: 'tns:ArrayOfSessionLogInfo', kind: 'array', minOccurs: 0, maxOccurs: 1, nillable: false },
        { name: 'IPs', type: 'tns:ArrayOfString', kind: 'array', minOccurs: 0, maxOccurs: 1, nillable: false },
      ],
      result: null,
    };
    const item = COMPLEX_TYPES['SessionLogInfo']!.fields;
    const value = Object.fromEntries(
      [...item].reverse().map((f) => {
        if (f.kind === 'array') return [f.name, []];
        if (f.kind === 'enum') return [f.name, ENUMS[f.type.slice(4)]![0]];
        return [f.name, f.type === 'xs:dateTime' ? new Date(0) : f.type === 'xs:string' ? 'x' : 1];
      }),
    );
    const xml = buildEnvelope(synthetic, { Log: [value], IPs: ['10.0.0.1', '10.0.0.2'] });
    const doc = new XMLParser({ parseTagValue: false }).parse(xml) as Record<string, any>;
    const node = doc['soap:Envelope']['soap:Body']['Synthetic'];
    expect(Object.keys(node['Log']['SessionLogInfo'])).toEqual(item.map((f) => f.name));
    expect(node['IPs']['string']).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(() => buildEnvelope(synthetic, { IPs: 'not-an-array' })).toThrow(/expected an array/);
  });
});

describe('responses converted by XSD type', () => {
  it('reads int, short, float, enum, string and a zone-less dateTime (as UTC)', () => {
    expect(decode('WhoAmI', SESSION_INFO)).toEqual({
      ECGridOSVersion: '4.1.472',
      SessionID: 'abc',
      SessionEventID: -17,
      UserID: 42,
      LoginName: 'ops@example.com',
      TimeZoneOffset: -5.5,
      AuthLevel: 'MailboxAdmin',
      LastLogin: new Date('2026-03-04T05:06:07.123Z'),
      OpenSessions: 32_767,
      TimeOut: -32_768,
      NetworkID: 2_147_483_647,
      MailboxID: 0,
    });
  });

  it('reads long, boolean, base64Binary, a dateTime with an offset, and keeps absent optional fields absent', () => {
    const file = decode(
      'ParcelDownload',
      '<ParcelID>9007199254740991</ParcelID><FileName>in.edi</FileName><FileDate>2026-03-04T05:06:07+02:00</FileDate>' +
        `<Bytes>5</Bytes><Standard>X12</Standard><Content>${Buffer.from('ISA*~').toString('base64')}</Content><routerArchive>1</routerArchive>`,
    ) as Record<string, unknown>;
    expect(file['ParcelID']).toBe(Number.MAX_SAFE_INTEGER);
    expect(file['FileDate']).toEqual(new Date('2026-03-04T03:06:07Z'));
    expect(file['routerArchive']).toBe(true);
    expect(Buffer.isBuffer(file['Content'])).toBe(true);
    expect((file['Content'] as Buffer).toString()).toBe('ISA*~');
    expect(file).not.toHaveProperty('ContentBase64String');
  });

  it('reads a base64 value written with line breaks', () => {
    const b64 = Buffer.from('x'.repeat(200)).toString('base64').replace(/(.{76})/g, '$1\r\n');
    const file = decode('ParcelDownload', `<ParcelID>1</ParcelID><FileDate>2026-01-01T00:00:00Z</FileDate><Bytes>200</Bytes><Standard>X12</Standard><Content>${b64}</Content><routerArchive>false</routerArchive>`) as Record<string, unknown>;
    expect((file['Content'] as Buffer).toString()).toBe('x'.repeat(200));
  });

  it('converts decimal, unsignedByte and the rest in both directions', () => {
    expect(parseBuiltin('xs:decimal', ' -12.50 ')).toBe(-12.5);
    expect(parseBuiltin('xs:decimal', '.5')).toBe(0.5);
    expect(formatBuiltin('xs:decimal', 1e21)).toBe('1000000000000000000000');
    expect(formatBuiltin('xs:decimal', 1e-7)).toBe('0.0000001');
    expect(() => formatBuiltin('xs:decimal', Infinity)).toThrow(/finite/);
    expect(parseBuiltin('xs:float', 'INF')).toBe(Infinity);
    expect(parseBuiltin('xs:double', '1.5E3')).toBe(1500);
    expect(parseBuiltin('xs:unsignedByte', '255')).toBe(255);
    expect(() => parseBuiltin('xs:unsignedByte', '256')).toThrow(/range/);
    expect(parseBuiltin('xs:boolean', '0')).toBe(false);
    expect(parseBuiltin('xs:dateTime', '0001-01-01T00:00:00')).toEqual(new Date('0001-01-01T00:00:00Z'));
    expect(formatBuiltin('xs:base64Binary', 'hi')).toBe('aGk=');
    expect(() => parseBuiltin('xs:base64Binary', 'a$bc')).toThrow(/base64/);
  });

  it('refuses values that do not fit their type, with a typed error naming the field', () => {
    const bad = (op: keyof typeof OPERATIONS, inner: string) => protocolError(() => decode(op, inner));
    const withField = (field: string, value: string) => SESSION_INFO.replace(new RegExp(`<${field}>[^<]*</${field}>`), `<${field}>${value}</${field}>`);
    expect(bad('WhoAmI', withField('UserID', 'twelve'))).toMatchObject({ kind: 'invalid-value', message: expect.stringContaining('WhoAmIResult.UserID') });
    expect(bad('WhoAmI', withField('OpenSessions', '40000')).message).toMatch(/short range/);
    expect(bad('WhoAmI', withField('LastLogin', 'yesterday')).message).toMatch(/dateTime/);
    expect(bad('WhoAmI', withField('TimeZoneOffset', 'east')).message).toMatch(/float/);
    expect(bad('ParcelDownloadConfirm', 'maybe').message).toMatch(/boolean/);
    expect(bad('WhoAmI', withField('AuthLevel', 'Emperor')).message).toMatch(/WhoAmIResult.AuthLevel: "Emperor" is not a AuthLevel value/);
    expect(bad('ParcelDownload', '<ParcelID>9007199254740993</ParcelID>').message).toMatch(/beyond the range/);
    // Every xs:long ID is kept exact or refused, never rounded: interchange IDs as parcel IDs.
    expect(bad('InterchangeInfo', '<InterchangeID>9007199254740993</InterchangeID>').message).toMatch(/InterchangeInfoResult.InterchangeID.*beyond the range/);
    expect(bad('ParcelUpload', '-9007199254740993').message).toMatch(/beyond the range/);
    expect(bad('WhoAmI', SESSION_INFO.replace(/<UserID>.*<\/UserID>/, '')).message).toMatch(/WhoAmIResult.UserID is missing/);
    expect(bad('Logout', '').message).toMatch(/not an int/);
    // A long value is described, not quoted: no part of an echoed secret ends up in the message.
    const long = 'x'.repeat(41);
    expect(bad('WhoAmI', withField('UserID', long)).message).not.toContain(long);
  });

  it('returns arrays always as arrays: one element, several, empty, nil items and an absent list', () => {
    const entry = (id: string) =>
      `<SessionLogInfo><SessionID>${id}</SessionID><StartTime>2026-01-01T00:00:00Z</StartTime><EndTime>2026-01-01T01:00:00Z</EndTime>` +
      '<Expires>2026-01-02T00:00:00Z</Expires><NetworkID>1</NetworkID><MailboxID>2</MailboxID><UserID>3</UserID><Status>Open</Status></SessionLogInfo>';
    const one = decode('SessionLog', entry('a')) as Array<Record<string, unknown>>;
    expect(Array.isArray(one)).toBe(true);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ SessionID: 'a', NetworkID: 1, StartTime: new Date('2026-01-01T00:00:00Z') });
    expect((decode('SessionLog', entry('a') + entry('b') + entry('c')) as unknown[]).length).toBe(3);
    expect(decode('SessionLog', '')).toEqual([]);
    expect(decodeResponse(OPERATIONS.SessionLog, answer(okEnvelope('SessionLog', '').replace('<SessionLogResult></SessionLogResult>', '<SessionLogResult />')))).toEqual([]);
    expect(decode('SessionLog', `${entry('a')}<SessionLogInfo xsi:nil="true" />`)).toHaveLength(1);
    expect(decode('SessionLog')).toBeUndefined();
    expect(protocolError(() => decode('SessionLog', 'text where a list belongs')).kind).toBe('invalid-value');

    // A nested one-element list (a complete sample parcel) is an array too.
    const inbox = decode('ParcelInBox', sampleResultXml('ParcelInBox')) as { ParcelIDInfoList: Array<Record<string, unknown>> };
    expect(Array.isArray(inbox.ParcelIDInfoList)).toBe(true);
    expect(inbox.ParcelIDInfoList).toHaveLength(1);
    expect(inbox.ParcelIDInfoList[0]!['ParcelDate']).toEqual(new Date('2026-03-04T05:06:07.000Z'));
    expect(inbox.ParcelIDInfoList[0]!['FileName']).toMatch(/<&>$/);
    expect(Array.isArray(inbox.ParcelIDInfoList[0]!['Interchanges'])).toBe(true);
  });

  it('decodes entity and character references (.NET writes a carriage return as &#xD;)', () => {
    expect(decode('Version', 'a&#xD;&#10;b &lt;&amp;&gt;&quot;&apos; &#x1F600;')).toBe('a\r\nb <&>"\' \u{1F600}');
    expect(protocolError(() => decode('Version', 'bad &#0; reference'))).toMatchObject({ kind: 'not-xml', message: expect.stringMatching(/&#0;/) });
    // Without a DTD only the five XML entities exist: HTML names and undeclared ones are errors, never expanded.
    expect(protocolError(() => decode('Version', 'no &nbsp; here')).message).toMatch(/undeclared entity &nbsp;/);
    expect(protocolError(() => decode('Version', '&xxe;')).kind).toBe('not-xml');
    expect(protocolError(() => decode('Version', '&constructor;')).kind).toBe('not-xml');
  });

  it('keeps a DataSet result as its raw inner XML', () => {
    const inner = '<xs:schema id="NewDataSet" xmlns:xs="http://www.w3.org/2001/XMLSchema"/><diffgr:diffgram xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"><NewDataSet><Table><Count>3</Count></Table></NewDataSet></diffgr:diffgram>';
    expect(decode('ReportTrafficStatsPublic', inner)).toEqual({ xml: inner });
  });
});

describe('large responses', () => {
  const body = (b64: string) =>
    '<ParcelID>5</ParcelID><FileName>big.edi</FileName><FileDate>2026-01-01T00:00:00Z</FileDate><Bytes>1048576</Bytes>' +
    `<Standard>X12</Standard><Content>${b64}</Content><ContentBase64String>${b64}</ContentBase64String><routerArchive>false</routerArchive>`;
  const payload = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) & 0xff;
  const b64 = payload.toString('base64');

  it('declares the base64 elements of a result (and DataSet results) as parser stop nodes', () => {
    expect(stopNodesFor(OPERATIONS.ParcelDownload)).toEqual(['Envelope.Body.ParcelDownloadResponse.ParcelDownloadResult.Content']);
    expect(stopNodesFor(OPERATIONS.ReportMonthly)).toEqual(['Envelope.Body.ReportMonthlyResponse.ReportMonthlyResult']);
    expect(stopNodesFor(OPERATIONS.Version)).toEqual([]);
  });

  it('returns 1 MiB of base64 byte-exact, with the long string field beside it intact', () => {
    const file = decode('ParcelDownload', body(b64)) as Record<string, unknown>;
    expect((file['Content'] as Buffer).equals(payload)).toBe(true);
    expect(file['ContentBase64String']).toBe(b64);
    expect(file['FileName']).toBe('big.edi');
  });

  it('gives the same result when the fast path does not apply (a comment in the document) and for long text with entities', () => {
    const withComment = okEnvelope('ParcelDownload', body(b64)).replace('<soap:Body>', '<!-- routed --><soap:Body>');
    const file = decodeResponse(OPERATIONS.ParcelDownload, answer(withComment)) as Record<string, unknown>;
    expect((file['Content'] as Buffer).equals(payload)).toBe(true);
    const text = `${'a'.repeat(LIFT_MIN_CHARS)} &amp; ${'b'.repeat(LIFT_MIN_CHARS)}`;
    expect(decode('Version', text)).toBe(`${'a'.repeat(LIFT_MIN_CHARS)} & ${'b'.repeat(LIFT_MIN_CHARS)}`);
    const quoted = okEnvelope('Version', 'y'.repeat(LIFT_MIN_CHARS * 2)).replace('<VersionResult>', '<VersionResult note="a>b">');
    expect(decodeResponse(OPERATIONS.Version, answer(quoted))).toBe('y'.repeat(LIFT_MIN_CHARS * 2));
  });

  it('refuses corrupt base64 in a large element', () => {
    const corrupt = `${b64.slice(0, 5000)}*${b64.slice(5001)}`;
    expect(protocolError(() => decode('ParcelDownload', body(corrupt))).message).toMatch(/Content: content is not valid base64/);
  });
});
