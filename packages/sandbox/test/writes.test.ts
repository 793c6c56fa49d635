import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo, items } from './support/clients.js';

/** Writes of the operation table: made on one protocol, seen on the other (one store). */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('writes on both protocols over one store', () => {
  it('ParcelSetMailbagControlID on SOAP is found on REST, and the REST form on SOAP', async () => {
    expect((await soap('ParcelSetMailbagControlID', { ParcelID: 987650005, MailbagControlID: 'MB-SOAP-1' })).result).toBe('true');
    const found = await rest('POST', '/v2/parcels/find-mailbagcontrolid', { mailbagControlId: 'MB-SOAP-1' });
    expect((found.json?.data as { parcelId: number }[]).map((p) => p.parcelId)).toEqual([987650005]);
    expect((await rest('POST', '/v2/parcels/set-mailbagcontrolid', { parcelId: 987650006, mailbagControlId: 'MB-REST-1' })).json?.data).toBe(true);
    const bySoap = await soap('ParcelFindMailbagControlID', { NetworkID: 0, MailboxID: 0, MailbagControlID: 'MB-REST-1' });
    expect(items(bySoap.result, 'ParcelIDInfo').map((p) => p['ParcelID'])).toEqual(['987650006']);
    expect((await rest('POST', '/v2/parcels/set-mailbagcontrolid', { parcelId: 987650006, mailbagControlId: ' ' })).json?.errorCode).toBe('InvalidParameter');
  });

  it('InterconnectNote adds a note that both protocols list', async () => {
    expect((await soap('InterconnectNote', { InterconnectID: 9003, AuthLevel: 'General', Note: 'Teststart am Montag', EMailTo: 'NoEMail' })).result).toBe('true');
    expect((await rest('POST', '/v2/partners/note', { interconnectId: 9003, note: 'Confirmed by REST' })).json?.data).toBe(true);
    const notes = (await rest('POST', '/v2/partners/notelist', { interconnectId: 9003 })).json?.data as { text: string; userId: number }[];
    expect(notes.map((n) => n.text)).toEqual(['Waiting for Gamma Foods to finish their development ID.', 'Teststart am Montag', 'Confirmed by REST']);
    expect(items((await soap('InterconnectNoteList', { InterconnectID: 9003 })).result, 'InterconnectNote')).toHaveLength(3);
  });

  it('carbon copies: suspend on SOAP, activate on REST, terminate with DELETE', async () => {
    expect((await soap('CarbonCopySuspend', { CarbonCopyID: 51001 })).result).toBe('true');
    expect((await rest('GET', '/v2/carboncopies/51001')).json?.data).toMatchObject({ ccId: 51001, status: 'Suspended' });
    expect((await rest('PUT', '/v2/carboncopies/update', { ccId: 51001, status: 'Active' })).json?.data).toMatchObject({ status: 'Active' });
    expect(((await soap('CarbonCopyInfo', { CarbonCopyID: 51001 })).result as XmlNode)['Status']).toBe('Active');
    expect((await rest('DELETE', '/v2/carboncopies/51001')).json?.data).toBe(true);
    expect(((await soap('CarbonCopyInfo', { CarbonCopyID: 51001 })).result as XmlNode)['Status']).toBe('Terminated');
  });

  it('CommSetStatus on SOAP, comms/update on REST', async () => {
    expect((await soap('CommSetStatus', { CommID: 81002, Status: 'Active' })).result).toBe('true');
    expect((await rest('GET', '/v2/comms/81002')).json?.data).toMatchObject({ status: 'Active' });
    const updated = await rest('PUT', '/v2/comms/update', { commId: 81002, identifier: 'acme-sftp-prod', status: 'Suspended' });
    expect(updated.json?.data).toMatchObject({ identifier: 'acme-sftp-prod', status: 'Suspended' });
    expect((await rest('PUT', '/v2/comms/update', { commId: 81002, status: 'Sideways' })).json?.errorCode).toBe('InvalidParameter');
  });

  it('ID status and description: SOAP and REST write, the other reads', async () => {
    expect((await soap('TPSuspend', { ECGridID: 100102 })).result).toBe('true');
    expect((await rest('GET', '/v2/ids/100102')).json?.data).toMatchObject({ status: 'Suspended' });
    expect((await rest('PUT', '/v2/ids/100102', { status: 'Active', description: 'DUNS, wieder aktiv' })).json?.data).toMatchObject({ status: 'Active' });
    expect((await soap('TPInfo', { ECGridID: 100102 })).result).toMatchObject({ Status: 'Active', Description: 'DUNS, wieder aktiv' });
    expect((await rest('POST', '/v2/ids/tp-update-description', { ecGridId: 100102, description: 'DUNS' })).json?.data).toBe(true);
    expect((await rest('DELETE', '/v2/ids/100102')).json?.data).toBe(true);
    expect((await soap('TPInfo', { ECGridID: 100102 })).result).toMatchObject({ Status: 'Terminated', Description: 'DUNS' });
    expect((await rest('PUT', '/v2/ids/100102', { status: 'Development' })).json?.errorCode).toBe('InvalidParameter');
    expect((await soap('TPSuspend', { ECGridID: 200301 })).fault?.detail).toBe('Authorization');
  });

  it('MailboxDescription on SOAP is the REST companyName, and the REST update is the SOAP Description', async () => {
    expect((await soap('MailboxDescription', { MailboxID: 5001, Description: 'Werk Columbus — Produktion' })).result).toBe('true');
    expect((await rest('GET', '/v2/mailboxes/5001')).json?.data).toMatchObject({ companyName: 'Werk Columbus — Produktion' });
    expect((await rest('POST', '/v2/mailboxes/update', { mailboxId: 5001, companyName: 'Columbus plant' })).json?.data).toMatchObject({ companyName: 'Columbus plant' });
    expect((await soap('MailboxInfo', { MailboxID: 5001 })).result).toMatchObject({ Description: 'Columbus plant', Name: 'Acme Manufacturing' });
  });

  it('SOAP-only writes: keys, mailbox and user status', async () => {
    const key = { Key: 'acme.cutoff', SystemObject: 'Mailbox', ObjectID: 5001, Visibility: 'Private' };
    expect((await soap('KeySet', { ...key, Value: '17:00 Ortszeit', Meta: '', DaysToLive: 2 })).result).toBe('true');
    expect((await soap('KeyGet', key)).result).toMatchObject({ Key: 'acme.cutoff', Value: '17:00 Ortszeit' });
    expect((await soap('KeyRemove', key)).result).toBe('true');
    expect((await soap('KeyGet', key)).fault?.detail).toBe('ObjectNotFound');
    expect((await soap('KeySetMinutes', { ...key, Value: 'x', MinutesToLive: 0 })).fault?.detail).toBe('InvalidParameter');

    expect((await soap('MailboxSuspend', { MailboxID: 5001 })).result).toBe('true');
    expect((await rest('GET', '/v2/mailboxes/5001')).json?.data).toMatchObject({ status: 'Suspended' });
    expect((await soap('MailboxActivate', { MailboxID: 5001 })).result).toBe('true');

    expect((await soap('UserSuspend', { UserID: 2007 })).result).toBe('true');
    expect((await rest('GET', '/v2/users/2007')).json?.data).toMatchObject({ status: 'Suspended' });
    expect((await soap('UserActivate', { UserID: 2007 })).result).toBe('true');
    expect((await soap('UserSuspend', { UserID: 2006 })).fault?.detail).toBe('InvalidParameter');
  });
});
