import { type ECGridIDInfoCollection, type InterconnectNote as InterconnectNoteInfo, enumValues } from '@ecgrid-bridge/soap';
import { invalidParameter } from '../errors.js';
import { contains, oneOf } from '../service/filters.js';
import { optInt, optString, reqInt, reqString } from '../rest/input.js';
import * as json from '../rest/json.js';
import { SOAP_PAGE_LIMITS, paginate } from '../service/paging.js';
import {
  addInterconnect,
  addInterconnectNote,
  addTradingPartner,
  cancelInterconnect,
  moveTradingPartner,
  interconnect,
  interconnectByUniqueId,
  interconnectNotes,
  interconnects,
  mailboxDefaultId,
  searchTradingPartners,
  setMailboxDefaultId,
  tradingPartner,
  tradingPartners,
  updateTradingPartner,
} from '../service/partners.js';
import type { SandboxService } from '../service/service.js';
import { user } from '../service/users.js';
import { writeDataSet } from '@ecgrid-bridge/soap';
import { ecgridIdInfo, interconnectInfo, soapDate } from '../soap/records.js';
import type { Unset } from '../soap/wire.js';
import type { InterconnectNoteRecord, InterconnectRecord, TradingPartnerRecord } from '../store/records.js';
import { page, pathValue } from './rest.js';
import { collectionOf } from './soap.js';
import type { OperationGroup, RestCall, SoapCallWith } from './table.js';

/** Trading-partner IDs (rest-api/ids/*.md) and interconnects (rest-api/partners/*.md). */

// ---- REST handlers --------------------------------------------------------------------------------------------------

const getId = (call: RestCall) => json.tradingPartner(tradingPartner(call.service, call.caller(), pathValue(call)));

const findIds = (call: RestCall) =>
  searchTradingPartners(call.service, call.caller(), { qualifier: reqString(call.body, 'qualifier'), id: reqString(call.body, 'id'), activeOnly: false }).map(
    json.tradingPartner,
  );

const listIds = (call: RestCall) => {
  const b = call.body;
  const found = tradingPartners(call.service, call.caller(), {
    mailboxId: optInt(b, 'mailboxId'),
    networkId: optInt(b, 'networkId'),
    restStatus: optString(b, 'status'),
    activeOnly: false,
  });
  return page(call, 'ids.list', found).items.map(json.tradingPartner);
};

const getPartner = (call: RestCall) => json.interconnect(interconnect(call.service, call.caller(), pathValue(call)));

/** rest-api/partners/list-partners.md: the interconnects of one ECGrid ID, optionally of one Status. */
const listPartners = (call: RestCall) => {
  const found = interconnects(call.service, call.caller(), { ecgridId: reqInt(call.body, 'ecGridId'), restStatus: optString(call.body, 'status') });
  return page(call, 'partners.list', found).items.map(json.interconnect);
};

/** rest-api/partners/list-notes.md: each note's text, timestamp and author. */
const listNotes = (call: RestCall) =>
  interconnectNotes(call.service, call.caller(), reqInt(call.body, 'interconnectId')).map((n) => ({ text: n.note, timestamp: n.date, userId: n.userId }));

// ---- SOAP -----------------------------------------------------------------------------------------------------------

const soapIds = (service: SandboxService, list: readonly TradingPartnerRecord[]) => list.map((tp) => ecgridIdInfo(tp, service));
const soapInterconnects = (service: SandboxService, list: readonly InterconnectRecord[]) => list.map((ic) => interconnectInfo(ic, service));

const noteInfo = (n: InterconnectNoteRecord): Unset<InterconnectNoteInfo> => ({
  InterconnectID: n.interconnectId,
  InterconnectNoteID: n.interconnectNoteId,
  NoteDate: soapDate(n.date),
  Status: n.status,
  PostedBy: n.postedBy,
  UserID: n.userId,
  Note: n.note,
});

/** WSDL: "If ECGridID2=-1, then match all for ECGridID1". */
const ALL_PARTNERS = -1;

// ---- the operations -------------------------------------------------------------------------------------------------

export const TPInfo = {
  soap: (call) => ecgridIdInfo(tradingPartner(call.service, call.caller(), call.params.ECGridID), call.service),
  rest: { 'ids.get': getId },
} satisfies OperationGroup['TPInfo'];

