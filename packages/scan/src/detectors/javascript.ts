import { C_STYLE, mask } from '../source-text.js';
import type { Detector } from '../types.js';
import { capturedNames, methodCalls, namedCalls, toSites } from './receivers.js';

/** node-soap (`createClientAsync`, `createClient(url, (err, client) => …)`) and our own facade (`createEcgridFacade`). */
export const javascriptDetector: Detector = {
  language: 'javascript',
  handles: (path) => /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/.test(path) && !path.endsWith('.d.ts'),
  detect(file) {
    if (!/createClient|createEcgridFacade/.test(file.text)) return [];
    const { code, bare } = mask(file.text, C_STYLE);
    const soapClients = /\bsoap\b|createClientAsync/.test(bare)
      ? capturedNames(bare, [
          /(\w+)\s*=\s*(?:await\s+)?(?:\w+\.)?createClientAsync\s*\(/g,
          /\bcreateClient\s*\([^,()]*,\s*(?:(?:async\s+)?function\s*)?\(\s*\w+\s*,\s*(\w+)/g,
        ])
      : new Set<string>();
    const facades = capturedNames(bare, [/(\w+)\s*=\s*(?:await\s+)?createEcgridFacade\s*\(/g]);
    return [
      ...toSites(file, methodCalls(bare, soapClients, '\\.'), 'javascript', 'node-soap client'),
      ...toSites(file, [...methodCalls(bare, facades, '\\??\\.'), ...namedCalls(code, facades, 'invoke')], 'javascript', 'ecgrid-bridge facade'),
    ];
  },
};
