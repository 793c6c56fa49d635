import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH, type RunningSandbox, type SandboxSeed, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo } from './support/clients.js';

/** Network and mailbox writes (rest-api/networks/update-network.md, rest-api/mailboxes/delete-mailbox.md). */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);
const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SandboxSeed;
const keyOf = (userId: number) => seed.users.find((u) => u.userId === userId)?.apiKey ?? '';
const NETWORK_ADMIN = 2004;

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('network and mailbox writes', () => {
  it('MailboxTerminate needs a network administrator; DELETE answers no data; SOAP reads the status; twice is refused', async () => {
    expect((await rest('DELETE', '/v2/mailboxes/5001')).json?.errorCode).toBe('AccessDenied');
    const deleted = await rest('DELETE', '/v2/mailboxes/5002', undefined, keyOf(NETWORK_ADMIN));
    expect(deleted.json).toMatchObject({ success: true, data: null });
    expect(((await soap('MailboxInfo', { MailboxID: 5002 }, keyOf(NETWORK_ADMIN))).result as XmlNode)['Status']).toBe('Terminated');
    expect((await soap('MailboxTerminate', { MailboxID: 5002 }, keyOf(NETWORK_ADMIN))).fault).toBeDefined();
    expect((await rest('DELETE', '/v2/mailboxes/5003', undefined, keyOf(NETWORK_ADMIN))).json?.success).toBe(false);
  });

  it('NetworkUpdate on SOAP is the REST companyName, and PUT /v2/networks is the SOAP Name; empty values change nothing', async () => {
    expect((await soap('NetworkUpdate', { NetworkID: 1001, Name: 'Acme Supply – Zentrale', Location: '' }, keyOf(NETWORK_ADMIN))).result).toBe('true');
    expect((await rest('GET', '/v2/networks/1001', undefined, keyOf(NETWORK_ADMIN))).json?.data).toMatchObject({ companyName: 'Acme Supply – Zentrale' });
    const updated = await rest('PUT', '/v2/networks', { networkId: 1001, companyName: 'Acme Supply Holding' }, keyOf(NETWORK_ADMIN));
    expect(updated.json?.data).toMatchObject({ networkId: 1001, companyName: 'Acme Supply Holding' });
    expect((await rest('PUT', '/v2/networks', { networkId: 1001, companyName: '' }, keyOf(NETWORK_ADMIN))).json?.data).toMatchObject({ companyName: 'Acme Supply Holding' });
    expect(((await soap('NetworkInfo', { NetworkID: 1001 }, keyOf(NETWORK_ADMIN))).result as XmlNode)['Name']).toBe('Acme Supply Holding');
  });

  it('a mailbox administrator cannot change its network, nor a network administrator another network', async () => {
    expect((await rest('PUT', '/v2/networks', { networkId: 1001, companyName: 'X' })).json?.errorCode).toBe('AccessDenied');
    expect((await rest('PUT', '/v2/networks', { networkId: 1002, companyName: 'X' }, keyOf(NETWORK_ADMIN))).json?.success).toBe(false);
  });
});
