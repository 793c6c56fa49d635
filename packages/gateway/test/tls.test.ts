import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayOn, withSandbox } from './support/harness.js';

const openssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

function get(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe.skipIf(!openssl)(`TLS${openssl ? '' : ' (skipped: no openssl to make a test certificate)'}`, () => {
  it('serves HTTPS with the given key and certificate, and the WSDL names the https address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-tls-'));
    try {
      const key = join(dir, 'key.pem');
      const cert = join(dir, 'cert.pem');
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
      expect(made.status).toBe(0);
      await withSandbox(async (sb) => {
        const gw = await gatewayOn(sb, { backend: 'rest' }, { tls: { key: readFileSync(key), cert: readFileSync(cert) } });
        try {
          expect(gw.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
          const wsdl = await get(gw.wsdlUrl, readFileSync(cert));
          expect(wsdl.status).toBe(200);
          expect(wsdl.body).toContain(`<soap:address location="${gw.url}" />`);
        } finally {
          await gw.close();
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
