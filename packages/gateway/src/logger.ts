import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Logger, pino } from 'pino';
import type { GatewayOptions } from './options.js';

/** Paths pino censors in any log object, whatever a caller passes it: credentials never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  'Password',
  '*.password',
  '*.Password',
  'SessionID',
  '*.SessionID',
  'sessionId',
  '*.sessionId',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
];

export function gatewayLogger(option: GatewayOptions['logger']): Logger {
  if (option && 'info' in option && typeof option.info === 'function') return option;
  const settings = option && !('info' in option) ? option : {};
  const base = { level: settings.level ?? 'info', base: { service: 'ecgrid-gateway' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return settings.destination ? pino(base, settings.destination) : pino(base);
}

const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The request's id: the client's `X-Request-Id` when it is a plain token, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}
