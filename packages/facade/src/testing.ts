import type { EcgridFacade } from './facade.js';
import type { FacadeOperation, FacadeParams } from './operations.js';
import type { MismatchRecord } from './parity/record.js';

/** Thrown by `expectParity` with a readable list of what differed. */
export class ParityAssertionError extends Error {
  constructor(readonly record: MismatchRecord) {
    super(describe(record));
    this.name = 'ParityAssertionError';
  }
}

function describe(record: MismatchRecord): string {
  const lines = [`${record.operation}: ${record.outcome} (authoritative: ${record.authoritative})`];
  const file = record.file;
  if (file && file.verdict === 'different') lines.push(`  file ${file.id}: ${file.differs.join(', ')} differ${file.differs.length === 1 ? 's' : ''}`);
  for (const d of record.differences) {
    lines.push(`  ${d.path}: ${JSON.stringify(d.control)} (${record.control.backend}) ≠ ${JSON.stringify(d.candidate)} (${record.candidate?.backend})`);
  }
  for (const o of [record.control, record.candidate]) {
    if (o && !o.ok) lines.push(`  ${o.backend} failed: ${o.error?.code} ${o.error?.message}`);
  }
  return lines.join('\n');
}

/**
 * Asserts that both backends give the same SOAP-shaped answer to a read (fields one backend cannot provide are
 * left out). Works in any test runner: it throws on a difference and returns the record otherwise.
 */
export async function expectParity<Op extends FacadeOperation>(
  facade: EcgridFacade,
  operation: Op,
  params: FacadeParams<Op>,
): Promise<MismatchRecord> {
  const record = await facade.compare(operation, params);
  if (record.outcome !== 'match') throw new ParityAssertionError(record);
  return record;
}
