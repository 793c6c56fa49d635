import { X509Certificate, createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { EnumTypes } from '@ecgrid-bridge/soap';
import forge from 'node-forge';
import { invalidParameter } from '../errors.js';
import type { CertificateRecord, CommRecord } from '../store/records.js';
import type { Caller } from './auth.js';
import { comm } from './comms.js';
import type { SandboxService } from './service.js';

/**
 * Certificates of a comm (rest-api/certificates/*.md, soap-api/comms/certificate-*.md): X.509 certificates are read
 * with Node's X509Certificate, PKCS #12 files with node-forge; created and renewed ones are self-signed RSA-2048
 * certificates. A private key is checked and never kept.
 */

/** What the sandbox reads from a certificate. */
interface Parsed {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly thumbprint: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly der: Buffer;
}

const DAY = 86_400_000;
/** renew-certificate.md: `years` ">= 1, default 2"; create-certificate.md gives no default, the sandbox uses the same. */
const DEFAULT_YEARS = 2;

const names = (text: string): string => text.split('\n').join(', ');

function parsedOf(x: X509Certificate): Parsed {
  return {
    subject: names(x.subject),
    issuer: names(x.issuer),
    serialNumber: x.serialNumber,
    thumbprint: x.fingerprint.replaceAll(':', ''),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    der: x.raw,
  };
}

/** A public certificate: X.509 in DER or PEM. PGP and SSH keys are kept as given, named by their key ID. */
function readPublic(type: EnumTypes['CertificateType'], content: Buffer, keyId: string | undefined, now: string): Parsed {
  if (type !== 'X509') {
    return { subject: keyId ?? '', issuer: '', serialNumber: '', thumbprint: createHash('sha1').update(content).digest('hex').toUpperCase(), notBefore: now, notAfter: now, der: content };
  }
  try {
    return parsedOf(new X509Certificate(content));
  } catch {
    throw invalidParameter('Cert is not an X.509 certificate (DER or PEM)');
  }
}

/** The PKCS #12 bag types (RFC 7292, 4.2). */
const BAGS = { key: '1.2.840.113549.1.12.10.1.1', shroudedKey: '1.2.840.113549.1.12.10.1.2', cert: '1.2.840.113549.1.12.10.1.3' } as const;

/** A private certificate: a PKCS #12 file that the password opens and that holds a certificate and its key. */
function readPrivate(content: Buffer, password: string): Parsed {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(content.toString('binary')), password);
  } catch {
    throw invalidParameter('Cert is not a PKCS #12 file that this password opens');
  }
  const cert = p12.getBags({ bagType: BAGS.cert })[BAGS.cert]?.[0]?.cert;
  const keys = [BAGS.shroudedKey, BAGS.key].flatMap((bagType) => p12.getBags({ bagType })[bagType] ?? []);
  if (!cert || keys.length === 0) throw invalidParameter('the PKCS #12 file must hold a certificate and its private key');
  return parsedOf(new X509Certificate(forge.pki.certificateToPem(cert)));
}

const DIGESTS = { sha1: () => forge.md.sha1.create(), sha2: () => forge.md.sha256.create() } as const;

/** A self-signed certificate for the comm's identifier, valid from `from` until `until`. */
function selfSigned(commonName: string, hash: EnumTypes['CertificateSecureHashAlgorithm'], from: Date, until: Date): Parsed {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = from;
  cert.validity.notAfter = until;
  const subject = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'ECGrid sandbox' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), DIGESTS[hash]());
  return parsedOf(new X509Certificate(forge.pki.certificateToPem(cert)));
}

const nextId = (svc: SandboxService): number => Math.max(0, ...svc.state.certificates.keys()) + 1;

function store(svc: SandboxService, record: CertificateRecord, replaced?: CertificateRecord): void {
  const now = svc.nowIso();
  svc.commit((draft) => {
    draft.certificates.set(record.certificateId, record);
    if (replaced) draft.certificates.set(replaced.certificateId, replaced);
    const owner = draft.comms.get(record.commId);
    if (owner) draft.comms.set(owner.commId, { ...owner, modified: now, privateKeyRequired: owner.privateKeyRequired || record.hasPrivateKey });
  });
}

const fromParsed = (p: Parsed) => ({
  subject: p.subject,
  issuer: p.issuer,
  serialNumber: p.serialNumber,
  thumbprint: p.thumbprint,
  notBefore: p.notBefore,
  notAfter: p.notAfter,
  publicCertificate: p.der.toString('base64'),
});

const text = (value: string | undefined) => (value ? value : undefined);

/** The optional text fields a call set (empty text sets nothing). */
const labels = (input: { readonly keyId?: string | undefined; readonly userId?: string | undefined; readonly partnerId?: string | undefined; readonly partnerUrl?: string | undefined }) => ({
  ...(input.keyId ? { keyId: input.keyId } : {}),
  ...(input.userId ? { userId: input.userId } : {}),
  ...(input.partnerId ? { partnerId: input.partnerId } : {}),
  ...(input.partnerUrl ? { partnerUrl: input.partnerUrl } : {}),
});

export interface AddedCertificate {
  readonly type: EnumTypes['CertificateType'];
  readonly usage: EnumTypes['CertificateUsage'];
  readonly keyId?: string | undefined;
  readonly userId?: string | undefined;
  readonly beginUsage?: Date | undefined;
  readonly partnerId?: string | undefined;
  readonly partnerUrl?: string | undefined;
  readonly content: Buffer | undefined;
  /** Given for a private certificate (a PKCS #12 file). */
  readonly password?: string | undefined;
  readonly private: boolean;
}

