import { PHP_STYLE, mask } from '../source-text.js';
import type { Detector } from '../types.js';
import { capturedNames, methodCalls, namedCalls, toSites } from './receivers.js';

/** `$client = new SoapClient(…)` (or `$this->client`), then `$client->Op(` or `$client->__soapCall('Op', …)`. */
export const phpDetector: Detector = {
  language: 'php',
  handles: (path) => path.endsWith('.php'),
  detect(file) {
    if (!file.text.includes('SoapClient')) return [];
    const { code, bare } = mask(file.text, PHP_STYLE);
    const receivers = capturedNames(bare, [/(\$\w+(?:->\w+)?)\s*=\s*new\s+\\?SoapClient\s*\(/g]);
    return toSites(file, [...methodCalls(bare, receivers, '->'), ...namedCalls(code, receivers, '__soapCall')], 'php', 'SoapClient');
  },
};
