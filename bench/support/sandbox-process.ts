// Runs a sandbox (port 0, loopback) in its own process for the benches, so that the server's work does not share
// the measured process's thread, as with a real ECGrid. An optional argument adds that many milliseconds of latency
// to every call (the sandbox's latency fault), standing in for a network round trip. Prints one JSON line with the
// addresses and the demo API key, then serves until its standard input closes (the parent exiting closes it too).
import { startSandbox } from '../../packages/sandbox/src/index.js';

const latencyMs = Number(process.argv[2] ?? 0);
const sandbox = await startSandbox({
  port: 0,
  faults: latencyMs > 0 ? [{ kind: 'latency', ms: latencyMs, count: Infinity }] : [],
});
process.stdout.write(`${JSON.stringify({ soapUrl: sandbox.soapUrl, restUrl: sandbox.restUrl, apiKey: sandbox.credentials.apiKey })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sandbox.close().then(() => process.exit(0)));
