/**
 * What the sandbox would have sent to people (an SMS of UserSendSMS; rest-api/users/send-sms.md), kept for
 * inspection instead of being delivered: `admin.messages()` and `GET /__sandbox/messages`. Reset empties it.
 */

export interface SentMessage {
  readonly kind: 'sms';
  readonly userId: number;
  readonly to: string;
  readonly carrier: string;
  readonly text: string;
  readonly date: string;
}

/** The newest messages kept (older ones are dropped). */
const KEPT = 1000;

export class Outbox {
  #messages: SentMessage[] = [];

  add(message: SentMessage): void {
    this.#messages.push(message);
    if (this.#messages.length > KEPT) this.#messages.splice(0, this.#messages.length - KEPT);
  }

  list(): SentMessage[] {
    return [...this.#messages];
  }

  clear(): void {
    this.#messages = [];
  }
}
