import { ENDPOINTS, type EndpointName } from '@ecgrid-bridge/catalog';
import { ConfigurationError } from '@ecgrid-bridge/core';

export type { EndpointName };

export type RestPaths = Readonly<Record<EndpointName, string>>;

/**
 * The path of every REST endpoint, as written on the endpoint's own reference page (the catalogue). Where other
 * docs pages quote another path, the reference page wins; override any of them with the client's `paths` option,
 * and every caller (the typed helpers, authentication, the facade) uses the override.
 */
export const DEFAULT_PATHS: RestPaths = Object.fromEntries(
  Object.entries(ENDPOINTS).map(([name, spec]) => [name, spec.path]),
) as Record<EndpointName, string>;

export function resolvePaths(overrides: Partial<Record<EndpointName, string>> = {}): RestPaths {
  const out: Record<string, string> = { ...DEFAULT_PATHS };
  for (const [name, path] of Object.entries(overrides)) {
    if (!(name in DEFAULT_PATHS)) throw new ConfigurationError(`Unknown endpoint "${name}" in paths.`);
    if (typeof path !== 'string' || path === '') throw new ConfigurationError(`The path of "${name}" must be a non-empty string.`);
    out[name] = path;
  }
  return out as RestPaths;
}
