import fs from 'node:fs';
import { createRequire } from 'node:module';
import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import { satisfiesPasswordRule } from '@ecgrid-bridge/core';
import { SandboxSeedError, ServiceError } from '../errors.js';
import { hashPassword, sha256Hex } from '../auth/secrets.js';
import { parseX12 } from '../x12.js';
import { addParcel, routeInterchanges } from './parcels.js';
import { enumValues, isEnumValue } from '@ecgrid-bridge/soap';
import {
  type CallbackQueueRecord,
  type CallbackRecord,
  type CarbonCopyRecord,
  type CertificateRecord,
  type CommRecord,
  type DraftState,
  type InterconnectNoteRecord,
  type KeyRecord,
  type InterconnectRecord,
  type MailboxRecord,
  type NetworkRecord,
  type ParcelRecord,
  type ParcelStatus,
  type UndeliveredParcelStatus,
  type Status,
  type StoreState,
  type TradingPartnerRecord,
  type UserRecord,
} from './records.js';

/** The REST Status vocabulary (rest-api/ids/get-id.md, rest-api/partners/get-partner.md). */
const REST_STATUSES: ReadonlySet<string> = new Set(DOCUMENTED_ENUMS['Status'] ?? []);

/** The seed document (`packages/sandbox/seed/sandbox-seed.json`). Passwords are plaintext here and hashed when loaded. */
export interface SandboxSeed {
  readonly version: 1;
  /** The login name of the user whose credentials the sandbox hands out as its demo credentials. */
  readonly demoUser: string;
  readonly counters: { readonly nextParcelId: number; readonly nextInterchangeId: number };
  readonly networks: readonly SeedNetwork[];
  readonly mailboxes: readonly SeedMailbox[];
  readonly users: readonly SeedUser[];
  readonly tradingPartners: readonly SeedTradingPartner[];
  readonly interconnects: readonly SeedInterconnect[];
  readonly parcels: readonly SeedParcel[];
  readonly interconnectNotes?: readonly SeedInterconnectNote[];
  readonly callbacks?: readonly SeedCallback[];
  readonly callbackQueue?: readonly SeedCallbackQueue[];
  readonly comms?: readonly SeedComm[];
  readonly certificates?: readonly SeedCertificate[];
  readonly carbonCopies?: readonly SeedCarbonCopy[];
  readonly keys?: readonly SeedKey[];
}

/**
 * The last change of a seed record. Left out, the record counts as unchanged since it was created (for an
 * interconnect: since it was completed). The shipped seed gives every record one of its own, later than `created`,
 * so a client that reads one date field for the other shows it.
 */
interface SeedModified {
  readonly modified?: string;
}

/** Seed records are stored records without what the store derives itself (network of an ID); `modified` is optional. */
export type SeedNetwork = Omit<NetworkRecord, 'modified'> & SeedModified;

export type SeedMailbox = Omit<MailboxRecord, 'modified'> & SeedModified;

/** The records below take their network from their mailbox. */
type InMailbox<R> = Omit<R, 'networkId' | 'modified'> & SeedModified;

export type SeedInterconnectNote = InterconnectNoteRecord;
export type SeedCallback = InMailbox<CallbackRecord>;
export type SeedCallbackQueue = CallbackQueueRecord;
export type SeedComm = InMailbox<CommRecord>;
export type SeedCertificate = CertificateRecord;
export type SeedCarbonCopy = InMailbox<CarbonCopyRecord>;
export type SeedKey = Omit<KeyRecord, 'networkId'>;

/** A seed user carries its password and client secret in plain text; the store keeps only their hashes. */
export type SeedUser = Omit<UserRecord, 'passwordHash' | 'clientSecretHash' | 'modified' | 'lastLogin'> &
  SeedModified & {
    readonly password: string;
    readonly clientSecret?: string;
  };

export type SeedTradingPartner = Omit<TradingPartnerRecord, 'networkId' | 'modified'> & SeedModified;

