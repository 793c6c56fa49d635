import { createRequire } from 'node:module';
import type * as Fxp from 'fast-xml-parser';

/**
 * fast-xml-parser, loaded from its single-file CommonJS build: that loads in a few milliseconds, while its ESM entry
 * is a graph of dozens of small modules that takes several times longer (it dominates the client's start-up).
 * Same package, same version, same API.
 */
const fxp = createRequire(import.meta.url)('fast-xml-parser') as typeof Fxp;

export const { XMLParser, XMLBuilder, XMLValidator } = fxp;
export type XMLParser = Fxp.XMLParser;
export type XMLBuilder = Fxp.XMLBuilder;
export type { EntityDecoderOptions } from 'fast-xml-parser';
