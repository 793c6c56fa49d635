import fs from 'node:fs';
import path from 'node:path';
import { SandboxSeedError, ServiceError } from '../errors.js';
import type { DraftState, StoreState } from './records.js';

const FORMAT = 'ecgrid-sandbox-state';
const FORMAT_VERSION = 1;

/**
 * The one store both protocol fronts read and change. A change runs on a draft (shallow copies of the maps, records
 * replaced rather than edited); the draft becomes the state only when the whole change succeeded and, with
 * `persistPath`, the file was written (temporary file, then rename). A failure at any point leaves nothing applied.
 */
export class Store {
  #state: StoreState;
  readonly #persistPath: string | undefined;

  constructor(initial: StoreState, persistPath?: string) {
    this.#state = initial;
    this.#persistPath = persistPath;
  }

  get state(): StoreState {
    return this.#state;
  }

  /**
   * Applies `change` atomically and returns its result. `persist: false` is for bookkeeping (session activity):
   * it is written with the next persisted change or at close.
   */
  commit<T>(change: (draft: DraftState) => T, options: { persist?: boolean } = {}): T {
    const s = this.#state;
    const draft: DraftState = {
      networks: new Map(s.networks),
      mailboxes: new Map(s.mailboxes),
      users: new Map(s.users),
      tradingPartners: new Map(s.tradingPartners),
      interconnects: new Map(s.interconnects),
      interconnectNotes: new Map(s.interconnectNotes),
      callbacks: new Map(s.callbacks),
      callbackQueue: new Map(s.callbackQueue),
      comms: new Map(s.comms),
      certificates: new Map(s.certificates),
      carbonCopies: new Map(s.carbonCopies),
      keys: new Map(s.keys),
      parcels: new Map(s.parcels),
      interchanges: new Map(s.interchanges),
      sessions: new Map(s.sessions),
      counters: { ...s.counters },
    };
    const result = change(draft);
    if (this.#persistPath !== undefined && options.persist !== false) {
      try {
        writeStateFile(this.#persistPath, draft);
      } catch {
        throw new ServiceError('SystemError', 'the sandbox could not save its state; the change was not applied');
      }
    }
    this.#state = draft;
    return result;
  }

  /** Writes the current state to the persistence file (no-op without one). */
  flush(): void {
    if (this.#persistPath !== undefined) writeStateFile(this.#persistPath, this.#state);
  }
}

interface StateFile {
  format: typeof FORMAT;
  version: number;
  counters: StoreState['counters'];
  networks: unknown[];
  mailboxes: unknown[];
  users: unknown[];
  tradingPartners: unknown[];
  interconnects: unknown[];
  interconnectNotes?: unknown[];
  callbacks?: unknown[];
  callbackQueue?: unknown[];
  comms?: unknown[];
  certificates?: unknown[];
  carbonCopies?: unknown[];
  keys?: unknown[];
  parcels: unknown[];
  interchanges: unknown[];
  sessions: unknown[];
}

export function serializeState(state: StoreState): string {
  const file: StateFile = {
    format: FORMAT,
    version: FORMAT_VERSION,
    counters: state.counters,
    networks: [...state.networks.values()],
    mailboxes: [...state.mailboxes.values()],
    users: [...state.users.values()],
    tradingPartners: [...state.tradingPartners.values()],
    interconnects: [...state.interconnects.values()],
    interconnectNotes: [...state.interconnectNotes.values()],
    callbacks: [...state.callbacks.values()],
    callbackQueue: [...state.callbackQueue.values()],
    comms: [...state.comms.values()],
    certificates: [...state.certificates.values()],
    carbonCopies: [...state.carbonCopies.values()],
    keys: [...state.keys.values()],
    parcels: [...state.parcels.values()],
    interchanges: [...state.interchanges.values()],
    sessions: [...state.sessions.values()],
  };
  return JSON.stringify(file);
}

function writeStateFile(file: string, state: StoreState): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, serializeState(state), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** Reads a state file written by {@link Store}; undefined when there is none. */
export function readStateFile(file: string): StoreState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SandboxSeedError(`cannot read the sandbox state file ${file}`);
  }
  let data: Partial<StateFile>;
  try {
    data = JSON.parse(text) as Partial<StateFile>;
  } catch {
    throw new SandboxSeedError(`the sandbox state file ${file} is not valid JSON`);
  }
  if (data.format !== FORMAT || data.version !== FORMAT_VERSION || typeof data.counters !== 'object') {
    throw new SandboxSeedError(`${file} is not a sandbox state file of version ${FORMAT_VERSION}`);
  }
  const byKey = <K, V>(list: unknown, key: (v: V) => K): Map<K, V> => {
    if (!Array.isArray(list)) throw new SandboxSeedError(`the sandbox state file ${file} is incomplete`);
    return new Map((list as V[]).map((v) => [key(v), v]));
  };
  return {
    counters: data.counters,
    networks: byKey(data.networks, (v: { networkId: number }) => v.networkId),
    mailboxes: byKey(data.mailboxes, (v: { mailboxId: number }) => v.mailboxId),
    users: byKey(data.users, (v: { userId: number }) => v.userId),
    tradingPartners: byKey(data.tradingPartners, (v: { ecgridId: number }) => v.ecgridId),
    interconnects: byKey(data.interconnects, (v: { interconnectId: number }) => v.interconnectId),
    interconnectNotes: byKey(data.interconnectNotes ?? [], (v: { interconnectNoteId: number }) => v.interconnectNoteId),
    callbacks: byKey(data.callbacks ?? [], (v: { callbackId: number }) => v.callbackId),
    callbackQueue: byKey(data.callbackQueue ?? [], (v: { queueId: number }) => v.queueId),
    comms: byKey(data.comms ?? [], (v: { commId: number }) => v.commId),
    certificates: byKey(data.certificates ?? [], (v: { certificateId: number }) => v.certificateId),
    carbonCopies: byKey(data.carbonCopies ?? [], (v: { carbonCopyId: number }) => v.carbonCopyId),
    keys: byKey(data.keys ?? [], (v: { key: string }) => v.key),
    parcels: byKey(data.parcels, (v: { parcelId: number }) => v.parcelId),
    interchanges: byKey(data.interchanges, (v: { interchangeId: number }) => v.interchangeId),
    sessions: byKey(data.sessions, (v: { sessionId: string }) => v.sessionId),
  } as unknown as StoreState;
}
