import type { Writable } from 'node:stream';
import { type Route, createEcgridFacade } from '@ecgrid-bridge/facade';
import { operationFrom, parseParams, UsageError } from '../params.js';
import { toDisplayJson } from '../output.js';
import { type TargetFlags, openTarget } from '../target.js';

export interface CallOptions extends TargetFlags {
  backend: string;
}

const BACKENDS = ['soap', 'rest', 'parity'] as const;

/** Calls one facade operation and prints its SOAP-shaped result as JSON (and the differences in parity mode). */
export async function runCall(operationName: string, pairs: readonly string[], options: CallOptions, out: Writable, env = process.env): Promise<number> {
  const operation = operationFrom(operationName);
  if (!(BACKENDS as readonly string[]).includes(options.backend)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got "${options.backend}".`);
  }
  const params = parseParams(operation, pairs);
  const target = await openTarget(options, env);
  const facade = createEcgridFacade({
    backend: options.backend as Route,
    credentials: target.credentials,
    soap: { endpoint: target.soapUrl },
    rest: { baseUrl: target.restUrl },
    env,
  });
  try {
    if (options.backend === 'parity') {
      const record = await facade.compare(operation, params as never);
      out.write(`${toDisplayJson({ outcome: record.outcome, authoritative: record.authoritative, control: record.control, candidate: record.candidate, differences: record.differences, ignored: record.ignored, ...(record.file ? { file: record.file } : {}) })}\n`);
      return record.outcome === 'match' ? 0 : 1;
    }
    const result = await facade.invoke(operation, params as never);
    out.write(`${toDisplayJson(result)}\n`);
    return 0;
  } finally {
    await facade.close();
    await target.close();
  }
}
