import type { CertificateSecureHashAlgorithm } from '@ecgrid-bridge/soap';
import { variant, write } from './builders.js';
import { UnsupportedOnRest } from './entry.js';
import { DOTNET_MIN_DATE } from './fields.js';
import { boolean, record } from './results.js';
import { as2CommRecord, commRecord } from './comm-records.js';
import { decodeBase64 } from './params.js';

/**
 * Certificates: rest-api/certificates/*.md. Every page but terminate-certificate.md answers the REST CommIDInfo
 * (see comm-records.ts); none shows the certificates themselves, so the WSDL's Certificates lists stay lossy.
 */

/** An unset .NET DateTime (0001-01-01) gives no date: the optional REST field is left out. */
const dateIfSet = (d: Date): string | undefined => {
  const date = new Date(d);
  return date.getTime() === DOTNET_MIN_DATE.getTime() ? undefined : date.toISOString();
};

const textIfSet = (s: string | undefined): string | undefined => (s ? s : undefined);

/** add-public.md and add-private.md: `cert` is "the certificate content encoded as Base64". */
const certContent = (cert: Buffer | undefined): string | undefined => (cert && cert.length > 0 ? Buffer.from(cert).toString('base64') : undefined);

/**
 * create-certificate.md and renew-certificate.md take SHA1, SHA256, SHA384 or SHA512; the WSDL's enumeration has
 * sha1 and sha2 (DISCREPANCIES.md 164-166). sha2 is sent as SHA256, the SHA-2 size both pages call the
 * "recommended minimum".
 */
const HASH_ALGORITHM: Readonly<Record<CertificateSecureHashAlgorithm, string>> = { sha1: 'SHA1', sha2: 'SHA256' };
const HASH_ASSUMED = 'the WSDL\'s sha2 is SHA-256 (sent as SHA256), sha1 is SHA1.';

/** rest-api/certificates/add-public.md takes every parameter of the WSDL call. */
export const CertificateAddPublic = write('CertificateAddPublic', {
  endpoint: 'certificates.addPublic',
  request: (p) => ({
    body: {
      commId: p.CommID,
      certType: p.CertType,
      keyId: textIfSet(p.KeyId),
      userId: textIfSet(p.UserId),
      beginUsage: dateIfSet(p.BeginUsage),
      usage: p.Usage,
      partnerCommId: textIfSet(p.PartnerCommID),
      partnerUrl: textIfSet(p.PartnerURL),
      cert: certContent(p.Cert),
    },
  }),
  result: record(commRecord),
});

export const CertificateAddPublicA = variant(CertificateAddPublic, 'CertificateAddPublicA', {
  params: ({ CertBase64, ...rest }) => ({ ...rest, Cert: decodeBase64('CertificateAddPublicA', 'CertBase64', CertBase64) }),
  result: (comm) => comm,
});

/**
 * rest-api/certificates/add-private.md has every parameter of the WSDL call but PartnerAS2ID. It answers the REST
 * CommIDInfo where the WSDL answers an as2CommInfo (as2CommRecord).
 */
export const CertAddPrivate = write('CertAddPrivate', {
  endpoint: 'certificates.addPrivate',
  request: (p) => {
    if (p.PartnerAS2ID) throw new UnsupportedOnRest('the REST API cannot take a PartnerAS2ID for a private certificate (add-private.md has no such field)');
    return {
      body: {
        commId: p.CommID,
        certType: p.CertType,
        keyId: textIfSet(p.KeyId),
        userId: textIfSet(p.UserId),
        beginUsage: dateIfSet(p.BeginUsage),
        usage: p.Usage,
        cert: certContent(p.Cert),
        password: textIfSet(p.Password),
      },
    };
  },
  result: record(as2CommRecord),
  unsupported: { PartnerAS2ID: 'a non-empty value makes the call unavailable on REST: add-private.md has no partner field' },
});

export const CertAddPrivateA = variant(CertAddPrivate, 'CertAddPrivateA', {
  params: ({ CertBase64, ...rest }) => ({ ...rest, Cert: decodeBase64('CertAddPrivateA', 'CertBase64', CertBase64) }),
  result: (comm) => comm,
});

/** rest-api/certificates/create-certificate.md takes every parameter of the WSDL call. */
export const CertificateCreatePrivate = write('CertificateCreatePrivate', {
  endpoint: 'certificates.create',
  request: (p) => ({
    body: {
      commId: p.CommID,
      beginUsage: dateIfSet(p.BeginUsage),
      usage: p.Usage,
      secureHashAlgorithm: HASH_ALGORITHM[p.SecureHashAlgorithm],
      partnerAs2Id: textIfSet(p.PartnerAS2ID),
      expires: dateIfSet(p.Expires),
    },
  }),
  result: record(commRecord),
  assumes: HASH_ASSUMED,
});

/** rest-api/certificates/renew-certificate.md takes every parameter of the WSDL call. */
export const CertificateRenewPrivate = write('CertificateRenewPrivate', {
  endpoint: 'certificates.renew',
  request: (p) => ({
    body: {
      commId: p.CommID,
      certKeyId: p.CertKeyID,
      overlapDays: p.OverlapDays,
      years: p.Years,
      secureHashAlgorithm: HASH_ALGORITHM[p.SecureHashAlgorithm],
    },
  }),
  result: record(commRecord),
  assumes: HASH_ASSUMED,
});

/** terminate-certificate.md answers `true`, as the WSDL call does. */
export const CertificateTerminate = write('CertificateTerminate', {
  endpoint: 'certificates.terminate',
  request: (p) => ({ body: { commId: p.CommID, certKeyId: p.CertKeyID } }),
  result: boolean,
});
