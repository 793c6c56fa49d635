import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import type { FacadeParams } from '../operations.js';
import type { CommIDInfo, HTTPAuthType, NetworkGatewayCommChannel, ReceiptType, UseType } from '@ecgrid-bridge/soap';
import { read, soapOnly, variant, write } from './builders.js';
import { UnsupportedOnRest } from './entry.js';
import { DOTNET_MIN_DATE, type Json, filter, objectAt } from './fields.js';
import { list, listIn, record, succeeded, type ResultMap } from './results.js';
import { commRecord } from './comm-records.js';

/** Communication channels: rest-api/comms/*.md. Records: comm-records.ts. */

const CREATE_PAGE = 'rest-api/comms/create-comm.md';
const UPDATE_PAGE = 'rest-api/comms/update-comm.md';

/** A channel type REST has a value for: appendix/enums.md has no `ftpsslexplicit` (DISCREPANCIES.md 158). */
function restCommType(type: NetworkGatewayCommChannel): NetworkGatewayCommChannel {
  if (!(DOCUMENTED_ENUMS['NetworkGatewayCommChannel'] ?? []).includes(type)) {
    throw new UnsupportedOnRest(`the REST NetworkGatewayCommChannel vocabulary (appendix/enums.md) has no value ${type}`);
  }
  return type;
}

/** soap-api/comms/comm-list.md and comm-find.md: CommType `none` asks for every type, so no commType is sent. */
const commTypeFilter = (type: NetworkGatewayCommChannel): NetworkGatewayCommChannel | undefined => (type === 'none' ? undefined : restCommType(type));

/** UseType `Undefined` (the .NET default) asks for every use type. */
const useTypeFilter = (useType: UseType): UseType | undefined => (useType === 'Undefined' ? undefined : useType);

const COMM_TYPE = "`none` sends no commType (comm-list.md: \"use `none` to return all types\"); `ftpsslexplicit`, which REST's vocabulary lacks, makes the call unavailable on REST";
const USE_TYPE_ASSUMED = 'UseType Undefined (the .NET default) asks for no use-type filter.';

// Lists: list-comms.md, find-comm.md, comm-pair.md answer plain arrays of the REST CommIDInfo.

/** A test on one REST CommIDInfo, for the SOAP filters REST has no request field for (applied to the answer). */
type RowTest = (row: Json, params: object) => boolean;

const param = (params: object, name: string): unknown => Reflect.get(params, name);

/** list-comms.md's `showInactive`: "When true, includes suspended and terminated channels". */
const INACTIVE = ['Suspended', 'Terminated'];
const shownIfInactive: RowTest = (row, p) => param(p, 'ShowInactive') === true || !INACTIVE.includes(String(row['status']));
const needsPrivateKey: RowTest = (row, p) => param(p, 'PrivateKeyRequired') !== true || row['privateKeyRequired'] === true;
const ofUseType: RowTest = (row, p) => {
  const wanted = param(p, 'UseType');
  return wanted === undefined || wanted === 'Undefined' || row['useType'] === wanted;
};
const ofCommType: RowTest = (row, p) => {
  const wanted = param(p, 'CommType');
  return wanted === undefined || wanted === 'none' || row['commType'] === wanted;
};

/** The comms of the REST answer that pass every test, as SOAP records. */
function commsWhere(...tests: RowTest[]): ResultMap<CommIDInfo[]> {
  const base = list(commRecord);
  return {
    ...base,
    read: (data, params) => {
      const rows = listIn(data, undefined).filter((row) => tests.every((test) => test(objectAt(row, 'a comm'), params)));
      return base.read(rows, params);
    },
  };
}

type CommListParams = FacadeParams<'CommList'>;

/**
 * SOAP's WithCerts "includes certificate details in each result" (soap-api/comms/comm-list.md); REST's withCerts
 * "returns only channels that have certificates attached" (list-comms.md), a different filter, and no REST page
 * gives certificate details: WithCerts is not sent, and the certificates stay lossy.
 */
const WITH_CERTS = "not sent: REST's withCerts filters the channels instead of adding their certificates (list-comms.md vs comm-list.md); Certificates stays lossy";

/** PrivateKeyRequired false asks for no restriction: list-comms.md only describes what `true` does. */
const listBody = (p: CommListParams) => ({
  body: {
    commType: commTypeFilter(p.CommType),
    privateKeyRequired: p.PrivateKeyRequired ? true : undefined,
    useType: useTypeFilter(p.UseType),
    showInactive: p.ShowInactive,
  },
});

export const CommList = read('CommList', {
  endpoint: 'comms.list',
  request: listBody,
  result: list(commRecord),
  unsupported: { WithCerts: WITH_CERTS, CommType: COMM_TYPE },
  assumes: `${USE_TYPE_ASSUMED} PrivateKeyRequired false asks for no private-key filter, so nothing is sent for it.`,
});

/**
 * list-comms.md has no network or mailbox filter. The REST CommIDInfo carries its mailboxId, so MailboxID is applied
 * to the answer; it carries no network, so a NetworkID is refused.
 */
