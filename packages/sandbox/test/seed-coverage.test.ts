import { describe, expect, it } from 'vitest';
import { readSeedFile } from '../src/index.js';
import { statusSeenBy } from '../src/store/parcels.js';
import { stateFromSeed } from '../src/store/seed.js';

/** The shipped seed holds every object type the operations touch, IDs above 2^31 and non-ASCII text. */

const state = stateFromSeed(readSeedFile());
const ABOVE_INT32 = 2 ** 31;

describe('the shipped seed', () => {
  it('has records of every stored type', () => {
    const { sessions: _none, counters: _counters, ...collections } = state;
    for (const [name, records] of Object.entries(collections)) expect(records.size, name).toBeGreaterThan(0);
  });

  it('has parcels inbound (ready, transferred, archived), outbound, failed and in process', () => {
    const parcels = [...state.parcels.values()];
    const inbound = new Set(parcels.filter((p) => p.undelivered === undefined).map((p) => p.status));
    expect(inbound).toEqual(new Set(['InBoxReady', 'InBoxTransferred', 'InBoxArchived']));
    const outbound = new Set(parcels.map((p) => statusSeenBy(p, 'from')));
    for (const status of ['outboxSent', 'outboxAcknowledged', 'outboxFailed', 'outboxPending']) expect(outbound).toContain(status);
  });

  it('has IDs above 2^31 where the WSDL types them xs:long (parcels, callback queue entries)', () => {
    expect([...state.parcels.keys()].some((id) => id > ABOVE_INT32)).toBe(true);
    expect([...state.callbackQueue.keys()].some((id) => id > ABOVE_INT32)).toBe(true);
    expect([...state.callbackQueue.values()].some((q) => q.objectId > ABOVE_INT32)).toBe(true);
  });

  it('has non-ASCII text in parcels, notes, callbacks, certificates and keys', () => {
    const nonAscii = (text: string) => /[^\x00-\x7f]/.test(text);
    expect([...state.parcels.values()].some((p) => nonAscii(p.fileName))).toBe(true);
    expect([...state.interconnectNotes.values()].some((n) => nonAscii(n.note) && nonAscii(n.postedBy))).toBe(true);
    expect([...state.callbacks.values()].some((c) => nonAscii(c.url))).toBe(true);
    expect([...state.certificates.values()].some((c) => nonAscii(c.subject))).toBe(true);
    expect([...state.keys.values()].some((k) => nonAscii(k.value) || nonAscii(k.meta))).toBe(true);
  });
});
