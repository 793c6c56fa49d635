import type { Direction } from '@ecgrid-bridge/soap';
import { type FieldRule, base64, constant, date, exactInteger, fromParam, int, recordMap, str } from './fields.js';

/**
 * The direction of the channel-specific states, as appendix/parcel-status-codes.md states it ("indicates inbound
 * AS2 traffic", "successful outbound FTP/SFTP delivery").
 */
const CHANNEL_DIRECTION: Readonly<Record<string, Direction>> = {
  as2Receive: 'InBox',
  ftpReceived: 'InBox',
  as2Sent: 'OutBox',
  ftpSent: 'OutBox',
};

/**
 * Which side of a parcel REST's `mailboxId`/`networkId` name. soap-api/parcels/parcel-info.md: they are the
 * mailbox "associated with the parcel", the receiver of an inbound parcel and the sender of an outbound one. The
 * direction is read from the parcel status (appendix/parcel-status-codes.md: InBox states, OutBox states and the
 * channel states whose direction it gives); any other status (Cancelled, VaultReady, the WSDL-only states the
 * docs do not describe) leaves both sides unset rather than guess.
 */
export function parcelDirection(status: unknown): Direction {
  if (typeof status !== 'string') return 'NoDir';
  if (/^inbox/i.test(status)) return 'InBox';
  if (/^outbox/i.test(status)) return 'OutBox';
  return CHANNEL_DIRECTION[status] ?? 'NoDir';
}

const onSide = (side: Direction, from: string): FieldRule => ({
  from,
  read: (d) => {
    const v = d[from];
    return parcelDirection(d['status']) === side && v !== undefined && v !== null ? exactInteger(v, from) : undefined;
  },
});

/**
 * The fields every REST parcel record gives (rest-api/parcels/get-parcel.md). `created` is when the parcel entered
 * ECGrid (soap-api/parcels/parcel-info.md: "Created"); `modified` is read as the date of its current status.
 */
const parcelFields = {
  ParcelID: int('parcelId'),
  ParcelBytes: int('bytes'),
  FileName: str('fileName'),
  ParcelDate: date('created'),
  StatusDate: date('modified'),
  StatusCode: str('status'),
};

/** A parcel whose side is told by its status (ParcelInfo, and any listing). */
export const parcelRecord = recordMap('ParcelIDInfo', {
  ...parcelFields,
  MailboxIDTo: onSide('InBox', 'mailboxId'),
  NetworkIDTo: onSide('InBox', 'networkId'),
  MailboxIDFrom: onSide('OutBox', 'mailboxId'),
  NetworkIDFrom: onSide('OutBox', 'networkId'),
  Direction: { from: 'status', read: (d) => parcelDirection(d['status']) },
});

/**
 * rest-api/parcels/find-mailbag-control-id.md answers the parcels "whose mailbag control ID matches the search
 * value": the records do not repeat it, the call's MailbagControlID is theirs.
 */
export const foundParcelRecord = recordMap('ParcelIDInfo', {
  ...parcelRecord.fields,
  MailbagControlID: fromParam('MailbagControlID'),
});

/** In an inbox listing REST's `mailboxId`/`networkId` are the receiving side, whatever the status says. */
export const inboxParcelRecord = recordMap('ParcelIDInfo', {
  ...parcelFields,
  MailboxIDTo: int('mailboxId'),
  NetworkIDTo: int('networkId'),
  Direction: constant('InBox'),
});

/** In an outbox listing they are the sending side. */
export const outboxParcelRecord = recordMap('ParcelIDInfo', {
  ...parcelFields,
  MailboxIDFrom: int('mailboxId'),
  NetworkIDFrom: int('networkId'),
  Direction: constant('OutBox'),
});

/** rest-api/parcels/download-parcel.md: the parcel's ID, file name, size and base64 content. */
export const fileRecord = recordMap('FileInfo', {
  ParcelID: int('parcelId'),
  FileName: str('fileName'),
  Bytes: int('bytes'),
  Content: base64('content'),
});

/** rest-api/parcels/get-manifest.md lists the interchanges of the parcel; the parcel is the one asked for. */
export const manifestRecord = recordMap('ManifestInfo', {
  InterchangeID: int('interchangeId'),
  ParcelID: fromParam('ParcelID'),
});
