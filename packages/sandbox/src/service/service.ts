import type { Clock } from '@ecgrid-bridge/core';
import type { DraftState, InterchangeRecord, MailboxRecord, StoreState, TradingPartnerRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { AuthService } from './auth.js';
import { Outbox } from './outbox.js';

/**
 * What every API group of the service works on: the one store both fronts share, the credentials, and the clock.
 * The groups (`directory.ts`, `parcels.ts`, …) take the authenticated caller and plain values, check access, and
 * return stored records; protocol shapes are the fronts' business.
 */
export class SandboxService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly auth: AuthService;
  readonly outbox = new Outbox();

  constructor(store: Store, auth: AuthService, clock: Clock) {
    this.#store = store;
    this.auth = auth;
    this.#clock = clock;
  }

  get state(): StoreState {
    return this.#store.state;
  }

  commit<T>(change: (draft: DraftState) => T): T {
    return this.#store.commit(change);
  }

  nowIso(): string {
    return new Date(this.#clock.now()).toISOString();
  }

  // Lookups without access checks, for records the caller was already allowed to see.

  networkName(id: number): string {
    return this.state.networks.get(id)?.name ?? '';
  }

  mailboxName(id: number): string {
    return this.state.mailboxes.get(id)?.name ?? '';
  }

  mailboxRecord(id: number): MailboxRecord | undefined {
    return this.state.mailboxes.get(id);
  }

  tradingPartnerRecord(id: number): TradingPartnerRecord | undefined {
    return this.state.tradingPartners.get(id);
  }

  /**
   * An interchange's status: appendix/interchange-status-codes.md uses the parcel states (InBoxReady,
   * InBoxTransferred, …), and the sandbox keeps an interchange in the state of the parcel that carries it.
   */
  /**
   * A mailbox's default ECGrid ID: the one TPSetMailboxDefault chose, else its oldest active ID (the docs do not say
   * which ID a mailbox starts with; this is the sandbox's choice).
   */
  defaultIdOf(mailboxId: number): TradingPartnerRecord | undefined {
    const chosen = this.state.mailboxes.get(mailboxId)?.defaultEcgridId;
    const tp = chosen === undefined ? undefined : this.state.tradingPartners.get(chosen);
    if (tp && tp.mailboxId === mailboxId) return tp;
    return [...this.state.tradingPartners.values()]
      .filter((t) => t.mailboxId === mailboxId && t.status === 'Active')
      .sort((a, b) => a.created.localeCompare(b.created) || a.ecgridId - b.ecgridId)[0];
  }

  interchangeStatus(ic: InterchangeRecord): string {
    // appendix/parcel-status-codes.md lists Cancelled; the WSDL's ParcelStatus does not (StatusCode is text).
    if (ic.cancelled !== undefined) return 'Cancelled';
    return this.state.parcels.get(ic.parcelId)?.status ?? 'InBoxReady';
  }
}
