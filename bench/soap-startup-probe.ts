// Child process of bench/soap-client.ts: times importing the SOAP package and completing a first call.
// Usage: tsx bench/soap-startup-probe.ts <endpoint>
const started = performance.now();
const { createSoapClient } = await import('../packages/soap/src/index.js');
const imported = performance.now();
const client = createSoapClient({ endpoint: process.argv[2]! });
await client.call('ParcelDownloadConfirm', { SessionID: 'bench-session', ParcelID: 1 });
const firstCall = performance.now();
client.close();
process.stdout.write(`${JSON.stringify({ importMs: imported - started, readyMs: firstCall - started })}\n`);