/** Adds a partner's public certificate or the comm's own private one (CertificateAddPublic, CertAddPrivate). */
export function addCertificate(svc: SandboxService, caller: Caller, commId: number, input: AddedCertificate): CommRecord {
  const owner = comm(svc, caller, commId);
  if (!input.content || input.content.length === 0) throw invalidParameter('Cert is required');
  const now = svc.nowIso();
  const parsed = input.private ? readPrivate(input.content, input.password ?? '') : readPublic(input.type, input.content, text(input.keyId), now);
  store(svc, {
    certificateId: nextId(svc),
    commId: owner.commId,
    type: input.type,
    usage: input.usage,
    hasPrivateKey: input.private,
    status: 'Active',
    ...fromParsed(parsed),
    ...labels(input),
    beginUsage: input.beginUsage ? input.beginUsage.toISOString() : now,
  });
  return svc.state.comms.get(owner.commId) ?? owner;
}

export interface CreatedCertificate {
  readonly usage: EnumTypes['CertificateUsage'];
  readonly hash: EnumTypes['CertificateSecureHashAlgorithm'];
  readonly beginUsage?: Date | undefined;
  readonly expires?: Date | undefined;
  readonly partnerId?: string | undefined;
}

/** A new self-signed certificate record of a comm, with a key pair the sandbox makes and does not keep. */
function generated(
  svc: SandboxService,
  owner: CommRecord,
  spec: { readonly usage: EnumTypes['CertificateUsage']; readonly hash: EnumTypes['CertificateSecureHashAlgorithm']; readonly from: Date; readonly until: Date; readonly partnerId?: string | undefined },
): CertificateRecord {
  return {
    certificateId: nextId(svc),
    commId: owner.commId,
    type: 'X509',
    usage: spec.usage,
    hasPrivateKey: true,
    status: 'Active',
    secureHashAlgorithm: spec.hash,
    ...fromParsed(selfSigned(owner.identifier, spec.hash, spec.from, spec.until)),
    ...labels({ partnerId: spec.partnerId }),
    beginUsage: spec.from.toISOString(),
  };
}

/** Generates the comm's own certificate and key pair (CertificateCreatePrivate; create-certificate.md). */
export function createCertificate(svc: SandboxService, caller: Caller, commId: number, input: CreatedCertificate): CommRecord {
  const owner = comm(svc, caller, commId);
  const now = new Date(svc.nowIso());
  const from = input.beginUsage ?? now;
  const until = input.expires ?? new Date(Date.UTC(from.getUTCFullYear() + DEFAULT_YEARS, from.getUTCMonth(), from.getUTCDate()));
  if (until.getTime() <= from.getTime()) throw invalidParameter('Expires must be after BeginUsage');
  store(svc, generated(svc, owner, { usage: input.usage, hash: input.hash, from, until, partnerId: input.partnerId }));
  return svc.state.comms.get(owner.commId) ?? owner;
}

/** A certificate of the comm, or InvalidParameter. */
function certificateOf(svc: SandboxService, owner: CommRecord, certKeyId: number): CertificateRecord {
  const found = svc.state.certificates.get(certKeyId);
  if (!found || found.commId !== owner.commId) throw invalidParameter(`certificate ${certKeyId} is not a certificate of comm ${owner.commId}`);
  return found;
}

/**
 * Replaces the comm's private certificate with a new key pair (CertificateRenewPrivate; renew-certificate.md): the
 * old one stays in use for `overlapDays` more days, then ends.
 */
export function renewCertificate(
  svc: SandboxService,
  caller: Caller,
  commId: number,
  input: { readonly certKeyId: number; readonly overlapDays: number; readonly years: number; readonly hash: EnumTypes['CertificateSecureHashAlgorithm'] },
): CommRecord {
  const owner = comm(svc, caller, commId);
  const old = certificateOf(svc, owner, input.certKeyId);
  if (!old.hasPrivateKey) throw invalidParameter(`certificate ${input.certKeyId} is a partner's public certificate; only a private one is renewed`);
  if (old.status === 'Terminated') throw invalidParameter(`certificate ${input.certKeyId} is terminated`);
  if (input.overlapDays < 0) throw invalidParameter('OverlapDays must not be negative');
  if (input.years < 0) throw invalidParameter('Years must be at least 1');
  const now = new Date(svc.nowIso());
  const years = input.years || DEFAULT_YEARS;
  const until = new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate()));
  const overlapEnds = new Date(now.getTime() + input.overlapDays * DAY).toISOString();
  store(svc, generated(svc, owner, { usage: old.usage, hash: input.hash, from: now, until, partnerId: old.partnerId }), { ...old, endUsage: overlapEnds });
  return svc.state.comms.get(owner.commId) ?? owner;
}

/** Ends a certificate's use at once (CertificateTerminate; terminate-certificate.md). */
export function terminateCertificate(svc: SandboxService, caller: Caller, commId: number, certKeyId: number): boolean {
  const owner = comm(svc, caller, commId);
  const found = certificateOf(svc, owner, certKeyId);
  if (found.status === 'Terminated') throw invalidParameter(`certificate ${certKeyId} is already terminated`);
  const now = svc.nowIso();
  svc.commit((draft) => draft.certificates.set(certKeyId, { ...found, status: 'Terminated', endUsage: now }));
  return true;
}
