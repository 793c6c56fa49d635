import { lineIndex } from '../source-text.js';
import type { EndpointMention, SourceFile } from '../types.js';

const CONFIG_FILE = /(?:\.(?:config|json|ya?ml|xml|properties|ini|toml|conf|settings|env)|(?:^|\/)\.env(?:\.[\w-]+)?)$/i;
/** The service URL: the `.asmx` endpoint (or its WSDL) on an ECGrid host. */
const SERVICE_URL = /https?:\/\/[^\s"'<>]*(?:ecgrid\.io|ecgridos\.net|ecgrid\.com)[^\s"'<>]*?\.asmx(?:\?wsdl)?/gi;

export const isConfigFile = (path: string): boolean => CONFIG_FILE.test(path);

/** Configuration files that name the ECGridOS service URL. */
export function endpointMentions(file: SourceFile): EndpointMention[] {
  if (!isConfigFile(file.path) || !/ecgrid/i.test(file.text)) return [];
  const lineOf = lineIndex(file.text);
  return [...file.text.matchAll(SERVICE_URL)].map((m) => ({ file: file.path, line: lineOf(m.index), url: m[0] }));
}
