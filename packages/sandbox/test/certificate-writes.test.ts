import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo, items } from './support/clients.js';

/** Certificate writes (rest-api/certificates/*.md) and comm writes (create-comm.md) on both protocols. */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);
const UNSET = '0001-01-01T00:00:00';

/** A self-signed certificate and its key, made the way a partner would. */
function partnerCertificate(commonName: string) {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '0a1b2c3d';
  cert.validity.notBefore = new Date('2025-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2027-01-01T00:00:00Z');
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer([{ name: 'commonName', value: commonName }]);
  cert.sign(key, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const pfx = (password: string) => Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' })).getBytes(), 'binary');
  return { der, pfx, x509: new X509Certificate(der) };
}

const certificatesIn = (result: unknown, item = 'Certificate') => items((result as XmlNode)['Certificates'], item);

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('certificate writes', () => {
  it('CertificateAddPublic reads the partner\'s X.509 certificate; REST add-public refuses what is not one', async () => {
    const partner = partnerCertificate('as2.partner.example');
    const added = await soap('CertificateAddPublic', {
      CommID: 81001, CertType: 'X509', KeyId: 'partner-2026', UserId: '', BeginUsage: UNSET, Usage: 'Encryption', PartnerCommID: 'PARTNER-AS2', PartnerURL: 'https://as2.partner.example/', Cert: partner.der.toString('base64'),
    });
    const cert = certificatesIn(added.result).find((c) => c['KeyID'] === 'partner-2026');
    expect(cert).toMatchObject({ Subject: 'CN=as2.partner.example', HasPrivateKey: 'false', Thumbprint: partner.x509.fingerprint.replaceAll(':', ''), SerialNumber: partner.x509.serialNumber, PartnerID: 'PARTNER-AS2', Status: 'Active' });
    expect(cert?.['NotAfter']).toMatch(/^2027-01-01T00:00:00/);
    const bad = await rest('POST', '/v2/certificates/add-public', { commId: 81001, certType: 'X509', cert: Buffer.from('not a certificate').toString('base64') });
    expect(bad.json?.errorCode).toBe('InvalidParameter');
    const ok = await rest('POST', '/v2/certificates/add-public', { commId: 81001, certType: 'X509', cert: partner.der.toString('base64') });
    expect(ok.json?.data).toMatchObject({ commId: 81001, withCerts: true });
    expect((await rest('POST', '/v2/certificates/add-public', { commId: 81003, certType: 'X509', cert: partner.der.toString('base64') })).json?.success).toBe(false);
  });

  it('CertAddPrivate opens a PKCS #12 file with its password, never answers the password, and refuses a wrong one', async () => {
    const own = partnerCertificate('as2.acme-supply.example');
    const added = await soap('CertAddPrivate', { CommID: 81002, CertType: 'X509', KeyId: 'own-2026', UserId: '', BeginUsage: UNSET, Usage: 'EncryptionAndSignature', PartnerAS2ID: '', Cert: own.pfx('Pfx-Secret-1').toString('base64'), Password: 'Pfx-Secret-1' });
    expect(added.text).not.toContain('Pfx-Secret-1');
    const cert = certificatesIn(added.result, 'CertificateInfo').at(-1);
    expect(cert).toMatchObject({ Subject: 'CN=as2.acme-supply.example', HasPrivateKey: 'true', Thumbprint: own.x509.fingerprint.replaceAll(':', '') });
    const wrong = await rest('POST', '/v2/certificates/add-private', { commId: 81002, certType: 'X509', cert: own.pfx('Pfx-Secret-1').toString('base64'), password: 'guess' });
    expect(wrong.json?.errorCode).toBe('InvalidParameter');
    expect(wrong.text).not.toContain('Pfx-Secret-1');
  });

  it('CertificateCreatePrivate generates a key pair and a self-signed certificate for the comm', async () => {
    const created = await soap('CertificateCreatePrivate', { CommID: 81002, BeginUsage: '2026-01-01T00:00:00', Usage: 'Signature', SecureHashAlgorithm: 'sha2', PartnerAS2ID: '', Expires: '2028-01-01T00:00:00' });
    const cert = certificatesIn(created.result).at(-1);
    expect(cert).toMatchObject({ Subject: 'CN=acme-sftp-test, O=ECGrid sandbox', HasPrivateKey: 'true', SecureHashAlgorithm: 'sha2', Usage: 'Signature' });
    const x509 = new X509Certificate(Buffer.from(String(cert?.['PublicCertificate']), 'base64'));
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(new Date(x509.validTo).toISOString()).toBe('2028-01-01T00:00:00.000Z');
    const viaRest = await rest('POST', '/v2/certificates/create', { commId: 81002, usage: 'Encryption', secureHashAlgorithm: 'SHA384' });
    expect(viaRest.json?.data).toMatchObject({ commId: 81002, privateKeyRequired: true, withCerts: true });
    expect((await rest('POST', '/v2/certificates/create', { commId: 81002, secureHashAlgorithm: 'MD5' })).json?.errorCode).toBe('InvalidParameter');
  });

  it('CertificateRenewPrivate keeps the old certificate for the overlap; terminate ends one, once', async () => {
    const renewed = await rest('POST', '/v2/certificates/renew', { commId: 81001, certKeyId: 91001, overlapDays: 30, years: 1, secureHashAlgorithm: 'SHA256' });
    expect(renewed.json?.success).toBe(true);
    const info = await soap('CommListEx', { NetworkID: 0, MailboxID: 5001, CommType: 'as2', PrivateKeyRequired: false, UseType: 'Undefined', ShowInactive: true, WithCerts: true });
    const listed = items(items(info.result, 'CommIDInfo')[0]?.['Certificates'], 'Certificate');
    expect(listed.map((c) => c['CertKeyID'])).toEqual(['91001', '91003']);
    expect(listed[0]?.['EndUsage']).not.toMatch(/^0001/);
    expect(listed[1]).toMatchObject({ HasPrivateKey: 'true', Status: 'Active' });
    expect((await rest('POST', '/v2/certificates/renew', { commId: 81003, certKeyId: 91002 })).json?.errorCode).toBe('AccessDenied');
    const publicOne = partnerCertificate('as2.partner.example');
    await rest('POST', '/v2/certificates/add-public', { commId: 81001, certType: 'X509', cert: publicOne.der.toString('base64') });
    expect((await rest('POST', '/v2/certificates/renew', { commId: 81001, certKeyId: 91004 })).json?.message).toMatch(/public certificate/);
    expect((await soap('CertificateTerminate', { CommID: 81001, CertKeyID: 91001 })).result).toBe('true');
    expect((await rest('POST', '/v2/certificates/terminate', { commId: 81001, certKeyId: 91001 })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/certificates/terminate', { commId: 81002, certKeyId: 91002 })).json?.errorCode).toBe('InvalidParameter');
  });
});

describe('comm writes', () => {
  it('CommAdd keeps the channel settings it is given; POST /v2/comms/create answers an Active channel', async () => {
    const added = await soap('CommAdd', {
      NetworkID: 0, MailboxID: 0, CommType: 'as2', OwnerUserID: 2006, ECGridHosted: true, Identifier: 'ACME-AS2-TEST', URL: 'https://as2.acme-supply.example/test', Version: '1.2',
      SignData: true, EncryptData: true, CompressData: false, ReceiptType: 'SynchronousSigned', HTTPAuthentication: 'Basic', HTTPUser: 'as2', HTTPPassword: 'Comm-Secret-9',
      UseType: 'Test', BeginUsage: UNSET, EndUsage: UNSET, Status: 'Development',
    });
    expect(added.result).toMatchObject({ MailboxID: '5001', Type: 'as2', Version: '1.2', Hosted: 'true', SignData: 'true', EncryptData: 'true', Receipt: 'SynchronousSigned', Status: 'Development', HTTPAuthentication: { Type: 'Basic', User: 'as2' } });
    expect(added.text).not.toContain('Comm-Secret-9');
    const id = Number((added.result as XmlNode)['CommID']);
    const updated = await soap('CommUpdate', {
      CommID: id, OwnerUserID: 0, Identifier: '', URL: '', Version: '', SignData: false, EncryptData: false, CompressData: true, ReceiptType: 'None', HTTPAuthentication: 'None', UseType: 'Undefined', BeginUsage: UNSET, EndUsage: UNSET,
    });
    expect(updated.result).toMatchObject({ Identifier: 'ACME-AS2-TEST', SignData: 'true', CompressData: 'true', Receipt: 'SynchronousSigned', UseType: 'Test' });
    const created = await rest('POST', '/v2/comms/create', { mailboxId: 5001, commType: 'sftp', identifier: 'acme-sftp-2', useType: 'Production' });
    expect(created.json?.data).toMatchObject({ mailboxId: 5001, commType: 'sftp', identifier: 'acme-sftp-2', status: 'Active', useType: 'Production', withCerts: false });
    expect((await rest('POST', '/v2/comms/create', { mailboxId: 5001, commType: 'ftpsslexplicit', identifier: 'x' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/comms/create', { mailboxId: 5003, commType: 'sftp', identifier: 'x' })).json?.success).toBe(false);
  });
});
