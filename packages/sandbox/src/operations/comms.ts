import { type Certificate, type CommIDInfo, enumValues } from '@ecgrid-bridge/soap';
import { optBool, optString, reqInt, reqString } from '../rest/input.js';
import { certificatesOf, comm, commPair, comms, requireIdentifier, updateComm } from '../service/comms.js';
import { oneOf } from '../service/filters.js';
import type { SandboxService } from '../service/service.js';
import { soapDate } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import type { CertificateRecord, CommRecord } from '../store/records.js';
import { pathValue } from './rest.js';
import type { OperationGroup, RestCall } from './table.js';

/** Communication channels: rest-api/comms/*.md. */

const STATUSES = enumValues('Status');

/** rest-api/comms/get-comm.md; `withCerts` tells whether certificates are attached. */
const restComm = (service: SandboxService) => (c: CommRecord) => ({
  commId: c.commId,
  mailboxId: c.mailboxId,
  commType: c.type,
  identifier: c.identifier,
  status: c.status,
  useType: c.useType,
  privateKeyRequired: c.privateKeyRequired,
  withCerts: certificatesOf(service, c.commId).length > 0,
});

const certificateInfo = (c: CertificateRecord): Unset<Certificate> => ({
  CertKeyID: c.certificateId,
  Type: c.type,
  Usage: c.usage,
  Subject: c.subject,
  Issuer: c.issuer,
  HasPrivateKey: c.hasPrivateKey,
  NotBefore: soapDate(c.notBefore),
  NotAfter: soapDate(c.notAfter),
  SerialNumber: c.serialNumber,
  Thumbprint: c.thumbprint,
  Status: c.status,
});

/** SOAP's WithCerts "includes certificate details in each result" (soap-api/comms/comm-list.md). */
const commInfo = (service: SandboxService, c: CommRecord, withCerts = false): Unset<CommIDInfo> => ({
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
  ...(withCerts ? { Certificates: certificatesOf(service, c.commId).map(certificateInfo) } : {}),
});

const get = (call: RestCall) => restComm(call.service)(comm(call.service, call.caller(), pathValue(call)));

const list = (call: RestCall) => {
  const b = call.body;
  const found = comms(call.service, call.caller(), {
    type: optString(b, 'commType'),
    privateKeyRequired: optBool(b, 'privateKeyRequired'),
    useType: optString(b, 'useType'),
    showInactive: optBool(b, 'showInactive'),
    withCertificates: optBool(b, 'withCerts'),
  });
  return found.map(restComm(call.service));
};

/** rest-api/comms/find-comm.md: by identifier (a part of it, case-insensitively: the sandbox's reading) and type. */
const find = (call: RestCall) =>
  comms(call.service, call.caller(), { identifier: reqString(call.body, 'identifier'), type: optString(call.body, 'commType'), showInactive: true }).map(
    restComm(call.service),
  );

const pair = (call: RestCall) => commPair(call.service, call.caller(), reqInt(call.body, 'ecGridIdFrom'), reqInt(call.body, 'ecGridIdTo')).map(restComm(call.service));

export const CommInfo = {
  soap: (call) => commInfo(call.service, comm(call.service, call.caller(), call.params.CommID)),
  rest: { 'comms.get': get },
} satisfies OperationGroup['CommInfo'];

export const CommList = {
  soap: (call) => {
    const p = call.params;
    const found = comms(call.service, call.caller(), { type: p.CommType, privateKeyRequired: p.PrivateKeyRequired, useType: p.UseType, showInactive: p.ShowInactive });
    return found.map((c) => commInfo(call.service, c, p.WithCerts));
  },
  rest: { 'comms.list': list },
} satisfies OperationGroup['CommList'];

export const CommListEx = {
  soap: (call) => {
    const p = call.params;
    const found = comms(call.service, call.caller(), {
      networkId: p.NetworkID,
      mailboxId: p.MailboxID,
      type: p.CommType,
      privateKeyRequired: p.PrivateKeyRequired,
      useType: p.UseType,
      showInactive: p.ShowInactive,
    });
    return found.map((c) => commInfo(call.service, c, p.WithCerts));
  },
  rest: { 'comms.list': list },
} satisfies OperationGroup['CommListEx'];

export const CommFind = {
  soap: (call) => {
    const p = call.params;
    const found = comms(call.service, call.caller(), {
      identifier: requireIdentifier(p.Identifier),
      type: p.CommType,
      privateKeyRequired: p.PrivateKeyRequired,
      useType: p.UseType,
      showInactive: p.ShowInactive,
    });
    return found.map((c) => commInfo(call.service, c));
  },
  rest: { 'comms.find': find },
} satisfies OperationGroup['CommFind'];

export const CommPair = {
  soap: (call) => {
    const p = call.params;
    const found = commPair(call.service, call.caller(), p.ECGridIDFrom, p.ECGridIDTo).filter((c) => p.CommType === 'none' || c.type === p.CommType);
    return found.map((c) => commInfo(call.service, c));
  },
  rest: { 'comms.pair': pair },
} satisfies OperationGroup['CommPair'];

/** rest-api/comms/update-comm.md: a new identifier or status; answers the updated comm. */
const update = (call: RestCall) => {
  const status = oneOf(STATUSES, 'status', 'Status', optString(call.body, 'status'));
  const identifier = optString(call.body, 'identifier');
  const changed = updateComm(call.service, call.caller(), reqInt(call.body, 'commId'), { ...(identifier !== undefined ? { identifier } : {}), ...(status ? { status } : {}) });
  return restComm(call.service)(changed);
};

export const CommSetStatus = {
  soap: (call) => updateComm(call.service, call.caller(), call.params.CommID, { status: call.params.Status }) !== undefined,
  rest: { 'comms.update': update },
} satisfies OperationGroup['CommSetStatus'];
