import { ConfigurationError } from '@ecgrid-bridge/core';
import type { AuthTransport } from './types.js';

/** The client a strategy belongs to. A strategy caches credentials for one client, so it joins only one. */
export class Attachment {
  private transport: AuthTransport | undefined;

  constructor(private readonly kind: string) {}

  set(transport: AuthTransport): void {
    if (this.transport && this.transport !== transport) {
      throw new ConfigurationError(`This ${this.kind} auth strategy already belongs to another client; create one strategy per client.`);
    }
    this.transport = transport;
  }

  /** The transport, when attached. */
  peek(): AuthTransport | undefined {
    return this.transport;
  }

  get(): AuthTransport {
    if (!this.transport) {
      throw new ConfigurationError(`This ${this.kind} auth strategy is not attached to a client; pass it to createRestClient first.`);
    }
    return this.transport;
  }
}
