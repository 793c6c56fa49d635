import { describe, expect, it } from 'vitest';
import { PASSWORD_PATTERN } from '@ecgrid-bridge/core';
import { ENUMS } from '@ecgrid-bridge/soap';
import { SandboxSeedError, ServiceError, isaSegment, parseX12, readSeedFile, type SandboxSeed } from '../src/index.js';
import { stateFromSeed } from '../src/store/seed.js';
import { x12File } from './support/clients.js';

describe('parseX12', () => {
  it('reads the envelope of one interchange', () => {
    const [ic, ...rest] = parseX12(Buffer.from(x12File(['ZZ', 'SENDER'], ['01', '123456789'], { control: 77, type: '810' })));
    expect(rest).toHaveLength(0);
    expect(ic).toMatchObject({
      senderQualifier: 'ZZ',
      senderId: 'SENDER',
      receiverQualifier: '01',
      receiverId: '123456789',
      controlId: '000000077',
      date: '2025-03-01T10:00:00.000Z',
      transactionSets: ['810'],
    });
    expect(ic!.header).toHaveLength(105);
  });

  it('reads several interchanges of one file', () => {
    const file = x12File(['ZZ', 'A'], ['ZZ', 'B'], { control: 1 }) + x12File(['ZZ', 'A'], ['ZZ', 'B'], { control: 2 });
    expect(parseX12(Buffer.from(file)).map((i) => i.controlId)).toEqual(['000000001', '000000002']);
  });

  it.each([
    ['not X12', 'hello world', /does not start with an ISA/],
    ['empty', '   ', /empty/],
    ['a short ISA', 'ISA*00*~', /shorter than 106/],
    ['a mis-sized element', x12File(['ZZ', 'A'], ['ZZ', 'B']).replace('*U*00401*', '*UU*0401*'), /ISA11 must be 1/],
    ['no IEA', x12File(['ZZ', 'A'], ['ZZ', 'B']).replace(/IEA\*1\*\d+~\n$/, ''), /no IEA trailer/],
    ['a control number mismatch', x12File(['ZZ', 'A'], ['ZZ', 'B'], { control: 5 }).replace('IEA*1*000000005', 'IEA*1*000000006'), /IEA02/],
    ['a bad date', x12File(['ZZ', 'A'], ['ZZ', 'B']).replace('*250301*', '*251399*'), /valid date/],
  ])('refuses %s with an InvalidParameter error', (_name, text, message) => {
    let caught: unknown;
    try {
      parseX12(Buffer.from(text));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ServiceError);
    expect((caught as ServiceError).kind).toBe('InvalidParameter');
    expect((caught as ServiceError).message).toMatch(message);
  });

  it('isaSegment writes a 106-character ISA that parseX12 accepts', () => {
    const isa = isaSegment({ senderQualifier: 'ZZ', senderId: 'X', receiverQualifier: 'ZZ', receiverId: 'Y', date: new Date('2025-05-06T07:08:00Z'), controlNumber: 9 });
    expect(isa).toHaveLength(106);
    const [ic] = parseX12(Buffer.from(`${isa}\nGS*PO*X*Y*20250506*0708*9*X*004010~\nST*850*0001~\nSE*2*0001~\nGE*1*9~\nIEA*1*000000009~\n`));
    expect(ic?.date).toBe('2025-05-06T07:08:00.000Z');
  });
});