export type SeedInterconnect = Omit<InterconnectRecord, 'modified'> & SeedModified;

export interface SeedParcel extends SeedModified {
  readonly parcelId: number;
  readonly fileName: string;
  readonly created: string;
  readonly status: ParcelStatus;
  readonly confirmed: boolean;
  readonly mailbagControlId?: string;
  /** An outbound parcel the network has not delivered (in process or failed): in no inbox. */
  readonly undelivered?: ParcelRecord['undelivered'];
  /** X12 text; sender and receiver come from its ISA envelopes. */
  readonly content: string;
}

/** The plaintext demo credentials of a seed, for the sandbox's start-up print-out. */
export interface DemoCredentials {
  readonly loginName: string;
  readonly email: string;
  readonly password: string;
  readonly apiKey: string;
  readonly clientKey: string | undefined;
  readonly clientSecret: string | undefined;
  readonly userId: number;
}

/** The seed the package ships, found through the package's own `./seed.json` export: the same from source and from dist. */
export const DEFAULT_SEED_PATH = createRequire(import.meta.url).resolve('@ecgrid-bridge/sandbox/seed.json');

export function readSeedFile(file: string = DEFAULT_SEED_PATH): SandboxSeed {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SandboxSeedError(`cannot read the seed file ${file}`);
  }
  try {
    return JSON.parse(text) as SandboxSeed;
  } catch {
    throw new SandboxSeedError(`the seed file ${file} is not valid JSON`);
  }
}

const STATUSES: readonly Status[] = enumValues('Status');
const UNDELIVERED: readonly string[] = ['outboxPending', 'outboxRetry', 'outboxFailed', 'outboxDeliveryError'] satisfies UndeliveredParcelStatus[];
const AUTH_LEVELS = enumValues('AuthLevel').filter((level) => level !== 'NoChange');

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new SandboxSeedError(`invalid seed: ${message}`);
}

const isIso = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /Z$/.test(v);
const iso = (v: string): string => new Date(v).toISOString();

/** A seed record's `modified`, checked: an ISO date no earlier than `since` (its creation, or its completion). */
function modifiedOf(what: string, record: SeedModified, since: string): string {
  if (record.modified === undefined) return iso(since);
  check(isIso(record.modified) && Date.parse(record.modified) >= Date.parse(since), `${what} modified must be an ISO date not before ${since}`);
  return iso(record.modified);
}

export function demoCredentials(seed: SandboxSeed): DemoCredentials {
  const user = seed.users.find((u) => u.loginName === seed.demoUser);
  check(user, `demoUser ${seed.demoUser} is not one of the users`);
  return {
    loginName: user.loginName,
    email: user.email,
    password: user.password,
    apiKey: user.apiKey,
    clientKey: user.clientKey,
    clientSecret: user.clientSecret,
    userId: user.userId,
  };
}

