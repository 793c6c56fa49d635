import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readEnvConfig } from '@ecgrid-bridge/core';
import {
  type EcgridFacade,
  type FacadeEvent,
  type MismatchRecord,
  type OperationSummary,
  ParitySummary,
  createEcgridFacade,
} from '@ecgrid-bridge/facade';
import { type SoapCredentials, type SoapEvent, contentTypeOf, faultEnvelope, renderWsdl } from '@ecgrid-bridge/soap';
import type { RestEvent } from '@ecgrid-bridge/rest';
import { withoutCredentials } from './anonymous-auth.js';
import { BodyTooLarge, readBody, send } from './http.js';
import { gatewayLogger, requestIdOf } from './logger.js';
import { GatewayMetrics } from './metrics.js';
import type { GatewayOptions } from './options.js';
import { MemorySessionStore } from './session-store.js';
import { SessionIds } from './session-ids.js';
import { SessionRegistry } from './sessions.js';
import { type SoapAnswer, faultAnswer, serveSoap } from './soap-endpoint.js';

export const DEFAULT_GATEWAY_PATH = '/v4.1/prod/ECGridOS.asmx';

export interface RunningGateway {
  /** The SOAP endpoint, e.g. `http://127.0.0.1:8080/v4.1/prod/ECGridOS.asmx`. */
  readonly url: string;
  readonly wsdlUrl: string;
  readonly port: number;
  readonly metrics: GatewayMetrics;
  /** Ends every client session now (clients get the ECGridOS session fault and log in again); returns how many. */
  expireSessions(): Promise<number>;
  /** The most recent parity records across all client sessions, oldest first. */
  parityRecords(): MismatchRecord[];
  /** Per-operation parity counts across all client sessions. */
  paritySummary(): OperationSummary[];
  /** Resolves when background parity comparisons of every session have been published. */
  parityIdle(): Promise<void>;
  /** Stops accepting, lets calls in flight finish (up to `limits.drainTimeoutMs`), then logs out of every backend. */
  close(): Promise<void>;
}

const XML_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const NO_CREDENTIALS: SoapCredentials = { loginName: '', password: '' };

