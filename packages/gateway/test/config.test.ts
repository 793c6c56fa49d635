import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@ecgrid-bridge/core';
import { MemorySessionStore, loadGatewayOptions } from '../src/index.js';
import { SessionIds } from '../src/session-ids.js';

const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('configuration', () => {
  it('reads a YAML or JSON file, and the environment overrides it', () => {
    const yaml = file('gw.yaml', 'port: 8080\nlimits: { maxBodyBytes: 1024 }\nfacade:\n  backend: rest\n  rollout: { ParcelInBox: 25 }\n');
    expect(loadGatewayOptions({}, yaml, {})).toMatchObject({ port: 8080, limits: { maxBodyBytes: 1024 }, facade: { backend: 'rest', rollout: { ParcelInBox: 25 } } });
    const json = file('gw.json', JSON.stringify({ port: 8080, host: '0.0.0.0' }));
    const options = loadGatewayOptions({}, undefined, { ECGRID_GATEWAY_CONFIG: json, ECGRID_GATEWAY_PORT: '9090', ECGRID_GATEWAY_SESSION_SECRET: 'shared-secret', ECGRID_GATEWAY_LOG_LEVEL: 'warn' });
    expect(options).toMatchObject({ port: 9090, host: '0.0.0.0', sessions: { secret: 'shared-secret' }, logger: { level: 'warn' } });
    expect(loadGatewayOptions({ port: 1 }, json, { ECGRID_GATEWAY_PORT: '9090' }).port).toBe(1);
  });

  it('refuses unknown settings, bad files and bad values with a ConfigurationError', () => {
    expect(() => loadGatewayOptions({}, file('bad.yaml', 'prot: 80\n'), {})).toThrow(/unknown setting prot/);
    expect(() => loadGatewayOptions({}, file('bad.json', '{'), {})).toThrow(ConfigurationError);
    expect(() => loadGatewayOptions({}, join(dir, 'missing.yaml'), {})).toThrow(/cannot read/);
    expect(() => loadGatewayOptions({}, undefined, { ECGRID_GATEWAY_PORT: 'eighty' })).toThrow(/ECGRID_GATEWAY_PORT/);
    expect(() => loadGatewayOptions({}, undefined, { ECGRID_GATEWAY_TLS_KEY: '/nope' })).toThrow(/TLS needs both/);
  });
});

describe('sessions', () => {
  it('the memory store expires entries after their TTL, and put extends it', async () => {
    let now = 0;
    const store = new MemorySessionStore({ now: () => now });
    const record = { credentials: { loginName: 'a', password: 'b' }, createdAt: '' };
    await store.put('s', record, 100);
    now = 90;
    expect(await store.get('s')).toEqual(record);
    await store.put('s', record, 100);
    now = 180;
    expect(await store.get('s')).toEqual(record);
    now = 191;
    expect(await store.get('s')).toBeUndefined();
    await store.put('t', record, 100);
    await store.delete('t');
    expect(await store.get('t')).toBeUndefined();
  });

  it('gateway SessionIDs are GUIDs that only a gateway with the same secret recognises', () => {
    const ids = new SessionIds('secret-1');
    const id = ids.create();
    expect(id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(ids.isOurs(id)).toBe(true);
    expect(new SessionIds('secret-1').isOurs(id)).toBe(true);
    expect(new SessionIds('secret-2').isOurs(id)).toBe(false);
    expect(ids.isOurs('0f3b6c1e-7a52-4d0b-9e6a-5c1f2d3e4a01')).toBe(false);
    expect(ids.isOurs('not a guid')).toBe(false);
  });
});
