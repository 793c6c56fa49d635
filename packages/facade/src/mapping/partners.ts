import type { DataSet, InterconnectIDInfo } from '@ecgrid-bridge/soap';
import { read, soapOnly, variant, write } from './builders.js';
import { exactInteger } from './fields.js';
import { boolean, dataSet, list, record, type ResultMap } from './results.js';
import { requireNoEMail, requireUnrestricted } from './partner-params.js';
import { interconnectNoteRecord, interconnectRecord, restStatusesOf } from './partner-records.js';
import { requireExplicit, requireUnset } from './params.js';

/** Interconnects (partners): rest-api/partners/*.md. */

const NO_FIELD = 'a non-empty value makes the call unavailable on REST, which has no field for it';
const NO_EMAIL = 'anything but NoEMail makes the call unavailable on REST, which sends no e-mail';
const NO_AGE_LIMIT = 'a non-zero age limit makes the call unavailable on REST, which has no age filter';
const BY_ECGRID_ID = 'a non-zero value makes the call unavailable on REST, which scopes interconnects by ECGrid ID only';
const STATUS_TABLE = 'the generic Status of the partner pages corresponds to StatusInterconnect as partner-records.ts states';

export const InterconnectInfo = read('InterconnectInfo', {
  endpoint: 'partners.get',
  request: (p) => ({ path: { id: p.InterconnectID } }),
  result: record(interconnectRecord),
  assumes: STATUS_TABLE,
});

export const InterconnectInfoGUID = soapOnly(
  'InterconnectInfoGUID',
  'read',
  'REST reads an interconnect by its numeric id only (rest-api/partners/get-partner.md), and REST interconnect records carry no UniqueID (GUID) to look one up by',
);

/**
 * rest-api/partners/create-partner.md takes the two ECGrid IDs only (ECGridID1 is the originating side,
 * ecGridIdFrom). The request's reference, contact, note, notification and pre-confirmation have no REST field.
 */
export const InterconnectAdd = write('InterconnectAdd', {
  endpoint: 'partners.create',
  request: (p) => {
    for (const name of ['Reference', 'ContactName', 'ContactEMail', 'Note', 'NotifyContact', 'Preconfirm'] as const) requireUnset(p[name], name);
    return { body: { ecGridIdFrom: p.ECGridID1, ecGridIdTo: p.ECGridID2 } };
  },
  result: record(interconnectRecord),
  unsupported: {
    Reference: NO_FIELD,
    ContactName: NO_FIELD,
    ContactEMail: NO_FIELD,
    Note: NO_FIELD,
    NotifyContact: 'true makes the call unavailable on REST, which notifies no contact',
    Preconfirm: 'true makes the call unavailable on REST, which has no pre-confirmation',
  },
  assumes: `a REST-created interconnect is an ordinary request (Preconfirm false, no notification); ${STATUS_TABLE}`,
});

/** rest-api/partners/add-note.md: the note text only; answers true. */
export const InterconnectNote = write('InterconnectNote', {
  endpoint: 'partners.addNote',
  request: (p) => {
    requireUnrestricted(p.AuthLevel);
    requireUnset(p.AttachmentName, 'AttachmentName');
    requireUnset(p.AttachmentContent, 'AttachmentContent');
    requireNoEMail(p.EMailTo);
    requireUnset(p.OtherEMailAddress, 'OtherEMailAddress');
    return { body: { interconnectId: p.InterconnectID, note: p.Note ?? '' } };
  },
  result: boolean,
  unsupported: {
    AuthLevel: 'REST notes have no visibility level: only General or NoChange (no restriction) is expressible',
    AttachmentName: NO_FIELD,
    AttachmentContent: 'an attachment makes the call unavailable on REST, which has no field for it',
    EMailTo: NO_EMAIL,
    OtherEMailAddress: NO_FIELD,
  },
});

/** rest-api/partners/delete-partner.md terminates the interconnect and answers true; it takes no body. */
export const InterconnectCancel = write('InterconnectCancel', {
  endpoint: 'partners.delete',
  request: (p) => {
    requireUnset(p.Note, 'Note');
    requireNoEMail(p.EMailTo);
    requireUnset(p.OtherEMailAddress, 'OtherEMailAddress');
    return { path: { id: p.InterconnectID } };
  },
  result: boolean,
  unsupported: { Note: NO_FIELD, EMailTo: NO_EMAIL, OtherEMailAddress: NO_FIELD },
});

/** rest-api/partners/list-notes.md answers the notes in no promised order: parity sorts them by date. */
export const InterconnectNoteList = read('InterconnectNoteList', {
  endpoint: 'partners.listNotes',
  request: (p) => ({ body: { interconnectId: p.InterconnectID } }),
  result: list(interconnectNoteRecord),
  orderBy: '[].NoteDate',
});

/** WSDL: "If ECGridID2=-1, then match all for ECGridID1"; any other ECGridID2 keeps the interconnects of that pair. */
const ALL_PARTNERS = -1;

