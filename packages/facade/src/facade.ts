import { ConfigurationError, type CredentialStore, type EventListener, Redactor, type RequestHook, readEnvConfig } from '@ecgrid-bridge/core';
import type { Tracer } from '@opentelemetry/api';
import type { SoapCredentials } from '@ecgrid-bridge/soap';
import { type Backend, type InvokeOptions, sessionResultOf } from './backends/backend.js';
import { type RestPort, createRestBackend } from './backends/rest-backend.js';
import { type RestPortOptions, createRestPort } from './backends/rest-port.js';
import { type SoapBackendOptions, createSoapBackend } from './backends/soap-backend.js';
import { FacadeError, NotAvailableOnBackendError } from './errors.js';
import { MAPPINGS } from './mapping/index.js';
import { normalizeError } from './normalize-error.js';
import type { FacadeEvent } from './observe/events.js';
import type { Logger } from './observe/logger.js';
import { CallObserver } from './observe/observer.js';
import {
  type BackendName,
  FACADE_OPERATIONS,
  type FacadeOperation,
  type FacadeParams,
  type FacadeResult,
  isFacadeOperation,
} from './operations.js';
import { CandidateTimeout, type ExperimentInput, ParityRunner, type ParityOptions, comparesDownloads } from './parity/experiment.js';
import type { MismatchRecord } from './parity/record.js';
import { type OperationSummary, ParitySummary } from './parity/summary.js';
import { type BreakerOptions, isOpenCircuit, restBreaker } from './routing/breaker.js';
import { mayFallBack } from './routing/fallback.js';
import {
  type MigrationStage,
  type Plan,
  type Route,
  type RoutingConfig,
  answeringBackends,
  backendsInUse,
  planCall,
  validateRouting,
} from './routing/plan.js';
import { defaultStickyKey } from './routing/sticky-key.js';

export interface FacadeCallOptions extends InvokeOptions {
  /** The rollout key; calls with the same key always land on the same backend (default: operation + parameters). */
  stickyKey?: string | undefined;
  /** Correlation data of the caller's own (a job ID, say), copied into the call's parity record. */
  context?: Record<string, unknown> | undefined;
}

export type { FacadeEvent };

export interface FacadeOptions {
  /** Route of every operation not configured otherwise; default `ECGRID_BACKEND`, else `soap`. */
  backend?: Route | undefined;
  /** Credentials for both backends; default from `ECGrid__ApiKey`, or `ECGrid__Email` and `ECGrid__Password`. */
  credentials?: SoapCredentials | undefined;
  /**
   * Where the SOAP SessionID and the REST JWT session live. Default: this facade alone. A shared store
   * (`@ecgrid-bridge/redis-store`) gives every process one session per backend, renewed once for all; `close()` then
   * leaves the shared sessions to the other processes, and `Logout` ends them for everyone.
   */
  credentialStore?: CredentialStore | undefined;
  soap?: Omit<SoapBackendOptions, 'credentials'> | undefined;
  /** The REST side: client options (base URL, timeouts, an auth strategy), or a ready port. */
  rest?: Omit<RestPortOptions, 'credentials'> | { port: RestPort } | undefined;
  routes?: Partial<Record<FacadeOperation, Route>> | undefined;
  rollout?: Partial<Record<FacadeOperation, number>> | undefined;
  stages?: Partial<Record<FacadeOperation, MigrationStage>> | undefined;
  /**
   * REST → SOAP fallback on outages (network, 5xx, not available); never on 4xx or an unknown upload outcome. With
   * fallback on, a circuit breaker sends calls straight to SOAP after repeated REST outages (`true`: 5 in a row,
   * retried after 30 s; or `{ failures, halfOpenAfterMs }`).
   */
  fallback?: boolean | BreakerOptions | undefined;
  parity?: ParityOptions | undefined;
  /** The one event stream: call start and end, each backend's part, fallbacks, the breaker, every HTTP request. */
  onEvent?: EventListener<FacadeEvent> | undefined;
  /** A pino-compatible logger; each event becomes one line (see `logEvent`). Nothing secret is logged. */
  logger?: Logger | undefined;
  /** OpenTelemetry tracer for the call and backend spans; default the global provider's (a no-op without an SDK). */
  tracer?: Tracer | undefined;
  /** Adds headers to every SOAP and REST request (the W3C trace context is added already when an SDK propagates it). */
  requestHook?: RequestHook | undefined;
  env?: Record<string, string | undefined> | undefined;
  /** Ready-made backends, mainly for tests. */
  backends?: Partial<Record<BackendName, Backend>> | undefined;
}

