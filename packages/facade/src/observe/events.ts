import type { SoapEvent } from '@ecgrid-bridge/soap';
import type { RestEvent } from '@ecgrid-bridge/rest';
import type { FacadeErrorCode } from '../errors.js';
import type { BackendName, FacadeOperation } from '../operations.js';
import type { BreakerState } from '../routing/breaker.js';
import type { Plan } from '../routing/plan.js';

/**
 * The facade's one event stream. A facade call opens with `call-start` and closes with `call-end`; between them,
 * each backend that serves it reports a `call`, and every HTTP request it sends an `http` event, all with the same
 * `callId`. A parity candidate that runs after the caller has its answer reports after `call-end`, with the same
 * `callId`. Events never carry parameters, results, headers or secrets.
 */
export type FacadeEvent =
  | { type: 'call-start'; callId: string; operation: FacadeOperation }
  | { type: 'call-end'; callId: string; operation: FacadeOperation; ok: boolean; durationMs: number; code?: FacadeErrorCode | 'Internal' }
  /** One backend serving (part of) a call. */
  | { type: 'call'; callId?: string; operation: FacadeOperation; plan: Plan['kind']; backend: BackendName; ok: boolean; durationMs: number; code?: string }
  | { type: 'fallback'; callId?: string; operation: FacadeOperation; from: 'rest'; to: 'soap'; code: string }
  | { type: 'breaker'; state: BreakerState }
  /** An event of the SOAP client or session (request, response, fault, login, relogin, logout). */
  | { type: 'http'; callId?: string; backend: 'soap'; event: SoapEvent }
  /** An event of the REST client (request, response, retry, refresh, login). */
  | { type: 'http'; callId?: string; backend: 'rest'; event: RestEvent };
