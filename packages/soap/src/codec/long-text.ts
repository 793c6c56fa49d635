import { randomBytes } from 'node:crypto';

/** Text runs at least this long are lifted out of a document before it is parsed. */
export const LIFT_MIN_CHARS = 8192;

// The marker carries a per-process random part, so a server cannot forge one.
const MARK = `\u{E000}${randomBytes(8).toString('hex')}:`;
const MARK_END = '\u{E001}';
const MARK_PATTERN = new RegExp(`${MARK}(\\d+)${MARK_END}`, 'g');

export interface LiftedText {
  /** The document with each long run replaced by a short marker. */
  xml: string;
  runs: string[];
}

/**
 * The parser reads text one character at a time (~5 ms per MiB even for a stop node), while `indexOf` is native.
 * Long runs of plain text (the base64 of a parcel) are cut out with `indexOf` and put back by `restoreText`.
 * Only runs without `&` are lifted, so the parser would have returned them unchanged; documents with comments,
 * CDATA, a DOCTYPE or processing instructions are left alone, so every `<` found is markup.
 */
export function liftLongText(xml: string): LiftedText | undefined {
  if (xml.length < LIFT_MIN_CHARS || xml.includes('<!') || xml.includes(MARK)) return undefined;
  let lt = xml.indexOf('<');
  if (lt < 0 || xml.indexOf('<?', lt + 1) >= 0) return undefined;
  const parts: string[] = [];
  const runs: string[] = [];
  let copied = 0;
  while (lt >= 0) {
    const end = markupEnd(xml, lt);
    if (end < 0) return undefined;
    const next = xml.indexOf('<', end + 1);
    if (next < 0) break;
    if (next - end - 1 >= LIFT_MIN_CHARS) {
      const run = xml.slice(end + 1, next);
      if (!run.includes('&')) {
        parts.push(xml.slice(copied, end + 1), `${MARK}${runs.length}${MARK_END}`);
        runs.push(run);
        copied = next;
      }
    }
    lt = next;
  }
  if (runs.length === 0) return undefined;
  parts.push(xml.slice(copied));
  return { xml: parts.join(''), runs };
}

/** Puts lifted runs back into a text value of the parsed document. */
export function restoreText(text: string, runs: readonly string[] | undefined): string {
  if (!runs || !text.includes(MARK)) return text;
  const whole = text.startsWith(MARK) && text.endsWith(MARK_END) ? runs[Number(text.slice(MARK.length, -MARK_END.length))] : undefined;
  return whole ?? text.replace(MARK_PATTERN, (_, i: string) => runs[Number(i)] ?? '');
}

/** The index of the `>` closing the tag that starts at `lt`, skipping quoted attribute values; -1 if none. */
function markupEnd(xml: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i;
    }
  }
  return -1;
}
