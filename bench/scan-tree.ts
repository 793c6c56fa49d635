// How long `scan` takes on a synthetic tree of 10,000 files (C#, VB, Java, PHP, Python, JavaScript, configuration,
// some binaries and an ignored folder), about one file in twenty calling ECGridOS. Prints the numbers, the goal
// and PASS/MISS; it never fails on time.
// Run: pnpm exec tsx bench/scan-tree.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanProject } from '../packages/scan/src/index.js';

const FILES = 10_000;
const GOAL_SECONDS = 5;
const ROUNDS = 3;

const FILLER = Array.from({ length: 80 }, (_, i) => `    // line ${i}: business logic that has nothing to do with EDI; logger.Login(${i}) is not a call\n`).join('');

const KINDS: ReadonlyArray<readonly [ext: string, calling: (i: number) => string]> = [
  ['cs', (i) => `class C${i} {\n  ECGridOSSoapClient client = new ECGridOSSoapClient();\n  void Run() { client.ParcelInBox(s); }\n${FILLER}}\n`],
  ['vb', (i) => `Module M${i}\n  Dim ecg As New ECGridOS()\n  Sub Run()\n    ecg.WhoAmI(s)\n  End Sub\n${FILLER.replace(/\/\//g, "'")}End Module\n`],
  ['java', (i) => `class J${i} {\n  ECGridOSSoap port = new ECGridOS().getECGridOSSoap();\n  void run() { port.tpList(s, false); }\n${FILLER}}\n`],
  ['php', () => `<?php\n$client = new SoapClient('ECGridOS.wsdl');\n$client->__soapCall('MailboxInfo', []);\n${FILLER.replace(/\/\//g, '#')}`],
  ['py', () => `import zeep\nclient = zeep.Client('ECGridOS.wsdl')\nclient.service.SessionLog(s)\n${FILLER.replace(/\/\//g, '#')}`],
  ['ts', () => `const client = await soap.createClientAsync(url);\nawait client.LoginAsync({});\n${FILLER}`],
  ['config', () => `<configuration><endpoint address="https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx" /></configuration>\n`],
];

function buildTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'ecgrid-scan-bench-'));
  writeFileSync(join(root, '.gitignore'), 'build/\n');
  for (let i = 0; i < FILES; i += 1) {
    const dir = join(root, i % 500 === 250 ? 'build' : `src/module${i % 40}/part${i % 7}`);
    mkdirSync(dir, { recursive: true });
    if (i % 100 === 0) {
      writeFileSync(join(dir, `asset${i}.png`), Buffer.alloc(4096, 0));
      continue;
    }
    const [ext, calling] = KINDS[i % KINDS.length]!;
    writeFileSync(join(dir, `file${i}.${ext}`), i % 20 === 0 ? calling(i) : `${FILLER}\n`);
  }
  return root;
}

function main(): void {
  const root = buildTree();
  try {
    scanProject(root);
    const times: number[] = [];
    let report = scanProject(root);
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      report = scanProject(root);
      times.push((performance.now() - started) / 1000);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
    const f = report.files;
    console.log(`Scanning a synthetic tree of ${FILES} files (one run; informative only)`);
    console.log(`  files read ${f.scanned}, ignored ${f.ignored}, binary or not source ${f.binary + f.notSource}`);
    console.log(`  call sites found ${report.summary.callSites} in ${report.summary.operations} operations`);
    console.log(`  scan time (median of ${ROUNDS}) ${median.toFixed(2)} s`);
    console.log(`  goal: under ${GOAL_SECONDS} s  ${median < GOAL_SECONDS ? 'PASS' : 'MISS'}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
