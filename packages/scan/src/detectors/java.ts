import { JAVA_STYLE, mask } from '../source-text.js';
import type { Detector } from '../types.js';
import { alternation, capturedNames, mentionsAny, methodCalls, toSites } from './receivers.js';

/** The port interface wsimport generates from the WSDL's port type. */
export const JAVA_PORT_DEFAULTS = ['ECGridOSSoap'] as const;

/** JAX-WS: `ECGridOSSoap port = new ECGridOS().getECGridOSSoap();` then `port.parcelInBox(…)`. */
export const javaDetector: Detector = {
  language: 'java',
  handles: (path) => path.endsWith('.java'),
  detect(file, { proxyTypes }) {
    if (!mentionsAny(file.text, proxyTypes) && !/get\w*Soap\w*\s*\(/.test(file.text)) return [];
    const { bare } = mask(file.text, JAVA_STYLE);
    const receivers = capturedNames(bare, [
      new RegExp(`\\b(?:[\\w.]+\\.)?(?:${alternation(proxyTypes)})\\s+(\\w+)\\s*[=;,)]`, 'g'),
      /(\w+)\s*=\s*new\s+[\w.]+\s*\([^)]*\)\s*\.\s*get\w*Soap\w*\s*\(/g,
    ]);
    return toSites(file, methodCalls(bare, receivers, '\\.'), 'java', 'JAX-WS port');
  },
};
