import { enumValues } from '@ecgrid-bridge/soap';
import { base64Content, optDate, optInt, optString, reqEnum, reqInt } from '../rest/input.js';
import { addCertificate, createCertificate, renewCertificate, terminateCertificate } from '../service/certificates.js';
import { certificatesOf } from '../service/comms.js';
import { invalidParameter } from '../errors.js';
import { oneOf } from '../service/filters.js';
import type { SandboxService } from '../service/service.js';
import { DOTNET_MIN_DATE } from '../soap/wire.js';
import type { CommRecord } from '../store/records.js';
import { as2CertificateInfo, commInfo, restComm } from './comm-shapes.js';
import type { OperationGroup, RestCall, SoapCallWith } from './table.js';

/**
 * Certificates: rest-api/certificates/*.md. SOAP answers the comm with its certificates (CommIDInfo, or as2CommInfo
 * for CertAddPrivate); REST answers the REST CommIDInfo (certificates are not shown there).
 */

const CERT_TYPES = enumValues('CertificateType');
const USAGES = enumValues('CertificateUsage');

/**
 * create-certificate.md and renew-certificate.md name SHA1, SHA256, SHA384 and SHA512; the WSDL has sha1 and sha2.
 * The sandbox signs SHA256, SHA384 and SHA512 requests with SHA-256 (the WSDL's sha2) and records them as sha2.
 */
const HASHES: Readonly<Record<string, 'sha1' | 'sha2'>> = { SHA1: 'sha1', SHA256: 'sha2', SHA384: 'sha2', SHA512: 'sha2' };

function restHash(call: RestCall): 'sha1' | 'sha2' {
  const name = optString(call.body, 'secureHashAlgorithm');
  if (name === undefined) return 'sha2';
  const found = HASHES[name.toUpperCase()];
  if (!found) throw invalidParameter(`secureHashAlgorithm ${name} is not one of SHA1, SHA256, SHA384, SHA512`);
  return found;
}

/** A .NET DateTime parameter that was left unset (0001-01-01) asks for nothing. */
const setDate = (d: Date): Date | undefined => (new Date(d).getTime() === Date.parse(DOTNET_MIN_DATE) ? undefined : new Date(d));

/** The A forms' CertBase64 (empty: no certificate). */
function fromBase64(text: string | undefined): Buffer | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return base64Content({ CertBase64: text }, 'CertBase64');
}

const withCertificates = (service: SandboxService, c: CommRecord) => commInfo(service, c, true);

const restUsage = (call: RestCall) => oneOf(USAGES, 'usage', 'CertificateUsage', optString(call.body, 'usage')) ?? 'EncryptionAndSignature';

const addRest = (isPrivate: boolean) => (call: RestCall) => {
  const b = call.body;
  const changed = addCertificate(call.service, call.caller(), reqInt(b, 'commId'), {
    type: reqEnum(b, 'certType', CERT_TYPES, 'CertificateType'),
    usage: restUsage(call),
    keyId: optString(b, 'keyId'),
    userId: optString(b, 'userId'),
    beginUsage: optDate(b, 'beginUsage'),
    partnerId: optString(b, 'partnerCommId'),
    partnerUrl: optString(b, 'partnerUrl'),
    content: b['cert'] === undefined ? undefined : base64Content(b, 'cert'),
    password: optString(b, 'password'),
    private: isPrivate,
  });
  return restComm(call.service)(changed);
};

const addPublicRest = addRest(false);
const addPrivateRest = addRest(true);

const createRest = (call: RestCall) => {
  const b = call.body;
  const changed = createCertificate(call.service, call.caller(), reqInt(b, 'commId'), {
    usage: restUsage(call),
    hash: restHash(call),
    beginUsage: optDate(b, 'beginUsage'),
    expires: optDate(b, 'expires'),
    partnerId: optString(b, 'partnerAs2Id'),
  });
  return restComm(call.service)(changed);
};

const renewRest = (call: RestCall) => {
  const b = call.body;
  const changed = renewCertificate(call.service, call.caller(), reqInt(b, 'commId'), {
    certKeyId: reqInt(b, 'certKeyId'),
    overlapDays: optInt(b, 'overlapDays') ?? 0,
    years: optInt(b, 'years') ?? 0,
    hash: restHash(call),
  });
  return restComm(call.service)(changed);
};