/** Checks a seed and turns it into a store state: passwords hashed, parcels routed through their ISA envelopes. */
export function stateFromSeed(seed: SandboxSeed): StoreState {
  check(seed && seed.version === 1, 'version must be 1');
  const draft: DraftState = {
    networks: new Map(),
    mailboxes: new Map(),
    users: new Map(),
    tradingPartners: new Map(),
    interconnects: new Map(),
    interconnectNotes: new Map(),
    callbacks: new Map(),
    callbackQueue: new Map(),
    comms: new Map(),
    certificates: new Map(),
    carbonCopies: new Map(),
    keys: new Map(),
    parcels: new Map(),
    interchanges: new Map(),
    sessions: new Map(),
    counters: { nextParcelId: seed.counters.nextParcelId, nextInterchangeId: seed.counters.nextInterchangeId, nextSessionEventId: 1 },
  };
  for (const n of seed.networks) {
    check(Number.isSafeInteger(n.networkId) && n.networkId > 0, `network id ${n.networkId}`);
    check(!draft.networks.has(n.networkId), `duplicate network ${n.networkId}`);
    check(STATUSES.includes(n.status) && isIso(n.created), `network ${n.networkId} status or created`);
    draft.networks.set(n.networkId, { ...n, created: iso(n.created), modified: modifiedOf(`network ${n.networkId}`, n, n.created) });
  }
  for (const m of seed.mailboxes) {
    check(Number.isSafeInteger(m.mailboxId) && m.mailboxId > 0 && !draft.mailboxes.has(m.mailboxId), `mailbox id ${m.mailboxId}`);
    check(draft.networks.has(m.networkId), `mailbox ${m.mailboxId} names unknown network ${m.networkId}`);
    check(STATUSES.includes(m.status) && isIso(m.created), `mailbox ${m.mailboxId} status or created`);
    draft.mailboxes.set(m.mailboxId, { ...m, created: iso(m.created), modified: modifiedOf(`mailbox ${m.mailboxId}`, m, m.created) });
  }
  const logins = new Set<string>();
  for (const u of seed.users) {
    check(Number.isSafeInteger(u.userId) && u.userId > 0 && !draft.users.has(u.userId), `user id ${u.userId}`);
    check(AUTH_LEVELS.includes(u.authLevel), `user ${u.userId} auth level ${u.authLevel}`);
    check(typeof u.password === 'string' && satisfiesPasswordRule(u.password), `user ${u.loginName}: the password does not satisfy the password rule`);
    for (const name of [u.loginName.toLowerCase(), u.email.toLowerCase()]) {
      check(!logins.has(name), `login name or email ${name} is used twice`);
      logins.add(name);
    }
    check(typeof u.apiKey === 'string' && u.apiKey.length >= 16, `user ${u.loginName}: apiKey must be at least 16 characters`);
    check(u.networkId === 0 || draft.networks.has(u.networkId), `user ${u.loginName} names unknown network ${u.networkId}`);
    if (u.mailboxId !== 0) {
      const mailbox = draft.mailboxes.get(u.mailboxId);
      check(mailbox && mailbox.networkId === u.networkId, `user ${u.loginName}: mailbox ${u.mailboxId} is not in network ${u.networkId}`);
    }
    check((u.clientKey === undefined) === (u.clientSecret === undefined), `user ${u.loginName}: clientKey and clientSecret go together`);
    const carrier: string | undefined = u.cellCarrier;
    check(carrier === undefined || (isEnumValue('CellCarrier', carrier) && carrier !== 'NoChange' && carrier !== 'Undefined'), `user ${u.loginName}: cellCarrier ${carrier ?? ''} is not a carrier`);
    check(STATUSES.includes(u.status) && isIso(u.created), `user ${u.loginName} status or created`);
    const { password, clientSecret, ...rest } = u;
    draft.users.set(u.userId, {
      ...rest,
      passwordHash: hashPassword(password),
      ...(clientSecret !== undefined ? { clientSecretHash: sha256Hex(clientSecret) } : {}),
      created: iso(u.created),
      modified: modifiedOf(`user ${u.loginName}`, u, u.created),
    });
  }
  for (const n of draft.networks.values()) {
    for (const [role, userId] of Object.entries(n.contacts ?? {})) {
      check(isEnumValue('NetworkContactType', role) && draft.users.has(userId), `network ${n.networkId}: the ${role} contact is not a known user`);
    }
  }
  for (const tp of seed.tradingPartners) {
    check(Number.isSafeInteger(tp.ecgridId) && tp.ecgridId > 0 && !draft.tradingPartners.has(tp.ecgridId), `ECGrid ID ${tp.ecgridId}`);
    const mailbox = draft.mailboxes.get(tp.mailboxId);
    check(mailbox, `ECGrid ID ${tp.ecgridId} names unknown mailbox ${tp.mailboxId}`);
    check(/^[A-Z0-9]{2}$/.test(tp.qualifier) && tp.id.length > 0 && tp.id.length <= 15, `ECGrid ID ${tp.ecgridId}: qualifier/ID`);
    check(isIso(tp.created), `ECGrid ID ${tp.ecgridId} created`);
    check(REST_STATUSES.has(tp.restStatus), `ECGrid ID ${tp.ecgridId}: restStatus ${tp.restStatus} is not a Status`);
    check(isEnumValue('EDIStandard', tp.ediStandard), `ECGrid ID ${tp.ecgridId}: ediStandard ${tp.ediStandard} is not an EDIStandard`);
    draft.tradingPartners.set(tp.ecgridId, {
      ...tp,
      networkId: mailbox.networkId,
      created: iso(tp.created),
      modified: modifiedOf(`ECGrid ID ${tp.ecgridId}`, tp, tp.created),
    });
  }
  for (const ic of seed.interconnects) {
    check(!draft.interconnects.has(ic.interconnectId), `interconnect ${ic.interconnectId}`);
    check(draft.tradingPartners.has(ic.ecgridId1) && draft.tradingPartners.has(ic.ecgridId2), `interconnect ${ic.interconnectId} names unknown IDs`);
    check(isIso(ic.created), `interconnect ${ic.interconnectId} created`);
    check(REST_STATUSES.has(ic.restStatus), `interconnect ${ic.interconnectId}: restStatus ${ic.restStatus} is not a Status`);
    draft.interconnects.set(ic.interconnectId, {
      ...ic,
      created: iso(ic.created),
      modified: modifiedOf(`interconnect ${ic.interconnectId}`, ic, ic.completed ?? ic.created),
      ...(ic.completed ? { completed: iso(ic.completed) } : {}),
    });
  }
  for (const p of seed.parcels) {
    check(isIso(p.created), `parcel ${p.parcelId} created`);
    check(['InBoxReady', 'InBoxTransferred', 'InBoxArchived'].includes(p.status), `parcel ${p.parcelId} status ${p.status}`);
    check(p.confirmed === (p.status === 'InBoxArchived'), `parcel ${p.parcelId}: confirmed exactly when InBoxArchived`);
    check(
      p.undelivered === undefined || (UNDELIVERED.includes(p.undelivered) && p.status === 'InBoxReady'),
      `parcel ${p.parcelId}: undelivered must be one of ${UNDELIVERED.join(', ')}, with status InBoxReady`,
    );
    try {
      const content = Buffer.from(p.content, 'latin1');
      const route = routeInterchanges(draft, parseX12(content));
      addParcel(
        draft,
        {
          parcelId: p.parcelId,
          fileName: p.fileName,
          content,
          created: iso(p.created),
          modified: modifiedOf(`parcel ${p.parcelId}`, p, p.created),
          status: p.status,
          confirmed: p.confirmed,
          mailbagControlId: p.mailbagControlId ?? '',
          ...(p.undelivered !== undefined ? { undelivered: p.undelivered } : {}),
        },
        route,
      );
    } catch (err) {
      if (err instanceof ServiceError) throw new SandboxSeedError(`invalid seed: parcel ${p.parcelId}: ${err.message}`);
      throw err;
    }
  }
  loadDirectoryExtras(seed, draft);
  return draft;
}