const ofPair = (ic: InterconnectIDInfo, a: unknown, b: unknown): boolean => {
  const from = ic.TP1?.ECGridID;
  const to = ic.TP2?.ECGridID;
  return (from === a && to === b) || (from === b && to === a);
};

const withPartner = (base: ResultMap<InterconnectIDInfo[]>): ResultMap<InterconnectIDInfo[]> => ({
  ...base,
  read: (data, params) => {
    const all = base.read(data, params);
    const id1 = Reflect.get(params, 'ECGridID1');
    const id2 = Reflect.get(params, 'ECGridID2');
    return id2 === ALL_PARTNERS ? all : all.filter((ic) => ofPair(ic, id1, id2));
  },
});

/** rest-api/partners/list-partners.md lists the interconnects of one ECGrid ID; the pair is kept from the answer. */
export const InterconnectListByECGridID = read('InterconnectListByECGridID', {
  endpoint: 'partners.list',
  request: (p) => ({ body: { ecGridId: p.ECGridID1 } }),
  result: withPartner(list(interconnectRecord)),
  unsupported: { ECGridID2: 'applied to the REST answer: -1 keeps every interconnect of ECGridID1, another ID the pair' },
  assumes: STATUS_TABLE,
});

/**
 * The StatusInterconnect filter goes back through the status table: a value one REST status stands for is sent as
 * `status`; Pending (Development or Preproduction) is sent without one, and the answer is kept to the records whose
 * translated Status is the one asked for. Problem, AuthorizationRequired and NoStatusChange have no REST form.
 */
const withStatus = (base: ResultMap<InterconnectIDInfo[]>): ResultMap<InterconnectIDInfo[]> => ({
  ...base,
  read: (data, params) => base.read(data, params).filter((ic) => ic.Status === Reflect.get(params, 'Status')),
});

export const InterconnectListByStatus = read('InterconnectListByStatus', {
  endpoint: 'partners.list',
  request: (p) => {
    requireUnset(p.MaxDays, 'MaxDays');
    const statuses = restStatusesOf(p.Status);
    return { body: { ecGridId: requireExplicit(p.ECGridID, 'ECGridID'), status: statuses.length === 1 ? statuses[0] : undefined } };
  },
  result: withStatus(list(interconnectRecord)),
  unsupported: {
    Status: 'translated through the status table; Problem, AuthorizationRequired and NoStatusChange make the call unavailable on REST',
    ECGridID: '0 (the whole session mailbox) makes the call unavailable on REST, which lists the interconnects of one ECGrid ID',
    MaxDays: NO_AGE_LIMIT,
  },
  assumes: `MaxDays 0 means no age limit; ${STATUS_TABLE}`,
});

export const InterconnectListByStatusEx = variant(InterconnectListByStatus, 'InterconnectListByStatusEx', {
  params: (p) => {
    requireUnset(p.NetworkID, 'NetworkID');
    requireUnset(p.MailboxID, 'MailboxID');
    return { Status: p.IntStatus, ECGridID: p.ECGridID, MaxDays: p.MaxDays };
  },
  result: (interconnects) => interconnects,
  unsupported: { NetworkID: BY_ECGRID_ID, MailboxID: BY_ECGRID_ID },
});

/**
 * rest-api/partners/count-partners.md answers one integer where the WSDL answers a DataSet of counts by status. The
 * DataSet built here has one row with one column, Count: the total over every status for the ECGrid ID. Its
 * columns are not the SOAP ones (undocumented), so the whole result is lossy.
 */
const countRow: ResultMap<DataSet> = {
  read: (data, params) => dataSet().read([{ Count: exactInteger(data, 'the count') }], params),
  lossy: ['.'],
};

export const InterconnectCountEx = read('InterconnectCountEx', {
  endpoint: 'partners.count',
  request: (p) => {
    requireUnset(p.NetworkID, 'NetworkID');
    requireUnset(p.MailboxID, 'MailboxID');
    requireUnset(p.MaxDays, 'MaxDays');
    return { body: { ecGridId: requireExplicit(p.ECGridID, 'ECGridID') } };
  },
  result: countRow,
  unsupported: {
    NetworkID: BY_ECGRID_ID,
    MailboxID: BY_ECGRID_ID,
    ECGridID: '0 (the whole mailbox) makes the call unavailable on REST, which counts the interconnects of one ECGrid ID',
    MaxDays: NO_AGE_LIMIT,
  },
  assumes: 'MaxDays 0 means no age limit; the DataSet is one row with the total Count, not a row per status',
});

export const InterconnectCount = soapOnly(
  'InterconnectCount',
  'read',
  "the WSDL's InterconnectCount(MaxDays) counts the session mailbox's interconnects by status (a DataSet); rest-api/partners/count-partners.md counts the interconnects of one required ecGridId, which the call does not carry (InterconnectCountEx does and is served on REST)",
);
