import { PYTHON_STYLE, mask } from '../source-text.js';
import type { Detector } from '../types.js';
import { capturedNames, methodCalls, toSites } from './receivers.js';

/** zeep: `client = zeep.Client(wsdl)` then `client.service.Op(`, or a bound `service = client.bind(…)`. */
export const pythonDetector: Detector = {
  language: 'python',
  handles: (path) => path.endsWith('.py'),
  detect(file) {
    if (!file.text.includes('zeep')) return [];
    const { bare } = mask(file.text, PYTHON_STYLE);
    if (!/^\s*(?:import\s+zeep|from\s+zeep\b)/m.test(bare)) return [];
    const clients = capturedNames(bare, [/((?:self\.)?\w+)\s*=\s*(?:zeep\.)?(?:Client|CachingClient|AsyncClient)\s*\(/g]);
    const services = new Set([...clients].map((c) => `${c}.service`));
    for (const client of clients) {
      const bound = new RegExp(`(\\w+)\\s*=\\s*${client.replace('.', '\\.')}\\s*\\.\\s*(?:service\\b|bind\\s*\\()`, 'g');
      for (const name of capturedNames(bare, [bound])) services.add(name);
    }
    return toSites(file, methodCalls(bare, services, '\\.'), 'python', 'zeep client');
  },
};
