import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import { enumValues } from '@ecgrid-bridge/soap';
import { optBool, optString, reqEnum, reqInt, reqString } from '../rest/input.js';
import { addComm, comm, commPair, comms, requireIdentifier, setCommDefaultMailbox, setCommPair, updateComm, updateCommSettings } from '../service/comms.js';
import { oneOf } from '../service/filters.js';
import { DOTNET_MIN_DATE } from '../soap/wire.js';
import type { CommSettings } from '../store/records.js';
import { commInfo, restComm } from './comm-shapes.js';
import { pathValue } from './rest.js';
import type { OperationGroup, RestCall } from './table.js';

/** Communication channels: rest-api/comms/*.md. */

const STATUSES = enumValues('Status');

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

// ---- CommAdd, CommUpdate --------------------------------------------------------------------------------------------

/** The channel settings of CommAdd and CommUpdate (soap-api/comms/comm-add.md); the password is not kept. */
interface ChannelParams {
  readonly OwnerUserID: number;
  readonly Version?: string | undefined;
  readonly SignData: boolean;
  readonly EncryptData: boolean;
  readonly CompressData: boolean;
  readonly ReceiptType: CommSettings['receipt'] & string;
  readonly HTTPAuthentication: CommSettings['httpAuthType'] & string;
  readonly HTTPUser?: string | undefined;
  readonly BeginUsage: Date;
  readonly EndUsage: Date;
}

const setDate = (d: Date): string | undefined => (new Date(d).getTime() === Date.parse(DOTNET_MIN_DATE) ? undefined : new Date(d).toISOString());

/** Only what the call sets: an unset value (0, empty, false, None, 0001-01-01) leaves the stored one (or the default). */
function settingsOf(p: ChannelParams): CommSettings {
  const begin = setDate(p.BeginUsage);
  const end = setDate(p.EndUsage);
  return {
    ...(p.Version ? { version: p.Version } : {}),
    ...(p.OwnerUserID ? { ownerUserId: p.OwnerUserID } : {}),
    ...(p.SignData ? { signData: true } : {}),
    ...(p.EncryptData ? { encryptData: true } : {}),
    ...(p.CompressData ? { compressData: true } : {}),
    ...(p.ReceiptType !== 'None' ? { receipt: p.ReceiptType } : {}),
    ...(p.HTTPAuthentication !== 'None' ? { httpAuthType: p.HTTPAuthentication } : {}),
    ...(p.HTTPUser ? { httpUser: p.HTTPUser } : {}),
    ...(begin ? { beginUsage: begin } : {}),
    ...(end ? { endUsage: end } : {}),
  };
}

/** REST's channel types (appendix/enums.md), which lack `ftpsslexplicit`. */
const REST_COMM_TYPES = enumValues('NetworkGatewayCommChannel').filter((t) => t !== 'none' && (DOCUMENTED_ENUMS['NetworkGatewayCommChannel'] ?? []).includes(t));
const USE_TYPES = enumValues('UseType');

/** rest-api/comms/create-comm.md: mailboxId, commType, identifier and useType; the new channel is Active. */
const create = (call: RestCall) => {
  const b = call.body;
  const created = addComm(call.service, call.caller(), {
    networkId: 0,
    mailboxId: reqInt(b, 'mailboxId'),
    type: reqEnum(b, 'commType', REST_COMM_TYPES, 'NetworkGatewayCommChannel'),
    identifier: reqString(b, 'identifier'),
    url: undefined,
    useType: oneOf(USE_TYPES, 'useType', 'UseType', optString(b, 'useType')) ?? 'Undefined',
    status: 'Active',
    settings: {},
  });
  return restComm(call.service)(created);
};

export const CommAdd = {
  soap: (call) => {
    const p = call.params;
    const created = addComm(call.service, call.caller(), {
      networkId: p.NetworkID,
      mailboxId: p.MailboxID,
      type: p.CommType,
      identifier: p.Identifier,
      url: p.URL,
      useType: p.UseType,
      status: p.Status,
      settings: { ...settingsOf(p), ...(p.ECGridHosted ? { hosted: true } : {}) },
    });
    return commInfo(call.service, created);
  },
  rest: { 'comms.create': create },
} satisfies OperationGroup['CommAdd'];

export const CommUpdate = {
  soap: (call) => {
    const p = call.params;
    const changed = updateCommSettings(call.service, call.caller(), p.CommID, { identifier: p.Identifier, url: p.URL, useType: p.UseType, settings: settingsOf(p) });
    return commInfo(call.service, changed);
  },
  rest: { 'comms.update': update },
} satisfies OperationGroup['CommUpdate'];

export const CommSetPair = {
  soap: (call) => {
    const p = call.params;
    return setCommPair(call.service, call.caller(), p.ECGridIDFrom, p.ECGridIDTo, p.Identifier1, p.Identifier2).map((c) => commInfo(call.service, c));
  },
} satisfies OperationGroup['CommSetPair'];

export const CommDefaultMailbox = {
  soap: (call) => setCommDefaultMailbox(call.service, call.caller(), call.params.CommID, call.params.MailboxID),
} satisfies OperationGroup['CommDefaultMailbox'];
