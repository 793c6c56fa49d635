import { invalidParameter } from '../errors.js';
import type { CallbackRecord } from '../store/records.js';

/**
 * The HTTP calls a callback makes (rest-api/callbacks/test-callback.md: "Send a test POST to your registered callback
 * endpoint and return the HTTP response received from your server").
 */

/** How long the sandbox waits for a callback endpoint, in all. */
export const CALLBACK_TIMEOUT_MS = 5000;
/** How much of the endpoint's answer is kept as the log entry's message. */
const MESSAGE_LIMIT = 1000;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * create-callback.md and update-callback.md accept HTTPS URLs only. The sandbox also takes plain HTTP to a loopback
 * host, so a developer can point a callback at a listener on their own machine; any other URL is refused.
 */
export function callbackUrl(text: string | undefined): string {
  let url: URL;
  try {
    url = new URL((text ?? '').trim());
  } catch {
    throw invalidParameter('URL must be an absolute HTTPS URL');
  }
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !local) throw invalidParameter('URL must be an HTTPS URL (plain HTTP only to a loopback host in the sandbox)');
  if (url.username !== '' || url.password !== '') throw invalidParameter('URL must not carry credentials; give them as the HTTP user and password');
  return url.toString();
}

/**
 * Callback passwords, by the record they belong to: kept in memory only, never in the store, its snapshots or an
 * answer. A changed record takes its predecessor's password along (`carryPassword`); a reset store forgets them all.
 */
const passwords = new WeakMap<CallbackRecord, string>();

export function rememberPassword(record: CallbackRecord, password: string | undefined): void {
  if (password !== undefined && password !== '') passwords.set(record, password);
}

export function carryPassword(from: CallbackRecord, to: CallbackRecord): void {
  const password = passwords.get(from);
  if (password !== undefined) passwords.set(to, password);
}

export interface CallResult {
  readonly returnCode: number;
  readonly message: string;
}

/** Read past the message's limit, so a secret that crosses it is still whole when it is masked. */
const READ_LIMIT = MESSAGE_LIMIT + 1024;

/** The first bytes of a body, without reading the rest. */
async function headOf(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < READ_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * POSTs a JSON event to the callback's URL with its HTTP authentication (Basic; Digest and Certificate are sent
 * without credentials, which the sandbox does not negotiate). A redirect is not followed, so credentials never reach
 * another host; the answer's status is the result.
 */
export async function callEndpoint(record: CallbackRecord, event: Readonly<Record<string, unknown>>): Promise<CallResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'ecgrid-bridge-sandbox' };
  const password = passwords.get(record);
  const secrets: string[] = password === undefined ? [] : [password];
  if (record.httpAuthType === 'Basic' && record.httpUser) {
    const token = Buffer.from(`${record.httpUser}:${password ?? ''}`).toString('base64');
    headers['authorization'] = `Basic ${token}`;
    secrets.push(token);
  }
  try {
    const res = await fetch(record.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(event),
      redirect: 'manual',
      signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
    });
    // An endpoint that echoes the request must not put the password into the log or an answer.
    const message = secrets.reduce((text, secret) => text.split(secret).join('***'), await headOf(res.body)).slice(0, MESSAGE_LIMIT);
    return { returnCode: res.status, message };
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${CALLBACK_TIMEOUT_MS} ms` : 'the endpoint could not be reached';
    return { returnCode: 0, message: reason };
  }
}