/** Loads a list of seed records into a map by key, refusing duplicates; `build` checks one and makes the record. */
function loadInto<S, K, R>(what: string, list: readonly S[] | undefined, into: Map<K, R>, key: (s: S) => K, build: (s: S) => R): void {
  for (const s of list ?? []) {
    const k = key(s);
    check(!into.has(k), `duplicate ${what} ${String(k)}`);
    into.set(k, build(s));
  }
}

/** Interconnect notes, callbacks, comms, certificates, carbon copies and keys: each checked against what it names. */
function loadDirectoryExtras(seed: SandboxSeed, draft: DraftState): void {
  const networkOf = (what: string, mailboxId: number): number => {
    const m = draft.mailboxes.get(mailboxId);
    check(m, `${what} names unknown mailbox ${mailboxId}`);
    return m.networkId;
  };
  const dated = (what: string, ...dates: string[]): void => dates.forEach((d) => check(isIso(d), `${what}: ${d} is not an ISO date`));
  loadInto('interconnect note', seed.interconnectNotes, draft.interconnectNotes, (n) => n.interconnectNoteId, (n) => {
    check(draft.interconnects.has(n.interconnectId) && draft.users.has(n.userId), `interconnect note ${n.interconnectNoteId} names an unknown interconnect or user`);
    check(isEnumValue('StatusInterconnect', n.status), `interconnect note ${n.interconnectNoteId} status`);
    dated(`interconnect note ${n.interconnectNoteId}`, n.date);
    return { ...n, date: iso(n.date) };
  });
  loadInto('callback', seed.callbacks, draft.callbacks, (c) => c.callbackId, (c) => {
    const what = `callback ${c.callbackId}`;
    check(isEnumValue('Objects', c.systemObject) && isEnumValue('Direction', c.direction) && STATUSES.includes(c.status), `${what} enumerations`);
    check(draft.users.has(c.userId) && /^https:\/\//.test(c.url), `${what}: unknown user or a URL that is not https`);
    dated(what, c.created);
    return { ...c, networkId: networkOf(what, c.mailboxId), created: iso(c.created), modified: modifiedOf(what, c, c.created) };
  });
  loadInto('callback queue entry', seed.callbackQueue, draft.callbackQueue, (q) => q.queueId, (q) => {
    check(draft.callbacks.has(q.callbackId) && isEnumValue('StatusCallBack', q.status), `callback queue entry ${q.queueId}`);
    dated(`callback queue entry ${q.queueId}`, q.date, q.nextCall);
    return { ...q, date: iso(q.date), nextCall: iso(q.nextCall) };
  });
  loadInto('comm', seed.comms, draft.comms, (c) => c.commId, (c) => {
    const what = `comm ${c.commId}`;
    check(isEnumValue('NetworkGatewayCommChannel', c.type) && isEnumValue('UseType', c.useType) && STATUSES.includes(c.status), `${what} enumerations`);
    dated(what, c.created);
    return { ...c, networkId: networkOf(what, c.mailboxId), created: iso(c.created), modified: modifiedOf(what, c, c.created) };
  });
  loadInto('certificate', seed.certificates, draft.certificates, (c) => c.certificateId, (c) => {
    const what = `certificate ${c.certificateId}`;
    check(draft.comms.has(c.commId), `${what} names unknown comm ${c.commId}`);
    check(isEnumValue('CertificateType', c.type) && isEnumValue('CertificateUsage', c.usage) && STATUSES.includes(c.status), `${what} enumerations`);
    dated(what, c.notBefore, c.notAfter);
    return { ...c, notBefore: iso(c.notBefore), notAfter: iso(c.notAfter) };
  });
  loadInto('carbon copy', seed.carbonCopies, draft.carbonCopies, (c) => c.carbonCopyId, (c) => {
    const what = `carbon copy ${c.carbonCopyId}`;
    for (const id of [c.originalFromId, c.originalToId, c.ccFromId, c.ccToId]) check(draft.tradingPartners.has(id), `${what} names unknown ECGrid ID ${id}`);
    check(STATUSES.includes(c.status) && isEnumValue('Direction', c.direction), `${what} status or direction`);
    dated(what, c.created);
    return { ...c, networkId: networkOf(what, c.mailboxId), created: iso(c.created), modified: modifiedOf(what, c, c.created) };
  });
  loadInto('key', seed.keys, draft.keys, (k) => k.key, (k) => {
    const what = `key ${k.key}`;
    check(isEnumValue('KeyVisibility', k.visibility) && isEnumValue('Objects', k.systemObject) && draft.users.has(k.userId), `${what}: visibility, object or user`);
    dated(what, k.created, k.expires);
    return { ...k, networkId: networkOf(what, k.mailboxId), created: iso(k.created), expires: iso(k.expires) };
  });
}
