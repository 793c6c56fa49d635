import { describe, expect, it } from 'vitest';
import { conformsTo, recordProblems } from '../src/schema/conforms.js';

const mailbox = () => ({
  MailboxID: 5001,
  NetworkID: 1001,
  Created: new Date('2021-06-10T09:00:00Z'),
  Modified: new Date('2025-02-14T11:30:00Z'),
  Status: 'Active',
  Managed: false,
  UseType: 'Undefined',
  ECGridAccount: false,
});

describe('checking values against the WSDL schema', () => {
  it.each([
    ['a valid record', mailbox(), true],
    ['an unknown field', { ...mailbox(), CompanyName: 'Acme' }, false],
    ['a value outside the enumeration', { ...mailbox(), Status: 'Sleeping' }, false],
    ['a missing required field', (({ Managed: _m, ...rest }) => rest)(mailbox()), false],
    ['an ID beyond xs:int', { ...mailbox(), MailboxID: 2 ** 31 }, false],
    ['a date that is not a Date', { ...mailbox(), Created: '2021-06-10T09:00:00Z' }, false],
    ['a nested record of the wrong shape', { ...mailbox(), OwnerUserID: { UserID: 'x' } }, false],
  ])('%s: the fast check and the explaining check agree', (_name, value, valid) => {
    expect(conformsTo('MailboxIDInfo', value)).toBe(valid);
    expect(recordProblems('MailboxIDInfo', value).length === 0).toBe(valid);
  });

  it('checks the items of arrays inside records', () => {
    const parcels = (item: unknown) => ({ PageSize: 1, PageNumber: 1, Count: 1, TotalRecords: 1, TotalPages: 1, ParcelIDInfoList: [item] });
    expect(conformsTo('ParcelIDInfoCollection', parcels({ ParcelID: 1 }))).toBe(false);
    expect(recordProblems('ParcelIDInfoCollection', parcels({ ParcelID: 1 }))).toContain('ParcelIDInfoCollection.ParcelIDInfoList[0].ParcelBytes: required, missing');
    expect(conformsTo('ParcelIDInfoCollection', { ...parcels(undefined), ParcelIDInfoList: [] })).toBe(true);
  });
});