const terminateRest = (call: RestCall) => terminateCertificate(call.service, call.caller(), reqInt(call.body, 'commId'), reqInt(call.body, 'certKeyId'));

interface AddParams {
  readonly CommID: number;
  readonly CertType: (typeof CERT_TYPES)[number];
  readonly KeyId?: string | undefined;
  readonly UserId?: string | undefined;
  readonly BeginUsage: Date;
  readonly Usage: (typeof USAGES)[number];
}

const added = (p: AddParams) => ({ type: p.CertType, usage: p.Usage, keyId: p.KeyId, userId: p.UserId, beginUsage: setDate(p.BeginUsage) });

/** The certificate of a call: `Cert` as bytes, or the A forms' `CertBase64`. */
const contentOf = (p: { readonly Cert?: Buffer | undefined; readonly CertBase64?: string | undefined }) => p.Cert ?? fromBase64(p.CertBase64);

type PublicParams = AddParams & { readonly PartnerCommID?: string | undefined; readonly PartnerURL?: string | undefined; readonly Cert?: Buffer | undefined; readonly CertBase64?: string | undefined };
type PrivateParams = AddParams & { readonly PartnerAS2ID?: string | undefined; readonly Password?: string | undefined; readonly Cert?: Buffer | undefined; readonly CertBase64?: string | undefined };

const addPublicSoap = (call: SoapCallWith<PublicParams>) => {
  const p = call.params;
  const c = addCertificate(call.service, call.caller(), p.CommID, { ...added(p), partnerId: p.PartnerCommID, partnerUrl: p.PartnerURL, content: contentOf(p), private: false });
  return withCertificates(call.service, c);
};

/** as2CommInfo: the comm's fields with its certificates as CertificateInfo. */
function as2Info(service: SandboxService, c: CommRecord) {
  const { Type: _type, Version: _version, Certificates: _certificates, ...rest } = commInfo(service, c);
  return { ...rest, Certificates: certificatesOf(service, c.commId).map(as2CertificateInfo) };
}

const addPrivateSoap = (call: SoapCallWith<PrivateParams>) => {
  const p = call.params;
  const c = addCertificate(call.service, call.caller(), p.CommID, { ...added(p), partnerId: p.PartnerAS2ID, content: contentOf(p), password: p.Password, private: true });
  return as2Info(call.service, c);
};

export const CertificateAddPublic = { soap: addPublicSoap, rest: { 'certificates.addPublic': addPublicRest } } satisfies OperationGroup['CertificateAddPublic'];
export const CertificateAddPublicA = { soap: addPublicSoap, rest: { 'certificates.addPublic': addPublicRest } } satisfies OperationGroup['CertificateAddPublicA'];
export const CertAddPrivate = { soap: addPrivateSoap, rest: { 'certificates.addPrivate': addPrivateRest } } satisfies OperationGroup['CertAddPrivate'];
export const CertAddPrivateA = { soap: addPrivateSoap, rest: { 'certificates.addPrivate': addPrivateRest } } satisfies OperationGroup['CertAddPrivateA'];

export const CertificateCreatePrivate = {
  soap: (call) => {
    const p = call.params;
    const c = createCertificate(call.service, call.caller(), p.CommID, {
      usage: p.Usage,
      hash: p.SecureHashAlgorithm,
      beginUsage: setDate(p.BeginUsage),
      expires: setDate(p.Expires),
      partnerId: p.PartnerAS2ID,
    });
    return withCertificates(call.service, c);
  },
  rest: { 'certificates.create': createRest },
} satisfies OperationGroup['CertificateCreatePrivate'];

export const CertificateRenewPrivate = {
  soap: (call) => {
    const p = call.params;
    const c = renewCertificate(call.service, call.caller(), p.CommID, { certKeyId: p.CertKeyID, overlapDays: p.OverlapDays, years: p.Years, hash: p.SecureHashAlgorithm });
    return withCertificates(call.service, c);
  },
  rest: { 'certificates.renew': renewRest },
} satisfies OperationGroup['CertificateRenewPrivate'];

export const CertificateTerminate = {
  soap: (call) => terminateCertificate(call.service, call.caller(), call.params.CommID, call.params.CertKeyID),
  rest: { 'certificates.terminate': terminateRest },
} satisfies OperationGroup['CertificateTerminate'];
