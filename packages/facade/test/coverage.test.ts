import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '@ecgrid-bridge/soap';
import { ENDPOINTS, FACADE_OPERATIONS, MAPPINGS, REST_EQUIVALENTS, coverageMarkdown, coverageRows } from '../src/index.js';

describe('coverage', () => {
  it('has one row per WSDL operation, every one served on SOAP', () => {
    const rows = coverageRows();
    expect(rows.map((r) => r.operation)).toEqual(Object.keys(OPERATIONS));
    expect(rows).toHaveLength(221);
    expect(FACADE_OPERATIONS).toEqual(Object.keys(OPERATIONS));
    for (const r of rows) {
      expect(r.soap).toBe(true);
      if (r.rest === null) expect(r.note.length).toBeGreaterThan(10);
      else expect(r.verifiedBy).toContain('documented request fields');
    }
  });

  it('routes each operation to the endpoint the documentation names, or says why not', () => {
    for (const op of FACADE_OPERATIONS) {
      const docs = REST_EQUIVALENTS[op];
      const rest = MAPPINGS[op].rest;
      if (rest !== null) expect(rest.endpoint, op).toBe(docs.endpoint);
      else expect(MAPPINGS[op].noRestReason, op).toBeTruthy();
    }
  });

  it('renders a markdown table with the route, the lossy fields and what verified it', () => {
    const md = coverageMarkdown();
    expect(md).toMatch(/^221 WSDL operations, all served on SOAP; \d+ also on REST, \d+ on SOAP only\./);
    expect(md).toMatch(/\| SessionLog \| read \| SOAP only \| the REST API has no session log/);
    const mailbox = ENDPOINTS['mailboxes.get'];
    expect(md).toContain(`| MailboxInfo | read | \`${mailbox.method} ${mailbox.path}\``);
    expect(md).toMatch(/\| MailboxInfo \|.*Name.*\| documented request fields; documented example \(rest-api\/mailboxes\/get-mailbox\.md\) \|/);
  });
});
