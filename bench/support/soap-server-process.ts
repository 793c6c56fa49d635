// A SOAP server for the gateway benches, in its own process so that its work does not share the load generator's
// thread. `gateway-canned`: the gateway, its facade served by a backend that answers canned values; `node-soap`:
// node-soap's server with the same canned answers and a WSDL written from the same table; `gateway-rest <restUrl>`:
// the gateway with the REST client behind it; `http-floor`: a bare Node HTTP server answering prepared envelopes. Prints one JSON line `{ url }`, serves until standard input closes.
import { type Server, createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../../packages/facade/src/index.js';
import { startGateway } from '../../packages/gateway/src/index.js';
import { OPERATIONS, SERVICE, renderWsdl, responseEnvelope } from '../../packages/soap/src/index.js';
import { CANNED_OPERATIONS, type CannedOperation, cannedResult } from './canned-soap.js';

// node-soap is a dependency of the gateway package's tests, not of the root: load it from there.
interface NodeSoap {
  listen(server: Server, options: { path: string; services: Record<string, unknown>; xml: string; callback: (err: unknown) => void }): unknown;
}
const soap = createRequire(new URL('../../packages/gateway/package.json', import.meta.url))('soap') as NodeSoap;
const [mode, restUrl] = process.argv.slice(2);
const PATH = '/v4.1/prod/ECGridOS.asmx';
let url: string;
let close: () => Promise<void>;

const isCanned = (op: string): op is CannedOperation => (CANNED_OPERATIONS as readonly string[]).includes(op);

if (mode === 'gateway-canned' || mode === 'gateway-rest') {
  const canned: Backend = {
    name: 'rest',
    invoke: async (operation) => (isCanned(operation) ? cannedResult(operation, 'facade') : undefined) as never,
    close: async () => undefined,
  };
  const gateway = await startGateway({
    logger: { level: 'silent' },
    processMetrics: false,
    env: {},
    facade: mode === 'gateway-canned' ? { backend: 'rest', backends: { rest: canned } } : { backend: 'rest', rest: { baseUrl: restUrl } },
  });
  url = gateway.url;
  close = () => gateway.close();
} else if (mode === 'node-soap') {
  const impl = Object.fromEntries(
    CANNED_OPERATIONS.map((op) => [op, () => ({ [OPERATIONS[op].result!.name]: cannedResult(op, 'node-soap') })]),
  );
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve, reject) => {
    soap.listen(server, {
      path: PATH,
      services: { [SERVICE.serviceName]: { [SERVICE.soap11Port]: impl } },
      xml: renderWsdl({ address: `http://127.0.0.1/${PATH}`, operations: [...CANNED_OPERATIONS] }),
      callback: (err: unknown) => (err ? reject(err instanceof Error ? err : new Error('node-soap failed')) : resolve()),
    });
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
} else if (mode === 'http-floor') {
  // The floor any Node HTTP server pays: read the request, answer a prepared envelope of the same size.
  const answers = new Map(CANNED_OPERATIONS.map((op) => [`"https://os.ecgrid.io/${op}"`, Buffer.from(responseEnvelope(OPERATIONS[op], cannedResult(op, 'facade')))]));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = answers.get(String(req.headers['soapaction'])) ?? Buffer.alloc(0);
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(body.length) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}

process.stdout.write(`${JSON.stringify({ url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void close().then(() => process.exit(0)));
