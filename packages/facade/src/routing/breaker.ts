import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { FacadeError } from '../errors.js';
import { mayFallBack } from './fallback.js';

export interface BreakerOptions {
  /** Consecutive REST outages that open the circuit (default 5). */
  failures?: number | undefined;
  /** How long the circuit stays open before one call may try REST again (default 30 s). */
  halfOpenAfterMs?: number | undefined;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

const STATES: Readonly<Record<CircuitState, BreakerState>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * An outage counts against REST; an operation REST cannot serve does not (it is the same every time, not a sign of
 * a failing service), and neither does anything SOAP would refuse as well.
 */
const isOutage = (err: unknown): boolean => err instanceof FacadeError && err.code !== 'NotAvailableOnBackend' && mayFallBack(err);

/** Says whether a REST call was skipped because the circuit is open. */
export const isOpenCircuit = (err: unknown): boolean => err instanceof BrokenCircuitError;

/**
 * The circuit breaker in front of REST when fallback is on: after repeated outages, calls go straight to SOAP for a
 * while instead of paying a timeout each, then one call tries REST again.
 */
export function restBreaker(options: BreakerOptions, onState: (state: BreakerState) => void) {
  const policy = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
    breaker: new ConsecutiveBreaker(options.failures ?? 5),
  });
  policy.onStateChange((state) => onState(STATES[state]));
  return {
    execute: <T>(call: () => Promise<T>): Promise<T> => policy.execute(call),
    state: (): BreakerState => STATES[policy.state],
  };
}
