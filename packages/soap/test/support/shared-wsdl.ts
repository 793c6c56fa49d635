import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const VENDOR_WSDL_PATH = resolve(REPO_ROOT, '../shared/ecgrid/ECGridOS-v4.1.wsdl');
export const hasVendorWsdl = existsSync(VENDOR_WSDL_PATH);
export const VENDOR_SKIP_NOTE = hasVendorWsdl ? '' : ` (skipped: ${VENDOR_WSDL_PATH} is absent)`;

export function readVendorWsdl(): string {
  return readFileSync(VENDOR_WSDL_PATH, 'utf8');
}

if (!hasVendorWsdl) {
  console.warn(`Tests that compare against the vendor WSDL are skipped: ${VENDOR_WSDL_PATH} is absent.`);
}
