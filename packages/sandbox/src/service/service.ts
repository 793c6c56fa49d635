import type { Clock } from '@ecgrid-bridge/core';
import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import { ENUMS } from '@ecgrid-bridge/soap';
import { accessDenied, invalidParameter, notFound } from '../errors.js';
import { addParcel, routeInterchanges, statusSeenBy } from '../store/parcels.js';
import type {
  InterchangeRecord,
  InterconnectRecord,
  MailboxRecord,
  NetworkRecord,
  ParcelRecord,
  SessionRecord,
  StoreState,
  TradingPartnerRecord,
  UserRecord,
} from '../store/records.js';
import type { Store } from '../store/store.js';
import { parseX12 } from '../x12.js';
import { canSeeMailbox, canSeeNetwork, canSeeUser, rank, requireAdmin, requireLevel, scopeOf } from './access.js';
import type { AuthService, Caller } from './auth.js';

export interface ParcelQuery {
  readonly box: 'inbox' | 'outbox';
  /** `ready`: waiting to be downloaded (InBoxReady); none: every state. */
  readonly state?: 'ready';
  readonly status?: string;
  readonly networkId?: number;
  readonly mailboxId?: number;
  readonly fromEcgridId?: number;
  readonly toEcgridId?: number;
  readonly begin?: Date;
  readonly end?: Date;
  readonly mailbagControlId?: string;
}

export interface InterchangeQuery {
  readonly box: 'inbox' | 'outbox';
  readonly mailboxId?: number;
  readonly fromEcgridId?: number;
  readonly toEcgridId?: number;
  readonly begin?: Date;
  readonly end?: Date;
  readonly controlId?: string;
}

export interface UploadInput {
  readonly fileName: string;
  readonly content: Buffer;
  /** When given, must equal the content's length. */
  readonly bytes?: number;
  /** When given (non-zero), the sending mailbox/network must be this one. */
  readonly networkId?: number;
  readonly mailboxId?: number;
  /** When given (non-zero), must match the ISA envelope. */
  readonly fromEcgridId?: number;
  readonly toEcgridId?: number;
}

export interface WhoAmIView {
  readonly user: UserRecord;
  readonly session: SessionRecord | undefined;
  readonly openSessions: number;
  readonly timeoutMinutes: number;
}

export interface DownloadedFile {
  readonly parcel: ParcelRecord;
  readonly content: Buffer;
}

const ROUTABLE_SENDER: ReadonlySet<string> = new Set(['Active', 'AutoRoute']);
/** The WSDL's ParcelStatus and the appendix's (appendix/parcel-status-codes.md adds InBoxArchived and the outbox* states). */
const PARCEL_STATUSES: ReadonlySet<string> = new Set([...(ENUMS['ParcelStatus'] ?? []), ...(DOCUMENTED_ENUMS['ParcelStatus'] ?? [])]);
const AUTH_LEVEL_VALUES: ReadonlySet<string> = new Set(ENUMS['AuthLevel'] ?? []);
const STATUS_VALUES: ReadonlySet<string> = new Set(ENUMS['Status'] ?? []);

/** A filter value of 0 (or nothing) means "any", as in ECGridOS. */
const given = (n: number | undefined): n is number => n !== undefined && n !== 0;

/** .NET's DateTime.MinValue (what a client sends for "no date") is no bound. */
const bound = (d: Date | undefined): number | undefined =>
  d === undefined || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900 ? undefined : d.getTime();

function inRange(iso: string, begin: Date | undefined, end: Date | undefined): boolean {
  const t = Date.parse(iso);
  const b = bound(begin);
  const e = bound(end);
  return (b === undefined || t >= b) && (e === undefined || t <= e);
}

const contains = (haystack: string, needle: string | undefined): boolean =>
  !needle || haystack.toLowerCase().includes(needle.trim().toLowerCase());

const byDateThenId = <T extends { created: string }>(id: (t: T) => number) => (a: T, b: T) =>
  a.created.localeCompare(b.created) || id(a) - id(b);

