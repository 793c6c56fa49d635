import { describe, expect, it } from 'vitest';
import { COMPLEX_TYPES, OPERATIONS } from '@ecgrid-bridge/soap';
import {
  DOTNET_MIN_DATE,
  FACADE_OPERATIONS,
  FacadeError,
  MAPPINGS,
  MappingError,
  NotAvailableOnBackendError,
} from '../src/index.js';
import { portAnswering } from './support/port.js';

describe('mapping table', () => {
  it('has exactly one decision for every operation of the slice, and every one is a WSDL operation', () => {
    expect(Object.keys(MAPPINGS).sort()).toEqual([...FACADE_OPERATIONS].sort());
    for (const op of FACADE_OPERATIONS) {
      expect(OPERATIONS[op]).toBeDefined();
      const entry = MAPPINGS[op];
      expect(entry.operation).toBe(op);
      if (entry.rest === null) expect(entry.noRestReason?.length).toBeGreaterThan(0);
      else expect(entry.rest.endpoint).toMatch(/^\w+\.\w+$/);
    }
  });

  it('says explicitly that SessionLog has no REST equivalent', () => {
    expect(MAPPINGS.SessionLog.rest).toBeNull();
  });

  it('declares lossy fields that are real SOAP fields', () => {
    const fields = (type: string) => COMPLEX_TYPES[type]!.fields.map((f) => f.name);
    expect(MAPPINGS.MailboxInfo.rest?.lossy).toEqual(expect.arrayContaining(['Name', 'Managed', 'UseType']));
    expect(MAPPINGS.MailboxInfo.rest?.lossy).not.toContain('Description');
    for (const path of MAPPINGS.MailboxInfo.rest?.lossy ?? []) expect(fields('MailboxIDInfo')).toContain(path);
    expect(MAPPINGS.InterconnectInfo.rest?.lossy).toContain('TP1.NetworkID');
    expect(MAPPINGS.ParcelInBox.rest?.lossy).toContain('ParcelIDInfoList[].ArchiveDate');
  });
});

