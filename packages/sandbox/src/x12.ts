import { invalidParameter } from './errors.js';

/** One ISA…IEA interchange found in an uploaded file. */
export interface X12Interchange {
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** ISA13. */
  readonly controlId: string;
  /** ISA09/ISA10 read as UTC. */
  readonly date: string;
  /** The ISA segment without its terminator. */
  readonly header: string;
  readonly bytes: number;
  /** ST01 of each transaction set, in order. */
  readonly transactionSets: readonly string[];
}

/** ISA01…ISA16 have fixed widths; with the separators and the segment terminator the ISA is 106 characters long. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
export const ISA_LENGTH = 106;

/**
 * Reads the X12 envelopes of a file: every interchange must start with a fixed-width ISA segment and end with an
 * IEA whose control number matches. Anything else is refused with an InvalidParameter error naming the problem.
 */
export function parseX12(content: Buffer): X12Interchange[] {
  const text = content.toString('latin1');
  const out: X12Interchange[] = [];
  let pos = skipBlank(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (pos >= text.length) throw invalidParameter('the file is empty');
  while (pos < text.length) {
    const { interchange, end } = readInterchange(text, pos, out.length + 1);
    out.push(interchange);
    pos = skipBlank(text, end);
  }
  return out;
}

function skipBlank(text: string, from: number): number {
  let p = from;
  while (p < text.length && /\s/.test(text[p]!)) p++;
  return p;
}

/** An ISA segment read: the segment without its terminator, its 17 elements (`ISA` first), ISA09/ISA10 as an instant. */
export interface IsaHeader {
  readonly segment: string;
  readonly elements: readonly string[];
  readonly date: string;
  readonly elementSep: string;
  readonly segmentTerm: string;
}

function readIsa(text: string, start: number, where: string): IsaHeader {
  if (text.length < start + ISA_LENGTH) throw invalidParameter(`${where}: the ISA segment is shorter than ${ISA_LENGTH} characters`);
  const elementSep = text[start + 3]!;
  const segmentTerm = text[start + ISA_LENGTH - 1]!;
  const segment = text.slice(start, start + ISA_LENGTH - 1);
  const elements = segment.split(elementSep);
  if (elements.length !== 17 || /[A-Za-z0-9 ]/.test(elementSep) || /[A-Za-z0-9 ]/.test(segmentTerm)) {
    throw invalidParameter(`${where}: the ISA segment is not ${ISA_LENGTH} characters of 16 fixed-width elements`);
  }
  ISA_WIDTHS.forEach((width, i) => {
    if (elements[i + 1]!.length !== width) {
      throw invalidParameter(`${where}: ISA${String(i + 1).padStart(2, '0')} must be ${width} characters wide`);
    }
  });
  return { segment, elements, date: isaDate(elements[9]!, elements[10]!, where), elementSep, segmentTerm };
}

/** Reads one ISA segment given on its own (with or without its terminator), as get-header.md and get-date.md take it. */
export function parseIsaHeader(text: string): IsaHeader {
  const trimmed = text.trim();
  if (!trimmed.startsWith('ISA')) throw invalidParameter('the header is not an ISA segment');
  return readIsa(trimmed.length === ISA_LENGTH - 1 ? `${trimmed}~` : trimmed, 0, 'the header');
}

function readInterchange(text: string, start: number, ordinal: number): { interchange: X12Interchange; end: number } {
  const where = `interchange ${ordinal}`;
  if (!text.startsWith('ISA', start)) {
    throw invalidParameter(ordinal === 1 ? 'the file is not X12: it does not start with an ISA segment' : `${where} does not start with ISA`);
  }
  const { segment: isa, elements, date, elementSep, segmentTerm } = readIsa(text, start, where);
  const el = (n: number): string => elements[n]!;
  const controlId = el(13);

  let pos = start + ISA_LENGTH;
  const transactionSets: string[] = [];
  let groups = 0;
  for (;;) {
    const next = text.indexOf(segmentTerm, pos);
    if (next < 0) throw invalidParameter(`${where} (control number ${controlId}) has no IEA trailer`);
    const segment = text.slice(pos, next).replace(/^[\r\n]+/, '');
    pos = next + 1;
    const parts = segment.split(elementSep);
    const id = parts[0];
    if (id === 'ISA') throw invalidParameter(`${where} (control number ${controlId}) has no IEA trailer`);
    if (id === 'GS') groups++;
    if (id === 'ST') transactionSets.push(parts[1] ?? '');
    if (id === 'IEA') {
      if ((parts[2] ?? '').trim() !== controlId.trim()) {
        throw invalidParameter(`${where}: IEA02 does not match the ISA13 control number ${controlId}`);
      }
      if (Number(parts[1]) !== groups) throw invalidParameter(`${where}: IEA01 says ${parts[1] ?? ''} groups, found ${groups}`);
      break;
    }
  }
  while (pos < text.length && (text[pos] === '\r' || text[pos] === '\n')) pos++;
  return {
    interchange: {
      senderQualifier: el(5),
      senderId: el(6).trim(),
      receiverQualifier: el(7),
      receiverId: el(8).trim(),
      controlId,
      date,
      header: isa,
      bytes: Buffer.byteLength(text.slice(start, pos), 'latin1'),
      transactionSets,
    },
    end: pos,
  };
}

function isaDate(yymmdd: string, hhmm: string, where: string): string {
  if (!/^\d{6}$/.test(yymmdd) || !/^\d{4}$/.test(hhmm)) throw invalidParameter(`${where}: ISA09/ISA10 are not a date and time`);
  const iso = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}T${hhmm.slice(0, 2)}:${hhmm.slice(2, 4)}:00.000Z`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== iso) throw invalidParameter(`${where}: ISA09/ISA10 are not a valid date`);
  return iso;
}

/** Builds a fixed-width ISA segment (with its terminator); for seeds, demos and tests. */
export function isaSegment(options: {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  date: Date;
  controlNumber: number;
  usage?: 'P' | 'T';
}): string {
  const d = options.date.toISOString();
  const yymmdd = `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`;
  const hhmm = `${d.slice(11, 13)}${d.slice(14, 16)}`;
  const control = String(options.controlNumber).padStart(9, '0');
  return [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    options.senderQualifier.padEnd(2),
    options.senderId.padEnd(15),
    options.receiverQualifier.padEnd(2),
    options.receiverId.padEnd(15),
    yymmdd,
    hhmm,
    'U',
    '00401',
    control,
    '0',
    options.usage ?? 'P',
    '>',
  ].join('*') + '~';
}
