import type { EntityDecoderOptions } from './fxp.js';

const NAMED: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);
const REFERENCE = /&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|([A-Za-z_:][\w.:-]*));/g;

/** A reference the decoder will not resolve; its message quotes no document text beyond the reference. */
export class XmlReferenceError extends Error {}

function character(code: number): string {
  const allowed =
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw new XmlReferenceError(`character reference &#${code}; is not allowed in XML`);
  return String.fromCodePoint(code);
}

/**
 * Decodes exactly what XML defines without a DTD: the five predefined entities and numeric character references
 * (.NET writes a carriage return as `&#xD;`). Any other entity reference is an error: declared entities are never
 * expanded (documents that declare any are refused before parsing anyway).
 */
export const xmlEntityDecoder: EntityDecoderOptions = {
  decode: (text) =>
    text.includes('&')
      ? text.replace(REFERENCE, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
          if (dec !== undefined || hex !== undefined) return character(dec ? Number(dec) : Number.parseInt(hex!, 16));
          const value = NAMED.get(name!);
          if (value === undefined) throw new XmlReferenceError(`reference to an undeclared entity &${name};`);
          return value;
        })
      : text,
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
};