describe('REST backend', () => {
  it('maps a REST record to the SOAP shape, in WSDL order, with .NET defaults for what REST lacks', async () => {
    const { backend, requests } = portAnswering(() => ({
      mailboxId: 5001,
      networkId: 1001,
      uniqueId: 'ACMEMBOX01',
      companyName: 'Acme Mailbox One',
      status: 'Active',
      created: '2021-06-10T09:00:00Z',
      modified: '2025-02-14T11:30:00',
    }));
    const result = await backend.invoke('MailboxInfo', { MailboxID: 5001 });
    expect(requests[0]).toMatchObject({ method: 'GET', endpoint: 'mailboxes.get', pathParams: { id: 5001 }, idempotent: true });
    expect(Object.keys(result!)).toEqual(COMPLEX_TYPES.MailboxIDInfo!.fields.filter((f) => f.minOccurs > 0 || ['Description'].includes(f.name)).map((f) => f.name));
    expect(result).toEqual({
      MailboxID: 5001,
      NetworkID: 1001,
      Created: new Date('2021-06-10T09:00:00Z'),
      Modified: new Date('2025-02-14T11:30:00Z'),
      Status: 'Active',
      Description: 'Acme Mailbox One',
      Managed: false,
      UseType: 'Undefined',
      ECGridAccount: false,
    });
    expect(result?.Name).toBeUndefined();
    expect(result?.Created).toEqual(new Date('2021-06-10T09:00:00Z'));
    expect(result?.Modified).toEqual(new Date('2025-02-14T11:30:00Z'));
  });

  it('wraps a REST parcel list in the SOAP collection, always as an array', async () => {
    const { backend, requests } = portAnswering((req) =>
      (req.body as { pageNo: number }).pageNo > 1
        ? []
        : [{ parcelId: 987654321, mailboxId: 1001, networkId: 42, fileName: 'a.edi', bytes: 14872, status: 'InBoxReady', created: '2026-05-07T08:00:00Z', modified: '2026-05-07T08:05:00Z' }],
    );
    const inbox = await backend.invoke('ParcelInBox', {});
    expect(requests[0]).toMatchObject({ method: 'POST', endpoint: 'parcels.inboxList', idempotent: true, body: { status: 'InBoxReady' } });
    expect(inbox?.Count).toBe(1);
    expect(inbox?.ParcelIDInfoList).toHaveLength(1);
    expect(inbox?.ParcelIDInfoList?.[0]).toMatchObject({ ParcelID: 987654321, ParcelBytes: 14872, MailboxIDTo: 1001, FileName: 'a.edi' });
    expect(inbox?.ParcelIDInfoList?.[0]?.ArchiveDate).toEqual(DOTNET_MIN_DATE);
  });

  it('sends parcel content as base64 and gets it back as a Buffer', async () => {
    const content = Buffer.from('ISA*00*          *00*~');
    const { backend, requests } = portAnswering((req) =>
      req.endpoint === 'parcels.upload' ? 77 : { parcelId: 77, fileName: 'po.edi', bytes: content.length, content: content.toString('base64') },
    );
    await expect(backend.invoke('ParcelUploadEx', { NetworkID: 1, MailboxID: 0, FileName: 'po.edi', Bytes: content.length, Content: content })).resolves.toBe(77);
    expect(requests[0]).toMatchObject({ idempotent: false, body: { fileName: 'po.edi', content: content.toString('base64'), bytes: content.length } });
    expect((requests[0]!.body as Record<string, unknown>)['mailboxId']).toBeUndefined();
    const file = await backend.invoke('ParcelDownload', { ParcelID: 77 });
    expect(file?.Content).toEqual(content);
  });

  it('encodes path values', async () => {
    const { backend, requests } = portAnswering(() => true);
    await backend.invoke('ParcelDownloadReset', { ParcelID: 12 });
    expect(requests[0]).toMatchObject({ endpoint: 'parcels.resetToInbox', pathParams: { id: 12 } });
  });

  it('gives NotAvailableOnBackend for SessionLog and for filters REST cannot express', async () => {
    const { backend, requests } = portAnswering(() => []);
    const log = await backend.invoke('SessionLog', { MaxRecords: 5 }).catch((e: unknown) => e);
    expect(log).toBeInstanceOf(NotAvailableOnBackendError);
    expect(log).toMatchObject({ code: 'NotAvailableOnBackend', operation: 'SessionLog', backend: 'rest' });
    await expect(backend.invoke('MailboxList', { Name: 'acme' })).rejects.toBeInstanceOf(NotAvailableOnBackendError);
    expect(requests).toHaveLength(0);
  });

  it('applies ShowInactive to a trading-partner search', async () => {
    const { backend } = portAnswering(() => [
      { ecGridId: 1, mailboxId: 1, networkId: 1, qualifier: 'ZZ', id: 'A', status: 'Active' },
      { ecGridId: 2, mailboxId: 1, networkId: 1, qualifier: 'ZZ', id: 'A', status: 'Suspended' },
    ]);
    expect(await backend.invoke('TPSearch', { Qualifier: 'ZZ', ID: 'A', ShowInactive: false })).toHaveLength(1);
    expect(await backend.invoke('TPSearch', { Qualifier: 'ZZ', ID: 'A', ShowInactive: true })).toHaveLength(2);
  });

  it.each([
    ['a number where an object belongs', 42],
    ['a wrong field type', { mailboxId: 'five', networkId: 1 }],
    ['an unknown enumeration value', { mailboxId: 1, networkId: 1, status: 'Sleeping' }],
    ['an invalid date', { mailboxId: 1, networkId: 1, created: 'yesterday' }],
  ])('refuses %s with a typed MappingError', async (_name, data) => {
    const { backend } = portAnswering(() => data);
    const err = await backend.invoke('MailboxInfo', { MailboxID: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect(err).toBeInstanceOf(FacadeError);
    expect((err as FacadeError).code).toBe('Protocol');
  });
});
