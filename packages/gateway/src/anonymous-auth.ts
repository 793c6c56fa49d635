import { Redactor } from '@ecgrid-bridge/core';
import type { AuthStrategy } from '@ecgrid-bridge/rest';

/**
 * The REST side of operations that take no SessionID (Version, NowUTC, …) when the gateway has no credentials of
 * its own: requests go out as they are, with no credential header.
 */
export function withoutCredentials(): AuthStrategy {
  return {
    kind: 'api-key',
    redactor: new Redactor(),
    attach: () => undefined,
    authenticate: async () => ({}),
    hook: (request, next) => next(request),
    invalidate: () => undefined,
  };
}
