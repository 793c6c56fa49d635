import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH, type RunningSandbox, type SandboxSeed, startSandbox } from '../src/index.js';
import { type XmlNode, callsTo, items, restCall, soapCall } from './support/clients.js';

/**
 * Parcel notes and test files, interchange cancel and resend, an ID's data e-mail, X12 delimiters, user reset and SMS:
 * each on SOAP and REST over one store.
 */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);
const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SandboxSeed;
const keyOf = (userId: number) => seed.users.find((u) => u.userId === userId)?.apiKey ?? '';
const NETWORK_ADMIN = 2004;
const interchangeOf = (parcelId: number) => [...sb.admin.state().interchanges.values()].find((ic) => ic.parcelId === parcelId)?.interchangeId ?? 0;

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.admin.reset());

describe('parcel notes and test files', () => {
  it('ParcelAcknowledgmentNote and acknowledgment-note.md add a note posted by the caller to the parcel\'s notes', async () => {
    expect((await soap('ParcelAcknowledgmentNote', { ParcelID: 987650002, Subject: 'AP', Note: 'Gebucht – Beleg 4711' })).result).toBe('true');
    expect((await rest('POST', '/v2/parcels/acknowledgment-note', { parcelId: 987650002, note: 'second look' })).json?.data).toBe(true);
    const notes = items((await soap('ParcelNoteList', { ParcelID: 987650002 })).result, 'ParcelNote').slice(-2);
    expect(notes.map((n) => [n['Note'], n['PostedBy']])).toEqual([['AP: Gebucht – Beleg 4711', sb.credentials.loginName], ['second look', sb.credentials.loginName]]);
    expect((await rest('POST', '/v2/parcels/acknowledgment-note', { parcelId: 987650002, note: ' ' })).json?.errorCode).toBe('InvalidParameter');
    expect((await soap('ParcelAcknowledgmentNote', { ParcelID: 999, Note: 'x' })).fault).toBeDefined();
  });

  it('ParcelTest and send-test-file.md route a synthetic X12 file like an upload; the receiver gets it', async () => {
    const id = Number((await soap('ParcelTest', { ECGridIDFrom: 100101, ECGridIDTo: 200301, DocumentType: 'X12' })).result);
    const viaRest = (await rest('POST', '/v2/parcels/send-test-file', { ecGridIdFrom: 100101, ecGridIdTo: 200301, documentType: '810' })).json?.data as number;
    expect(viaRest).toBeGreaterThan(id);
    const manifest = items((await soap('ParcelManifest', { ParcelID: viaRest })).result, 'ManifestInfo');
    expect(manifest[0]?.['StatusMessage']).toMatch(/first 810$/);
    const received = (await rest('GET', `/v2/parcels/${id}`, undefined, keyOf(2011))).json?.data as Record<string, unknown>;
    expect(received).toMatchObject({ parcelId: id, status: 'InBoxReady' });
    expect((await soap('ParcelTest', { ECGridIDFrom: 100101, ECGridIDTo: 200301, DocumentType: 'EDIFACT' })).fault?.string).toMatch(/X12/);
    expect((await rest('POST', '/v2/parcels/send-test-file', { ecGridIdFrom: 200301, ecGridIdTo: 100101 })).json?.errorCode).toBe('AccessDenied');
  });
});

describe('interchange cancel and resend', () => {
  it('InterchangeCancel cancels an interchange awaiting delivery, once; a delivered one cannot be cancelled', async () => {
    const pending = interchangeOf(3000000003);
    expect((await soap('InterchangeCancel', { InterchangeID: pending })).result).toBe('true');
    expect(((await soap('InterchangeInfo', { InterchangeID: pending })).result as XmlNode)['StatusCode']).toBe('Cancelled');
    expect((await rest('GET', `/v2/interchanges/${pending}`)).json?.data).toMatchObject({ status: 'Terminated' });
    expect((await rest('POST', `/v2/interchanges/cancel/${pending}`)).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', `/v2/interchanges/cancel/${interchangeOf(987650005)}`)).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', `/v2/interchanges/resend/${pending}`)).json?.errorCode).toBe('InvalidParameter');
  });

  it('InterchangeResend puts the interchange\'s own envelope into the receiver\'s inbox again', async () => {
    const delivered = interchangeOf(987650005);
    const before = sb.admin.state().parcels.size;
    const status = (await soap('InterchangeResend', { InterchangeID: delivered })).result as XmlNode;
    expect(status).toMatchObject({ Id: String(delivered), StatusCode: 'InBoxReady' });
    const copy = sb.admin.state().parcels.get(Number(status['ParcelIDInbox']));
    const original = sb.admin.state().parcels.get(987650005);
    expect(copy?.toMailboxId).toBe(original?.toMailboxId);
    expect(Buffer.from(copy?.content ?? '', 'base64').toString('latin1')).toMatch(/^ISA\*.*IEA\*1\*\d{9}~\s*$/s);
    expect((await rest('POST', `/v2/interchanges/resend/${delivered}`)).json?.data).toBe(true);
    expect(sb.admin.state().parcels.size).toBe(before + 2);
    expect((await rest('POST', `/v2/interchanges/resend/${interchangeOf(987650002)}`)).json?.errorCode).toBe('AccessDenied');
  });
});

