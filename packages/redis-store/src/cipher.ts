import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigurationError } from '@ecgrid-bridge/core';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** Thrown when a stored value cannot be decrypted: another key, or a value that was tampered with. */
export class CredentialDecryptError extends ConfigurationError {
  constructor() {
    super('A stored credential could not be decrypted: every process sharing the store must use the same encryption key.');
  }
}

/**
 * AES-256-GCM for values at rest. Each value gets a fresh 96-bit IV; the associated data binds a ciphertext to its
 * slot (key and generation), so a value copied to another slot does not decrypt.
 */
export class CredentialCipher {
  readonly #key: Buffer;

  constructor(key: string | Uint8Array) {
    this.#key = parseKey(key);
  }

  seal(plaintext: string, associated: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associated, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  open(sealed: string, associated: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) throw new CredentialDecryptError();
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(associated, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new CredentialDecryptError();
    }
  }

  toJSON(): string {
    return '[CredentialCipher]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toJSON();
  }
}

/** A 32-byte key: raw bytes, or 64 hex digits, or base64 of 32 bytes (`openssl rand -base64 32`). */
function parseKey(key: string | Uint8Array): Buffer {
  if (typeof key !== 'string') {
    if (key.length !== 32) throw new ConfigurationError('The credential encryption key must be 32 bytes.');
    return Buffer.from(key);
  }
  const text = key.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length !== 32 || (!/^[0-9a-f]{64}$/i.test(text) && bytes.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, ''))) {
    throw new ConfigurationError('The credential encryption key must be 32 bytes, as 64 hex digits or base64.');
  }
  return bytes;
}