type Method<Op extends FacadeOperation> = object extends FacadeParams<Op>
  ? (params?: FacadeParams<Op>, options?: FacadeCallOptions) => Promise<FacadeResult<Op>>
  : (params: FacadeParams<Op>, options?: FacadeCallOptions) => Promise<FacadeResult<Op>>;

/** The legacy interface: one method per ECGridOS operation, SOAP parameters without the SessionID, SOAP-shaped results. */
export type EcgridOperations = { readonly [Op in FacadeOperation]: Method<Op> };

export interface EcgridFacade extends EcgridOperations {
  /** Call an operation by name (for tools that take the name as data). */
  invoke<Op extends FacadeOperation>(operation: Op, params: FacadeParams<Op>, options?: FacadeCallOptions): Promise<FacadeResult<Op>>;
  /** Runs a read on both backends now, waits for both, and returns the comparison record (match or not). */
  compare<Op extends FacadeOperation>(operation: Op, params: FacadeParams<Op>): Promise<MismatchRecord>;
  /** Per-operation parity counts and latencies so far. */
  paritySummary(): OperationSummary[];
  /** The most recent parity records, oldest first, matches included (bounded by `parity.keepRecords`). */
  parityRecords(): MismatchRecord[];
  /** Resolves when background parity comparisons have been published and a candidate-only Login or Logout has settled. */
  parityIdle(): Promise<void>;
  /** Logs out of every backend session and releases connections; never throws. */
  close(): Promise<void>;
}

/** Every route a call can take; `ECGRID_BACKEND` and `backend` name one of them. */
export const ROUTES: readonly Route[] = ['soap', 'rest', 'parity', 'rest-fallback-soap'];

