import { type FieldRule, ShapeError, constant, date, enumOf, fromParam, int, nested, recordMap, str } from './fields.js';

/**
 * An interchange as rest-api/interchanges/get-interchange.md, inbox-list.md and outbox-list.md give it: `interchangeId`,
 * `parcelId`, `sender`, `receiver`, `standard`, `documentType`, `status`, `created`.
 *
 * - `sender`/`receiver` are the envelope IDs of the trading partners (the examples show an ID without qualifier,
 *   as the tpFrom/tpTo `id` of mcp/tools/connectivity/interchanges/get-interchange-by-id.md): TPFrom.ID and TPTo.ID.
 * - `created` is when ECGrid processed the interchange (soap-api/interchanges/interchange-info.md: "Created ...
 *   processed (UTC)"): InterchangeProcessDate.
 * - `status` is left out: get-interchange.md documents it as a Status (Development, Active, Preproduction, Suspended,
 *   Terminated; the examples answer "Active"), not an interchange state (appendix/interchange-status-codes.md) nor
 *   the numeric InterchangeStatus code the MCP tool reports (4000 "Complete: CLOSED"), so no REST value is known to
 *   be what SOAP's StatusCode holds.
 * - `parcelId` has no WSDL field: InterchangeIDInfo lists its parcels in `Parcels` (ParcelIDInfo records), which one
 *   ID cannot fill.
 */
export const interchangeRecord = recordMap('InterchangeIDInfo', {
  InterchangeID: int('interchangeId'),
  InterchangeProcessDate: date('created'),
  Standard: enumOf('standard', 'EDIStandard'),
  DocumentType: str('documentType'),
  TPFrom: nested(recordMap('ECGridIDInfo', { ID: str('sender') })),
  TPTo: nested(recordMap('ECGridIDInfo', { ID: str('receiver') })),
});

const digits = (d: Record<string, unknown>, field: string, length: number): string => {
  const v = d[field];
  if (typeof v !== 'string' || !new RegExp(`^\\d{${length}}$`).test(v)) throw new ShapeError(`${field} is not ${length} digits`);
  return v;
};

/**
 * ISA09 (YYMMDD) and ISA10 (HHMM) as one UTC instant, as soap-api/interchanges/interchange-header-info.md describes
 * the SOAP value ("ISA09/ISA10 interchange date and time parsed to UTC"). The two-digit year is read as 20YY
 * (get-date.md parses "260501" to 2026-05-01).
 */
const isaDateTime = (dateField: string, timeField: string): FieldRule => ({
  from: dateField,
  read: (d) => {
    if (d[dateField] === undefined || d[dateField] === null) return undefined;
    const ymd = digits(d, dateField, 6);
    const hm = digits(d, timeField, 4);
    const text = `20${ymd.slice(0, 2)}-${ymd.slice(2, 4)}-${ymd.slice(4, 6)}T${hm.slice(0, 2)}:${hm.slice(2, 4)}`;
    const at = new Date(`${text}:00Z`);
    // Date rolls 02-30 over to March: only a date that reads back unchanged is one.
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 16) !== text) throw new ShapeError(`${dateField}/${timeField} is not a date and time`);
    return at;
  },
});

/**
 * rest-api/interchanges/get-header.md: the fields of the ISA segment it parses. The header is an ISA segment (the
 * page accepts nothing else), so the standard is X12; ISA13 is the interchange control number; the header itself is
 * the call's parameter. REST does not say whether ECGrid tracks the interchange, so InterchangeID (SOAP: "if already
 * tracked by ECGrid; otherwise 0") is not given.
 */
export const headerRecord = recordMap('InterchangeIDInfo', {
  Standard: constant('X12'),
  InterchangeControlID: str('controlNumber'),
  InterchangeDateTime: isaDateTime('interchangeDate', 'interchangeTime'),
  Header: fromParam('InterchangeHeader'),
  TPFrom: nested(recordMap('ECGridIDInfo', { Qualifier: str('senderIdQualifier'), ID: str('senderId') })),
  TPTo: nested(recordMap('ECGridIDInfo', { Qualifier: str('receiverIdQualifier'), ID: str('receiverId') })),
});

/** rest-api/interchanges/resend-interchange.md answers only whether the resend was accepted: the ID is the call's. */
export const resendStatusRecord = recordMap('InterchangeIDStatus', {
  Id: fromParam('InterchangeID'),
});
