// What the packaging check writes into its scratch project: the consumer settings it type-checks under, the entry
// checks for ESM and CommonJS, a CommonJS TypeScript consumer, and the runner of the README's samples.

/** The README's TypeScript samples, in order. */
export const readmeSamples = (readme: string): string[] => [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

const base = { target: 'ES2022', lib: ['ES2023'], types: ['node'], noEmit: true, skipLibCheck: false, esModuleInterop: true } as const;

/** The compiler settings consumers commonly use; the README's samples must type-check under each. */
export const CONSUMER_SETTINGS: Record<string, Record<string, unknown>> = {
  node16: { ...base, module: 'node16', moduleResolution: 'node16', strict: true },
  nodenext: { ...base, module: 'nodenext', moduleResolution: 'nodenext', strict: true },
  bundler: { ...base, module: 'esnext', moduleResolution: 'bundler', strict: true },
  'exact-optional': { ...base, module: 'nodenext', moduleResolution: 'nodenext', strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true },
  'not-strict': { ...base, module: 'nodenext', moduleResolution: 'nodenext', strict: false },
};

interface Entry {
  readonly name: string;
  readonly subpaths: readonly string[];
}

const specifiers = (entries: readonly Entry[]) => entries.flatMap((e) => e.subpaths.map((s) => (s === '.' ? e.name : `${e.name}${s.slice(1)}`)));

/** Scripts that load every entry point, from ESM and from CommonJS, and fail unless each has named exports. */
export function entryChecks(entries: readonly Entry[]): { esm: string; cjs: string } {
  const list = JSON.stringify(specifiers(entries));
  const verify = `(name, m) => { const names = Object.keys(m).filter((k) => k !== 'default'); if (names.length === 0) throw new Error(name + ' has no named exports'); console.log(name + ': ' + names.length + ' exports'); }`;
  return {
    esm: `const verify = ${verify};\nfor (const name of ${list}) verify(name, await import(name));\n`,
    cjs: `const verify = ${verify};\nfor (const name of ${list}) verify(name, require(name));\n`,
  };
}

/** A CommonJS TypeScript consumer: compiled to `require` calls, so it resolves the packages' CommonJS declarations. */
export const cjsConsumer = `import { startSandbox } from '@ecgrid-bridge/sandbox';
import { createEcgridFacade, type FacadeResult } from '@ecgrid-bridge/facade';

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0 });
  const ecgrid = createEcgridFacade({
    backend: 'rest',
    soap: { endpoint: sandbox.soapUrl },
    rest: { baseUrl: sandbox.restUrl },
    credentials: { loginName: sandbox.credentials.email, password: sandbox.credentials.password },
  });
  try {
    const mailbox: FacadeResult<'MailboxInfo'> = await ecgrid.MailboxInfo({ MailboxID: 5001 });
    if (!mailbox?.Description) throw new Error('MailboxInfo answered no description');
    console.log(mailbox.Description);
  } finally {
    await ecgrid.close();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/**
 * Runs each compiled README sample against a fresh sandbox from the installed package, with the environment the
 * README describes; the first sample (the backend switch) must print the same on SOAP and on REST.
 */
export const sampleRunner = (count: number): string => `import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSandbox } from '@ecgrid-bridge/sandbox';

// The sandbox runs in this process, so the sample must run asynchronously beside it.
const execFileAsync = promisify(execFile);

async function run(index, extra) {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const { stdout } = await execFileAsync(process.execPath, ['built/sample-' + index + '.js'], {
      encoding: 'utf8',
      timeout: 60000,
      env: { PATH: process.env.PATH, ECGrid__SoapUrl: sandbox.soapUrl, ECGrid__RestUrl: sandbox.restUrl,
        ECGrid__Email: sandbox.credentials.email, ECGrid__Password: sandbox.credentials.password, ...extra },
    });
    return stdout;
  } finally {
    await sandbox.close();
  }
}

const viaSoap = await run(0, { ECGRID_BACKEND: 'soap' });
const viaRest = await run(0, { ECGRID_BACKEND: 'rest' });
if (viaSoap !== viaRest || viaSoap.trim() === '') throw new Error('sample 0 differs between SOAP and REST:\\n' + viaSoap + '\\n---\\n' + viaRest);
console.log('sample 0: the same on SOAP and REST');
for (let i = 1; i < ${count}; i++) {
  const out = await run(i, {});
  if (out.trim() === '') throw new Error('sample ' + i + ' printed nothing');
  console.log('sample ' + i + ': ' + out.trim().split('\\n')[0].slice(0, 100));
}
`;
