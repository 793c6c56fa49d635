import type { Certificate, CertificateInfo, CommIDInfo } from '@ecgrid-bridge/soap';
import { certificatesOf } from '../service/comms.js';
import type { SandboxService } from '../service/service.js';
import { soapDate } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import type { CertificateRecord, CommRecord, CommSettings } from '../store/records.js';

/** Comms and their certificates as REST (rest-api/comms/get-comm.md) and SOAP (CommIDInfo) show them. */

/** rest-api/comms/get-comm.md; `withCerts` tells whether certificates are attached. */
export const restComm = (service: SandboxService) => (c: CommRecord) => ({
  commId: c.commId,
  mailboxId: c.mailboxId,
  commType: c.type,
  identifier: c.identifier,
  status: c.status,
  useType: c.useType,
  privateKeyRequired: c.privateKeyRequired,
  withCerts: certificatesOf(service, c.commId).length > 0,
});

/** The fields Certificate and CertificateInfo share. */
const certificateFields = (c: CertificateRecord) => ({
  CertKeyID: c.certificateId,
  PartnerURL: c.partnerUrl,
  Type: c.type,
  Usage: c.usage,
  SecureHashAlgorithm: c.secureHashAlgorithm,
  Subject: c.subject,
  Issuer: c.issuer,
  HasPrivateKey: c.hasPrivateKey,
  ...(c.publicCertificate !== undefined ? { PublicCertificate: Buffer.from(c.publicCertificate, 'base64') } : {}),
  ...(c.beginUsage !== undefined ? { BeginUsage: soapDate(c.beginUsage) } : {}),
  ...(c.endUsage !== undefined ? { EndUsage: soapDate(c.endUsage) } : {}),
  NotBefore: soapDate(c.notBefore),
  NotAfter: soapDate(c.notAfter),
  SerialNumber: c.serialNumber,
  Thumbprint: c.thumbprint,
  Status: c.status,
});

const certificateInfo = (c: CertificateRecord): Unset<Certificate> => ({ ...certificateFields(c), PartnerID: c.partnerId, KeyID: c.keyId, UserID: c.userId });

/** as2CommInfo's certificates (CertificateInfo) name the partner PartnerAS2ID and have no key or user ID. */
export const as2CertificateInfo = (c: CertificateRecord): Unset<CertificateInfo> => ({ ...certificateFields(c), PartnerAS2ID: c.partnerId });

/** The stored channel settings as CommIDInfo fields; what was never set is written as the .NET default. */
const settingsInfo = (s: CommSettings): Unset<CommIDInfo> => ({
  ...(s.version !== undefined ? { Version: s.version } : {}),
  ...(s.hosted !== undefined ? { Hosted: s.hosted } : {}),
  ...(s.ownerUserId !== undefined ? { Owner: { UserID: s.ownerUserId } } : {}),
  ...(s.signData !== undefined ? { SignData: s.signData } : {}),
  ...(s.encryptData !== undefined ? { EncryptData: s.encryptData } : {}),
  ...(s.compressData !== undefined ? { CompressData: s.compressData } : {}),
  ...(s.beginUsage !== undefined ? { BeginUsage: soapDate(s.beginUsage) } : {}),
  ...(s.endUsage !== undefined ? { EndUsage: soapDate(s.endUsage) } : {}),
  ...(s.receipt !== undefined ? { Receipt: s.receipt } : {}),
  ...(s.httpAuthType !== undefined ? { HTTPAuthentication: { Type: s.httpAuthType, ...(s.httpUser ? { User: s.httpUser } : {}) } } : {}),
});

/** SOAP's WithCerts "includes certificate details in each result" (soap-api/comms/comm-list.md). */
export const commInfo = (service: SandboxService, c: CommRecord, withCerts = false): Unset<CommIDInfo> => ({
  CommID: c.commId,
  Type: c.type,
  Created: soapDate(c.created),
  Modified: soapDate(c.modified),
  Identifier: c.identifier,
  NetworkID: c.networkId,
  MailboxID: c.mailboxId,
  UseType: c.useType,
  URL: c.url,
  Status: c.status,
  ...settingsInfo(c.settings ?? {}),
  ...(withCerts ? { Certificates: certificatesOf(service, c.commId).map(certificateInfo) } : {}),
});
