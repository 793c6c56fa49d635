import type { CarbonCopyIDInfo, OperationParams } from '@ecgrid-bridge/soap';
import { enumValues } from '@ecgrid-bridge/soap';
import { optInt, optString, reqInt } from '../rest/input.js';
import { addCarbonCopy, carbonCopies, carbonCopy, setCarbonCopyStatus } from '../service/carbon-copies.js';
import { oneOf } from '../service/filters.js';
import type { SandboxService } from '../service/service.js';
import { ecgridIdInfo, soapDate } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import type { CarbonCopyRecord } from '../store/records.js';
import { page, pathValue } from './rest.js';
import type { OperationGroup, RestCall, SoapCallWith } from './table.js';

/** Carbon copies: rest-api/carbon-copies/*.md. */

const STATUSES = enumValues('Status');

/**
 * rest-api/carbon-copies/get-carbon-copy.md copies one mailbox's traffic to another; the stored rule is the WSDL's
 * (ID pair to ID pair). The REST view gives the rule's mailbox as `fromMailboxId` and the mailbox of the copy's
 * receiving ID as `toMailboxId`: the sandbox's reading.
 */
const restCarbonCopy = (service: SandboxService) => (c: CarbonCopyRecord) => ({
  ccId: c.carbonCopyId,
  fromMailboxId: c.mailboxId,
  toMailboxId: service.tradingPartnerRecord(c.ccToId)?.mailboxId ?? 0,
  status: c.status,
  direction: c.direction,
  created: c.created,
});

function carbonCopyInfo(service: SandboxService, c: CarbonCopyRecord): Unset<CarbonCopyIDInfo> {
  const id = (ecgridId: number) => {
    const tp = service.tradingPartnerRecord(ecgridId);
    return tp && ecgridIdInfo(tp, service);
  };
  return {
    CarbonCopyID: c.carbonCopyId,
    NetworkID: c.networkId,
    MailboxID: c.mailboxId,
    Created: soapDate(c.created),
    Modified: soapDate(c.modified),
    Status: c.status,
    OriginalFrom: id(c.originalFromId),
    OriginalTo: id(c.originalToId),
    CCFrom: id(c.ccFromId),
    CCTo: id(c.ccToId),
    GSFrom: c.gsFrom,
    GSTo: c.gsTo,
    TransactionSet: c.transactionSet,
  };
}

const get = (call: RestCall) => restCarbonCopy(call.service)(carbonCopy(call.service, call.caller(), pathValue(call)));

const list = (call: RestCall) => {
  const found = carbonCopies(call.service, call.caller(), { mailboxId: optInt(call.body, 'mailboxId'), status: optString(call.body, 'status') });
  return page(call, 'carbonCopies.list', found).items.map(restCarbonCopy(call.service));
};

export const CarbonCopyInfo = {
  soap: (call) => carbonCopyInfo(call.service, carbonCopy(call.service, call.caller(), call.params.CarbonCopyID)),
  rest: { 'carbonCopies.get': get },
} satisfies OperationGroup['CarbonCopyInfo'];

export const CarbonCopyList = {
  soap: (call) => {
    const p = call.params;
    const found = carbonCopies(call.service, call.caller(), { fromEcgridId: p.ECGridIDFrom, toEcgridId: p.ECGridIDTo, activeOnly: !p.ShowInactive });
    return found.map((c) => carbonCopyInfo(call.service, c));
  },
  rest: { 'carbonCopies.list': list },
} satisfies OperationGroup['CarbonCopyList'];

export const CarbonCopyListEx = {
  soap: (call) => {
    const p = call.params;
    const found = carbonCopies(call.service, call.caller(), {
      networkId: p.NetworkID,
      mailboxId: p.MailboxID,
      fromEcgridId: p.ECGridIDFrom,
      toEcgridId: p.ECGridIDTo,
      activeOnly: !p.ShowInactive,
    });
    return found.map((c) => carbonCopyInfo(call.service, c));
  },
  rest: { 'carbonCopies.list': list },
} satisfies OperationGroup['CarbonCopyListEx'];

/** rest-api/carbon-copies/update-carbon-copy.md: the status (and direction) of a rule; answers the updated rule. */
const update = (call: RestCall) => {
  const ccId = reqInt(call.body, 'ccId');
  const status = oneOf(STATUSES, 'status', 'Status', optString(call.body, 'status'));
  const current = carbonCopy(call.service, call.caller(), ccId);
  return restCarbonCopy(call.service)(status === undefined ? current : setCarbonCopyStatus(call.service, call.caller(), ccId, status));
};

/** rest-api/carbon-copies/delete-carbon-copy.md: terminates the rule; answers true. */
const terminate = (call: RestCall) => setCarbonCopyStatus(call.service, call.caller(), pathValue(call), 'Terminated') !== undefined;

export const CarbonCopyActivate = {
  soap: (call) => setCarbonCopyStatus(call.service, call.caller(), call.params.CarbonCopyID, 'Active') !== undefined,
  rest: { 'carbonCopies.update': update },
} satisfies OperationGroup['CarbonCopyActivate'];

export const CarbonCopySuspend = {
  soap: (call) => setCarbonCopyStatus(call.service, call.caller(), call.params.CarbonCopyID, 'Suspended') !== undefined,
  rest: { 'carbonCopies.update': update },
} satisfies OperationGroup['CarbonCopySuspend'];

export const CarbonCopyTerminate = {
  soap: (call) => setCarbonCopyStatus(call.service, call.caller(), call.params.CarbonCopyID, 'Terminated') !== undefined,
  rest: { 'carbonCopies.delete': terminate },
} satisfies OperationGroup['CarbonCopyTerminate'];

/**
 * CarbonCopyAdd(Ex) (soap-api/carbon-copies/carbon-copy-add.md): traffic from one ID to another is also sent from the
 * CC sender to the CC receiver. The copy belongs to the mailbox of whichever original ID is the caller's (the sender's
 * first: OutBox, else the receiver's: InBox).
 */
const addCopy = (call: SoapCallWith<OperationParams['CarbonCopyAdd'] & { readonly NetworkID?: number; readonly MailboxID?: number }>) => {
  const p = call.params;
  return addCarbonCopy(call.service, call.caller(), {
    networkId: p.NetworkID ?? 0,
    mailboxId: p.MailboxID ?? 0,
    originalFromId: p.ECGridIDFrom,
    originalToId: p.ECGridIDTo,
    ccFromId: p.ECGridIDCCFrom,
    ccToId: p.ECGridIDCCTo,
    gsFrom: p.GSFrom,
    gsTo: p.GSTo,
    transactionSet: p.TransactionSet,
  }).carbonCopyId;
};

export const CarbonCopyAdd = { soap: addCopy } satisfies OperationGroup['CarbonCopyAdd'];
export const CarbonCopyAddEx = { soap: addCopy } satisfies OperationGroup['CarbonCopyAddEx'];
