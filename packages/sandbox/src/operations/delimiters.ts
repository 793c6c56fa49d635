import { invalidParameter } from '../errors.js';
import { reqString } from '../rest/input.js';
import { x12Delimiters } from '../service/directory.js';
import type { X12Delimiters } from '../store/records.js';
import type { RestCall } from './table.js';

/** X12 delimiters as the two APIs carry them: WSDL unsignedBytes (character codes) and REST single characters. */

const character = (code: number, name: string): string => {
  if (!Number.isInteger(code) || code < 1 || code > 255) throw invalidParameter(`${name} must be a character code from 1 to 255`);
  return String.fromCharCode(code);
};

/** NetworkX12Delimiters and MailboxX12Delimiters: SegTerm, ElmSep and SubElmSep. */
export const soapDelimiters = (p: { readonly SegTerm: number; readonly ElmSep: number; readonly SubElmSep: number }): X12Delimiters =>
  x12Delimiters(character(p.SegTerm, 'SegTerm'), character(p.ElmSep, 'ElmSep'), character(p.SubElmSep, 'SubElmSep'));

/** rest-api/{networks,mailboxes}/x12-delimiters.md: elementDelimiter, subElementDelimiter, segmentTerminator. */
export const restDelimiters = (call: RestCall): X12Delimiters =>
  x12Delimiters(reqString(call.body, 'segmentTerminator'), reqString(call.body, 'elementDelimiter'), reqString(call.body, 'subElementDelimiter'));
