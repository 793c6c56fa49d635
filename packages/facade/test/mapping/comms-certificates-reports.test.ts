import { describe, expect, it } from 'vitest';
import {
  DOTNET_MIN_DATE,
  FacadeError,
  MAPPINGS,
  REST_EQUIVALENTS,
  type Backend,
  type FacadeOperation,
  type FacadeParams,
} from '../../src/index.js';
import { bodyOf, notAvailable, portAnswering } from '../support/port.js';

const REPORTS: readonly FacadeOperation[] = [
  'ReportMonthly', 'ReportMonthlyEx', 'ReportByDateEx', 'ReportTrafficStats', 'ReportTrafficStatsEx', 'ReportTrafficStatsPublic',
  'ReportInstantStats', 'ReportInstantStatsEx', 'ReportMailboxStats', 'ReportMailboxStatsEx', 'ReportMailboxInterchangeStats',
  'ReportMailboxInterchangeStatsEx', 'ReportInterchangeStats', 'ReportInterchangeStatsEx', 'NetworkStatusSummary',
];
const COMMS: readonly FacadeOperation[] = [
  'CommAdd', 'CommSetPair', 'CommPair', 'CommUpdate', 'CommList', 'CommListEx', 'CommFind', 'CommInfo', 'CommSetStatus', 'CommDefaultMailbox',
];
const CERTIFICATES: readonly FacadeOperation[] = [
  'CertificateAddPublic', 'CertificateAddPublicA', 'CertAddPrivate', 'CertAddPrivateA', 'CertificateCreatePrivate',
  'CertificateRenewPrivate', 'CertificateTerminate',
];
const GROUP = [...REPORTS, ...COMMS, ...CERTIFICATES];

const READS: readonly FacadeOperation[] = [...REPORTS, 'CommPair', 'CommList', 'CommListEx', 'CommFind', 'CommInfo'];

const SOAP_ONLY: readonly FacadeOperation[] = ['ReportTrafficStatsPublic', 'NetworkStatusSummary', 'CommSetPair', 'CommDefaultMailbox'];

describe('the group', () => {
  it('decides all 32 operations, on the documented endpoint where there is a route', () => {
    expect(GROUP).toHaveLength(32);
    for (const op of GROUP) {
      const entry = MAPPINGS[op];
      expect(entry.kind, op).toBe(READS.includes(op) ? 'read' : 'write');
      if (entry.rest) expect(entry.rest.endpoint, op).toBe(REST_EQUIVALENTS[op].endpoint);
      expect(entry.rest === null, op).toBe(SOAP_ONLY.includes(op));
    }
  });

  it('gives every SOAP-only operation a specific reason that cites the docs', () => {
    for (const op of SOAP_ONLY) expect(MAPPINGS[op].noRestReason, op).toMatch(/\.md/);
  });

  const calls: readonly (readonly [FacadeOperation, (b: Backend) => Promise<unknown>])[] = [
    ['ReportTrafficStatsPublic', (b) => b.invoke('ReportTrafficStatsPublic', {})],
    ['NetworkStatusSummary', (b) => b.invoke('NetworkStatusSummary', { ShowInactive: false })],
    ['CommSetPair', (b) => b.invoke('CommSetPair', { ECGridIDFrom: 100001, ECGridIDTo: 200002, Identifier1: 'A', Identifier2: 'B' })],
    ['CommDefaultMailbox', (b) => b.invoke('CommDefaultMailbox', { CommID: 5001, MailboxID: 101 })],
  ];

  it('covers every SOAP-only operation of the group below', () => {
    expect(calls.map(([op]) => op)).toEqual(SOAP_ONLY);
  });

  it.each(calls)('%s is NotAvailableOnBackend on REST and sends nothing', async (op, call) => {
    const { backend, requests } = portAnswering(() => null);
    await notAvailable(call(backend), op);
    expect(requests).toHaveLength(0);
  });
});

