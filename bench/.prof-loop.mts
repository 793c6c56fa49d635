import http from 'node:http';
import { OPERATIONS, SERVICE, buildEnvelope, createSoapClient } from '../packages/soap/src/index.js';
import { postEnvelope } from '../packages/soap/src/transport.js';
import { decodeResponse } from '../packages/soap/src/codec/decode.js';
const SESSION_INFO =
  '<ECGridOSVersion>4.1.472</ECGridOSVersion><SessionID>bench-session</SessionID><SessionEventID>1</SessionEventID>' +
  '<UserID>42</UserID><LoginName>ops@example.com</LoginName><FirstName>Ada</FirstName><LastName>Lovelace</LastName>' +
  '<Company>Example &amp; Co</Company><EMail>ops@example.com</EMail><Phone>+1 555 0100</Phone><TimeZoneOffset>-5</TimeZoneOffset>' +
  '<AuthLevel>MailboxAdmin</AuthLevel><LastLogin>2026-03-04T05:06:07.123</LastLogin><OpenSessions>1</OpenSessions>' +
  '<TimeOut>20</TimeOut><NetworkID>1</NetworkID><MailboxID>2</MailboxID><ip>127.0.0.1</ip>';
const op = (process.argv[2] ?? 'WhoAmI') as 'WhoAmI';
const spec = OPERATIONS[op] as any;
const result = op === 'WhoAmI' ? SESSION_INFO : 'true';
const args: any = op === 'WhoAmI' ? { SessionID: 'bench-session' } : { SessionID: 'bench-session', ParcelID: 123456789 };
const body = Buffer.from('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>' +
      `<${spec.responseElement} xmlns="${SERVICE.namespace}"><${spec.result!.name}>${result}</${spec.result!.name}></${spec.responseElement}>` +
      '</soap:Body></soap:Envelope>');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': body.length }); res.end(body); }); });
server.keepAliveTimeout = 60000;
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const endpoint = `http://127.0.0.1:${(server.address() as any).port}/x`;
const client = createSoapClient({ endpoint });
const mode = process.argv[3] ?? 'ours';
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const env = Buffer.from(buildEnvelope(spec, args));
const url = new URL(endpoint);
const raw = () => new Promise<string>((ok, fail) => { const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${spec.soapAction}"`, 'Content-Length': env.length } }); req.on('error', fail); req.on('response', (res) => { const c: Buffer[] = []; res.on('data', (d) => c.push(d)); res.on('end', () => ok(Buffer.concat(c).toString())); }); req.end(env); });
const tr = { endpoint: url, timeoutMs: 30000, maxResponseBytes: 1e9, agent };
const envs = buildEnvelope(spec, args);
const transport = () => postEnvelope(tr, { operation: op, soapAction: spec.soapAction, body: envs, timeoutMs: 30000 });
const once = mode === 'raw' ? raw : mode === 'transport' ? transport : mode === 'tdecode' ? async () => decodeResponse(spec, await transport()) : () => client.call(op, args);
const N = Number(process.argv[4] ?? 20000);
for (let i = 0; i < 2000; i++) await once();
const t = performance.now();
for (let i = 0; i < N; i++) await once();
console.log(mode, op, ((performance.now() - t) * 1000 / N).toFixed(1), 'µs/call');
client.close(); agent.destroy(); server.close(); server.closeAllConnections();
