import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '@ecgrid-bridge/soap';
import { DEFAULT_CATALOG, OUTPUT, renderRestEquivalents } from '../../../scripts/generate-rest-equivalents.js';
import { FACADE_OPERATIONS, MAPPINGS, REST_EQUIVALENTS, coverageMarkdown, coverageRows } from '../src/index.js';

const hasCatalog = existsSync(DEFAULT_CATALOG);
if (!hasCatalog) console.warn(`The REST-equivalents regeneration check is skipped: ${DEFAULT_CATALOG} is absent.`);

describe('coverage', () => {
  it('has one row per WSDL operation and maps exactly the facade slice', () => {
    const rows = coverageRows();
    expect(rows.map((r) => r.operation)).toEqual(Object.keys(OPERATIONS));
    expect(rows.filter((r) => r.mapped).map((r) => r.operation).sort()).toEqual([...FACADE_OPERATIONS].sort());
  });

  it('routes each mapped operation to the endpoint the documentation names', () => {
    for (const op of FACADE_OPERATIONS) {
      const docs = REST_EQUIVALENTS[op];
      const rest = MAPPINGS[op].rest;
      if (rest === null) expect(docs.rest).toBeNull();
      else expect(`${rest.method} ${rest.path}`).toBe(`${docs.rest?.method} ${docs.rest?.path}`);
    }
  });

  it('renders a markdown table with the lossy fields', () => {
    const md = coverageMarkdown();
    expect(md).toMatch(/^221 WSDL operations; \d+ have a documented REST equivalent; the facade maps 30\./);
    expect(md).toContain('| SessionLog | — | yes |');
    expect(md).toMatch(/\| MailboxInfo \| `GET \/v2\/mailboxes\/\{id\}` \| yes \|.*Description/);
  });
});

describe.skipIf(!hasCatalog)(`generated REST equivalents${hasCatalog ? '' : ' (skipped: the API catalogue is absent)'}`, () => {
  it('are reproduced byte for byte from the catalogue', () => {
    expect(renderRestEquivalents(readFileSync(DEFAULT_CATALOG, 'utf8'))).toBe(readFileSync(OUTPUT, 'utf8'));
  });
});
