import type { ECGridIDInfo } from '@ecgrid-bridge/soap';
import { UnsupportedOnRest } from './entry.js';
import { read, soapOnly, variant, write } from './builders.js';
import { filter } from './fields.js';
import { boolean, collection, integer, list, record, succeeded, type ResultMap } from './results.js';
import { activeUnless } from './partner-params.js';
import { tradingPartnerRecord } from './partner-records.js';
import { nonEmpty, requireExplicit } from './params.js';

/** Trading-partner IDs: rest-api/ids/*.md. */

const MAILBOX_BY_ID = 'not sent: REST identifies the mailbox by mailboxId alone';
const SESSION_MAILBOX = '0 (the session mailbox) makes the call unavailable on REST, which needs an explicit mailbox';

export const TPInfo = read('TPInfo', {
  endpoint: 'ids.get',
  request: (p) => ({ path: { id: p.ECGridID } }),
  result: record(tradingPartnerRecord),
});

/**
 * rest-api/ids/find-id.md searches the whole directory ("the same qualifier/ID combination registered in different
 * networks") and has no status filter: the Ex scope and ShowInactive are applied to the answer (0: any).
 */
const inScope = (tp: ECGridIDInfo, params: object): boolean => {
  const network = filter(Reflect.get(params, 'NetworkID'));
  const mailbox = filter(Reflect.get(params, 'MailboxID'));
  return (
    (Reflect.get(params, 'ShowInactive') === true || tp.Status === 'Active') &&
    (network === undefined || tp.NetworkID === network) &&
    (mailbox === undefined || tp.MailboxID === mailbox)
  );
};

const scoped = (base: ResultMap<ECGridIDInfo[]>): ResultMap<ECGridIDInfo[]> => ({
  ...base,
  read: (data, params) => base.read(data, params).filter((tp) => inScope(tp, params)),
});

const findBody = (p: { Qualifier?: string; ID?: string }) => ({ body: { qualifier: p.Qualifier ?? '', id: p.ID ?? '' } });
const SHOW_INACTIVE_APPLIED = 'applied to the REST answer: false keeps only Active IDs';

export const TPSearch = read('TPSearch', {
  endpoint: 'ids.find',
  request: findBody,
  result: scoped(list(tradingPartnerRecord)),
  unsupported: { ShowInactive: SHOW_INACTIVE_APPLIED },
  assumes: 'find-id.md searches the same directory as TPSearch (soap-api/ids/tp-search.md: "the ECGrid network directory")',
});

export const TPSearchEx = read('TPSearchEx', {
  endpoint: 'ids.find',
  request: findBody,
  result: scoped(list(tradingPartnerRecord)),
  unsupported: {
    NetworkID: 'applied to the REST answer (networkId); 0 keeps every network',
    MailboxID: 'applied to the REST answer (mailboxId); 0 keeps every mailbox',
    ShowInactive: SHOW_INACTIVE_APPLIED,
  },
});

/** rest-api/ids/list-ids.md: mailbox, network and status filters; ShowInactive false sends status Active. */
export const TPListEx = read('TPListEx', {
  endpoint: 'ids.list',
  request: (p) => ({ body: { networkId: filter(p.NetworkID), mailboxId: filter(p.MailboxID), status: activeUnless(p.ShowInactive) } }),
  result: list(tradingPartnerRecord),
});

export const TPList = variant(TPListEx, 'TPList', {
  params: (p) => ({ NetworkID: 0, MailboxID: 0, ShowInactive: p.ShowInactive }),
  result: (ids) => ids,
  assumes: 'a list-ids request without mailbox or network lists the IDs the session sees, i.e. its own mailbox\'s',
});

/** The SOAP call's own page: PageNumber and PageSize are sent as pageNo and recordsPerPage. */
export const TPListExPaged = read('TPListExPaged', {
  endpoint: 'ids.list',
  request: (p) => ({
    body: {
      networkId: filter(p.NetworkID),
      mailboxId: filter(p.MailboxID),
      status: activeUnless(p.ShowInactive),
      pageNo: p.PageNumber > 0 ? p.PageNumber : 1,
      recordsPerPage: p.PageSize > 0 ? p.PageSize : undefined,
    },
  }),
  result: collection('ECGridIDInfoCollection', 'ECGridIDInfoList', tradingPartnerRecord),
});

/** rest-api/ids/create-id.md answers the new ECGridIDInfo; the SOAP call answers its ECGridID. */
export const TPAddEx = write('TPAddEx', {
  endpoint: 'ids.create',
  request: (p) => ({
    body: {
      mailboxId: requireExplicit(p.MailboxID, 'MailboxID'),
      qualifier: p.Qualifier ?? '',
      id: p.ID ?? '',
      description: nonEmpty(p.Description),
      routingGroup: p.RoutingGroup,
    },
  }),
  result: integer('ecGridId'),
  unsupported: { NetworkID: MAILBOX_BY_ID, MailboxID: SESSION_MAILBOX },
});

export const TPAdd = soapOnly(
  'TPAdd',
  'write',
  "the WSDL's TPAdd(Qualifier, ID, Description) adds the ID to the session's own mailbox, but rest-api/ids/create-id.md requires an explicit mailboxId, which the call does not carry (TPAddEx names the mailbox and is served on REST)",
);