export const CommListEx = variant(CommList, 'CommListEx', {
  params: (p) => {
    if (filter(p.NetworkID) !== undefined) throw new UnsupportedOnRest('the REST API cannot list the comms of a network (list-comms.md has no network filter)');
    return { CommType: p.CommType, PrivateKeyRequired: p.PrivateKeyRequired, UseType: p.UseType, ShowInactive: p.ShowInactive, WithCerts: p.WithCerts };
  },
  result: (comms, p) => {
    const mailbox = filter(p.MailboxID);
    return mailbox === undefined ? comms : comms?.filter((c) => c.MailboxID === mailbox);
  },
  unsupported: {
    NetworkID: 'a value other than 0 makes the call unavailable on REST: list-comms.md has no network filter and its CommIDInfo no network',
    MailboxID: 'applied to the REST answer (mailboxId); 0 keeps every mailbox',
  },
});

/**
 * rest-api/comms/find-comm.md searches by identifier and commType only; the other WSDL filters are applied to the
 * answer, whose CommIDInfo carries privateKeyRequired, useType and status.
 */
export const CommFind = read('CommFind', {
  endpoint: 'comms.find',
  request: (p) => ({ body: { identifier: p.Identifier ?? '', commType: commTypeFilter(p.CommType) } }),
  result: commsWhere(needsPrivateKey, ofUseType, shownIfInactive),
  unsupported: {
    CommType: COMM_TYPE,
    PrivateKeyRequired: 'applied to the REST answer (privateKeyRequired): true keeps channels that require a private key',
    UseType: 'applied to the REST answer (useType); Undefined keeps every use type',
    ShowInactive: 'applied to the REST answer (status): false leaves out Suspended and Terminated channels, as list-comms.md describes',
  },
  assumes: USE_TYPE_ASSUMED,
});

export const CommInfo = read('CommInfo', {
  endpoint: 'comms.get',
  request: (p) => ({ path: { id: p.CommID } }),
  result: record(commRecord),
});

/**
 * rest-api/comms/comm-pair.md takes the two ECGrid IDs only. CommType is applied to the answer (`none`: every
 * type); the WSDL's DefaultID and TestMode have no REST field and are refused unless unset.
 */
export const CommPair = read('CommPair', {
  endpoint: 'comms.pair',
  request: (p) => {
    commTypeFilter(p.CommType);
    if (p.DefaultID) throw new UnsupportedOnRest('the REST API cannot take a DefaultID (comm-pair.md has only ecGridIdFrom and ecGridIdTo)');
    if (p.TestMode) throw new UnsupportedOnRest('the REST API has no test mode for a comm pair (comm-pair.md has only ecGridIdFrom and ecGridIdTo)');
    return { body: { ecGridIdFrom: p.ECGridIDFrom, ecGridIdTo: p.ECGridIDTo } };
  },
  result: commsWhere(ofCommType),
  unsupported: {
    CommType: 'applied to the REST answer (commType); `none` keeps every type',
    DefaultID: 'a non-empty value makes the call unavailable on REST: comm-pair.md has no such field',
    TestMode: 'true makes the call unavailable on REST: comm-pair.md has no test-mode field',
  },
  assumes: 'TestMode false asks for the pair\'s ordinary (production) path, which is what comm-pair.md answers.',
});

export const CommSetPair = soapOnly(
  'CommSetPair',
  'write',
  'the WSDL CommSetPair(ECGridIDFrom, ECGridIDTo, Identifier1, Identifier2) names what it sets by two identifier ' +
    'strings; rest-api/comms/set-pair.md takes ecGridIdFrom, ecGridIdTo and an optional commId and no identifier, and ' +
    "the CommID parameter of soap-api/comms/comm-set-pair.md is not in the WSDL (DISCREPANCIES.md 64): the identifiers " +
    'cannot be sent, and a set-pair request without them would set a pairing the caller did not ask for',
);

// Creating and updating: the WSDL calls carry the whole channel configuration; REST takes a few fields.

/** Channel settings of the WSDL's CommAdd and CommUpdate that neither create-comm.md nor update-comm.md can take. */
interface ChannelSettings {
  readonly OwnerUserID: number;
  readonly URL?: string;
  readonly Version?: string;
  readonly SignData: boolean;
  readonly EncryptData: boolean;
  readonly CompressData: boolean;
  readonly ReceiptType: ReceiptType;
  readonly HTTPAuthentication: HTTPAuthType;
  readonly HTTPUser?: string;
  readonly HTTPPassword?: string;
  readonly BeginUsage: Date;
  readonly EndUsage: Date;
}

const unsetDate = (d: Date): boolean => new Date(d).getTime() === DOTNET_MIN_DATE.getTime();

/**
 * Refuses every setting given a value: only the unset ones (0, empty text, false, None, 0001-01-01) pass, so no
 * call silently loses part of what it asked to store.
 */
