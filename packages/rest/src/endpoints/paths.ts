import { ConfigurationError } from '@ecgrid-bridge/core';
import { AUTH_PATHS } from './auth.js';
import { ID_PATHS } from './ids.js';
import { INTERCHANGE_PATHS } from './interchanges.js';
import { MAILBOX_PATHS } from './mailboxes.js';
import { NETWORK_PATHS } from './networks.js';
import { PARCEL_PATHS } from './parcels.js';
import { PARTNER_PATHS } from './partners.js';
import { USER_PATHS } from './users.js';

/**
 * The path of every endpoint helper, as written on the endpoint's own REST reference page. Where other docs pages
 * quote another path (catalog DISCREPANCIES 117-144), the reference page wins; override any of them with the
 * client's `paths` option.
 */
export const DEFAULT_PATHS = {
  ...AUTH_PATHS,
  ...USER_PATHS,
  ...NETWORK_PATHS,
  ...MAILBOX_PATHS,
  ...ID_PATHS,
  ...PARTNER_PATHS,
  ...PARCEL_PATHS,
  ...INTERCHANGE_PATHS,
} as const;

export type EndpointName = keyof typeof DEFAULT_PATHS;

export type RestPaths = Readonly<Record<EndpointName, string>>;

export function resolvePaths(overrides: Partial<Record<EndpointName, string>> = {}): RestPaths {
  const out: Record<string, string> = { ...DEFAULT_PATHS };
  for (const [name, path] of Object.entries(overrides)) {
    if (!(name in DEFAULT_PATHS)) throw new ConfigurationError(`Unknown endpoint "${name}" in paths.`);
    if (typeof path !== 'string' || path === '') throw new ConfigurationError(`The path of "${name}" must be a non-empty string.`);
    out[name] = path;
  }
  return out as RestPaths;
}