export const TPSearch = {
  soap: (call) =>
    soapIds(call.service, searchTradingPartners(call.service, call.caller(), { qualifier: call.params.Qualifier, id: call.params.ID, activeOnly: !call.params.ShowInactive })),
  rest: { 'ids.find': findIds },
} satisfies OperationGroup['TPSearch'];

export const TPSearchEx = {
  soap: (call) => {
    const p = call.params;
    const found = searchTradingPartners(call.service, call.caller(), { qualifier: p.Qualifier, id: p.ID, activeOnly: !p.ShowInactive });
    return soapIds(
      call.service,
      found.filter((tp) => (p.NetworkID === 0 || tp.networkId === p.NetworkID) && (p.MailboxID === 0 || tp.mailboxId === p.MailboxID)),
    );
  },
  rest: { 'ids.find': findIds },
} satisfies OperationGroup['TPSearchEx'];

export const TPList = {
  soap: (call) => soapIds(call.service, tradingPartners(call.service, call.caller(), { activeOnly: !call.params.ShowInactive })),
  rest: { 'ids.list': listIds },
} satisfies OperationGroup['TPList'];

export const TPListEx = {
  soap: (call) => {
    const p = call.params;
    return soapIds(call.service, tradingPartners(call.service, call.caller(), { networkId: p.NetworkID, mailboxId: p.MailboxID, activeOnly: !p.ShowInactive }));
  },
  rest: { 'ids.list': listIds },
} satisfies OperationGroup['TPListEx'];

export const TPListExPaged = {
  soap: (call): Unset<ECGridIDInfoCollection> => {
    const p = call.params;
    const found = tradingPartners(call.service, call.caller(), { networkId: p.NetworkID, mailboxId: p.MailboxID, activeOnly: !p.ShowInactive });
    const one = paginate(found, p.PageNumber > 0 ? p.PageNumber : 1, p.PageSize > 0 ? p.PageSize : undefined, SOAP_PAGE_LIMITS);
    return { ...collectionOf(one), ECGridIDInfoList: soapIds(call.service, one.items) };
  },
  rest: { 'ids.list': listIds },
} satisfies OperationGroup['TPListExPaged'];

export const InterconnectInfo = {
  soap: (call) => interconnectInfo(interconnect(call.service, call.caller(), call.params.InterconnectID), call.service),
  rest: { 'partners.get': getPartner },
} satisfies OperationGroup['InterconnectInfo'];

export const InterconnectListByECGridID = {
  soap: (call) => {
    const { ECGridID1: id1, ECGridID2: id2 } = call.params;
    const found = interconnects(call.service, call.caller(), { ecgridId: id1 }).filter(
      (ic) => id2 === ALL_PARTNERS || (ic.ecgridId1 === id1 && ic.ecgridId2 === id2) || (ic.ecgridId1 === id2 && ic.ecgridId2 === id1),
    );
    return soapInterconnects(call.service, found);
  },
  rest: { 'partners.list': listPartners },
} satisfies OperationGroup['InterconnectListByECGridID'];

export const InterconnectListByStatus = {
  soap: (call) => {
    const p = call.params;
    return soapInterconnects(call.service, interconnects(call.service, call.caller(), { ecgridId: p.ECGridID, status: p.Status, maxDays: p.MaxDays }));
  },
  rest: { 'partners.list': listPartners },
} satisfies OperationGroup['InterconnectListByStatus'];

export const InterconnectListByStatusEx = {
  soap: (call) => {
    const p = call.params;
    const found = interconnects(call.service, call.caller(), {
      ecgridId: p.ECGridID,
      networkId: p.NetworkID,
      mailboxId: p.MailboxID,
      status: p.IntStatus,
      maxDays: p.MaxDays,
    });
    return soapInterconnects(call.service, found);
  },
  rest: { 'partners.list': listPartners },
} satisfies OperationGroup['InterconnectListByStatusEx'];

/** rest-api/partners/count-partners.md: how many interconnects one ECGrid ID has, optionally of one Status. */
const countPartners = (call: RestCall) =>
  interconnects(call.service, call.caller(), { ecgridId: reqInt(call.body, 'ecGridId'), restStatus: optString(call.body, 'status') }).length;

const INTERCONNECT_STATUSES = enumValues('StatusInterconnect');

/**
 * The WSDL answers InterconnectCount(Ex) as a DataSet and no page gives its columns (soap-api/partners/
 * interconnect-count.md describes an `int InterconnectCount(ECGridID, Status)` the WSDL does not have). The sandbox
 * answers a row per StatusInterconnect that has interconnects: Status and Count.
 */
