// Regenerates packages/soap/src/generated/ from a WSDL: `pnpm generate [path/to/service.wsdl]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSoapFiles } from './soap-codegen/emit.js';
import { readWsdl } from './soap-codegen/read-wsdl.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_WSDL = resolve(REPO_ROOT, '../shared/ecgrid/ECGridOS-v4.1.wsdl');
export const GENERATED_DIR = resolve(REPO_ROOT, 'packages/soap/src/generated');

export function generateFromFile(wsdlPath: string): Map<string, string> {
  return generateSoapFiles(readWsdl(readFileSync(wsdlPath, 'utf8')), basename(wsdlPath));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wsdlPath = resolve(process.argv[2] ?? DEFAULT_WSDL);
  const files = generateFromFile(wsdlPath);
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [name, content] of files) writeFileSync(resolve(GENERATED_DIR, name), content);
  console.log(`wrote ${files.size} files to ${GENERATED_DIR}`);
}