/**
 * The sandbox's operations, shared by the SOAP and the REST front: each takes the authenticated caller and plain
 * values, checks access, and returns stored records. Protocol shapes are the fronts' business.
 */
export class SandboxService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly auth: AuthService;

  constructor(store: Store, auth: AuthService, clock: Clock) {
    this.#store = store;
    this.auth = auth;
    this.#clock = clock;
  }

  get state(): StoreState {
    return this.#store.state;
  }

  #nowIso(): string {
    return new Date(this.#clock.now()).toISOString();
  }

  // ---- lookups without access checks, for records already allowed -------------------------------------------------

  networkName(id: number): string {
    return this.state.networks.get(id)?.name ?? '';
  }

  mailboxName(id: number): string {
    return this.state.mailboxes.get(id)?.name ?? '';
  }

  /**
   * An interchange's status: appendix/interchange-status-codes.md uses the parcel states (InBoxReady,
   * InBoxTransferred, …), and the sandbox keeps an interchange in the state of the parcel that carries it.
   */
  interchangeStatus(ic: InterchangeRecord): string {
    return this.state.parcels.get(ic.parcelId)?.status ?? 'InBoxReady';
  }

  mailboxRecord(id: number): MailboxRecord | undefined {
    return this.state.mailboxes.get(id);
  }

  tradingPartnerRecord(id: number): TradingPartnerRecord | undefined {
    return this.state.tradingPartners.get(id);
  }

  // ---- session ---------------------------------------------------------------------------------------------------

  whoAmI(caller: Caller): WhoAmIView {
    return {
      user: caller.user,
      session: caller.sessionId ? this.state.sessions.get(caller.sessionId) : undefined,
      openSessions: this.auth.openSessionCount(caller.user.userId),
      timeoutMinutes: Math.max(1, Math.round(this.auth.settings.sessionTtlMs / 60_000)),
    };
  }

  sessionLog(caller: Caller, maxRecords: number): SessionRecord[] {
    if (!Number.isSafeInteger(maxRecords) || maxRecords < 0) throw invalidParameter('MaxRecords must be 0 or more');
    const all = this.auth.sessionsOf(caller.user.userId);
    return maxRecords === 0 ? all : all.slice(0, maxRecords);
  }

  // ---- networks and mailboxes ------------------------------------------------------------------------------------

  network(caller: Caller, networkId: number): NetworkRecord {
    const network = this.state.networks.get(networkId);
    if (!network) throw notFound('network', networkId);
    if (!canSeeNetwork(caller.user, networkId)) throw accessDenied(`network ${networkId} is outside this user's scope`);
    return network;
  }

  networks(caller: Caller, filter: { name?: string; networkId?: number; mailboxId?: number; status?: string } = {}): NetworkRecord[] {
    if (filter.status !== undefined && !STATUS_VALUES.has(filter.status)) throw invalidParameter(`status ${filter.status} is not a Status`);
    const viaMailbox = given(filter.mailboxId) ? this.mailbox(caller, filter.mailboxId).networkId : undefined;
    return [...this.state.networks.values()]
      .filter((n) => canSeeNetwork(caller.user, n.networkId))
      .filter((n) => contains(n.name, filter.name))
      .filter((n) => !given(filter.networkId) || n.networkId === filter.networkId)
      .filter((n) => viaMailbox === undefined || n.networkId === viaMailbox)
      .filter((n) => filter.status === undefined || n.status === filter.status)
      .sort((a, b) => a.networkId - b.networkId);
  }

  mailbox(caller: Caller, mailboxId: number): MailboxRecord {
    const mailbox = this.state.mailboxes.get(mailboxId);
    if (!mailbox) throw notFound('mailbox', mailboxId);
    if (!canSeeMailbox(caller.user, mailbox)) throw accessDenied(`mailbox ${mailboxId} is outside this user's scope`);
    return mailbox;
  }

  mailboxes(caller: Caller, filter: { name?: string; networkId?: number; status?: string } = {}): MailboxRecord[] {
    if (filter.status !== undefined && !STATUS_VALUES.has(filter.status)) throw invalidParameter(`status ${filter.status} is not a Status`);
    return [...this.state.mailboxes.values()]
      .filter((m) => canSeeMailbox(caller.user, m))
      .filter((m) => contains(m.name, filter.name))
      .filter((m) => !given(filter.networkId) || m.networkId === filter.networkId)
      .filter((m) => filter.status === undefined || m.status === filter.status)
      .sort((a, b) => a.mailboxId - b.mailboxId);
  }

  // ---- trading partners and interconnects ------------------------------------------------------------------------

  /** ECGrid IDs are a directory: any signed-in user may look one up. */
  tradingPartner(_caller: Caller, ecgridId: number): TradingPartnerRecord {
    const tp = this.state.tradingPartners.get(ecgridId);
    if (!tp) throw notFound('ECGrid ID', ecgridId);
    return tp;
  }

  searchTradingPartners(_caller: Caller, query: { qualifier?: string; id?: string; activeOnly: boolean }): TradingPartnerRecord[] {
    const qualifier = query.qualifier?.trim().toUpperCase() ?? '';
    const id = query.id?.trim().toUpperCase() ?? '';
    if (!qualifier && !id) throw invalidParameter('give a qualifier, an ID or both');
    return [...this.state.tradingPartners.values()]
      .filter((tp) => !qualifier || tp.qualifier.toUpperCase() === qualifier)
      .filter((tp) => !id || tp.id.toUpperCase().includes(id))
      .filter((tp) => !query.activeOnly || tp.status === 'Active')
      .sort((a, b) => a.ecgridId - b.ecgridId);
  }

  /** The IDs of the mailboxes the caller can see. */
  /** `restStatus` filters by the REST Status (rest-api/ids/list-ids.md); `activeOnly` by SOAP's StatusECGridID. */
  tradingPartners(caller: Caller, filter: { mailboxId?: number; networkId?: number; restStatus?: string; activeOnly: boolean }): TradingPartnerRecord[] {
    if (filter.restStatus !== undefined && !STATUS_VALUES.has(filter.restStatus)) throw invalidParameter(`status ${filter.restStatus} is not a Status`);
    if (given(filter.mailboxId)) this.mailbox(caller, filter.mailboxId);
    if (given(filter.networkId)) this.network(caller, filter.networkId);
    return [...this.state.tradingPartners.values()]
      .filter((tp) => canSeeMailbox(caller.user, { mailboxId: tp.mailboxId, networkId: tp.networkId }))
      .filter((tp) => !given(filter.mailboxId) || tp.mailboxId === filter.mailboxId)
      .filter((tp) => !given(filter.networkId) || tp.networkId === filter.networkId)
      .filter((tp) => filter.restStatus === undefined || tp.restStatus === filter.restStatus)
      .filter((tp) => !filter.activeOnly || tp.status === 'Active')
      .sort((a, b) => a.ecgridId - b.ecgridId);
  }

  interconnect(caller: Caller, interconnectId: number): InterconnectRecord {
    const ic = this.state.interconnects.get(interconnectId);
    if (!ic) throw notFound('interconnect', interconnectId);
    const sides = [ic.ecgridId1, ic.ecgridId2].map((id) => this.state.tradingPartners.get(id));
    if (!sides.some((tp) => tp && canSeeMailbox(caller.user, { mailboxId: tp.mailboxId, networkId: tp.networkId }))) {
      throw accessDenied(`interconnect ${interconnectId} involves none of this user's IDs`);
    }
    return ic;
  }

  // ---- users -----------------------------------------------------------------------------------------------------

  user(caller: Caller, userId: number): UserRecord {
    const user = this.state.users.get(userId);
    if (!user) throw notFound('user', userId);
    if (!canSeeUser(caller.user, user)) throw accessDenied(`user ${userId} is outside this user's scope`);
    return user;
  }

  users(
    caller: Caller,
    filter: { name?: string; networkId?: number; mailboxId?: number; authLevel?: string; status?: string } = {},
  ): UserRecord[] {
    requireAdmin(caller.user, 'listing users');
    if (filter.authLevel !== undefined && !AUTH_LEVEL_VALUES.has(filter.authLevel)) {
      throw invalidParameter(`authLevel ${filter.authLevel} is not an AuthLevel`);
    }
    if (filter.status !== undefined && !STATUS_VALUES.has(filter.status)) throw invalidParameter(`status ${filter.status} is not a Status`);
    return [...this.state.users.values()]
      .filter((u) => canSeeUser(caller.user, u))
      .filter((u) => !filter.name || [u.loginName, u.firstName, u.lastName, u.email].some((v) => contains(v, filter.name)))
      .filter((u) => !given(filter.networkId) || u.networkId === filter.networkId)
      .filter((u) => !given(filter.mailboxId) || u.mailboxId === filter.mailboxId)
      .filter((u) => filter.authLevel === undefined || u.authLevel === filter.authLevel)
      .filter((u) => filter.status === undefined || u.status === filter.status)
      .sort((a, b) => a.userId - b.userId);
  }

  /** A user's own key, or (for administrators) the key of a user they administer at or below their level. */
  apiKey(caller: Caller, userId: number): string {
    const target = this.user(caller, userId);
    if (target.userId !== caller.user.userId) {
      requireAdmin(caller.user, "reading another user's API key");
      if (rank(target.authLevel) > rank(caller.user.authLevel)) {
        throw accessDenied(`user ${userId} has a higher auth level than this user`);
      }
    }
    return target.apiKey;
  }

  // ---- parcels ---------------------------------------------------------------------------------------------------

  #canSeeParcel(user: UserRecord, p: ParcelRecord): boolean {
    return [p.toMailboxId, p.fromMailboxId].some((id) => {
      const m = this.state.mailboxes.get(id);
      return m !== undefined && canSeeMailbox(user, m);
    });
  }

  parcel(caller: Caller, parcelId: number): ParcelRecord {
    const parcel = this.state.parcels.get(parcelId);
    if (!parcel) throw notFound('parcel', parcelId);
    if (!this.#canSeeParcel(caller.user, parcel)) throw accessDenied(`parcel ${parcelId} is outside this user's scope`);
    return parcel;
  }

  /** The receiving side of a parcel, for downloads and their confirmations. */
  #inboundParcel(caller: Caller, parcelId: number, what: string): ParcelRecord {
    requireLevel(caller.user, 'TPUser', what);
    const parcel = this.parcel(caller, parcelId);
    const to = this.state.mailboxes.get(parcel.toMailboxId);
    if (!to || !canSeeMailbox(caller.user, to)) throw accessDenied(`parcel ${parcelId} is not in this user's inbox`);
    return parcel;
  }

  parcels(caller: Caller, query: ParcelQuery): ParcelRecord[] {
    if (query.status !== undefined && !PARCEL_STATUSES.has(query.status)) {
      throw invalidParameter(`status ${query.status} is not a ParcelStatus`);
    }
    if (given(query.mailboxId)) this.mailbox(caller, query.mailboxId);
    if (given(query.networkId)) this.network(caller, query.networkId);
    const scope = scopeOf(caller.user);
    const own = (p: ParcelRecord): number => (query.box === 'inbox' ? p.toMailboxId : p.fromMailboxId);
    return [...this.state.parcels.values()]
      .filter((p) => {
        const m = this.state.mailboxes.get(own(p));
        if (!m || !canSeeMailbox(caller.user, m)) return false;
        // A user of one mailbox sees its own box; wider users see the boxes of every mailbox in scope.
        if (scope.kind === 'mailbox' && m.mailboxId !== scope.mailboxId) return false;
        if (given(query.mailboxId) && m.mailboxId !== query.mailboxId) return false;
        if (given(query.networkId) && m.networkId !== query.networkId) return false;
        return true;
      })
      .filter((p) => query.state !== 'ready' || p.status === 'InBoxReady')
      .filter((p) => query.status === undefined || statusSeenBy(p, query.box === 'inbox' ? 'to' : 'from') === query.status)
      .filter((p) => !given(query.fromEcgridId) || p.fromEcgridId === query.fromEcgridId)
      .filter((p) => !given(query.toEcgridId) || p.toEcgridId === query.toEcgridId)
      .filter((p) => !query.mailbagControlId || p.mailbagControlId === query.mailbagControlId)
      .filter((p) => inRange(p.created, query.begin, query.end))
      .sort(byDateThenId((p) => p.parcelId));
  }

  manifest(caller: Caller, parcelId: number): { parcel: ParcelRecord; interchanges: InterchangeRecord[] } {
    const parcel = this.parcel(caller, parcelId);
    const interchanges = parcel.interchangeIds.map((id) => this.state.interchanges.get(id)).filter((i) => i !== undefined);
    return { parcel, interchanges };
  }

  /**
   * Hands out the file and moves an InBoxReady parcel to InBoxTransferred (appendix/parcel-status-codes.md: "after
   * download"). The docs do not say what downloading a parcel again does; the sandbox leaves a later state alone, so
   * a repeat download never takes back a confirm (InBoxArchived).
   */
  download(caller: Caller, parcelId: number): DownloadedFile {
    const parcel = this.#inboundParcel(caller, parcelId, 'downloading a parcel');
    const now = this.#nowIso();
    const first = parcel.status === 'InBoxReady';
    const updated = this.#store.commit((draft) => {
      const next: ParcelRecord = {
        ...parcel,
        status: first ? 'InBoxTransferred' : parcel.status,
        modified: first ? now : parcel.modified,
        log: [...parcel.log, { date: now, message: `Downloaded by ${caller.user.loginName}` }],
      };
      draft.parcels.set(parcelId, next);
      return next;
    });
    return { parcel: updated, content: Buffer.from(updated.content, 'base64') };
  }

  /** The file of an inbound parcel without any change to its status (SOAP's ParcelDownloadNoUpdate). */
  peek(caller: Caller, parcelId: number): DownloadedFile {
    const parcel = this.#inboundParcel(caller, parcelId, 'downloading a parcel');
    return { parcel, content: Buffer.from(parcel.content, 'base64') };
  }

  /**
   * Docs conflict: rest-api/parcels/confirm-download.md says the parcel is "marked as transferred", while
   * appendix/parcel-status-codes.md has download give InBoxTransferred and confirm-download give InBoxArchived (its
   * lifecycle, its InBoxArchived row, and its link to confirm-download: "advance parcel to InBoxArchived"). The
   * sandbox follows the appendix: otherwise a confirm would leave no trace in the status a download had not.
   */
  confirm(caller: Caller, parcelId: number): boolean {
    const parcel = this.#inboundParcel(caller, parcelId, 'confirming a download');
    const now = this.#nowIso();
    this.#store.commit((draft) => {
      draft.parcels.set(parcelId, {
        ...parcel,
        status: 'InBoxArchived',
        confirmed: true,
        modified: now,
        log: [...parcel.log, { date: now, message: `Download confirmed by ${caller.user.loginName}` }],
      });
    });
    return true;
  }

  /** Puts a downloaded parcel back in the inbox, ready and unconfirmed. */
  reset(caller: Caller, parcelId: number): boolean {
    const parcel = this.#inboundParcel(caller, parcelId, 'resetting a parcel');
    const now = this.#nowIso();
    this.#store.commit((draft) => {
      draft.parcels.set(parcelId, {
        ...parcel,
        status: 'InBoxReady',
        confirmed: false,
        modified: now,
        log: [...parcel.log, { date: now, message: `Reset to the inbox by ${caller.user.loginName}` }],
      });
    });
    return true;
  }

  /**
   * Accepts an X12 file: validates everything first (name, size, envelopes, sender and receiver IDs, the caller's
   * right to send from the sender's mailbox), then adds the parcel and its interchanges in one commit.
   */
  upload(caller: Caller, input: UploadInput): ParcelRecord {
    requireLevel(caller.user, 'TPUser', 'uploading a parcel');
    const fileName = input.fileName.trim();
    if (!fileName) throw invalidParameter('FileName is required');
    if (/[\\/\0]/.test(fileName) || fileName.length > 255) throw invalidParameter('FileName must be a plain file name');
    if (input.content.length === 0) throw invalidParameter('the content is empty');
    if (input.bytes !== undefined && input.bytes !== input.content.length) {
      throw invalidParameter(`Bytes (${input.bytes}) does not match the length of the content (${input.content.length})`);
    }
    if (given(input.mailboxId)) this.mailbox(caller, input.mailboxId);
    if (given(input.networkId)) this.network(caller, input.networkId);
    const route = routeInterchanges(this.state, parseX12(input.content));
    const fromMailbox = this.state.mailboxes.get(route.from.mailboxId);
    if (!fromMailbox || !canSeeMailbox(caller.user, fromMailbox)) {
      throw accessDenied(`the sender ${route.from.qualifier}:${route.from.id} belongs to a mailbox this user cannot send from`);
    }
    if (!ROUTABLE_SENDER.has(route.from.status)) {
      throw invalidParameter(`the sender ${route.from.qualifier}:${route.from.id} is ${route.from.status}`);
    }
    if (given(input.mailboxId) && input.mailboxId !== route.from.mailboxId) {
      throw invalidParameter(`the sender ${route.from.qualifier}:${route.from.id} is not in mailbox ${input.mailboxId}`);
    }
    if (given(input.networkId) && input.networkId !== fromMailbox.networkId) {
      throw invalidParameter(`the sender ${route.from.qualifier}:${route.from.id} is not in network ${input.networkId}`);
    }
    if (given(input.fromEcgridId) && input.fromEcgridId !== route.from.ecgridId) {
      throw invalidParameter(`ecGridIdFrom ${input.fromEcgridId} does not match the ISA sender (${route.from.ecgridId})`);
    }
    if (given(input.toEcgridId) && input.toEcgridId !== route.to.ecgridId) {
      throw invalidParameter(`ecGridIdTo ${input.toEcgridId} does not match the ISA receiver (${route.to.ecgridId})`);
    }
    const created = this.#nowIso();
    return this.#store.commit((draft) =>
      addParcel(draft, { fileName, content: input.content, created, status: 'InBoxReady', confirmed: false, mailbagControlId: '' }, route),
    );
  }

  // ---- interchanges ----------------------------------------------------------------------------------------------

  interchange(caller: Caller, interchangeId: number): InterchangeRecord {
    const ic = this.state.interchanges.get(interchangeId);
    if (!ic) throw notFound('interchange', interchangeId);
    const visible = [ic.toMailboxId, ic.fromMailboxId].some((id) => {
      const m = this.state.mailboxes.get(id);
      return m !== undefined && canSeeMailbox(caller.user, m);
    });
    if (!visible) throw accessDenied(`interchange ${interchangeId} is outside this user's scope`);
    return ic;
  }

  interchanges(caller: Caller, query: InterchangeQuery): InterchangeRecord[] {
    if (given(query.mailboxId)) this.mailbox(caller, query.mailboxId);
    const scope = scopeOf(caller.user);
    const control = query.controlId?.trim();
    return [...this.state.interchanges.values()]
      .filter((ic) => {
        const m = this.state.mailboxes.get(query.box === 'inbox' ? ic.toMailboxId : ic.fromMailboxId);
        if (!m || !canSeeMailbox(caller.user, m)) return false;
        if (scope.kind === 'mailbox' && m.mailboxId !== scope.mailboxId) return false;
        return !given(query.mailboxId) || m.mailboxId === query.mailboxId;
      })
      .filter((ic) => !given(query.fromEcgridId) || ic.fromEcgridId === query.fromEcgridId)
      .filter((ic) => !given(query.toEcgridId) || ic.toEcgridId === query.toEcgridId)
      .filter((ic) => !control || Number(ic.controlId) === Number(control) || ic.controlId === control)
      .filter((ic) => inRange(ic.created, query.begin, query.end))
      .sort(byDateThenId((i) => i.interchangeId));
  }
}