function refuseSettings(p: ChannelSettings, page: string): void {
  const given: [string, boolean][] = [
    ['OwnerUserID', p.OwnerUserID !== 0],
    ['URL', Boolean(p.URL)],
    ['Version', Boolean(p.Version)],
    ['SignData', p.SignData],
    ['EncryptData', p.EncryptData],
    ['CompressData', p.CompressData],
    ['ReceiptType', p.ReceiptType !== 'None'],
    ['HTTPAuthentication', p.HTTPAuthentication !== 'None'],
    ['HTTPUser', Boolean(p.HTTPUser)],
    ['HTTPPassword', Boolean(p.HTTPPassword)],
    ['BeginUsage', !unsetDate(p.BeginUsage)],
    ['EndUsage', !unsetDate(p.EndUsage)],
  ];
  const refused = given.filter(([, isGiven]) => isGiven).map(([name]) => name);
  if (refused.length > 0) throw new UnsupportedOnRest(`the REST API cannot set ${refused.join(', ')} (${page} has no such fields)`);
}

const settingsUnsupported = (page: string): Record<string, string> => {
  const refused = (unset: string) => `${unset} is the only value REST can take: ${page} has no such field, so any other makes the call unavailable on REST`;
  return {
    OwnerUserID: refused('0'),
    URL: refused('empty text'),
    Version: refused('empty text'),
    SignData: refused('false'),
    EncryptData: refused('false'),
    CompressData: refused('false'),
    ReceiptType: refused('None'),
    HTTPAuthentication: refused('None'),
    HTTPUser: refused('empty text'),
    HTTPPassword: refused('empty text'),
    BeginUsage: refused('0001-01-01 (unset)'),
    EndUsage: refused('0001-01-01 (unset)'),
  };
};

/**
 * rest-api/comms/create-comm.md takes mailboxId, commType, identifier and useType and creates an Active channel
 * (its example answer); the rest of the WSDL call's configuration is refused unless unset. The SOAP page's
 * signature is not the WSDL's (DISCREPANCIES.md 61).
 */
export const CommAdd = write('CommAdd', {
  endpoint: 'comms.create',
  request: (p) => {
    if (p.MailboxID === 0) throw new UnsupportedOnRest('the REST API needs the mailbox of a new comm (create-comm.md requires mailboxId)');
    refuseSettings(p, CREATE_PAGE);
    if (p.ECGridHosted) throw new UnsupportedOnRest(`the REST API cannot create an ECGrid-hosted channel (${CREATE_PAGE} has no such field)`);
    if (p.Status !== 'Active') throw new UnsupportedOnRest(`the REST API creates Active channels only (${CREATE_PAGE} has no status field)`);
    return { body: { mailboxId: p.MailboxID, commType: restCommType(p.CommType), identifier: p.Identifier ?? '', useType: p.UseType } };
  },
  result: record(commRecord),
  unsupported: {
    ...settingsUnsupported(CREATE_PAGE),
    NetworkID: 'not sent: REST identifies the mailbox by mailboxId alone',
    MailboxID: `0 makes the call unavailable on REST: ${CREATE_PAGE} requires a mailbox`,
    ECGridHosted: `false is the only value REST can take: ${CREATE_PAGE} has no hosting field`,
    Status: `Active is the only value REST can take: ${CREATE_PAGE} has no status field and creates Active channels (its example answer)`,
    CommType: '`ftpsslexplicit`, which REST\'s vocabulary lacks (appendix/enums.md), makes the call unavailable on REST',
  },
  assumes: 'unset settings (0, empty text, false, None, 0001-01-01) ask for nothing, which is what a create-comm request without them does.',
});

/**
 * rest-api/comms/update-comm.md changes identifier and status only; the WSDL CommUpdate carries the whole
 * configuration (its status is set by CommSetStatus), which is refused unless unset.
 */
export const CommUpdate = write('CommUpdate', {
  endpoint: 'comms.update',
  request: (p) => {
    refuseSettings(p, UPDATE_PAGE);
    if (p.UseType !== 'Undefined') throw new UnsupportedOnRest(`the REST API cannot change UseType (${UPDATE_PAGE} has no such field)`);
    return { body: { commId: p.CommID, identifier: p.Identifier ? p.Identifier : undefined } };
  },
  result: record(commRecord),
  unsupported: {
    ...settingsUnsupported(UPDATE_PAGE),
    UseType: `Undefined is the only value REST can take: ${UPDATE_PAGE} has no use-type field`,
  },
  assumes: 'an unset value (0, empty text, false, None, Undefined, 0001-01-01) asks for no change, so nothing is sent for it.',
});

/** update-comm.md: "Updates the identifier or status"; SOAP answers true, REST the updated CommIDInfo. */
export const CommSetStatus = write('CommSetStatus', {
  endpoint: 'comms.update',
  request: (p) => ({ body: { commId: p.CommID, status: p.Status } }),
  result: succeeded,
});

export const CommDefaultMailbox = soapOnly(
  'CommDefaultMailbox',
  'write',
  'rest-api/comms/update-config.md, the REST equivalent soap-api/comms/comm-default-mailbox.md names, documents only ' +
    'commId ("additional configuration fields vary by commType") and no default-mailbox field; a call with commId ' +
    'alone would answer true without changing the default mailbox',
);
