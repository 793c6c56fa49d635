import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The gateway's Prometheus metrics, on a registry of its own (several gateways may share a process). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'ecgrid_gateway_requests_total',
    help: 'SOAP requests answered, by operation, SOAP version and outcome (ok or the ECGridOS fault category)',
    labelNames: ['operation', 'soap_version', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'ecgrid_gateway_request_duration_seconds',
    help: 'Time from a SOAP request read to its answer written, by operation',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly calls = new Counter({
    name: 'ecgrid_gateway_backend_calls_total',
    help: 'Facade calls by operation, backend that served them and outcome (ok or the facade error code)',
    labelNames: ['operation', 'backend', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly callSeconds = new Histogram({
    name: 'ecgrid_gateway_backend_call_duration_seconds',
    help: 'Facade call latency by operation and backend',
    labelNames: ['operation', 'backend'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly parity = new Counter({
    name: 'ecgrid_gateway_parity_total',
    help: 'Parity comparisons by operation and outcome (match, mismatch, both-error, …)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly relogins = new Counter({
    name: 'ecgrid_gateway_backend_relogins_total',
    help: 'Backend sessions renewed inside the gateway: SOAP re-logins after a session fault, REST token renewals',
    labelNames: ['backend'] as const,
    registers: [this.registry],
  });
  readonly fallbacks = new Counter({
    name: 'ecgrid_gateway_fallbacks_total',
    help: 'Calls that fell back from REST to SOAP, by operation and the REST error code',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  readonly breakerOpen = new Gauge({
    name: 'ecgrid_gateway_breaker_open',
    help: 'Sessions whose REST circuit breaker is open or half-open (calls go straight to SOAP)',
    registers: [this.registry],
  });
  readonly breakerTransitions = new Counter({
    name: 'ecgrid_gateway_breaker_transitions_total',
    help: 'REST circuit breaker state changes, by the state entered',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly sessions = new Gauge({
    name: 'ecgrid_gateway_sessions',
    help: 'Client sessions with open backend sessions in this process',
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: 'ecgrid_gateway_in_flight_requests',
    help: 'SOAP requests being served',
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: 'ecgrid_gateway_refused_total',
    help: 'Requests refused before dispatch, by reason (body-too-large, malformed, timeout, shutting-down, …)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'ecgrid_gateway_' });
  }
}
