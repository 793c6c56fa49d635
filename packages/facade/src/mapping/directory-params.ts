import { UnsupportedOnRest } from './entry.js';

/** Parameter helpers shared by the network and mailbox entries (not exported by any group module). */

export const NO_CHANGE_ASSUMED = 'empty text asks for no change, so nothing is sent for it';

/** The WSDL's delimiter bytes (X12Delimiters operations, MailboxConfig). */
export interface DelimiterBytes {
  readonly SegTerm: number;
  readonly ElmSep: number;
  readonly SubElmSep: number;
}

function delimiter(byte: number, name: string): string {
  if (byte === 0) throw new UnsupportedOnRest(`the REST API needs a delimiter character for ${name}, and 0 is none`);
  return String.fromCharCode(byte);
}

/** SegTerm, ElmSep and SubElmSep as the single characters rest-api/{networks,mailboxes}/x12-delimiters.md require. */
export const delimiterFields = (p: DelimiterBytes) => ({
  elementDelimiter: delimiter(p.ElmSep, 'ElmSep'),
  subElementDelimiter: delimiter(p.SubElmSep, 'SubElmSep'),
  segmentTerminator: delimiter(p.SegTerm, 'SegTerm'),
});

const NO_DELIMITER = '0 makes the call unavailable on REST: x12-delimiters.md requires a delimiter character';

export const DELIMITERS_UNSUPPORTED = { SegTerm: NO_DELIMITER, ElmSep: NO_DELIMITER, SubElmSep: NO_DELIMITER };

export const DELIMITERS_ASSUMED = "each WSDL unsignedByte is the delimiter's character code (42 is `*`, 126 is `~`)";
