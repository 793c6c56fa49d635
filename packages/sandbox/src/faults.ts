import { randomUUID } from 'node:crypto';
import { invalidParameter } from './errors.js';

export type FaultProtocol = 'soap' | 'rest' | 'both';

/** Which calls a rule applies to: a protocol, and optionally one operation (SOAP name) or REST path. */
export interface FaultScope {
  /** Default `both`. */
  readonly protocol?: FaultProtocol;
  /**
   * A SOAP operation name (`ParcelInBox`; on REST it matches the endpoints that operation maps to), a REST path as
   * called (`/v2/parcels/inbox-list`) or as documented (`/v2/parcels/{id}`). Default: every call.
   */
  readonly operation?: string;
}

export type MalformedBody = 'truncated' | 'html' | 'empty';

export type FaultRuleInput =
  | (FaultScope & { readonly kind: 'rate-limit'; readonly count?: number; readonly retryAfterSeconds?: number })
  | (FaultScope & { readonly kind: 'server-error'; readonly count?: number; readonly status?: number })
  | (FaultScope & { readonly kind: 'malformed'; readonly count?: number; readonly body: MalformedBody })
  | (FaultScope & { readonly kind: 'latency'; readonly ms: number; readonly count?: number });

/** A rule as stored: defaults filled in, with an ID and the number of calls it still applies to. */
export type FaultRule = { readonly id: string; readonly protocol: FaultProtocol; readonly operation?: string; remaining: number } & (
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'server-error'; readonly status: number }
  | { readonly kind: 'malformed'; readonly body: MalformedBody }
  | { readonly kind: 'latency'; readonly ms: number }
);

/** What a call should suffer, decided once per call. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly fault?: Exclude<FaultRule, { kind: 'latency' }>;
}

/** The identity of one call, for matching rules. */
export interface CallIdentity {
  readonly protocol: 'soap' | 'rest';
  /** SOAP operation names this call counts as (REST: the operations its endpoint maps to). */
  readonly operations: readonly string[];
  /** REST only: the path as called and its template. */
  readonly paths?: readonly string[];
}

const KINDS = new Set(['rate-limit', 'server-error', 'malformed', 'latency']);
const BODIES = new Set<string>(['truncated', 'html', 'empty']);

function count(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(Number.isInteger(value) || value === Infinity) || value < 1) {
    throw invalidParameter('count must be a positive integer');
  }
  return value;
}

/** Validates a rule given as JSON (the admin endpoint) or by code. */
export function normalizeRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null) throw invalidParameter('a fault rule must be an object');
  const r = input as Record<string, unknown>;
  if (typeof r['kind'] !== 'string' || !KINDS.has(r['kind'])) {
    throw invalidParameter('kind must be rate-limit, server-error, malformed or latency');
  }
  const protocol = r['protocol'] ?? 'both';
  if (protocol !== 'soap' && protocol !== 'rest' && protocol !== 'both') throw invalidParameter('protocol must be soap, rest or both');
  if (r['operation'] !== undefined && (typeof r['operation'] !== 'string' || r['operation'] === '')) {
    throw invalidParameter('operation must be a non-empty string');
  }
  const base = { id: randomUUID(), protocol: protocol as FaultProtocol, ...(r['operation'] !== undefined ? { operation: r['operation'] as string } : {}) };
  switch (r['kind']) {
    case 'rate-limit': {
      const retry = r['retryAfterSeconds'] ?? 1;
      if (typeof retry !== 'number' || !Number.isInteger(retry) || retry < 0) throw invalidParameter('retryAfterSeconds must be a whole number');
      return { ...base, kind: 'rate-limit', retryAfterSeconds: retry, remaining: count(r['count'], 1) };
    }
    case 'server-error': {
      const status = r['status'] ?? 500;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 500 || status > 599) {
        throw invalidParameter('status must be a 5xx HTTP status');
      }
      return { ...base, kind: 'server-error', status, remaining: count(r['count'], 1) };
    }
    case 'malformed': {
      if (typeof r['body'] !== 'string' || !BODIES.has(r['body'])) throw invalidParameter('body must be truncated, html or empty');
      return { ...base, kind: 'malformed', body: r['body'] as MalformedBody, remaining: count(r['count'], 1) };
    }
    default: {
      const ms = r['ms'];
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 600_000) throw invalidParameter('ms must be 0–600000');
      return { ...base, kind: 'latency', ms, remaining: count(r['count'], Infinity) };
    }
  }
}

/** A server's request budget (`RateLimiter`): counts a call and says how many seconds to wait when it is over. */
export interface RequestBudget {
  take(protocol: 'soap' | 'rest'): number | undefined;
}

/** The fault rules of one sandbox; each matching call uses up one of a rule's `count`. */
export class FaultInjector {
  #rules: FaultRule[] = [];
  readonly #limiter: RequestBudget | undefined;

  /** With a budget, a call over it is refused like an injected rate limit. */
  constructor(limiter?: RequestBudget) {
    this.#limiter = limiter;
  }

  add(input: FaultRuleInput | unknown): FaultRule {
    const rule = normalizeRule(input);
    this.#rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.#rules = [];
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length < before;
  }

  /** Picks what happens to a call: the sum of the matching latencies, and the first matching fault. */
  decide(call: CallIdentity): FaultDecision {
    let delayMs = 0;
    let fault: FaultDecision['fault'];
    for (const rule of this.#rules) {
      if (!matches(rule, call)) continue;
      if (rule.kind === 'latency') {
        delayMs += rule.ms;
        rule.remaining--;
      } else if (!fault) {
        fault = rule;
        rule.remaining--;
      }
    }
    this.#rules = this.#rules.filter((r) => r.remaining > 0);
    if (fault) return { delayMs, fault };
    const wait = this.#limiter?.take(call.protocol);
    if (wait === undefined) return { delayMs };
    return { delayMs, fault: { id: 'rate-limit', protocol: call.protocol, kind: 'rate-limit', retryAfterSeconds: wait, remaining: 0 } };
  }
}

function matches(rule: FaultRule, call: CallIdentity): boolean {
  if (rule.protocol !== 'both' && rule.protocol !== call.protocol) return false;
  if (rule.operation === undefined) return true;
  return call.operations.includes(rule.operation) || (call.paths ?? []).includes(rule.operation);
}
