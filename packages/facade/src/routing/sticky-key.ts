import { createHash } from 'node:crypto';

/** The default rollout key of a call: its operation and parameters, so a retried call lands on the same backend. */
export function defaultStickyKey(operation: string, params: unknown): string {
  return `${operation}:${stableJson(params)}`;
}

function stableJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return JSON.stringify(createHash('sha256').update(value).digest('hex'));
  }
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
