import { describe, expect, it } from 'vitest';
import {
  type CredentialStore,
  CredentialStoreUnavailableError,
  MemoryCredentialStore,
  SharedCredential,
  type UnavailablePolicy,
} from '../src/index.js';

/** Two holders on one store stand for two processes sharing it. */
function pair(store: CredentialStore, acquire: (base: string | undefined) => Promise<string>) {
  const make = () =>
    new SharedCredential<string>({
      store,
      key: 'soap-session:test',
      ttlMs: 60_000,
      acquire: async (base) => ({ value: await acquire(base), expiresAtMs: undefined }),
    });
  return [make(), make()] as const;
}

/** A memory store that can be switched off, standing for a shared store whose server went away. */
class SwitchableStore extends MemoryCredentialStore {
  down = false;
  override readonly shared = true;
  override readonly whenUnavailable: UnavailablePolicy;
  constructor(policy: UnavailablePolicy) {
    super();
    this.whenUnavailable = policy;
  }
  override available(): boolean {
    return !this.down;
  }
  override cached(key: string) {
    return this.down ? undefined : super.cached(key);
  }
  override async load(key: string) {
    if (this.down) throw new CredentialStoreUnavailableError('switched off');
    return super.load(key);
  }
}

describe('SharedCredential', () => {
  it('runs one acquisition for every concurrent caller of every holder', async () => {
    let logins = 0;
    const [a, b] = pair(new MemoryCredentialStore(), async () => {
      await new Promise((r) => setTimeout(r, 20));
      return `s${++logins}`;
    });
    const got = await Promise.all([...Array.from({ length: 50 }, () => a.get()), ...Array.from({ length: 50 }, () => b.get())]);
    expect(new Set(got.map((h) => h.value))).toEqual(new Set(['s1']));
    expect(logins).toBe(1);
  });

  it('marks a refused credential once and renews it once, whoever saw the refusal', async () => {
    let logins = 0;
    const store = new MemoryCredentialStore();
    const [a, b] = pair(store, async () => `s${++logins}`);
    const used = await a.get();
    const renewed = await Promise.all([a.renewAfterRejection(used), b.renewAfterRejection(used), a.renewAfterRejection(used)]);
    expect(renewed.map((h) => h.value)).toEqual(['s2', 's2', 's2']);
    expect(logins).toBe(2);
    expect(store.metrics().invalidations).toBe(1);
    expect(store.metrics().renewals).toBe(2);
  });

  it('takes over once the lease lapses when its holder stops keeping it (a process that died mid-login)', async () => {
    let calls = 0;
    // A dead process sends no heartbeat: here no extension ever succeeds.
    class NoHeartbeat extends MemoryCredentialStore {
      override async extend(): Promise<boolean> {
        return false;
      }
    }
    const store = new NoHeartbeat({ leaseMs: 60 });
    const [stuck, other] = pair(store, async () => {
      calls += 1;
      if (calls === 1) return new Promise<string>(() => undefined);
      return 'from-the-other';
    });
    void stuck.get();
    await new Promise((r) => setTimeout(r, 5));
    expect((await other.get()).value).toBe('from-the-other');
    expect(calls).toBe(2);
    expect(store.metrics().renewals).toBe(1);
  });

  it('keeps the lease of a slow but living holder, so that nobody renews twice', async () => {
    let logins = 0;
    const store = new MemoryCredentialStore({ leaseMs: 30 });
    const [a, b] = pair(store, async () => {
      logins += 1;
      await new Promise((r) => setTimeout(r, 150));
      return `s${logins}`;
    });
    const first = a.get();
    await new Promise((r) => setTimeout(r, 5));
    const [x, y] = await Promise.all([first, b.get()]);
    expect([x.value, y.value]).toEqual(['s1', 's1']);
    expect(logins).toBe(1);
  });

  it('fails with a typed error when the shared store is down and its policy is "fail"', async () => {
    const store = new SwitchableStore('fail');
    const [a] = pair(store, async () => 'shared');
    await a.get();
    store.down = true;
    await expect(a.get()).rejects.toBeInstanceOf(CredentialStoreUnavailableError);
  });

  it('uses a credential of its own while the shared store is down with policy "local", then the shared one again', async () => {
    let logins = 0;
    const store = new SwitchableStore('local');
    const [a] = pair(store, async () => `s${++logins}`);
    expect((await a.get()).value).toBe('s1');
    store.down = true;
    expect((await a.get()).value).toBe('s2');
    expect(a.fallingBack).toBe(true);
    expect(store.metrics().fallbacks).toBe(1);
    store.down = false;
    expect((await a.get()).value).toBe('s1');
    expect(a.fallingBack).toBe(false);
  });
});
