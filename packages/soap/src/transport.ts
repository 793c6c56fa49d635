import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { type Redactor, withHookHeaders } from '@ecgrid-bridge/core';
import { SoapProtocolError, SoapTransportError } from './errors.js';
import type { HttpAnswer } from './codec/decode.js';

/** The encodings the client asks for and decodes; a response in any other encoding is refused. */
export const ACCEPT_ENCODING = 'gzip, deflate';

export interface TransportOptions {
  endpoint: URL;
  /** Bounds the whole exchange, from connecting to the last byte of the response. */
  timeoutMs: number;
  maxResponseBytes: number;
  agent: http.Agent;
}

export interface PostOptions {
  operation: string;
  soapAction: string;
  body: string;
  /** Extra headers (from a request hook); the SOAP headers win over them. */
  headers?: Readonly<Record<string, string>> | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  redactor?: Redactor | undefined;
}

/**
 * Posts one SOAP 1.1 envelope. Redirects are not followed, so credentials in the body never reach another host.
 * A gzip or deflate response is decoded as it streams in; `maxResponseBytes` bounds the body on the wire and again
 * after decompression, so a decompression bomb ends in a typed `too-large` error, not in an exhausted heap.
 */
export async function postEnvelope(options: TransportOptions, call: PostOptions): Promise<HttpAnswer> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const timeoutMs = call.timeoutMs - (Date.now() - started);
    try {
      return await postOnce(options, attempt === 1 ? call : { ...call, timeoutMs: Math.max(1, timeoutMs) });
    } catch (err) {
      if (!(err instanceof StaleSocket)) throw err;
      if (attempt >= MAX_STALE_RETRIES || timeoutMs <= 0 || call.signal?.aborted) throw err.failure;
    }
  }
}

/**
 * How many pooled sockets one call may find closed. A keep-alive server closes idle connections on its own clock;
 * a request written to such a socket fails with ECONNRESET before any response, and the server never read it
 * (Node's `request.reusedSocket`), so sending it again on another socket is safe, even for a write.
 */
const MAX_STALE_RETRIES = 3;

class StaleSocket extends Error {
  constructor(readonly failure: SoapTransportError) {
    super(failure.message);
  }
}

function postOnce(options: TransportOptions, call: PostOptions): Promise<HttpAnswer> {
  const { endpoint } = options;
  const lib = endpoint.protocol === 'https:' ? https : http;
  const payload = Buffer.from(call.body, 'utf8');
  const error = (kind: SoapTransportError['kind'], status: number, message: string, cause?: unknown) =>
    new SoapTransportError({ operation: call.operation, kind, httpStatus: status, message }, { cause, redactor: call.redactor });

  return new Promise<HttpAnswer>((resolve, reject) => {
    if (call.signal?.aborted) {
      reject(error('aborted', 0, 'the call was aborted before it was sent'));
      return;
    }
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = lib.request(endpoint, {
      method: 'POST',
      agent: options.agent,
      headers: withHookHeaders(
        {
          'Content-Type': 'text/xml; charset=utf-8',
          SOAPAction: `"${call.soapAction}"`,
          'Content-Length': String(payload.length),
          Accept: 'text/xml, application/soap+xml',
          'Accept-Encoding': ACCEPT_ENCODING,
        },
        call.headers ?? {},
      ),
    });
    const timer = setTimeout(() => {
      finish(() => reject(error('timeout', 0, `no complete response within ${call.timeoutMs} ms`)));
      req.destroy();
    }, call.timeoutMs);
    const onAbort = (): void => {
      finish(() => reject(error('aborted', 0, 'the call was aborted')));
      req.destroy();
    };
    call.signal?.addEventListener('abort', onAbort, { once: true });

    let responded = false;
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish(() => {
        const failure = error('network', 0, `network error: ${err.message}`, err);
        reject(req.reusedSocket && !responded && err.code === 'ECONNRESET' ? new StaleSocket(failure) : failure);
      }),
    );
    req.on('response', (res) => {
      responded = true;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        finish(() => reject(error('http', status, `unexpected redirect (HTTP ${status}); redirects are not followed`)));
        req.destroy();
        return;
      }
      const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
      if (encoding !== '' && encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate') {
        res.resume();
        finish(() =>
          reject(
            new SoapProtocolError(
              { operation: call.operation, kind: 'bad-encoding', httpStatus: status, message: `response uses Content-Encoding ${encoding}, which was not asked for` },
              { redactor: call.redactor },
            ),
          ),
        );
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let wire = 0;
      let inflater: zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | undefined;
      const tooLarge = (decoded: boolean): void => {
        finish(() =>
          reject(error('too-large', status, `response exceeds ${options.maxResponseBytes} bytes${decoded ? ' once decompressed' : ''}`)),
        );
        inflater?.destroy();
        req.destroy();
      };
      const collect = (chunk: Buffer): void => {
        if (settled) return;
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          tooLarge(inflater !== undefined);
          return;
        }
        chunks.push(chunk);
      };
      const done = (): void =>
        finish(() =>
          resolve({
            status,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks, size).toString('utf8'),
          }),
        );
      const startInflater = (first: Buffer): void => {
        // "deflate" is a zlib stream by the RFC, but some servers send raw deflate: the zlib header tells them apart.
        const zlibHeader = first.length >= 2 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0;
        inflater = encoding === 'deflate' ? (zlibHeader ? zlib.createInflate() : zlib.createInflateRaw()) : zlib.createGunzip();
        inflater.on('data', collect);
        inflater.on('end', done);
        inflater.on('error', (err) =>
          finish(() => {
            reject(
              new SoapProtocolError(
                { operation: call.operation, kind: 'bad-encoding', httpStatus: status, message: `the ${encoding} response body cannot be decoded` },
                { cause: err, redactor: call.redactor },
              ),
            );
            req.destroy();
          }),
        );
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        if (encoding === '' || encoding === 'identity') {
          collect(chunk);
          return;
        }
        wire += chunk.length;
        if (wire > options.maxResponseBytes) {
          tooLarge(false);
          return;
        }
        if (!inflater) startInflater(chunk);
        inflater!.write(chunk);
      });
      res.on('error', (err) => finish(() => reject(error('network', status, `response interrupted: ${err.message}`, err))));
      res.on('aborted', () => finish(() => reject(error('network', status, 'response interrupted'))));
      res.on('end', () => {
        if (settled) return;
        if (encoding === '' || encoding === 'identity') done();
        else if (inflater) inflater.end();
        else done(); // an empty compressed body: nothing to decode
      });
    });
    req.end(payload);
  });
}
