import { C_STYLE, VB_STYLE, mask } from '../source-text.js';
import type { Detector } from '../types.js';
import { alternation, capturedNames, mentionsAny, methodCalls, toSites } from './receivers.js';

/** What svcutil (`ECGridOSSoapClient`) and wsdl.exe (`ECGridOS`) name the client when no proxy in the tree says otherwise. */
export const DOTNET_PROXY_DEFAULTS = ['ECGridOSSoapClient', 'ECGridOS'] as const;

const qualified = (types: ReadonlySet<string>) => `(?:[\\w.]+\\.)?(?:${alternation(types)})`;

/** C#: `ECGridOSSoapClient client = …`, `var client = new ECGridOS()`, fields and parameters of the proxy type. */
export const csharpDetector: Detector = {
  language: 'csharp',
  handles: (path) => path.endsWith('.cs'),
  detect(file, { proxyTypes }) {
    if (!mentionsAny(file.text, proxyTypes)) return [];
    const { bare } = mask(file.text, C_STYLE);
    const type = qualified(proxyTypes);
    const receivers = capturedNames(bare, [
      new RegExp(`\\b${type}\\s+(\\w+)\\s*[=;,)]`, 'g'),
      new RegExp(`(\\w+)\\s*=\\s*new\\s+${type}\\s*\\(`, 'g'),
    ]);
    return toSites(file, methodCalls(bare, receivers), 'csharp', 'svcutil/wsdl.exe proxy');
  },
};

/** VB.NET: `Dim client As New ECGridOS()`, `Private client As ECGridOSSoapClient`, `client = New ECGridOS()`. */
export const vbDetector: Detector = {
  language: 'vb',
  handles: (path) => path.endsWith('.vb'),
  detect(file, { proxyTypes }) {
    if (!mentionsAny(file.text, proxyTypes)) return [];
    const { bare } = mask(file.text, VB_STYLE);
    const type = qualified(proxyTypes);
    const receivers = capturedNames(bare, [
      new RegExp(`(\\w+)\\s+As\\s+(?:New\\s+)?${type}\\b`, 'gi'),
      new RegExp(`(\\w+)\\s*=\\s*New\\s+${type}\\b`, 'gi'),
    ]);
    return toSites(file, methodCalls(bare, receivers, '\\.'), 'vb', 'svcutil/wsdl.exe proxy');
  },
};