describe('settings', () => {
  it('TPUpdateDataEMail and tp-update-data-email set the address TPInfo shows; a malformed one is refused', async () => {
    expect((await soap('TPUpdateDataEMail', { ECGridID: 100101, EMailSystem: 'smtp', DataEMail: 'edi@acme-supply.example', PayloadPosition: 'Attachment' })).result).toBe('true');
    expect(((await soap('TPInfo', { ECGridID: 100101 })).result as XmlNode)['DataEMail']).toBe('edi@acme-supply.example');
    expect((await rest('POST', '/v2/ids/tp-update-data-email', { ecGridId: 100101, email: 'not-an-address' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/ids/tp-update-data-email', { ecGridId: 200301, email: 'edi@beta.example' })).json?.success).toBe(false);
  });

  it('X12 delimiters: SOAP character codes and REST characters set the same MailboxConfig; bad sets are refused', async () => {
    expect((await soap('MailboxX12Delimiters', { MailboxID: 5001, SegTerm: 126, ElmSep: 42, SubElmSep: 62 })).result).toBe('true');
    expect(((await soap('MailboxInfo', { MailboxID: 5001 })).result as XmlNode)['Config']).toMatchObject({ SegTerm: '126', ElmSep: '42', SubElmSep: '62' });
    expect((await rest('POST', '/v2/mailboxes/x12-delimiters', { mailboxId: 5001, elementDelimiter: '|', subElementDelimiter: '^', segmentTerminator: '\n' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/mailboxes/x12-delimiters', { mailboxId: 5001, elementDelimiter: '|', subElementDelimiter: '|', segmentTerminator: '~' })).json?.errorCode).toBe('InvalidParameter');
    const network = await rest('POST', '/v2/networks/x12-delimiters', { networkId: 1001, elementDelimiter: '|', subElementDelimiter: '^', segmentTerminator: "'" }, keyOf(NETWORK_ADMIN));
    expect(network.json?.data).toBe(true);
    const info = (await soap('NetworkInfo', { NetworkID: 1001 }, keyOf(NETWORK_ADMIN))).result as XmlNode;
    expect((info['OwnerInfo'] as XmlNode)['Config']).toMatchObject({ SegTerm: '39', ElmSep: '124', SubElmSep: '94' });
    expect((await soap('NetworkX12Delimiters', { NetworkID: 1001, SegTerm: 126, ElmSep: 42, SubElmSep: 0 }, keyOf(NETWORK_ADMIN))).fault).toBeDefined();
    expect((await soap('NetworkX12Delimiters', { NetworkID: 1001, SegTerm: 126, ElmSep: 42, SubElmSep: 62 })).fault).toBeDefined();
  });

  it('UserReset and users/reset/{id} end the user\'s sessions; administrators only', async () => {
    const login = await soapCall(sb.soapUrl, 'Login', { LoginName: 'clerk@acme-supply.example', Password: 'Clerk#Sandbox25' });
    const session = String(login.result);
    expect(((await soap('WhoAmI', {}, session)).result as XmlNode)['UserID']).toBe('2007');
    expect((await rest('POST', '/v2/users/reset/2007', undefined, keyOf(NETWORK_ADMIN))).json?.data).toBe(true);
    expect((await soap('WhoAmI', {}, session)).fault).toBeDefined();
    expect((await soap('UserReset', { UserID: 2004 })).fault).toBeDefined();
  });

  it('UserSendSMS and send-sms.md put the text into the sandbox outbox, for a user with a cell phone only', async () => {
    expect((await soap('UserSendSMS', { UserID: 2007, Text: 'Parcel 987650002 is ready' })).result).toBe('true');
    expect((await rest('POST', '/v2/users/send-sms', { userId: 2007, message: 'second' })).json?.data).toBe(true);
    expect(sb.admin.messages().map((m) => [m.to, m.carrier, m.text])).toEqual([
      ['+1 614 555 0199', 'Verizon', 'Parcel 987650002 is ready'],
      ['+1 614 555 0199', 'Verizon', 'second'],
    ]);
    const viaHttp = await restCall(sb.restUrl.replace(/\/v2$/, ''), 'GET', '/__sandbox/messages');
    expect((JSON.parse(viaHttp.text) as { messages: unknown[] }).messages).toHaveLength(2);
    expect((await rest('POST', '/v2/users/send-sms', { userId: 2006, message: 'x' })).json?.message).toMatch(/cell phone/);
    sb.admin.reset();
    expect(sb.admin.messages()).toEqual([]);
  });
});
