import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_DIR, OUTPUT_DIR, endpointName, readSources, renderCatalog } from '../../../scripts/generate-catalog.js';
import { ENDPOINTS, REST_EQUIVALENTS, RESPONSE_EXAMPLES, fillPath, PathValueError } from '../src/index.js';

const hasCatalog = existsSync(DEFAULT_CATALOG_DIR);
if (!hasCatalog) console.warn(`The catalogue regeneration check is skipped: ${DEFAULT_CATALOG_DIR} is absent.`);

describe('the endpoint table', () => {
  it('names each of the 119 documented endpoints once, by group and page', () => {
    expect(Object.keys(ENDPOINTS)).toHaveLength(119);
    for (const [name, spec] of Object.entries(ENDPOINTS)) {
      expect(name).toBe(endpointName(spec.group, spec.page));
      expect(spec.path).toMatch(/^\/v2(\/|$)/);
    }
    expect(endpointName('parcels', 'rest-api/parcels/get-parcel.md')).toBe('parcels.get');
    expect(endpointName('carbon-copies', 'rest-api/carbon-copies/list-carbon-copies.md')).toBe('carbonCopies.list');
    expect(endpointName('mailboxes', 'rest-api/mailboxes/x12-delimiters.md')).toBe('mailboxes.x12Delimiters');
  });

  it('says how listings page, from their documented body and answer', () => {
    expect(ENDPOINTS['parcels.inboxList'].paging).toEqual({ list: { kind: 'array' }, defaultPageSize: 25, maxPageSize: null });
    expect(ENDPOINTS['mailboxes.list'].paging).toEqual({ list: { kind: 'wrapped', key: 'mailboxes' }, defaultPageSize: null, maxPageSize: 500 });
    expect(ENDPOINTS['parcels.get'].paging).toBeNull();
  });

  it('maps 168 of the 221 operations to a documented endpoint', () => {
    const all = Object.values(REST_EQUIVALENTS);
    expect(all).toHaveLength(221);
    expect(all.filter((e) => e.endpoint !== null)).toHaveLength(168);
    for (const e of all) if (e.endpoint !== null) expect(ENDPOINTS).toHaveProperty([e.endpoint]);
  });

  it('keeps the documented example answers', () => {
    expect(RESPONSE_EXAMPLES['parcels.confirmDownload']).toBe(true);
    expect(RESPONSE_EXAMPLES['mailboxes.get']).toMatchObject({ mailboxId: 5001, companyName: 'Acme Mailbox One' });
  });

  it('fills path templates with encoded values and refuses a missing one', () => {
    expect(fillPath('/v2/parcels/{id}', { id: 'a/b' })).toBe('/v2/parcels/a%2Fb');
    expect(() => fillPath('/v2/parcels/{id}', {})).toThrow(PathValueError);
  });
});

describe.skipIf(!hasCatalog)(`the generated catalogue${hasCatalog ? '' : ' (skipped: the API catalogue is absent)'}`, () => {
  it('is reproduced byte for byte from the vendor-documentation catalogue', () => {
    for (const [name, text] of renderCatalog(readSources(DEFAULT_CATALOG_DIR))) {
      expect(readFileSync(resolve(OUTPUT_DIR, name), 'utf8'), name).toBe(text);
    }
  });
});
