import type { IncomingMessage, ServerResponse } from 'node:http';

/** Requests larger than this are refused (an upload's base64 content included). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Reads a whole request body, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(`request body exceeds ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(payload.length), ...headers });
  res.end(payload);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function gatewayPage(status: number): string {
  const title = status === 503 ? '503 Service Unavailable' : status === 502 ? '502 Bad Gateway' : `${status} Server Error`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>The server is temporarily unable to service your request.</p></body></html>\n`;
}

export const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Runtime Error</title></head><body><h1>Server Error in \'/\' Application.</h1><p>An application error occurred on the server.</p></body></html>\n';

export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '';
}