// Comm records: every value distinct and none a .NET default, so a swapped or dropped field shows.

const REST_COMM = {
  commId: 5003,
  mailboxId: 104,
  commType: 'sftp',
  identifier: 'sftp.partner.example',
  status: 'Suspended',
  useType: 'TestAndProduction',
  privateKeyRequired: true,
  withCerts: true,
};

/** What the WSDL's required fields hold where REST gives nothing (an unset .NET value). */
const UNSET_COMM_FIELDS = {
  Created: DOTNET_MIN_DATE,
  Modified: DOTNET_MIN_DATE,
  Hosted: false,
  NetworkID: 0,
  SignData: false,
  EncryptData: false,
  CompressData: false,
  BeginUsage: DOTNET_MIN_DATE,
  EndUsage: DOTNET_MIN_DATE,
  Receipt: 'None',
  SSLClientAuthentication: false,
};

const SOAP_COMM = {
  CommID: 5003,
  Type: 'sftp',
  Identifier: 'sftp.partner.example',
  MailboxID: 104,
  UseType: 'TestAndProduction',
  Status: 'Suspended',
  ...UNSET_COMM_FIELDS,
};

const SOAP_AS2_COMM = {
  CommID: 5003,
  Identifier: 'sftp.partner.example',
  MailboxID: 104,
  UseType: 'TestAndProduction',
  Status: 'Suspended',
  ...UNSET_COMM_FIELDS,
};

const comm = (over: Record<string, unknown>) => ({ ...REST_COMM, ...over });

describe('comm records', () => {
  it('maps every CommIDInfo field get-comm.md gives (privateKeyRequired and withCerts have no SOAP field)', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    const result = await backend.invoke('CommInfo', { CommID: 5003 });
    expect(requests[0]).toMatchObject({ endpoint: 'comms.get', method: 'GET', pathParams: { id: 5003 }, idempotent: true });
    expect(result).toEqual(SOAP_COMM);
    expect(MAPPINGS.CommInfo.rest?.lossy).toEqual(
      expect.arrayContaining(['Version', 'Owner', 'NetworkID', 'URL', 'Created', 'Hosted', 'Receipt', 'HTTPAuthentication', 'Certificates']),
    );
    expect(MAPPINGS.CommInfo.rest?.lossy).not.toEqual(expect.arrayContaining(['CommID']));
  });

  it('maps every as2CommInfo field add-private.md gives (its commType has no as2CommInfo field)', async () => {
    const { backend } = portAnswering(() => REST_COMM);
    const result = await backend.invoke('CertAddPrivate', {
      CommID: 5003, CertType: 'X509', BeginUsage: DOTNET_MIN_DATE, Usage: 'Signature', Cert: Buffer.from('pfx'),
    });
    expect(result).toEqual(SOAP_AS2_COMM);
  });

  it('refuses a REST value the WSDL vocabulary has no equivalent for', async () => {
    const { backend } = portAnswering(() => comm({ status: 'Retired' }));
    await expect(backend.invoke('CommInfo', { CommID: 5003 })).rejects.toMatchObject({ code: 'Protocol' });
  });
});

const LIST: FacadeParams<'CommList'> = { CommType: 'as2', PrivateKeyRequired: true, UseType: 'Production', ShowInactive: true, WithCerts: true };