/**
 * Starts the gateway: the ECGridOS v4.1 SOAP service (SOAP 1.1 and 1.2, `?wsdl`) in front of the facade, so a
 * legacy client moves to REST by changing its endpoint URL. Also serves /healthz, /readyz and /metrics.
 */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const env = options.env ?? process.env;
  const limits = {
    maxBodyBytes: options.limits?.maxBodyBytes ?? 64 * 1024 * 1024,
    callTimeoutMs: options.limits?.callTimeoutMs ?? 60_000,
    requestTimeoutMs: options.limits?.requestTimeoutMs ?? 30_000,
    headersTimeoutMs: options.limits?.headersTimeoutMs ?? 10_000,
    keepAliveTimeoutMs: options.limits?.keepAliveTimeoutMs ?? 5_000,
    maxConnections: options.limits?.maxConnections ?? 1024,
    maxDepth: options.limits?.maxDepth ?? 32,
    drainTimeoutMs: options.limits?.drainTimeoutMs ?? 30_000,
  };
  const path = (options.path ?? DEFAULT_GATEWAY_PATH).toLowerCase();
  const logger = gatewayLogger(options.logger);
  const metrics = new GatewayMetrics({ processMetrics: options.processMetrics });

  // Parity records of every session, gathered in one place.
  const keep = options.keepParityRecords ?? 1_000;
  const records: MismatchRecord[] = [];
  const summary = new ParitySummary();
  const onRecord = (record: MismatchRecord): void => {
    metrics.parity.inc({ operation: record.operation, outcome: record.outcome });
    summary.record(record.operation, record.outcome, [record.control, ...(record.candidate ? [record.candidate] : [])]);
    if (keep > 0) {
      records.push(record);
      if (records.length > keep) records.splice(0, records.length - keep);
    }
    if (record.outcome !== 'match') logger.warn({ operation: record.operation, outcome: record.outcome, differences: record.differences.length }, 'parity');
    options.onParityRecord?.(record);
  };

  const facadeConfig = options.facade ?? {};
  const envConfig = readEnvConfig(env);
  const serviceCredentials: SoapCredentials | undefined = envConfig.apiKey
    ? { apiKey: envConfig.apiKey }
    : envConfig.email && envConfig.password
      ? { loginName: envConfig.email, password: envConfig.password }
      : undefined;
  const openBreakers = new Set<object>();
  const facades = new Set<EcgridFacade>();

  function openFacade(credentials: SoapCredentials | undefined): EcgridFacade {
    const token = {};
    let restLogins = 0;
    const onEvent = (event: FacadeEvent): void => {
      switch (event.type) {
        case 'call': {
          const outcome = event.ok ? 'ok' : (event.code ?? 'Internal');
          metrics.calls.inc({ operation: event.operation, backend: event.backend, outcome });
          metrics.callSeconds.observe({ operation: event.operation, backend: event.backend }, event.durationMs / 1000);
          // Which backend served a call is in the metrics; a log line per backend call only when debugging.
          if (logger.isLevelEnabled('debug')) logger.debug({ operation: event.operation, backend: event.backend, plan: event.plan, outcome, durationMs: Math.round(event.durationMs) }, 'backend call');
          return;
        }
        case 'fallback':
          metrics.fallbacks.inc({ operation: event.operation, code: event.code });
          return;
        case 'breaker':
          metrics.breakerTransitions.inc({ state: event.state });
          if (event.state === 'closed') openBreakers.delete(token);
          else openBreakers.add(token);
          metrics.breakerOpen.set(openBreakers.size);
          return;
      }
    };
    const onSoapEvent = (event: SoapEvent): void => {
      if (event.type === 'relogin') metrics.relogins.inc({ backend: 'soap' });
    };
    const onRestEvent = (event: RestEvent): void => {
      if (event.type === 'refresh' && event.outcome === 'ok') metrics.relogins.inc({ backend: 'rest' });
      if (event.type === 'login' && event.outcome === 'ok' && ++restLogins > 1) metrics.relogins.inc({ backend: 'rest' });
    };
    const facade = createEcgridFacade({
      backend: facadeConfig.backend,
      routes: facadeConfig.routes,
      rollout: facadeConfig.rollout,
      stages: facadeConfig.stages,
      fallback: facadeConfig.fallback,
      // Without credentials (operations that take no SessionID, and no service credentials configured) the SOAP
      // session never logs in, and REST requests carry no credential.
      credentials: credentials ?? serviceCredentials ?? NO_CREDENTIALS,
      soap: { ...facadeConfig.soap, onEvent: onSoapEvent },
      rest: { ...facadeConfig.rest, onEvent: onRestEvent, ...(credentials ?? serviceCredentials ? {} : { auth: withoutCredentials() }) },
      parity: { ...facadeConfig.parity, publish: onRecord, publishMatches: true, keepRecords: 0 },
      onEvent,
      env,
      ...(facadeConfig.backends ? { backends: facadeConfig.backends } : {}),
    });
    facades.add(facade);
    return {
      ...facade,
      close: async () => {
        facades.delete(facade);
        openBreakers.delete(token);
        metrics.breakerOpen.set(openBreakers.size);
        await facade.close();
      },
    };
  }

  const store = options.sessions?.store ?? new MemorySessionStore();
  const sessions = new SessionRegistry({
    store,
    ids: new SessionIds(options.sessions?.secret),
    ttlMs: options.sessions?.ttlMs ?? 20 * 60_000,
    openFacade,
    onCountChange: (n) => metrics.sessions.set(n),
  });
  // Building the facade for operations without a SessionID checks the routing now, not at the first Login.
  sessions.anonymous();
  const sweeper = setInterval(() => {
    void sessions.sweep().catch(() => undefined);
    if (store instanceof MemorySessionStore) store.sweep();
  }, Math.min(60_000, options.sessions?.ttlMs ?? 60_000));
  sweeper.unref();

  // ---- HTTP ------------------------------------------------------------------------------------------------------

  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const controllers = new Set<AbortController>();
  const wsdlByAddress = new Map<string, string>();
  let listeningUrl = '';

  const wsdlFor = (req: IncomingMessage): string => {
    const host = req.headers.host;
    const scheme = options.tls ? 'https' : 'http';
    const address = options.publicUrl ?? (host && XML_HOST.test(host) ? `${scheme}://${host}${options.path ?? DEFAULT_GATEWAY_PATH}` : listeningUrl);
    let wsdl = wsdlByAddress.get(address);
    if (!wsdl) {
      wsdl = renderWsdl({ address, soap12: true });
      if (wsdlByAddress.size >= 16) wsdlByAddress.clear();
      wsdlByAddress.set(address, wsdl);
    }
    return wsdl;
  };

  async function handleSoap(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const started = performance.now();
    const controller = new AbortController();
    controllers.add(controller);
    inFlight += 1;
    metrics.inFlight.set(inFlight);
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.on('close', onClose);
    let answer: SoapAnswer;
    let closeConnection = false;
    try {
      if (draining) {
        metrics.refused.inc({ reason: 'shutting-down' });
        answer = faultAnswer({ faultcode: 'soap:Server', faultstring: 'the gateway is shutting down; try again', errorCode: 'SystemError', httpStatus: 503 }, '1.1');
      } else {
        let text: string | undefined;
        try {
          text = (await readBody(req, limits.maxBodyBytes)).toString('utf8');
        } catch (err) {
          closeConnection = true;
          if (!(err instanceof BodyTooLarge)) return;
          metrics.refused.inc({ reason: 'body-too-large' });
          answer = faultAnswer({ faultcode: 'soap:Client', faultstring: err.message, errorCode: 'InvalidParameter', httpStatus: 413 }, '1.1');
        }
        if (text !== undefined) {
          answer = await serveSoap(req, text, { sessions, callTimeoutMs: limits.callTimeoutMs, maxDepth: limits.maxDepth }, controller.signal);
          if (answer.operation === 'unknown') metrics.refused.inc({ reason: 'malformed' });
        }
      }
    } catch (err) {
      logger.error({ requestId, error: err instanceof Error ? err.name : 'unknown' }, 'request failed');
      answer = faultAnswer({ faultcode: 'soap:Server', faultstring: 'Server was unable to process request.', errorCode: 'SystemError', httpStatus: 500 }, '1.1');
    } finally {
      inFlight -= 1;
      metrics.inFlight.set(inFlight);
      controllers.delete(controller);
      res.off('close', onClose);
      if (draining && inFlight === 0) drained?.();
    }
    const seconds = (performance.now() - started) / 1000;
    metrics.requests.inc({ operation: answer!.operation, soap_version: answer!.version, outcome: answer!.outcome });
    metrics.requestSeconds.observe({ operation: answer!.operation }, seconds);
    const log = { requestId, operation: answer!.operation, soapVersion: answer!.version, outcome: answer!.outcome, durationMs: Math.round(seconds * 1000) };
    if (answer!.outcome === 'ok') logger.info(log, 'call');
    else logger.info({ ...log, fault: answer!.faultstring }, 'fault');
    send(res, answer!.status, contentTypeOf(answer!.version), answer!.body, {
      'X-Request-Id': requestId,
      ...(closeConnection ? { Connection: 'close' } : {}),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = requestIdOf(req);
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const pathname = url.pathname.toLowerCase();
    if (pathname === '/healthz') return send(res, 200, 'application/json', '{"status":"ok"}');
    if (pathname === '/readyz') {
      return draining ? send(res, 503, 'application/json', '{"status":"draining"}') : send(res, 200, 'application/json', '{"status":"ready"}');
    }
    if (pathname === '/metrics' && req.method === 'GET') {
      return send(res, 200, metrics.registry.contentType, await metrics.registry.metrics());
    }
    if (pathname !== path) return send(res, 404, 'text/plain; charset=utf-8', 'Not Found');
    if (req.method === 'GET') {
      if (url.search.toLowerCase() === '?wsdl') return send(res, 200, 'text/xml; charset=utf-8', wsdlFor(req));
      return send(res, 200, 'text/html; charset=utf-8', '<!DOCTYPE html><html><head><title>ECGridOS gateway</title></head><body><h1>ECGridOS v4.1</h1><p>Service description: <a href="?WSDL">?WSDL</a></p></body></html>');
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', { Allow: 'GET, POST' });
    return handleSoap(req, res, requestId);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      // Nothing about the failure reaches the client: not its text, never a stack.
      send(res, 500, contentTypeOf('1.1'), faultEnvelope({ faultcode: 'soap:Server', faultstring: 'Server was unable to process request.', errorCode: 'SystemError' }));
    });
  };
  // Node checks request and header timeouts on this interval (30 s by default): short limits need a shorter one.
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(Math.min(limits.requestTimeoutMs, limits.headersTimeoutMs) / 4)));
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, connectionsCheckingInterval }, listener)
    : createServer({ connectionsCheckingInterval }, listener);
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // A slow client (request or headers timeout), oversized headers, or bytes that are not HTTP.
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_HEADERS_TIMEOUT';
    metrics.refused.inc({ reason: timeout ? 'timeout' : 'client-error' });
    const status = timeout ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  listeningUrl = `${options.tls ? 'https' : 'http'}://${shownHost}:${port}${options.path ?? DEFAULT_GATEWAY_PATH}`;
  const url = options.publicUrl ?? listeningUrl;
  logger.info({ url, backend: facadeConfig.backend ?? envConfig.backend ?? 'soap' }, 'gateway listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    wsdlUrl: `${url}?wsdl`,
    port,
    metrics,
    expireSessions: () => sessions.expireAll(),
    parityRecords: () => [...records],
    paritySummary: () => summary.get(),
    parityIdle: async () => {
      await Promise.all([...facades].map((f) => f.parityIdle()));
    },
    close() {
      closing ??= (async () => {
        draining = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          await new Promise<void>((resolve) => {
            drained = resolve;
            setTimeout(resolve, limits.drainTimeoutMs).unref();
          });
        }
        for (const controller of controllers) controller.abort();
        server.closeAllConnections();
        await stopped;
        clearInterval(sweeper);
        await sessions.close();
        logger.info({ url }, 'gateway stopped');
      })();
      return closing;
    },
  };
}
