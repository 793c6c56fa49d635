import { operationNamed, SERVICE_NAMESPACES } from '../operations.js';
import { C_STYLE, type LexicalStyle, PHP_STYLE, PYTHON_STYLE, VB_STYLE, escapeRegExp, lineIndex, mask } from '../source-text.js';
import type { CallSite, Detector } from '../types.js';

const NS = `(?:${SERVICE_NAMESPACES.map(escapeRegExp).join('|')})`;
/** `"https://os.ecgrid.io/ParcelInBox"`: the SOAPAction of a hand-built request (not the `.asmx` URL). */
const SOAP_ACTION = new RegExp(`${NS}(\\w+)(?![\\w/.])`, 'g');
/** `<ParcelInBox xmlns="https://os.ecgrid.io/">`, or `<ecg:ParcelInBox xmlns:ecg="…">` on the element itself. */
const ELEMENT_WITH_NS = new RegExp(`<(?:[\\w-]+:)?(\\w+)\\s[^<>]*?xmlns(?::[\\w-]+)?\\s*=\\s*\\\\?["']${NS}\\\\?["']`, 'g');
const PREFIX_BINDING = new RegExp(`xmlns:([\\w-]+)\\s*=\\s*\\\\?["']${NS}\\\\?["']`, 'g');
/** The request element and its SOAPAction usually sit a few lines apart: they are one call. */
const SAME_CALL_LINES = 25;

function styleOf(path: string): LexicalStyle | null {
  if (/\.(?:cs|java|[cm]?js|jsx|[cm]?ts|tsx|go|kt|swift|c|cpp|h)$/.test(path)) return C_STYLE;
  if (path.endsWith('.php')) return PHP_STYLE;
  if (/\.(?:py|rb|sh|ps1)$/.test(path)) return PYTHON_STYLE;
  if (path.endsWith('.vb')) return VB_STYLE;
  return null;
}

/** Hand-built envelopes in any language or a saved request: SOAPAction strings and namespaced request elements. */
export const envelopeDetector: Detector = {
  language: 'envelope',
  handles: (path) => !/\.(?:wsdl|xsd|md|markdown|txt)$/i.test(path),
  detect(file) {
    if (!/ecgrid/i.test(file.text)) return [];
    const style = styleOf(file.path);
    const text = style ? mask(file.text, style).code : file.text;
    const lineOf = lineIndex(text);
    const found: Array<{ operation: NonNullable<ReturnType<typeof operationNamed>>; line: number; via: string }> = [];
    const add = (name: string, offset: number, via: string) => {
      const operation = operationNamed(name);
      if (operation) found.push({ operation, line: lineOf(offset), via });
    };
    for (const m of text.matchAll(SOAP_ACTION)) add(m[1]!, m.index, 'SOAPAction');
    for (const m of text.matchAll(ELEMENT_WITH_NS)) add(m[1]!, m.index, 'request element');
    const prefixes = [...text.matchAll(PREFIX_BINDING)].map((m) => escapeRegExp(m[1]!));
    if (prefixes.length > 0) {
      for (const m of text.matchAll(new RegExp(`<(?:${prefixes.join('|')}):(\\w+)[\\s>/]`, 'g'))) add(m[1]!, m.index, 'request element');
    }
    found.sort((a, b) => a.line - b.line);
    const sites: CallSite[] = [];
    for (const f of found) {
      const near = sites.some((s) => s.operation === f.operation && f.line - s.line <= SAME_CALL_LINES);
      if (!near) sites.push({ operation: f.operation, file: file.path, line: f.line, language: 'envelope', via: `hand-built envelope (${f.via})` });
    }
    return sites;
  },
};