function countsByStatus(list: readonly InterconnectRecord[]) {
  const rows = INTERCONNECT_STATUSES.map((status) => ({ Status: status, Count: list.filter((ic) => ic.status === status).length })).filter((r) => r.Count > 0);
  return writeDataSet([{ name: 'Status', type: 'string' }, { name: 'Count', type: 'int' }], rows);
}

/** The interconnects of the session's IDs (its mailbox's, for a mailbox user). */
export const InterconnectCount = {
  soap: (call) => countsByStatus(interconnects(call.service, call.caller(), { maxDays: call.params.MaxDays })),
} satisfies OperationGroup['InterconnectCount'];

export const InterconnectCountEx = {
  soap: (call) => {
    const p = call.params;
    return countsByStatus(interconnects(call.service, call.caller(), { ecgridId: p.ECGridID, networkId: p.NetworkID, mailboxId: p.MailboxID, maxDays: p.MaxDays }));
  },
  rest: { 'partners.count': countPartners },
} satisfies OperationGroup['InterconnectCountEx'];

export const InterconnectNoteList = {
  soap: (call) => interconnectNotes(call.service, call.caller(), call.params.InterconnectID).map(noteInfo),
  rest: { 'partners.listNotes': listNotes },
} satisfies OperationGroup['InterconnectNoteList'];

/** The note's visibility level, attachment and e-mail have no place in the sandbox's notes; the text is stored. */
export const InterconnectNote = {
  soap: (call) => addInterconnectNote(call.service, call.caller(), call.params.InterconnectID, call.params.Note) !== undefined,
  rest: {
    'partners.addNote': (call) => addInterconnectNote(call.service, call.caller(), reqInt(call.body, 'interconnectId'), reqString(call.body, 'note')) !== undefined,
  },
} satisfies OperationGroup['InterconnectNote'];

/** rest-api/ids/update-id.md: description, status and ediStandard; answers the updated ID. */
const updateId = (call: RestCall) => {
  const b = call.body;
  const status = oneOf(ID_CHANGES, 'status', 'Status (Active, Suspended or Terminated)', optString(b, 'status'));
  const ediStandard = oneOf(EDI_STANDARDS, 'ediStandard', 'EDIStandard', optString(b, 'ediStandard'));
  const description = optString(b, 'description');
  const change = { ...(description !== undefined ? { description } : {}), ...(status ? { status } : {}), ...(ediStandard ? { ediStandard } : {}) };
  return json.tradingPartner(updateTradingPartner(call.service, call.caller(), pathValue(call), change));
};

/** The statuses an ID change can set: those the WSDL's StatusECGridID and the REST Status share. */
const ID_CHANGES = ['Active', 'Suspended', 'Terminated'] as const;
const EDI_STANDARDS = enumValues('EDIStandard');

const setIdStatus = (status: (typeof ID_CHANGES)[number]) => ({
  soap: (call: SoapCallWith<{ readonly ECGridID: number }>) => updateTradingPartner(call.service, call.caller(), call.params.ECGridID, { status }) !== undefined,
  rest: status === 'Terminated'
    ? { 'ids.delete': (call: RestCall) => updateTradingPartner(call.service, call.caller(), pathValue(call), { status }) !== undefined }
    : { 'ids.update': updateId },
});

export const TPActivate = setIdStatus('Active') satisfies OperationGroup['TPActivate'];
export const TPSuspend = setIdStatus('Suspended') satisfies OperationGroup['TPSuspend'];
export const TPTerminate = setIdStatus('Terminated') satisfies OperationGroup['TPTerminate'];

export const TPUpdateDescription = {
  soap: (call) => updateTradingPartner(call.service, call.caller(), call.params.ECGridID, { description: call.params.Description ?? '' }) !== undefined,
  rest: {
    'ids.updateDescription': (call) =>
      updateTradingPartner(call.service, call.caller(), reqInt(call.body, 'ecGridId'), { description: optString(call.body, 'description') ?? '' }) !== undefined,
  },
} satisfies OperationGroup['TPUpdateDescription'];

const EMAIL_SYSTEMS = enumValues('EMailSystem');
const EMAIL_PAYLOADS = enumValues('EMailPayload');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A data e-mail address as update-data-email.md requires it ("Valid email address"). */
function dataEmail(address: string | undefined, system: (typeof EMAIL_SYSTEMS)[number], payload: (typeof EMAIL_PAYLOADS)[number]) {
  const text = address?.trim() ?? '';
  if (!EMAIL.test(text)) throw invalidParameter('email must be a valid e-mail address');
  return { dataEmail: { address: text, system, payload } };
}