describe('comm lists', () => {
  it('CommList sends its filters, never WithCerts (REST withCerts filters instead of adding certificates)', async () => {
    const { backend, requests } = portAnswering(() => [REST_COMM]);
    expect(await backend.invoke('CommList', LIST)).toEqual([SOAP_COMM]);
    expect(requests[0]).toMatchObject({ endpoint: 'comms.list', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ commType: 'as2', privateKeyRequired: true, useType: 'Production', showInactive: true });
  });

  it('CommList leaves out the filters that ask for everything: none, PrivateKeyRequired false, Undefined', async () => {
    const { backend, requests } = portAnswering(() => []);
    await backend.invoke('CommList', { CommType: 'none', PrivateKeyRequired: false, UseType: 'Undefined', ShowInactive: false, WithCerts: false });
    expect(bodyOf(requests[0])).toEqual({ showInactive: false });
  });

  it('refuses the WSDL-only channel type ftpsslexplicit', async () => {
    const { backend, requests } = portAnswering(() => []);
    await notAvailable(backend.invoke('CommList', { ...LIST, CommType: 'ftpsslexplicit' }), 'CommList');
    expect(requests).toHaveLength(0);
  });

  it('CommListEx applies MailboxID to the answer (0 keeps all) and refuses a NetworkID', async () => {
    const answer = [comm({ commId: 1, mailboxId: 101 }), comm({ commId: 2, mailboxId: 102 })];
    const { backend, requests } = portAnswering(() => answer);
    const one = await backend.invoke('CommListEx', { ...LIST, NetworkID: 0, MailboxID: 102 });
    expect(one?.map((c) => c.CommID)).toEqual([2]);
    expect(bodyOf(requests[0])).toEqual({ commType: 'as2', privateKeyRequired: true, useType: 'Production', showInactive: true });
    const all = await backend.invoke('CommListEx', { ...LIST, NetworkID: 0, MailboxID: 0 });
    expect(all?.map((c) => c.CommID)).toEqual([1, 2]);
    await notAvailable(backend.invoke('CommListEx', { ...LIST, NetworkID: 1001, MailboxID: 0 }), 'CommListEx');
    expect(requests).toHaveLength(2);
  });

  it('CommFind sends identifier and commType, and applies PrivateKeyRequired, UseType and ShowInactive to the answer', async () => {
    const answer = [
      comm({ commId: 1, privateKeyRequired: true, useType: 'Production', status: 'Active' }),
      comm({ commId: 2, privateKeyRequired: false, useType: 'Production', status: 'Active' }),
      comm({ commId: 3, privateKeyRequired: true, useType: 'Test', status: 'Active' }),
      comm({ commId: 4, privateKeyRequired: true, useType: 'Production', status: 'Suspended' }),
      comm({ commId: 5, privateKeyRequired: true, useType: 'Production', status: 'Terminated' }),
      comm({ commId: 6, privateKeyRequired: true, useType: 'Production', status: 'Development' }),
    ];
    const { backend, requests } = portAnswering(() => answer);
    const params: FacadeParams<'CommFind'> = { Identifier: 'MYCOMPANY-AS2', CommType: 'as2', PrivateKeyRequired: true, UseType: 'Production', ShowInactive: false };
    expect((await backend.invoke('CommFind', params))?.map((c) => c.CommID)).toEqual([1, 6]);
    expect(requests[0]).toMatchObject({ endpoint: 'comms.find', method: 'POST' });
    expect(bodyOf(requests[0])).toEqual({ identifier: 'MYCOMPANY-AS2', commType: 'as2' });
    const everything = { ...params, CommType: 'none', PrivateKeyRequired: false, UseType: 'Undefined', ShowInactive: true } as const;
    expect((await backend.invoke('CommFind', everything))?.map((c) => c.CommID)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(bodyOf(requests[1])).toEqual({ identifier: 'MYCOMPANY-AS2' });
  });

  it('CommPair sends the two ECGrid IDs, applies CommType to the answer and refuses DefaultID and TestMode', async () => {
    const answer = [comm({ commId: 1, commType: 'as2' }), comm({ commId: 2, commType: 'sftp' })];
    const { backend, requests } = portAnswering(() => answer);
    const params: FacadeParams<'CommPair'> = { CommType: 'as2', ECGridIDFrom: 100001, ECGridIDTo: 200002, TestMode: false };
    expect((await backend.invoke('CommPair', params))?.map((c) => c.CommID)).toEqual([1]);
    expect(requests[0]).toMatchObject({ endpoint: 'comms.pair', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ ecGridIdFrom: 100001, ecGridIdTo: 200002 });
    expect((await backend.invoke('CommPair', { ...params, CommType: 'none' }))?.map((c) => c.CommID)).toEqual([1, 2]);
    await notAvailable(backend.invoke('CommPair', { ...params, DefaultID: 'X' }), 'CommPair');
    await notAvailable(backend.invoke('CommPair', { ...params, TestMode: true }), 'CommPair');
    expect(requests).toHaveLength(2);
  });
});

const UNSET = {
  OwnerUserID: 0,
  SignData: false,
  EncryptData: false,
  CompressData: false,
  ReceiptType: 'None',
  HTTPAuthentication: 'None',
  BeginUsage: DOTNET_MIN_DATE,
  EndUsage: DOTNET_MIN_DATE,
} as const;

const ADD: FacadeParams<'CommAdd'> = {
  ...UNSET,
  NetworkID: 1001,
  MailboxID: 101,
  CommType: 'as2',
  ECGridHosted: false,
  Identifier: 'MYCOMPANY-AS2',
  UseType: 'Production',
  Status: 'Active',
};

/** One value per setting the REST pages have no field for. */
type Setting = readonly [name: string, value: unknown];

const SETTINGS: readonly Setting[] = [
  ['OwnerUserID', 12], ['URL', 'https://as2.example.com'], ['Version', '1.2'], ['SignData', true], ['EncryptData', true],
  ['CompressData', true], ['ReceiptType', 'SynchronousSigned'], ['HTTPAuthentication', 'Basic'], ['HTTPUser', 'u'],
  ['HTTPPassword', 'p'], ['BeginUsage', new Date('2026-05-07T00:00:00Z')], ['EndUsage', new Date('2028-05-07T00:00:00Z')],
];

describe('comm writes', () => {
  it('CommAdd sends mailboxId, commType, identifier and useType, and answers the created comm', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    expect(await backend.invoke('CommAdd', ADD)).toEqual(SOAP_COMM);
    expect(requests[0]).toMatchObject({ endpoint: 'comms.create', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ mailboxId: 101, commType: 'as2', identifier: 'MYCOMPANY-AS2', useType: 'Production' });
  });

  const addRefusals: readonly Setting[] = [...SETTINGS, ['ECGridHosted', true], ['Status', 'Development'], ['MailboxID', 0], ['CommType', 'ftpsslexplicit']];

  it.each(addRefusals)(
    'CommAdd refuses %s = %s, which create-comm.md cannot take',
    async (name, value) => {
      const { backend, requests } = portAnswering(() => REST_COMM);
      await notAvailable(backend.invoke('CommAdd', { ...ADD, [name]: value }), 'CommAdd');
      expect(requests).toHaveLength(0);
    },
  );

  const UPDATE: FacadeParams<'CommUpdate'> = { ...UNSET, CommID: 5001, Identifier: 'MYCOMPANY-AS2-NEW', UseType: 'Undefined' };

  it('CommUpdate sends commId and a new identifier (empty: no change) and answers the updated comm', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    expect(await backend.invoke('CommUpdate', UPDATE)).toEqual(SOAP_COMM);
    expect(requests[0]).toMatchObject({ endpoint: 'comms.update', method: 'PUT', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ commId: 5001, identifier: 'MYCOMPANY-AS2-NEW' });
    await backend.invoke('CommUpdate', { ...UPDATE, Identifier: '' });
    expect(bodyOf(requests[1])).toEqual({ commId: 5001 });
  });

  const updateRefusals: readonly Setting[] = [...SETTINGS, ['UseType', 'Production']];

  it.each(updateRefusals)('CommUpdate refuses %s = %s, which update-comm.md cannot take', async (name, value) => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    await notAvailable(backend.invoke('CommUpdate', { ...UPDATE, [name]: value }), 'CommUpdate');
    expect(requests).toHaveLength(0);
  });

  it('CommSetStatus sends the status to comms.update and answers true', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    expect(await backend.invoke('CommSetStatus', { CommID: 5001, Status: 'Suspended' })).toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'comms.update', method: 'PUT', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ commId: 5001, status: 'Suspended' });
  });
});