describe('the seed fixture', () => {
  const seed = readSeedFile();

  it('has a user at every auth level and passwords that satisfy the password rule', () => {
    const levels = new Set(seed.users.map((u) => u.authLevel));
    for (const level of ENUMS['AuthLevel']!.filter((l) => l !== 'NoChange')) expect(levels).toContain(level);
    for (const u of seed.users) expect(u.password).toMatch(PASSWORD_PATTERN);
  });

  it('holds real-looking X12 with fixed-width ISA segments, routed to known mailboxes', () => {
    const state = stateFromSeed(seed);
    for (const p of seed.parcels) {
      for (const line of p.content.split('\n').filter((l) => l.startsWith('ISA'))) expect(line).toHaveLength(106);
    }
    const demo = seed.users.find((u) => u.loginName === seed.demoUser)!;
    const ready = [...state.parcels.values()].filter((p) => p.toMailboxId === demo.mailboxId && p.status === 'InBoxReady');
    expect(ready.length).toBeGreaterThanOrEqual(2);
    expect(state.interchanges.size).toBeGreaterThan(seed.parcels.length);
  });

  it('stores password hashes, never the passwords', () => {
    const state = stateFromSeed(seed);
    const text = JSON.stringify([...state.users.values()]);
    for (const u of seed.users) expect(text).not.toContain(u.password);
    for (const u of state.users.values()) expect(u.passwordHash).toMatch(/^scrypt\$/);
  });

  it('refuses a seed whose password breaks the rule, naming the user but not the password', () => {
    const bad: SandboxSeed = { ...seed, users: seed.users.map((u, i) => (i === 0 ? { ...u, password: 'alllowercase' } : u)) };
    expect(() => stateFromSeed(bad)).toThrow(SandboxSeedError);
    expect(() => stateFromSeed(bad)).toThrow(new RegExp(seed.users[0]!.loginName));
    try {
      stateFromSeed(bad);
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('alllowercase');
    }
  });

  it('refuses a parcel addressed to an unknown receiver', () => {
    const bad: SandboxSeed = {
      ...seed,
      parcels: [{ parcelId: 1, fileName: 'x.edi', created: '2025-01-01T00:00:00Z', status: 'InBoxReady', confirmed: false, content: x12File(['ZZ', 'ACMEMFG'], ['ZZ', 'NOBODY']) }],
    };
    expect(() => stateFromSeed(bad)).toThrow(/NOBODY/);
  });

  // A client that reads one date field for another (ParcelDate for StatusDate, Created for Modified, Modified for
  // Completed) can only be caught against data where the two differ.
  it('gives every stored record date fields of their own: modified is never created (nor completed)', () => {
    const state = stateFromSeed(seed);
    const kinds = {
      networks: [...state.networks.values()],
      mailboxes: [...state.mailboxes.values()],
      users: [...state.users.values()],
      tradingPartners: [...state.tradingPartners.values()],
      interconnects: [...state.interconnects.values()],
      parcels: [...state.parcels.values()],
    };
    for (const [kind, records] of Object.entries(kinds)) {
      expect(records.length, kind).toBeGreaterThan(0);
      for (const r of records) {
        expect(r.modified, `${kind}: ${JSON.stringify(r).slice(0, 60)}`).not.toBe(r.created);
        expect(Date.parse(r.modified)).toBeGreaterThan(Date.parse(r.created));
      }
    }
    const completed = kinds.interconnects.filter((ic) => ic.completed !== undefined);
    expect(completed.length).toBeGreaterThan(0);
    for (const ic of completed) expect(ic.modified).not.toBe(ic.completed);
    expect(new Set(kinds.parcels.map((p) => p.status))).toEqual(new Set(['InBoxReady', 'InBoxTransferred', 'InBoxArchived']));
    for (const ic of state.interchanges.values()) expect(ic.interchangeDate).not.toBe(ic.created);
  });

  it('keeps modified equal to created for a record that leaves it out, and refuses one earlier than created', () => {
    const [network, ...networks] = seed.networks;
    const { modified: _dropped, ...unchanged } = network!;
    const state = stateFromSeed({ ...seed, networks: [unchanged, ...networks] });
    expect(state.networks.get(unchanged.networkId)?.modified).toBe(new Date(unchanged.created).toISOString());

    const [parcel, ...parcels] = seed.parcels;
    const backwards: SandboxSeed = { ...seed, parcels: [{ ...parcel!, modified: '2000-01-01T00:00:00Z' }, ...parcels] };
    expect(() => stateFromSeed(backwards)).toThrow(SandboxSeedError);
    expect(() => stateFromSeed(backwards)).toThrow(new RegExp(`parcel ${parcel!.parcelId} modified`));
  });
});
