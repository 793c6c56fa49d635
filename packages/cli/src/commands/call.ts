import type { Writable } from 'node:stream';
import { readEnvConfig } from '@ecgrid-bridge/core';
import { ROUTES, type Route, createEcgridFacade } from '@ecgrid-bridge/facade';
import { operationFrom, parseParams, UsageError } from '../params.js';
import { isTerminal, toDisplayJson, waitingLine } from '../output.js';
import { type TargetFlags, openTarget } from '../target.js';

export interface CallOptions extends TargetFlags {
  /** Default: `ECGRID_BACKEND`, else `soap`. */
  backend?: string | undefined;
  /** Bounds the whole call, on each backend, in milliseconds. */
  timeoutMs?: number | undefined;
}

/** The route a command runs on: the flag, else `ECGRID_BACKEND`, else SOAP; anything else is bad usage. */
export function routeFrom(flag: string | undefined, env: Record<string, string | undefined>): Route {
  const fromEnv = readEnvConfig(env).backend;
  const name = flag ?? fromEnv ?? 'soap';
  const route = ROUTES.find((r) => r === name);
  if (!route) {
    const source = flag === undefined ? 'ECGRID_BACKEND' : '--backend';
    throw new UsageError(`${source} must be one of ${ROUTES.join(', ')}, got "${name}".`);
  }
  return route;
}

/**
 * Calls one facade operation and prints its SOAP-shaped result as JSON (and the differences in parity mode). On a
 * terminal, a line shows the time spent waiting until the answer comes; it is erased before the result is printed.
 */
export async function runCall(operationName: string, pairs: readonly string[], options: CallOptions, out: Writable, env = process.env): Promise<number> {
  const operation = operationFrom(operationName);
  const backend = routeFrom(options.backend, env);
  const params = parseParams(operation, pairs);
  const target = await openTarget(options, env);
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const facade = createEcgridFacade({
    backend,
    credentials: target.credentials,
    soap: { endpoint: target.soapUrl, allowInsecureHttp: target.allowInsecureHttp.soap, ...timeout },
    rest: { baseUrl: target.restUrl, allowInsecureHttp: target.allowInsecureHttp.rest, ...timeout },
    parity: options.timeoutMs === undefined ? {} : { candidateTimeoutMs: options.timeoutMs },
    env,
  });
  const stop = isTerminal(out) ? waitingLine(out, `${operation} on ${backend}`) : () => undefined;
  try {
    if (backend === 'parity') {
      const record = await facade.compare(operation, params as never).finally(stop);
      out.write(`${toDisplayJson({ outcome: record.outcome, authoritative: record.authoritative, control: record.control, candidate: record.candidate, differences: record.differences, ignored: record.ignored, ...(record.file ? { file: record.file } : {}) })}\n`);
      return record.outcome === 'match' ? 0 : 1;
    }
    const result = await facade.invoke(operation, params as never, timeout).finally(stop);
    out.write(`${toDisplayJson(result)}\n`);
    return 0;
  } finally {
    stop();
    await facade.close();
    await target.close();
  }
}