const CERT = Buffer.from('0\x82\x03]0\x82\x02E\xa0\x03\x02\x01\x02', 'latin1');

const PUBLIC: FacadeParams<'CertificateAddPublic'> = {
  CommID: 5001,
  CertType: 'PGP',
  KeyId: 'partner-public-cert-2026',
  UserId: 'partner-edi',
  BeginUsage: new Date('2026-05-07T00:00:00Z'),
  Usage: 'Encryption',
  PartnerCommID: 'PARTNER-AS2-ID',
  PartnerURL: 'https://as2.tradingpartner.com/receive',
  Cert: CERT,
};

const PUBLIC_BODY = {
  commId: 5001,
  certType: 'PGP',
  keyId: 'partner-public-cert-2026',
  userId: 'partner-edi',
  beginUsage: '2026-05-07T00:00:00.000Z',
  usage: 'Encryption',
  partnerCommId: 'PARTNER-AS2-ID',
  partnerUrl: 'https://as2.tradingpartner.com/receive',
  cert: CERT.toString('base64'),
};

const PRIVATE: FacadeParams<'CertAddPrivate'> = {
  CommID: 5001,
  CertType: 'X509',
  KeyId: 'my-private-key-2026',
  UserId: 'edi-system',
  BeginUsage: new Date('2026-05-07T00:00:00Z'),
  Usage: 'EncryptionAndSignature',
  Cert: CERT,
  Password: 'p@ssw0rd!',
};