/** update-data-email.md leaves emailSystem and emailPayload optional; the sandbox takes smtp and Attachment then. */
export const TPUpdateDataEMail = {
  soap: (call) => {
    const p = call.params;
    return updateTradingPartner(call.service, call.caller(), p.ECGridID, dataEmail(p.DataEMail, p.EMailSystem, p.PayloadPosition)) !== undefined;
  },
  rest: {
    'ids.updateDataEmail': (call) => {
      const b = call.body;
      const system = oneOf(EMAIL_SYSTEMS, 'emailSystem', 'EMailSystem', optString(b, 'emailSystem')) ?? 'smtp';
      const payload = oneOf(EMAIL_PAYLOADS, 'emailPayload', 'EMailPayload', optString(b, 'emailPayload')) ?? 'Attachment';
      return updateTradingPartner(call.service, call.caller(), reqInt(b, 'ecGridId'), dataEmail(optString(b, 'email'), system, payload)) !== undefined;
    },
  },
} satisfies OperationGroup['TPUpdateDataEMail'];

// SOAP-only ID operations (soap-api/ids/*.md; the facade's reasons are in its mapping of IDs).

/** TPAdd: a new ID in the caller's own mailbox (TPAddEx names the mailbox). */
export const TPAdd = {
  soap: (call) => {
    const mailboxId = call.caller().user.mailboxId;
    if (mailboxId === 0) throw invalidParameter('TPAdd adds to the session\'s own mailbox and this user has none; use TPAddEx');
    const p = call.params;
    return addTradingPartner(call.service, call.caller(), { mailboxId, qualifier: p.Qualifier ?? '', id: p.ID ?? '', description: p.Description }).ecgridId;
  },
} satisfies OperationGroup['TPAdd'];

/** TPMove: into the session's own mailbox (soap-api/ids/tp-move.md), at once; a MoveDateTime still to come is refused. */
export const TPMove = {
  soap: (call) => {
    const mailboxId = call.caller().user.mailboxId;
    if (mailboxId === 0) throw invalidParameter('TPMove moves into the session\'s own mailbox and this user has none; use TPMoveEx');
    return moveTradingPartner(call.service, call.caller(), call.params.ECGridID, mailboxId, call.params.MoveDateTime).ecgridId;
  },
} satisfies OperationGroup['TPMove'];

export const TPSetRoutingGroup = {
  soap: (call) => updateTradingPartner(call.service, call.caller(), call.params.ECGridID, { routingGroup: call.params.RoutingGroup }) !== undefined,
} satisfies OperationGroup['TPSetRoutingGroup'];

/** TPSetOwner: a user the caller sees owns the ID (ECGridIDInfo.Owner); 0 is not a user. */
export const TPSetOwner = {
  soap: (call) => {
    const owner = user(call.service, call.caller(), call.params.OwnerUserID);
    return updateTradingPartner(call.service, call.caller(), call.params.ECGridID, { ownerUserId: owner.userId }) !== undefined;
  },
} satisfies OperationGroup['TPSetOwner'];

/** TPListByOwner: the IDs in view that a user owns, ordered by Description or by qualifier and ID (QID), a page at a time. */
export const TPListByOwner = {
  soap: (call): Unset<ECGridIDInfoCollection> => {
    const p = call.params;
    user(call.service, call.caller(), p.OwnerUserID);
    const owned = tradingPartners(call.service, call.caller(), { activeOnly: !p.ShowInactive }).filter((tp) => tp.ownerUserId === p.OwnerUserID);
    const key = (tp: TradingPartnerRecord) => (p.OrderBy === 'QID' ? `${tp.qualifier}:${tp.id}` : tp.description);
    const sorted = [...owned].sort((a, b) => key(a).localeCompare(key(b)) || a.ecgridId - b.ecgridId);
    const one = paginate(sorted, p.PageNumber > 0 ? p.PageNumber : 1, p.PageSize > 0 ? p.PageSize : undefined, SOAP_PAGE_LIMITS);
    return { ...collectionOf(one), ECGridIDInfoList: soapIds(call.service, one.items) };
  },
} satisfies OperationGroup['TPListByOwner'];

