import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH, type RunningSandbox, type SandboxSeed, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo, items } from './support/clients.js';

/** ID and interconnect writes (rest-api/ids/move-tp.md, rest-api/partners/delete-partner.md) on both protocols over one store. */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);
const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SandboxSeed;
const NETWORK_ADMIN_KEY = seed.users.find((u) => u.userId === 2004)?.apiKey ?? '';

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('ID and interconnect writes', () => {
  it('InterconnectCancel on SOAP is Terminated on REST, keeps its note, and cannot be repeated', async () => {
    expect((await soap('InterconnectCancel', { InterconnectID: 9001, Note: 'Vertrag beendet', EMailTo: 'NoEMail' })).result).toBe('true');
    expect((await rest('GET', '/v2/partners/9001')).json?.data).toMatchObject({ status: 'Terminated' });
    expect(((await soap('InterconnectInfo', { InterconnectID: 9001 })).result as XmlNode)['Status']).toBe('Canceled');
    expect(items((await soap('InterconnectNoteList', { InterconnectID: 9001 })).result, 'InterconnectNote').map((n) => n['Note'])).toContain('Vertrag beendet');
    expect((await rest('DELETE', '/v2/partners/9001')).json?.errorCode).toBe('InvalidParameter');
  });

  it('DELETE /v2/partners/{id} answers true and SOAP reads the cancellation; an interconnect of other IDs is refused', async () => {
    expect((await rest('DELETE', '/v2/partners/9003')).json?.data).toBe(true);
    expect(((await soap('InterconnectInfo', { InterconnectID: 9003 })).result as XmlNode)['Status']).toBe('Canceled');
    expect((await rest('DELETE', '/v2/partners/9004')).json?.success).toBe(false);
    expect((await rest('DELETE', '/v2/partners/999999')).json?.success).toBe(false);
  });

  it('TPMoveMailbox and POST /v2/ids/tp-move move an ID within its network, into a mailbox the caller may see', async () => {
    expect((await soap('TPMoveMailbox', { ECGridID: 100102, MailboxID: 5002 }, NETWORK_ADMIN_KEY)).result).toBe('100102');
    expect((await rest('GET', '/v2/ids/100102', undefined, NETWORK_ADMIN_KEY)).json?.data).toMatchObject({ mailboxId: 5002 });
    const back = await rest('POST', '/v2/ids/tp-move', { ecGridId: 100102, newMailboxId: 5001 }, NETWORK_ADMIN_KEY);
    expect(back.json?.data).toMatchObject({ ecGridId: 100102, mailboxId: 5001 });
    expect((await rest('POST', '/v2/ids/tp-move', { ecGridId: 100102, newMailboxId: 5002 })).json?.success).toBe(false);
    expect((await rest('POST', '/v2/ids/tp-move', { ecGridId: 100102, newMailboxId: 5003 }, NETWORK_ADMIN_KEY)).json?.success).toBe(false);
  });

  it('TPMoveEx moves at once, and refuses a MoveDateTime still to come rather than pretend to schedule it', async () => {
    const later = await soap('TPMoveEx', { NetworkID: 1001, MailboxID: 5002, ECGridID: 100102, MoveDateTime: '2099-01-01T00:00:00' }, NETWORK_ADMIN_KEY);
    expect(later.fault?.string).toMatch(/schedule/);
    const now = await soap('TPMoveEx', { NetworkID: 1001, MailboxID: 5002, ECGridID: 100102, MoveDateTime: '2020-01-01T00:00:00' }, NETWORK_ADMIN_KEY);
    expect(now.result).toBe('100102');
  });

  it('TPAddEx and POST /v2/ids add an Active ID with create-id.md’s defaults; a pair in use and a bad qualifier are refused', async () => {
    const added = await soap('TPAddEx', { NetworkID: 1001, MailboxID: 5001, Qualifier: 'ZZ', ID: 'ACMENEU', Description: 'Acme – neu', RoutingGroup: 'ProductionA' });
    const ecgridId = Number(added.result);
    expect((await rest('GET', `/v2/ids/${ecgridId}`)).json?.data).toMatchObject({ ecGridId: ecgridId, qualifier: 'ZZ', id: 'ACMENEU', status: 'Active', ediStandard: 'X12', routingGroup: 'ProductionA' });
    const created = await rest('POST', '/v2/ids', { mailboxId: 5001, qualifier: '01', id: '555000111' });
    expect(created.json?.data).toMatchObject({ mailboxId: 5001, qualifier: '01', id: '555000111', routingGroup: 'ProductionA' });
    expect((await rest('POST', '/v2/ids', { mailboxId: 5001, qualifier: 'zz', id: 'acmeneu' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/ids', { mailboxId: 5001, qualifier: 'ZZZ', id: 'X' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/ids', { mailboxId: 5003, qualifier: 'ZZ', id: 'OTHER' })).json?.success).toBe(false);
  });

  it('InterconnectAdd and POST /v2/partners connect an ID of the caller’s to another, once; REST reads Active where SOAP reads Completed', async () => {
    const added = (await soap('InterconnectAdd', { ECGridID1: 100102, ECGridID2: 200401, NotifyContact: 'false', Preconfirm: 'false', Note: 'Neu angelegt' })).result as XmlNode;
    expect(added['Status']).toBe('Completed');
    const id = Number(added['InterconnectID']);
    expect((await rest('GET', `/v2/partners/${id}`)).json?.data).toMatchObject({ interconnectId: id, ecGridIdFrom: 100102, ecGridIdTo: 200401, status: 'Active' });
    expect((await rest('POST', '/v2/partners', { ecGridIdFrom: 100102, ecGridIdTo: 200401 })).json?.errorCode).toBe('InvalidParameter');
    const created = await rest('POST', '/v2/partners', { ecGridIdFrom: 100103, ecGridIdTo: 200302 });
    expect(created.json?.data).toMatchObject({ ecGridIdFrom: 100103, ecGridIdTo: 200302, status: 'Active' });
    expect((await rest('POST', '/v2/partners', { ecGridIdFrom: 200301, ecGridIdTo: 100102 })).json?.success).toBe(false);
    expect((await rest('POST', '/v2/partners', { ecGridIdFrom: 100102, ecGridIdTo: 200402 })).json?.errorCode).toBe('InvalidParameter');
  });
});
