import http from 'node:http';
import https from 'node:https';
import type { Redactor } from '@ecgrid-bridge/core';
import { SoapTransportError } from './errors.js';
import type { HttpAnswer } from './codec/decode.js';

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
  timeoutMs: number;
  signal?: AbortSignal;
  redactor?: Redactor;
}

/** Posts one SOAP 1.1 envelope. Redirects are not followed, so credentials in the body never reach another host. */
export function postEnvelope(options: TransportOptions, call: PostOptions): Promise<HttpAnswer> {
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
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        SOAPAction: `"${call.soapAction}"`,
        'Content-Length': payload.length,
        Accept: 'text/xml, application/soap+xml',
      },
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

    req.on('error', (err) => finish(() => reject(error('network', 0, `network error: ${err.message}`, err))));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        finish(() => reject(error('http', status, `unexpected redirect (HTTP ${status}); redirects are not followed`)));
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          finish(() => reject(error('too-large', status, `response exceeds ${options.maxResponseBytes} bytes`)));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err) => finish(() => reject(error('network', status, `response interrupted: ${err.message}`, err))));
      res.on('aborted', () => finish(() => reject(error('network', status, 'response interrupted'))));
      res.on('end', () =>
        finish(() =>
          resolve({
            status,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks, size).toString('utf8'),
          }),
        ),
      );
    });
    req.end(payload);
  });
}
