import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Gateway SessionIDs look like ECGridOS ones (a GUID, as soap-api/auth/session-info.md shows them), so client code
 * that stores them keeps working. Ten random bytes carry a six-byte HMAC tag under the gateway's secret: the gateway
 * tells its own IDs (live or expired) from ECGridOS API keys, which clients may also send as the SessionID, without
 * a store lookup and without sending an expired ID to a backend.
 */
export class SessionIds {
  readonly #secret: Buffer;

  constructor(secret: string | Buffer | undefined) {
    this.#secret = secret === undefined ? randomBytes(32) : Buffer.from(secret);
  }

  create(): string {
    const nonce = randomBytes(10);
    return format(Buffer.concat([nonce, this.#tag(nonce)]));
  }

  /** Whether the value is an ID this gateway (or one sharing its secret) issued. */
  isOurs(value: string): boolean {
    const hex = value.replace(/-/g, '');
    if (!/^[0-9A-Fa-f]{32}$/.test(hex) || !/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(value)) return false;
    const bytes = Buffer.from(hex, 'hex');
    return timingSafeEqual(bytes.subarray(10), this.#tag(bytes.subarray(0, 10)));
  }

  #tag(nonce: Buffer): Buffer {
    return createHmac('sha256', this.#secret).update(nonce).digest().subarray(0, 6);
  }
}

function format(bytes: Buffer): string {
  const h = bytes.toString('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
