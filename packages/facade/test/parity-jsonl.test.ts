import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type MismatchRecord, createEcgridFacade, jsonlParityExporter } from '../src/index.js';
import { fakeBackend } from './fakes.js';

const mailbox = (description: string) => ({ MailboxID: 7, NetworkID: 1, Description: description, Created: new Date('2026-01-01T00:00:00Z') });

describe('the JSON Lines exporter of parity records', () => {
  it('appends one parsable record per line, matches and mismatches alike, with masked credentials', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ecgrid-jsonl-')), 'nested', 'parity.jsonl');
    const exporter = jsonlParityExporter(file);
    let description = 'Acme';
    const facade = createEcgridFacade({
      backend: 'parity',
      backends: {
        soap: fakeBackend('soap', { MailboxInfo: () => mailbox('Acme'), UserGetAPIKey: () => 'soap-secret-key' }).backend,
        rest: fakeBackend('rest', { MailboxInfo: () => mailbox(description), UserGetAPIKey: () => 'soap-secret-key' }).backend,
      },
      parity: { waitForCandidate: true, publishMatches: true, publish: exporter.publish },
    });
    await facade.MailboxInfo({ MailboxID: 7 });
    description = 'Tampered';
    await facade.MailboxInfo({ MailboxID: 7 });
    await facade.UserGetAPIKey({ UserID: 1 });
    await facade.close();
    await exporter.close();

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const records = lines.map((l) => JSON.parse(l) as MismatchRecord);
    expect(records.map((r) => [r.operation, r.outcome])).toEqual([
      ['MailboxInfo', 'match'],
      ['MailboxInfo', 'mismatch'],
      ['UserGetAPIKey', 'match'],
    ]);
    expect(records[1]?.differences).toEqual([{ path: 'Description', kind: 'changed', control: 'Acme', candidate: 'Tampered' }]);
    expect(readFileSync(file, 'utf8')).not.toContain('soap-secret-key');

    // A second exporter on the same file appends.
    const again = jsonlParityExporter(file);
    again.publish(records[0]!);
    await again.close();
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(4);
  });
});