/** Builds the facade: the same calls, served by SOAP, REST, or both, as configured. */
export function createEcgridFacade(options: FacadeOptions = {}): EcgridFacade {
  const env = readEnvConfig(options.env);
  const defaultRoute = options.backend ?? (env.backend as Route | undefined) ?? 'soap';
  if (!ROUTES.includes(defaultRoute)) {
    throw new ConfigurationError(`unknown backend "${defaultRoute}"; expected one of ${ROUTES.join(', ')}`);
  }
  const routing: RoutingConfig = {
    default: defaultRoute,
    routes: options.routes ?? {},
    rollout: options.rollout ?? {},
    stages: options.stages ?? {},
    fallback: options.fallback !== undefined && options.fallback !== false,
    authoritative: options.parity?.authoritative ?? 'soap',
  };
  validateRouting(routing);
  const used = backendsInUse(routing);
  const answering = answeringBackends(routing);
  const observer = new CallObserver(options);
  const breaker = restBreaker(typeof options.fallback === 'object' ? options.fallback : {}, (state) => observer.breaker(state));
  const redactor = new Redactor();
  const credentials = options.credentials ?? credentialsFromEnv(env);
  if (credentials) redactor.add('apiKey' in credentials ? credentials.apiKey : credentials.password);

  const backends: Partial<Record<BackendName, Backend>> = { ...options.backends };
  if (!backends.soap && used.has('soap')) {
    backends.soap = createSoapBackend({
      ...options.soap,
      endpoint: options.soap?.endpoint ?? env.soapUrl,
      credentials,
      redactor,
      credentialStore: options.soap?.credentialStore ?? options.credentialStore,
      onEvent: observer.soapListener(options.soap?.onEvent),
      requestHook: observer.requestHook(options.requestHook, options.soap?.requestHook),
    });
  }
  if (!backends.rest && used.has('rest')) {
    const rest = options.rest ?? {};
    backends.rest = createRestBackend(
      'port' in rest ? rest.port : createRestPort({
            ...rest,
            baseUrl: rest.baseUrl ?? env.restUrl,
            credentials,
            env: options.env,
            credentialStore: rest.credentialStore ?? options.credentialStore,
            onEvent: observer.restListener(rest.onEvent),
            requestHook: observer.requestHook(options.requestHook, rest.requestHook),
          }),
    );
  }
  const backend = (name: BackendName): Backend => {
    const b = backends[name];
    if (!b) throw new ConfigurationError(`no ${name.toUpperCase()} backend is configured`);
    return b;
  };

  const summary = new ParitySummary();
  const toFacadeError = (err: unknown, side: BackendName, operation = 'parity'): FacadeError =>
    err instanceof CandidateTimeout
      ? new FacadeError({ operation, backend: side, code: 'Timeout', backendCode: 'parity-timeout', httpStatus: 0, message: err.message })
      : normalizeError(err, operation, side);
  const parity = new ParityRunner(options.parity ?? {}, summary, redactor, toFacadeError, () => observer.callId());

  const ignoredFor = (operation: FacadeOperation): string[] => {
    const entry = MAPPINGS[operation];
    return [...(entry.rest ? entry.rest.lossy : []), ...(options.parity?.ignore?.[operation] ?? [])];
  };

  /**
   * One parity run of a read or a download, whichever side is authoritative. A download's SOAP candidate is the
   * entry's no-update twin, so the candidate never changes the file's state; REST as the candidate uses the
   * operation's own route. `run` serves one side's call.
   */
  function experiment<Op extends FacadeOperation>(
    operation: Op,
    args: FacadeParams<Op>,
    authoritative: BackendName,
    run: <Served extends FacadeOperation>(side: BackendName, served: Served, params: FacadeParams<Served>) => Promise<FacadeResult<Served>>,
  ): ExperimentInput<FacadeResult<Op>> {
    const entry = MAPPINGS[operation];
    const candidate: BackendName = authoritative === 'soap' ? 'rest' : 'soap';
    const download = entry.download;
    const twin = download?.soapNoUpdate;
    return {
      operation,
      args,
      authoritative,
      control: () => run(authoritative, operation, args),
      // The twin takes the operation's parameters and answers its result: the builder checks it (StandIn).
      candidate: () =>
        candidate === 'soap' && twin ? (run('soap', twin, args as FacadeParams<typeof twin>) as Promise<FacadeResult<Op>>) : run(candidate, operation, args),
      ignore: ignoredFor(operation),
      orderBy: entry.orderBy,
      sensitive: entry.sensitive === true,
      file: download
        ? { id: idOf(Reflect.get(args, download.id)), name: download.name, content: download.content, encoding: download.encoding }
        : undefined,
    };
  }

  const timed = <T>(operation: FacadeOperation, plan: Plan['kind'], side: BackendName, run: () => Promise<T>): Promise<T> =>
    observer.side(operation, plan, side, run);

  function invoke<Op extends FacadeOperation>(
    operation: Op,
    params: FacadeParams<Op>,
    callOptions: FacadeCallOptions = {},
  ): Promise<FacadeResult<Op>> {
    if (!isFacadeOperation(operation)) {
      return Promise.reject(new ConfigurationError(`unknown operation ${String(operation)}; the facade serves ${FACADE_OPERATIONS.join(', ')}`));
    }
    return observer.call(operation, () => serve(operation, params, callOptions));
  }

  async function serve<Op extends FacadeOperation>(operation: Op, params: FacadeParams<Op>, callOptions: FacadeCallOptions): Promise<FacadeResult<Op>> {
    const args = (params ?? {}) as FacadeParams<Op>;
    const entry = MAPPINGS[operation];
    const call = (side: BackendName) => () => backend(side).invoke(operation, args, callOptions);

    if (entry.kind === 'login' || entry.kind === 'logout') {
      // A side that only ever runs as a parity candidate opens and ends its session on its own time: a failure there
      // (a REST outage during Login in the shadow stage, say) goes to the parity records, never to the caller. Its
      // backend logs in lazily on the first candidate call if this did not succeed.
      const sides = [...used].filter((s) => backends[s]);
      const candidateOnly = sides.filter((s) => !answering.has(s));
      for (const side of candidateOnly) {
        parity.background(timed(operation, 'single', side, call(side)).then(
          () => undefined,
          (err: unknown) => parity.candidateSessionFailed(operation, side, err),
        ));
      }
      const results = await Promise.all(sides.filter((s) => answering.has(s)).map((side) => timed(operation, 'single', side, call(side))));
      return results[0] ?? sessionResultOf(operation);
    }

    const plan = planCall(routing, operation, callOptions.stickyKey ?? (() => defaultStickyKey(operation, args)));
    switch (plan.kind) {
      case 'single':
        return timed(operation, plan.kind, plan.backend, call(plan.backend));
      case 'fallback':
        try {
          return await breaker.execute(() => timed(operation, plan.kind, 'rest', call('rest')));
        } catch (err) {
          if (isOpenCircuit(err)) {
            observer.fallback(operation, 'CircuitOpen');
            return timed(operation, plan.kind, 'soap', call('soap'));
          }
          const error = err instanceof FacadeError ? err : normalizeError(err, operation, 'rest');
          if (!mayFallBack(error)) throw error;
          observer.fallback(operation, error.code);
          return timed(operation, plan.kind, 'soap', call('soap'));
        }
      case 'parity': {
        const authoritative = plan.authoritative;
        if (entry.rest === null) {
          // Nothing to compare: SOAP serves it whichever side is authoritative, and the record says so.
          return parity.runSingle(operation, args, 'soap', () => timed(operation, 'parity', 'soap', call('soap')), 'soap-only', callOptions.context);
        }
        if (entry.kind === 'write') {
          return parity.runSingle(operation, args, authoritative, () => timed(operation, 'parity', authoritative, call(authoritative)), 'write-not-doubled', callOptions.context);
        }
        if (entry.kind === 'download' && !comparesDownloads(options.parity ?? {}, operation)) {
          return parity.runSingle(operation, args, authoritative, () => timed(operation, 'parity', authoritative, call(authoritative)), 'not-compared', callOptions.context);
        }
        return parity.run({
          ...experiment(operation, args, authoritative, (side, served, params) =>
            timed(served, 'parity', side, () => backend(side).invoke(served, params, callOptions)),
          ),
          context: callOptions.context,
        });
      }
    }
  }

  function compare<Op extends FacadeOperation>(operation: Op, params: FacadeParams<Op>): Promise<MismatchRecord> {
    return observer.call(operation, () => compareNow(operation, params));
  }

  async function compareNow<Op extends FacadeOperation>(operation: Op, params: FacadeParams<Op>): Promise<MismatchRecord> {
    const entry = MAPPINGS[operation];
    if (entry.kind !== 'read' && entry.kind !== 'download') throw new NotAvailableOnBackendError(operation, 'rest', 'only reads and downloads are compared');
    if (entry.rest === null) throw new NotAvailableOnBackendError(operation, 'rest', entry.noRestReason ?? 'no REST route');
    let captured: MismatchRecord | undefined;
    const runner = new ParityRunner(
      { ...options.parity, waitForCandidate: true, publishMatches: true, publish: (r) => void (captured = r) },
      summary,
      redactor,
      toFacadeError,
      () => observer.callId(),
    );
    await runner
      .run(experiment(operation, params, routing.authoritative, (side, served, args) => timed(served, 'parity', side, () => backend(side).invoke(served, args))))
      .catch(() => undefined);
    if (!captured) throw new FacadeError({ operation, backend: routing.authoritative, code: 'Internal', backendCode: undefined, httpStatus: 0, message: 'the comparison produced no record' });
    return captured;
  }

  const methods: Record<string, unknown> = Object.fromEntries(
    FACADE_OPERATIONS.map((op) => [op, (params?: FacadeParams<typeof op>, o?: FacadeCallOptions) => invoke(op, params ?? ({} as FacadeParams<typeof op>), o)]),
  );
  if (!hasEveryOperation(methods)) throw new Error('the facade lacks a method for an operation');

  return {
    ...methods,
    invoke,
    compare,
    paritySummary: () => summary.get(),
    parityRecords: () => parity.records(),
    parityIdle: () => parity.idle(),
    async close() {
      await parity.idle();
      await Promise.all(Object.values(backends).map((b) => b?.close().catch(() => undefined)));
    },
  };
}

/** The value naming a downloaded file (the parcel ID), as the record shows it. */
function idOf(value: unknown): string | number | null {
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

/** Every WSDL operation is a function of the object: what the legacy interface promises. */
function hasEveryOperation(methods: Record<string, unknown>): methods is Record<string, unknown> & EcgridOperations {
  return FACADE_OPERATIONS.every((op) => typeof methods[op] === 'function');
}

function credentialsFromEnv(env: ReturnType<typeof readEnvConfig>): SoapCredentials | undefined {
  if (env.apiKey) return { apiKey: env.apiKey };
  if (env.email && env.password) return { loginName: env.email, password: env.password };
  return undefined;
}
