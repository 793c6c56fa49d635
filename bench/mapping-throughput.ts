// Cost of turning a REST listing into the SOAP-shaped result (field rules, .NET defaults, the check against the
// WSDL schema), against parsing the same JSON: ParcelInBox with 500 parcels through the REST backend and an
// in-memory port. Prints the numbers, the goal and PASS/MISS; it never fails on time.
// Run: pnpm exec tsx bench/mapping-throughput.ts
import { createRestBackend, type RestPort } from '../packages/facade/src/index.js';

const GOAL_RATIO = 15;
const PARCELS = 500;
const ROUNDS = 7;
const CALLS_PER_ROUND = 100;

const page = Array.from({ length: PARCELS }, (_, i) => ({
  parcelId: 987_654_000 + i,
  mailboxId: 1001,
  networkId: 42,
  fileName: `invoice_${i}.edi`,
  bytes: 14_872 + i,
  status: 'InBoxReady',
  ecGridIdFrom: 112_233,
  ecGridIdTo: 445_566,
  created: '2026-05-07T08:00:00Z',
  modified: '2026-05-07T08:05:00Z',
}));
const text = JSON.stringify(page);

const port: RestPort = {
  request: async (req) => ((req.body as { pageNo?: number } | undefined)?.pageNo === 1 ? JSON.parse(text) : []),
  login: async () => undefined,
  logout: async () => undefined,
};
const backend = createRestBackend(port);

async function timeMapping(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < CALLS_PER_ROUND; i += 1) await backend.invoke('ParcelInBox', {});
  return (performance.now() - started) / CALLS_PER_ROUND;
}

function timeParse(): number {
  const started = performance.now();
  for (let i = 0; i < CALLS_PER_ROUND; i += 1) JSON.parse(text);
  return (performance.now() - started) / CALLS_PER_ROUND;
}

async function main(): Promise<void> {
  for (let i = 0; i < 30; i += 1) await backend.invoke('ParcelInBox', {});
  const ratios: number[] = [];
  let mapMs = 0;
  let parseMs = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const m = await timeMapping();
    const p = timeParse();
    ratios.push(m / p);
    mapMs += m / ROUNDS;
    parseMs += p / ROUNDS;
  }
  const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? 0;
  console.log(`Mapping a REST listing to the SOAP shape: ParcelInBox, ${PARCELS} parcels (one run; informative only)`);
  console.log(`  JSON.parse of the page              ${(parseMs * 1000).toFixed(0)} µs`);
  console.log(`  the whole call through the backend  ${(mapMs * 1000).toFixed(0)} µs (${((mapMs / PARCELS) * 1000).toFixed(2)} µs a parcel, parse included)`);
  console.log(
    `  mapping and checking / parsing alone  ${median.toFixed(2)}×  goal ≤ ${GOAL_RATIO}×  ${median <= GOAL_RATIO ? 'PASS' : 'MISS'}  rounds: ${ratios.map((r) => r.toFixed(1)).join(' ')}`,
  );
}

await main();