export const TPAddVAN = soapOnly(
  'TPAddVAN',
  'write',
  "the WSDL's TPAddVAN(NetworkID, Qualifier, ID, Description) adds a new ID on a VAN connection and answers its ECGridID; rest-api/ids/add-van.md (POST /v2/ids/tp-add-van) instead attaches a VAN qualifier/ID to an existing ecGridId and answers true (soap-api/ids/tp-add-van.md documents that REST-shaped call, not the WSDL's)",
);

/**
 * rest-api/ids/move-tp.md moves the ID within its network to newMailboxId and answers the moved ECGridIDInfo; the
 * SOAP calls answer an integer, read as that ECGridID.
 */
export const TPMoveMailbox = write('TPMoveMailbox', {
  endpoint: 'ids.moveTp',
  request: (p) => ({ body: { ecGridId: p.ECGridID, newMailboxId: requireExplicit(p.MailboxID, 'MailboxID') } }),
  result: integer('ecGridId'),
  unsupported: { MailboxID: SESSION_MAILBOX },
  assumes: 'the integer the SOAP move answers is the ECGridID of the moved ID',
});

/** A scheduled move has no REST form: move-tp.md moves at once. A minute's grace covers clock skew. */
const CLOCK_SKEW_MS = 60_000;
function requireDue(moveAt: Date): void {
  if (new Date(moveAt).getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw new UnsupportedOnRest('the REST API moves an ID at once and cannot schedule the move for a later MoveDateTime');
  }
}

export const TPMoveEx = variant(TPMoveMailbox, 'TPMoveEx', {
  params: (p) => (requireDue(p.MoveDateTime), { ECGridID: p.ECGridID, MailboxID: p.MailboxID }),
  result: (id) => id,
  unsupported: {
    NetworkID: 'not sent: move-tp.md moves within the ID\'s network to the mailbox given by newMailboxId',
    MoveDateTime: 'REST moves at once: a MoveDateTime still to come makes the call unavailable on REST',
  },
});

export const TPMove = soapOnly(
  'TPMove',
  'write',
  "the WSDL's TPMove(ECGridID, MoveDateTime) moves the ID into the session's own mailbox at a scheduled time; rest-api/ids/move-tp.md needs the target newMailboxId, which the call does not carry, and moves at once (TPMoveMailbox and TPMoveEx name the mailbox and are served on REST)",
);

export const TPUpdateDescription = write('TPUpdateDescription', {
  endpoint: 'ids.updateDescription',
  request: (p) => ({ body: { ecGridId: p.ECGridID, description: p.Description ?? '' } }),
  result: boolean,
});

/** rest-api/ids/update-data-email.md: the EMailSystem and EMailPayload values are the WSDL's. */
export const TPUpdateDataEMail = write('TPUpdateDataEMail', {
  endpoint: 'ids.updateDataEmail',
  request: (p) => ({ body: { ecGridId: p.ECGridID, email: p.DataEMail ?? '', emailSystem: p.EMailSystem, emailPayload: p.PayloadPosition } }),
  result: boolean,
});

/** rest-api/ids/update-id.md sets the generic Status and answers the updated ECGridIDInfo: success is the result. */
export const TPActivate = write('TPActivate', {
  endpoint: 'ids.update',
  request: (p) => ({ path: { id: p.ECGridID }, body: { status: 'Active' } }),
  result: succeeded,
});

export const TPSuspend = write('TPSuspend', {
  endpoint: 'ids.update',
  request: (p) => ({ path: { id: p.ECGridID }, body: { status: 'Suspended' } }),
  result: succeeded,
});

/** rest-api/ids/delete-id.md: DELETE terminates the ID and answers true. */
export const TPTerminate = write('TPTerminate', {
  endpoint: 'ids.delete',
  request: (p) => ({ path: { id: p.ECGridID } }),
  result: boolean,
});

export const TPSetRoutingGroup = soapOnly(
  'TPSetRoutingGroup',
  'write',
  'no documented REST endpoint changes the routing group of an existing ID: rest-api/ids/update-id.md takes only description, status and ediStandard, and routingGroup is accepted only when the ID is created (create-id.md)',
);

export const TPListByOwner = soapOnly(
  'TPListByOwner',
  'read',
  'rest-api/ids/list-ids.md filters by mailboxId, networkId and status only, and its ID records carry no owner, so IDs can be neither listed by OwnerUserID nor ordered by OrderBy',
);

export const TPFindEx = soapOnly(
  'TPFindEx',
  'read',
  'the docs name no REST equivalent for finding IDs by description: rest-api/ids/find-id.md matches a qualifier/ID pair and list-ids.md has no description filter, and how SOAP matches a description (exact, partial, case) is undocumented, so filtering a REST listing would guess',
);

export const TPGetMailboxDefault = soapOnly(
  'TPGetMailboxDefault',
  'read',
  "the WSDL's TPGetMailboxDefault(NetworkID, MailboxID) answers a mailbox's default ECGrid ID; rest-api/ids/get-mailbox-default.md goes the other way: it requires an ecGridId and answers a mailbox (mailboxId, networkId, mailboxName, status), with no ECGrid ID to build the ECGridIDInfo from",
);

export const TPSetMailboxDefault = soapOnly(
  'TPSetMailboxDefault',
  'write',
  'no documented REST endpoint sets the default ECGrid ID of a mailbox: rest-api/ids/get-mailbox-default.md only reads a default, and update-id.md has no such field',
);

export const TPSetOwner = soapOnly(
  'TPSetOwner',
  'write',
  'no documented REST endpoint sets the owner of an ID: rest-api/ids/update-id.md takes only description, status and ediStandard, and REST ID records carry no owner',
);
