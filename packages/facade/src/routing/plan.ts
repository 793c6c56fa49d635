import { ConfigurationError } from '@ecgrid-bridge/core';
import { P, match } from 'ts-pattern';
import type { BackendName, FacadeOperation } from '../operations.js';

/** How one operation is served. `parity` runs reads on both backends; `rest-fallback-soap` retries SOAP on outages. */
export type Route = BackendName | 'parity' | 'rest-fallback-soap';

/** Migration stages (after LaunchDarkly's migrations): who is authoritative, and whether the other side shadows. */
export type MigrationStage = 'off' | 'shadow' | 'live' | 'complete';

export type Plan =
  | { kind: 'single'; backend: BackendName }
  | { kind: 'fallback' }
  | { kind: 'parity'; authoritative: BackendName };

export interface RoutingConfig {
  /** The route of every operation not named elsewhere. */
  default: Route;
  routes: Partial<Record<FacadeOperation, Route>>;
  /** Percentage (0–100) of calls an operation sends to REST; sticky per call key. */
  rollout: Partial<Record<FacadeOperation, number>>;
  stages: Partial<Record<FacadeOperation, MigrationStage>>;
  /** Let REST failures that are outages (network, 5xx, not available) fall back to SOAP. */
  fallback: boolean;
  /** Which side's result the caller gets in parity runs that are not driven by a stage. */
  authoritative: BackendName;
}

const fromRoute = (route: Route, authoritative: BackendName): Plan =>
  match(route)
    .with('parity', () => ({ kind: 'parity', authoritative }) as const)
    .with('rest-fallback-soap', () => ({ kind: 'fallback' }) as const)
    .with(P.union('soap', 'rest'), (backend) => ({ kind: 'single', backend }) as const)
    .exhaustive();

/** Decides how a call is served: stage first, then an explicit route, then the rollout, then the default. */
/** `stickyKey` is only asked for when the operation is rolled out, since building the default key costs a little. */
export function planCall(config: RoutingConfig, operation: FacadeOperation, stickyKey: string | (() => string)): Plan {
  const stage = config.stages[operation];
  let plan: Plan;
  if (stage) {
    plan = match(stage)
      .with('off', () => ({ kind: 'single', backend: 'soap' }) as const)
      .with('shadow', () => ({ kind: 'parity', authoritative: 'soap' }) as const)
      .with('live', () => ({ kind: 'parity', authoritative: 'rest' }) as const)
      .with('complete', () => ({ kind: 'single', backend: 'rest' }) as const)
      .exhaustive();
  } else if (config.routes[operation]) {
    plan = fromRoute(config.routes[operation], config.authoritative);
  } else if (config.rollout[operation] !== undefined) {
    const key = typeof stickyKey === 'string' ? stickyKey : stickyKey();
    const backend: BackendName = bucketOf(key) < config.rollout[operation] ? 'rest' : 'soap';
    plan = { kind: 'single', backend };
  } else {
    plan = fromRoute(config.default, config.authoritative);
  }
  return config.fallback && plan.kind === 'single' && plan.backend === 'rest' ? { kind: 'fallback' } : plan;
}

/** Every backend some call could be served by (both sessions are opened by Login when both are). */
export function backendsInUse(config: RoutingConfig): Set<BackendName> {
  const used = new Set<BackendName>();
  const add = (plan: Plan) => {
    if (plan.kind === 'single') used.add(plan.backend);
    else {
      used.add('soap');
      used.add('rest');
    }
  };
  add(fromRoute(config.default, config.authoritative));
  for (const route of Object.values(config.routes)) if (route) add(fromRoute(route, config.authoritative));
  for (const percent of Object.values(config.rollout)) {
    if (percent === undefined) continue;
    if (percent > 0) used.add('rest');
    if (percent < 100) used.add('soap');
  }
  for (const stage of Object.values(config.stages)) {
    if (stage === 'off') used.add('soap');
    else if (stage === 'complete') used.add('rest');
    else if (stage) add({ kind: 'parity', authoritative: 'soap' });
  }
  if (config.fallback && used.has('rest')) used.add('soap');
  return used;
}

/**
 * The backends whose answer some call can hand to the caller: the rest of `backendsInUse` only ever runs as a parity
 * candidate (REST in the `shadow` stage, say), whose failures must never reach the caller.
 */
export function answeringBackends(config: RoutingConfig): Set<BackendName> {
  const answering = new Set<BackendName>();
  const add = (plan: Plan) => {
    if (plan.kind === 'single') answering.add(plan.backend);
    else if (plan.kind === 'parity') answering.add(plan.authoritative);
    else {
      answering.add('rest');
      answering.add('soap');
    }
  };
  add(fromRoute(config.default, config.authoritative));
  for (const route of Object.values(config.routes)) if (route) add(fromRoute(route, config.authoritative));
  for (const percent of Object.values(config.rollout)) {
    if (percent === undefined) continue;
    if (percent > 0) answering.add('rest');
    if (percent < 100) answering.add('soap');
  }
  for (const stage of Object.values(config.stages)) {
    if (stage === 'off' || stage === 'shadow') answering.add('soap');
    else if (stage === 'live' || stage === 'complete') answering.add('rest');
  }
  if (config.fallback && answering.has('rest')) answering.add('soap');
  return answering;
}

/** A stable bucket 0–99 for a key (FNV-1a), so the same call always lands on the same side of a rollout. */
export function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

export function validateRouting(config: RoutingConfig): void {
  for (const [op, percent] of Object.entries(config.rollout)) {
    if (percent === undefined) continue;
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
      throw new ConfigurationError(`rollout for ${op} must be a percentage from 0 to 100`);
    }
  }
}
