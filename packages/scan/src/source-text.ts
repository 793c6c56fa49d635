/** How a language writes comments and string literals: enough to blank them out, not a full lexer. */
export interface LexicalStyle {
  readonly lineComments: readonly string[];
  readonly blockComment: readonly [open: string, close: string] | null;
  readonly quotes: readonly string[];
  /** Python's `'''` and `"""`. */
  readonly tripleQuotes: boolean;
  /** VB doubles a quote inside a string instead of escaping it with a backslash. */
  readonly backslashEscapes: boolean;
}

export const C_STYLE: LexicalStyle = { lineComments: ['//'], blockComment: ['/*', '*/'], quotes: ['"', "'", '`'], tripleQuotes: false, backslashEscapes: true };
export const PHP_STYLE: LexicalStyle = { ...C_STYLE, lineComments: ['//', '#'], quotes: ['"', "'"] };
export const JAVA_STYLE: LexicalStyle = { ...C_STYLE, quotes: ['"', "'"] };
export const PYTHON_STYLE: LexicalStyle = { lineComments: ['#'], blockComment: null, quotes: ['"', "'"], tripleQuotes: true, backslashEscapes: true };
export const VB_STYLE: LexicalStyle = { lineComments: ["'", 'REM '], blockComment: null, quotes: ['"'], tripleQuotes: false, backslashEscapes: false };

/** The same text with comments blanked, and with string contents blanked too: offsets and line numbers are kept. */
export interface MaskedText {
  /** Comments blanked, strings kept (to read `__soapCall('Op'`). */
  readonly code: string;
  /** Comments and the contents of strings blanked (to find calls that are code, not text in a log message). */
  readonly bare: string;
}

const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

export function mask(text: string, style: LexicalStyle): MaskedText {
  let code = '';
  let bare = '';
  let i = 0;
  const n = text.length;
  const startsWith = (token: string) => text.startsWith(token, i);
  while (i < n) {
    const line = style.lineComments.find(startsWith);
    if (line) {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      const chunk = blank(text.slice(i, stop));
      code += chunk;
      bare += chunk;
      i = stop;
      continue;
    }
    if (style.blockComment && startsWith(style.blockComment[0])) {
      const end = text.indexOf(style.blockComment[1], i + style.blockComment[0].length);
      const stop = end === -1 ? n : end + style.blockComment[1].length;
      const chunk = blank(text.slice(i, stop));
      code += chunk;
      bare += chunk;
      i = stop;
      continue;
    }
    const quote = style.quotes.find(startsWith);
    if (quote) {
      const delimiter = style.tripleQuotes && text.startsWith(quote.repeat(3), i) ? quote.repeat(3) : quote;
      let j = i + delimiter.length;
      while (j < n) {
        if (style.backslashEscapes && text[j] === '\\') j += 2;
        else if (text.startsWith(delimiter, j)) {
          if (!style.backslashEscapes && text.startsWith(delimiter + delimiter, j)) j += 2;
          else break;
        } else if (text[j] === '\n' && delimiter.length === 1 && quote !== '`') break;
        else j += 1;
      }
      const stop = Math.min(n, j + delimiter.length);
      const literal = text.slice(i, stop);
      code += literal;
      bare += delimiter + blank(literal.slice(delimiter.length, Math.max(delimiter.length, literal.length - delimiter.length))) + (literal.length >= 2 * delimiter.length ? delimiter : '');
      i = stop;
      continue;
    }
    code += text[i];
    bare += text[i];
    i += 1;
  }
  return { code, bare };
}

/** Turns offsets into 1-based line numbers. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