/** TPGetMailboxDefault: MailboxID 0 is the session's own mailbox; NetworkID, when given, must be the mailbox's. */
export const TPGetMailboxDefault = {
  soap: (call) => {
    const p = call.params;
    const mailboxId = p.MailboxID || call.caller().user.mailboxId;
    const tp = mailboxDefaultId(call.service, call.caller(), mailboxId);
    if (p.NetworkID !== 0 && p.NetworkID !== tp.networkId) throw invalidParameter(`mailbox ${mailboxId} is not in network ${p.NetworkID}`);
    return ecgridIdInfo(tp, call.service);
  },
} satisfies OperationGroup['TPGetMailboxDefault'];

export const TPSetMailboxDefault = {
  soap: (call) => setMailboxDefaultId(call.service, call.caller(), call.params.ECGridID),
} satisfies OperationGroup['TPSetMailboxDefault'];

export const InterconnectInfoGUID = {
  soap: (call) => interconnectInfo(interconnectByUniqueId(call.service, call.caller(), call.params.UniqueID), call.service),
} satisfies OperationGroup['InterconnectInfoGUID'];

/** IDs of the caller's whose description holds the text (case-insensitively). */
export const TPFindEx = {
  soap: (call) => {
    const p = call.params;
    const found = tradingPartners(call.service, call.caller(), { networkId: p.NetworkID, mailboxId: p.MailboxID, activeOnly: !p.ShowInactive });
    return soapIds(call.service, found.filter((tp) => contains(tp.description, p.Description)));
  },
} satisfies OperationGroup['TPFindEx'];

export const InterconnectCancel = {
  soap: (call) => cancelInterconnect(call.service, call.caller(), call.params.InterconnectID, call.params.Note),
  rest: { 'partners.delete': (call) => cancelInterconnect(call.service, call.caller(), pathValue(call)) },
} satisfies OperationGroup['InterconnectCancel'];

/** move-tp.md answers the moved ID; the SOAP moves answer its ECGridID. */
const moveTp = (call: RestCall) =>
  json.tradingPartner(moveTradingPartner(call.service, call.caller(), reqInt(call.body, 'ecGridId'), reqInt(call.body, 'newMailboxId')));

export const TPMoveMailbox = {
  soap: (call) => moveTradingPartner(call.service, call.caller(), call.params.ECGridID, call.params.MailboxID).ecgridId,
  rest: { 'ids.moveTp': moveTp },
} satisfies OperationGroup['TPMoveMailbox'];

export const TPMoveEx = {
  soap: (call) => moveTradingPartner(call.service, call.caller(), call.params.ECGridID, call.params.MailboxID, call.params.MoveDateTime).ecgridId,
  rest: { 'ids.moveTp': moveTp },
} satisfies OperationGroup['TPMoveEx'];

export const TPAddEx = {
  soap: (call) => {
    const p = call.params;
    const input = { mailboxId: p.MailboxID, qualifier: p.Qualifier ?? '', id: p.ID ?? '', description: p.Description, routingGroup: p.RoutingGroup };
    return addTradingPartner(call.service, call.caller(), input).ecgridId;
  },
  rest: {
    // create-id.md answers the new ID.
    'ids.create': (call) => {
      const b = call.body;
      const input = {
        mailboxId: reqInt(b, 'mailboxId'),
        qualifier: reqString(b, 'qualifier'),
        id: reqString(b, 'id'),
        description: optString(b, 'description'),
        routingGroup: optString(b, 'routingGroup'),
        ediStandard: optString(b, 'ediStandard'),
      };
      return json.tradingPartner(addTradingPartner(call.service, call.caller(), input));
    },
  },
} satisfies OperationGroup['TPAddEx'];

/** The SOAP request's notification and pre-confirmation flags change nothing in the sandbox, which sends no mail. */
export const InterconnectAdd = {
  soap: (call) => {
    const p = call.params;
    const input = { ecgridIdFrom: p.ECGridID1, ecgridIdTo: p.ECGridID2, reference: p.Reference, contactName: p.ContactName, contactEmail: p.ContactEMail, note: p.Note };
    return interconnectInfo(addInterconnect(call.service, call.caller(), input), call.service);
  },
  rest: {
    'partners.create': (call) =>
      json.interconnect(addInterconnect(call.service, call.caller(), { ecgridIdFrom: reqInt(call.body, 'ecGridIdFrom'), ecgridIdTo: reqInt(call.body, 'ecGridIdTo') })),
  },
} satisfies OperationGroup['InterconnectAdd'];