const PRIVATE_BODY = {
  commId: 5001,
  certType: 'X509',
  keyId: 'my-private-key-2026',
  userId: 'edi-system',
  beginUsage: '2026-05-07T00:00:00.000Z',
  usage: 'EncryptionAndSignature',
  cert: CERT.toString('base64'),
  password: 'p@ssw0rd!',
};

describe('certificates', () => {
  it('CertificateAddPublic sends every parameter, the certificate as base64, and answers the comm', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    expect(await backend.invoke('CertificateAddPublic', PUBLIC)).toEqual(SOAP_COMM);
    expect(requests[0]).toMatchObject({ endpoint: 'certificates.addPublic', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual(PUBLIC_BODY);
  });

  it('leaves out unset optional values: empty text, no certificate, a 0001-01-01 BeginUsage', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    await backend.invoke('CertificateAddPublic', { CommID: 5001, CertType: 'X509', BeginUsage: DOTNET_MIN_DATE, Usage: 'SSL', KeyId: '' });
    expect(bodyOf(requests[0])).toEqual({ commId: 5001, certType: 'X509', usage: 'SSL' });
  });

  it('CertificateAddPublicA takes the certificate as a base64 string and sends the same request', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    const { Cert: _bytes, ...rest } = PUBLIC;
    expect(await backend.invoke('CertificateAddPublicA', { ...rest, CertBase64: CERT.toString('base64') })).toEqual(SOAP_COMM);
    expect(requests[0]).toMatchObject({ endpoint: 'certificates.addPublic' });
    expect(bodyOf(requests[0])).toEqual(PUBLIC_BODY);
  });

  it('CertificateAddPublicA refuses a malformed base64 string as an invalid parameter, sending nothing', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    const { Cert: _bytes, ...rest } = PUBLIC;
    const err = await backend.invoke('CertificateAddPublicA', { ...rest, CertBase64: 'not base64!' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FacadeError);
    expect(err).toMatchObject({ code: 'InvalidParameter', operation: 'CertificateAddPublicA' });
    expect(requests).toHaveLength(0);
  });

  it('CertAddPrivate sends every parameter but PartnerAS2ID, which it refuses', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    expect(await backend.invoke('CertAddPrivate', PRIVATE)).toEqual(SOAP_AS2_COMM);
    expect(requests[0]).toMatchObject({ endpoint: 'certificates.addPrivate', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual(PRIVATE_BODY);
    await notAvailable(backend.invoke('CertAddPrivate', { ...PRIVATE, PartnerAS2ID: 'PARTNER-AS2-ID' }), 'CertAddPrivate');
    expect(requests).toHaveLength(1);
  });

  it('CertAddPrivateA takes the certificate as a base64 string and sends the same request', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    const { Cert: _bytes, ...rest } = PRIVATE;
    expect(await backend.invoke('CertAddPrivateA', { ...rest, CertBase64: CERT.toString('base64') })).toEqual(SOAP_AS2_COMM);
    expect(bodyOf(requests[0])).toEqual(PRIVATE_BODY);
  });

  it('CertificateCreatePrivate sends every parameter, the hash algorithm in the REST vocabulary', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    const params: FacadeParams<'CertificateCreatePrivate'> = {
      CommID: 5001,
      BeginUsage: new Date('2026-05-07T00:00:00Z'),
      Usage: 'Signature',
      SecureHashAlgorithm: 'sha2',
      PartnerAS2ID: 'PARTNER-AS2-ID',
      Expires: new Date('2028-05-07T00:00:00Z'),
    };
    expect(await backend.invoke('CertificateCreatePrivate', params)).toEqual(SOAP_COMM);
    expect(requests[0]).toMatchObject({ endpoint: 'certificates.create', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({
      commId: 5001,
      beginUsage: '2026-05-07T00:00:00.000Z',
      usage: 'Signature',
      secureHashAlgorithm: 'SHA256',
      partnerAs2Id: 'PARTNER-AS2-ID',
      expires: '2028-05-07T00:00:00.000Z',
    });
    await backend.invoke('CertificateCreatePrivate', { ...params, SecureHashAlgorithm: 'sha1', PartnerAS2ID: '' });
    expect(bodyOf(requests[1])).toMatchObject({ secureHashAlgorithm: 'SHA1' });
    expect(bodyOf(requests[1])).not.toHaveProperty('partnerAs2Id');
  });

  it('CertificateRenewPrivate sends every parameter', async () => {
    const { backend, requests } = portAnswering(() => REST_COMM);
    const params: FacadeParams<'CertificateRenewPrivate'> = { CommID: 5001, CertKeyID: 88, OverlapDays: 30, Years: 3, SecureHashAlgorithm: 'sha1' };
    expect(await backend.invoke('CertificateRenewPrivate', params)).toEqual(SOAP_COMM);
    expect(requests[0]).toMatchObject({ endpoint: 'certificates.renew', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ commId: 5001, certKeyId: 88, overlapDays: 30, years: 3, secureHashAlgorithm: 'SHA1' });
  });

  it('CertificateTerminate sends commId and certKeyId and answers what REST answers', async () => {
    const { backend, requests } = portAnswering(() => true);
    expect(await backend.invoke('CertificateTerminate', { CommID: 5001, CertKeyID: 88 })).toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'certificates.terminate', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ commId: 5001, certKeyId: 88 });
  });
});

