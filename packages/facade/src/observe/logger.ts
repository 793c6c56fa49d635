import type { FacadeEvent } from './events.js';

/** The part of a pino logger the facade uses; any logger with these four methods fits (pino, bunyan-style, …). */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/**
 * Writes one facade event as one log line: `call-end` at info (warn when it failed), fallbacks and an opening
 * breaker at warn, everything else at debug. Fields are the event's own, which never hold a secret.
 */
export function logEvent(logger: Logger, event: FacadeEvent): void {
  switch (event.type) {
    case 'call-start':
      logger.debug({ callId: event.callId, operation: event.operation }, 'ecgrid call started');
      return;
    case 'call-end': {
      const fields = { callId: event.callId, operation: event.operation, ok: event.ok, durationMs: round(event.durationMs), ...(event.code ? { code: event.code } : {}) };
      if (event.ok) logger.info(fields, 'ecgrid call ended');
      else logger.warn(fields, 'ecgrid call failed');
      return;
    }
    case 'call':
      logger.debug({ ...event, durationMs: round(event.durationMs) }, `ecgrid ${event.backend} served ${event.operation}`);
      return;
    case 'fallback':
      logger.warn(event, `ecgrid ${event.operation} fell back from REST to SOAP`);
      return;
    case 'breaker':
      (event.state === 'open' ? logger.warn : logger.info).call(logger, event, `ecgrid REST circuit ${event.state}`);
      return;
    case 'http':
      logger.debug({ callId: event.callId, backend: event.backend, http: event.event }, `ecgrid ${event.backend} ${event.event.type}`);
      return;
  }
}

const round = (ms: number): number => Math.round(ms * 100) / 100;
