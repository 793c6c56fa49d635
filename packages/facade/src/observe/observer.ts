import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { type Context, type Span, SpanKind, SpanStatusCode, type Tracer, context, propagation, trace } from '@opentelemetry/api';
import { type EventListener, type RequestHook, emitSafely } from '@ecgrid-bridge/core';
import type { RestEvent } from '@ecgrid-bridge/rest';
import type { SoapEvent } from '@ecgrid-bridge/soap';
import { FacadeError } from '../errors.js';
import type { BackendName, FacadeOperation } from '../operations.js';
import type { BreakerState } from '../routing/breaker.js';
import type { Plan } from '../routing/plan.js';
import type { FacadeEvent } from './events.js';
import { type Logger, logEvent } from './logger.js';

export interface ObserverOptions {
  onEvent?: EventListener<FacadeEvent> | undefined;
  logger?: Logger | undefined;
  /** Default: the global tracer provider's (a no-op until an OpenTelemetry SDK is registered). */
  tracer?: Tracer | undefined;
}

/** The facade call a piece of work belongs to, carried through every await it makes. */
interface CallScope {
  readonly callId: string;
  /** The innermost span: the call's, or the backend's serving it. */
  readonly otel: Context;
}

const TRACER_NAME = '@ecgrid-bridge/facade';

/**
 * One place where a facade call becomes events, log lines and spans. Every HTTP request a call sends runs inside
 * the call's scope (AsyncLocalStorage), so the SOAP and REST clients' events and request hooks learn its `callId`
 * and span without being told.
 */
export class CallObserver {
  readonly #scope = new AsyncLocalStorage<CallScope>();
  readonly #tracer: Tracer;

  constructor(private readonly options: ObserverOptions) {
    this.#tracer = options.tracer ?? trace.getTracer(TRACER_NAME);
  }

  emit(event: FacadeEvent): void {
    emitSafely(this.options.onEvent, event);
    if (this.options.logger) {
      try {
        logEvent(this.options.logger, event);
      } catch {
        // A failing logger must not change the outcome of a call.
      }
    }
  }

  callId(): string | undefined {
    return this.#scope.getStore()?.callId;
  }

  /** Runs one facade call: `call-start`, a span named after the operation, `call-end`. */
  async call<T>(operation: FacadeOperation, run: () => Promise<T>): Promise<T> {
    const callId = randomUUID();
    const span = this.#tracer.startSpan(`ecgrid ${operation}`, {
      kind: SpanKind.INTERNAL,
      attributes: { 'ecgrid.operation': operation, 'ecgrid.call_id': callId },
    });
    const otel = trace.setSpan(context.active(), span);
    const started = performance.now();
    this.emit({ type: 'call-start', callId, operation });
    try {
      const value = await this.#scope.run({ callId, otel }, () => context.with(otel, run));
      this.emit({ type: 'call-end', callId, operation, ok: true, durationMs: performance.now() - started });
      span.end();
      return value;
    } catch (err) {
      const code = err instanceof FacadeError ? err.code : 'Internal';
      this.emit({ type: 'call-end', callId, operation, ok: false, durationMs: performance.now() - started, code });
      failed(span, code);
      span.end();
      throw err;
    }
  }

  /** Runs one backend's part of a call: a `call` event and a client span under the call's. */
  async side<T>(operation: FacadeOperation, plan: Plan['kind'], backend: BackendName, run: () => Promise<T>): Promise<T> {
    const parent = this.#scope.getStore();
    const span = this.#tracer.startSpan(
      `ecgrid ${operation} ${backend}`,
      { kind: SpanKind.CLIENT, attributes: { 'ecgrid.operation': operation, 'ecgrid.backend': backend, 'ecgrid.plan': plan, ...(parent ? { 'ecgrid.call_id': parent.callId } : {}) } },
      parent?.otel ?? context.active(),
    );
    const otel = trace.setSpan(parent?.otel ?? context.active(), span);
    const callId = parent?.callId ?? randomUUID();
    const started = performance.now();
    try {
      const value = await this.#scope.run({ callId, otel }, () => context.with(otel, run));
      this.emit({ type: 'call', callId, operation, plan, backend, ok: true, durationMs: performance.now() - started });
      span.end();
      return value;
    } catch (err) {
      const code = err instanceof FacadeError ? err.code : 'Internal';
      this.emit({ type: 'call', callId, operation, plan, backend, ok: false, durationMs: performance.now() - started, code });
      failed(span, code);
      span.end();
      throw err;
    }
  }

  fallback(operation: FacadeOperation, code: string): void {
    const callId = this.callId();
    this.emit({ type: 'fallback', ...(callId ? { callId } : {}), operation, from: 'rest', to: 'soap', code });
  }

  breaker(state: BreakerState): void {
    this.emit({ type: 'breaker', state });
  }

  /** The SOAP client's listener: the caller's own, then the stream (and the current span, as a span event). */
  soapListener(own: EventListener<SoapEvent> | undefined): EventListener<SoapEvent> {
    return (event) => {
      emitSafely(own, event);
      this.#transport({ type: 'http', backend: 'soap', event });
    };
  }

  restListener(own: EventListener<RestEvent> | undefined): EventListener<RestEvent> {
    return (event) => {
      emitSafely(own, event);
      this.#transport({ type: 'http', backend: 'rest', event });
    };
  }

  /**
   * The request hook both transports get: the W3C trace context of the current span (through the global
   * propagator, so nothing unless an SDK registered one), then the caller's hooks, which may add to or replace it.
   */
  requestHook(...own: (RequestHook | undefined)[]): RequestHook {
    return (request) => {
      const scope = this.#scope.getStore();
      const headers: Record<string, string> = {};
      if (scope) propagation.inject(scope.otel, headers);
      const seen = scope ? { ...request, callId: scope.callId } : request;
      for (const hook of own) Object.assign(headers, hook?.(seen) ?? {});
      return headers;
    };
  }

  #transport(event: Extract<FacadeEvent, { type: 'http' }>): void {
    const scope = this.#scope.getStore();
    if (scope) {
      event.callId = scope.callId;
      trace.getSpan(scope.otel)?.addEvent(`${event.backend}.${event.event.type}`);
    }
    this.emit(event);
  }
}

function failed(span: Span, code: string): void {
  span.setAttribute('ecgrid.error_code', code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}