describe('reports', () => {
  const ROWS = [
    { periodStart: '2026-05-01T00:00:00Z', sentCount: 340, totalBytes: 3145728 },
    { periodStart: '2026-05-02T00:00:00Z', sentCount: 398, totalBytes: 3670016 },
  ];
  /** The DataSet as ASMX writes one: the inline schema (columns typed from the values), then the rows in a diffgram. */
  const ROWS_SCHEMA =
    '<xs:sequence><xs:element name="periodStart" type="xs:string" minOccurs="0"/><xs:element name="sentCount" type="xs:int" minOccurs="0"/>' +
    '<xs:element name="totalBytes" type="xs:int" minOccurs="0"/></xs:sequence>';
  const ROWS_BODY =
    '<NewDataSet xmlns=""><Table diffgr:id="Table1" msdata:rowOrder="0"><periodStart>2026-05-01T00:00:00Z</periodStart><sentCount>340</sentCount><totalBytes>3145728</totalBytes></Table>' +
    '<Table diffgr:id="Table2" msdata:rowOrder="1"><periodStart>2026-05-02T00:00:00Z</periodStart><sentCount>398</sentCount><totalBytes>3670016</totalBytes></Table></NewDataSet>';
  const expectRows = (answer: unknown) => {
    const xml = String((answer as { xml?: unknown } | undefined)?.xml);
    expect(xml.startsWith('<xs:schema id="NewDataSet"')).toBe(true);
    expect(xml).toContain(ROWS_SCHEMA);
    expect(xml).toContain(`<diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1">${ROWS_BODY}</diffgr:diffgram>`);
    expect(xml.indexOf(ROWS_SCHEMA)).toBeLessThan(xml.indexOf(ROWS_BODY));
  };

  const month = new Date('2026-04-01T00:00:00Z');
  const start = new Date('2026-04-01T00:00:00Z');
  const end = new Date('2026-04-30T23:59:59Z');

  /** Each report with its Ex form's extra parameters, the request REST gets and the endpoint. */
  const cases = [
    {
      op: 'ReportMonthly', ex: 'ReportMonthlyEx', params: { Report: 3, Month: month }, endpoint: 'reports.monthly', method: 'POST',
      body: { report: 3, month: '2026-04-01T00:00:00.000Z' }, scope: ['NetworkID', 'MailboxID'],
    },
    {
      op: 'ReportTrafficStats', ex: 'ReportTrafficStatsEx', params: { TargetTime: end, NumPeriods: 7, Period: 'Week' }, endpoint: 'reports.trafficStats',
      method: 'POST', body: { targetTime: '2026-04-30T23:59:59.000Z', numPeriods: 7, period: 'Week' }, scope: ['NetworkID', 'MailboxID'],
    },
    {
      op: 'ReportInstantStats', ex: 'ReportInstantStatsEx', params: { Minutes1: 5, Minutes2: 60 }, endpoint: 'reports.instantStats', method: 'POST',
      body: { minutes1: 5, minutes2: 60 }, scope: ['NetworkID', 'MailboxID', 'ECGridID'],
    },
    {
      op: 'ReportInterchangeStats', ex: 'ReportInterchangeStatsEx', params: { StartTime: start, EndTime: end, Direction: 'OutBox' },
      endpoint: 'reports.interchangeStats', method: 'POST',
      body: { startTime: '2026-04-01T00:00:00.000Z', endTime: '2026-04-30T23:59:59.000Z', direction: 'OutBox' }, scope: ['NetworkID', 'MailboxID'],
    },
    { op: 'ReportMailboxStats', ex: 'ReportMailboxStatsEx', params: {}, endpoint: 'reports.mailboxStats', method: 'GET', body: undefined, scope: ['NetworkID', 'MailboxID'] },
    {
      op: 'ReportMailboxInterchangeStats', ex: 'ReportMailboxInterchangeStatsEx', params: {}, endpoint: 'reports.mailboxInterchangeStats',
      method: 'GET', body: undefined, scope: ['NetworkID', 'MailboxID'],
    },
  ] as const;

  const unscoped = (scope: readonly string[]) => Object.fromEntries(scope.map((n) => [n, 0]));

  // The backend is typed per operation; these tables go through its untyped face.
  const invoke = (b: Backend, op: FacadeOperation, params: object): Promise<unknown> => Reflect.apply(b.invoke, b, [op, params]);

  it.each(cases)('$op sends its parameters to $endpoint and answers a DataSet of the REST rows', async (c) => {
    const { backend, requests } = portAnswering(() => ROWS);
    expectRows(await invoke(backend, c.op, c.params));
    expect(requests[0]).toMatchObject({ endpoint: c.endpoint, method: c.method, idempotent: true });
    if (c.body === undefined) expect(requests[0]?.body).toBeUndefined();
    else expect(bodyOf(requests[0])).toEqual(c.body);
    expect(requests[0]?.query).toBeUndefined();
  });

  it.each(cases)('$ex with 0 for $scope sends what $op sends', async (c) => {
    const { backend, requests } = portAnswering(() => ROWS);
    expectRows(await invoke(backend, c.ex, { ...c.params, ...unscoped(c.scope) }));
    expect(requests[0]).toMatchObject({ endpoint: c.endpoint, method: c.method, idempotent: true });
    if (c.body === undefined) expect(requests[0]?.body).toBeUndefined();
    else expect(bodyOf(requests[0])).toEqual(c.body);
  });

  it.each(cases.flatMap((c) => c.scope.map((name) => [c.ex, name, c] as const)))(
    '%s with a %s other than 0 is NotAvailableOnBackend (REST reports the session scope only)',
    async (ex, name, c) => {
      const { backend, requests } = portAnswering(() => ROWS);
      await notAvailable(invoke(backend, ex, { ...c.params, ...unscoped(c.scope), [name]: 1001 }), ex);
      expect(requests).toHaveLength(0);
    },
  );

  it('ReportByDateEx sends the report as reportId with the dates, and refuses a network or mailbox', async () => {
    const { backend, requests } = portAnswering(() => ROWS);
    const params: FacadeParams<'ReportByDateEx'> = { NetworkID: 0, MailboxID: 0, Report: 4, StartDate: start, EndDate: end };
    expectRows(await backend.invoke('ReportByDateEx', params));
    expect(requests[0]).toMatchObject({ endpoint: 'reports.byDate', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ reportId: 4, startDate: '2026-04-01T00:00:00.000Z', endDate: '2026-04-30T23:59:59.000Z' });
    await notAvailable(backend.invoke('ReportByDateEx', { ...params, NetworkID: 1001 }), 'ReportByDateEx');
    await notAvailable(backend.invoke('ReportByDateEx', { ...params, MailboxID: 101 }), 'ReportByDateEx');
    expect(requests).toHaveLength(1);
  });

  it('turns a one-object report (instant-stats.md, mailbox-stats.md) into a one-row DataSet, escaping text', async () => {
    const { backend } = portAnswering(() => ({ mailboxId: 7890, period: '2026-04 <Q2> & more', reportGeneratedAt: '2026-05-07T08:00:00Z' }));
    const xml = (await backend.invoke('ReportMailboxStats', {}))?.xml ?? '';
    expect(xml).toContain(
      '<Table diffgr:id="Table1" msdata:rowOrder="0"><mailboxId>7890</mailboxId><period>2026-04 &lt;Q2&gt; &amp; more</period><reportGeneratedAt>2026-05-07T08:00:00Z</reportGeneratedAt></Table>',
    );
    expect(xml.match(/<Table /g)).toHaveLength(1);
    expect(MAPPINGS.ReportMailboxStats.rest?.lossy).toEqual(['.']);
  });

  it('types each column by the widest value it holds, and leaves nested values and nulls out', async () => {
    const { backend } = portAnswering(() => [
      { n: 1, big: 1, ratio: 1, name: 'a', nested: { x: 1 }, none: null, on: true },
      { n: 2, big: 2 ** 40, ratio: 0.5, name: 7, on: false },
    ]);
    const xml = (await backend.invoke('ReportTrafficStats', { TargetTime: end, NumPeriods: 2, Period: 'Day' }))?.xml ?? '';
    for (const [name, type] of [['n', 'int'], ['big', 'long'], ['ratio', 'decimal'], ['name', 'string'], ['on', 'boolean']]) {
      expect(xml).toContain(`<xs:element name="${name}" type="xs:${type}" minOccurs="0"/>`);
    }
    expect(xml).not.toContain('nested');
    expect(xml).not.toContain('none');
    expect(xml).toContain('<big>1099511627776</big>');
  });
});
