import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/index.js';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/scan');

/** Each fixture's known calls: `operation file:line verdict`. The decoys in them must not appear. */
const EXPECTED: Record<string, readonly string[]> = {
  csharp: [
    'Login InboxPoller.cs:13 moves-cleanly',
    'NowUTC InboxPoller.cs:22 stays-on-soap',
    'ParcelDownloadConfirm InboxPoller.cs:18 moves-cleanly',
    'ParcelInBox InboxPoller.cs:14 moves-with-losses',
  ],
  vb: ['Login Mailroom.vb:8 moves-cleanly', 'Logout Mailroom.vb:13 moves-cleanly', 'MailboxInfo Mailroom.vb:12 moves-with-losses', 'WhoAmI Mailroom.vb:9 moves-with-losses'],
  java: [
    'Login src/main/java/com/acme/edi/PartnerSync.java:12 moves-cleanly',
    'Logout src/main/java/com/acme/edi/PartnerSync.java:19 moves-cleanly',
    'SessionLog src/main/java/com/acme/edi/PartnerSync.java:18 stays-on-soap',
    'TPList src/main/java/com/acme/edi/PartnerSync.java:15 moves-with-losses',
  ],
  php: ['Login inbox.php:7 moves-cleanly', 'Logout inbox.php:15 moves-cleanly', 'ParcelDownloadConfirm inbox.php:13 moves-cleanly', 'ParcelInBox inbox.php:10 moves-with-losses'],
  python: ['CallBackPendingList poll.py:19 stays-on-soap', 'Login poll.py:13 moves-cleanly', 'Logout poll.py:20 moves-cleanly', 'TPList poll.py:16 moves-with-losses'],
  node: [
    'Login poll.js:7 moves-cleanly',
    'Login report.ts:6 moves-cleanly',
    'Logout poll.js:11 moves-cleanly',
    'ParcelInBox poll.js:10 moves-with-losses',
    'SessionLog report.ts:9 stays-on-soap',
    'WhoAmI report.ts:7 moves-with-losses',
  ],
  envelope: ['MailboxInfo requests/mailbox-info.xml:4 moves-with-losses', 'ParcelInBox send-parcel.sh:6 moves-with-losses'],
};

describe('scan of the fixture integrations', () => {
  for (const [fixture, expected] of Object.entries(EXPECTED)) {
    it(`${fixture}: finds exactly the known calls, with lines and verdicts, and none of the decoys`, () => {
      const report = scanProject(join(FIXTURES, fixture));
      const found = report.operations.flatMap((o) => o.sites.map((s) => `${o.operation} ${s.file}:${s.line} ${o.verdict}`));
      expect(found).toEqual(expected);
    });
  }

  it('counts generated proxies as the definition, not as calls', () => {
    const csharp = scanProject(join(FIXTURES, 'csharp'));
    expect(csharp.definitions).toEqual([{ file: 'Connected Services/ECGridOS/Reference.cs', proxyTypes: ['ECGridOSSoapClient'] }]);
    expect(csharp.operations.flatMap((o) => o.sites).some((s) => s.file.includes('Reference'))).toBe(false);
    expect(scanProject(join(FIXTURES, 'vb')).definitions.map((d) => d.file)).toEqual(['Web References/ECGridOS/Reference.vb']);
    expect(scanProject(join(FIXTURES, 'java')).definitions.map((d) => d.file)).toEqual(['src/main/java/io/ecgrid/os/ECGridOS.java', 'src/main/java/io/ecgrid/os/ECGridOSSoap.java']);
  });

  it('finds the service URL in configuration', () => {
    expect(scanProject(join(FIXTURES, 'csharp')).endpoints).toEqual([{ file: 'App.config', line: 5, url: 'https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx' }]);
  });

  it('respects .gitignore and leaves documentation alone', () => {
    const report = scanProject(join(FIXTURES, 'envelope'));
    expect(report.files.ignored).toBe(1);
    expect(report.operations.map((o) => o.operation)).not.toContain('ParcelDownload');
    expect(report.operations.map((o) => o.operation)).not.toContain('Logout');
  });

  it('tells which lost fields the calling code reads', () => {
    const inbox = scanProject(join(FIXTURES, 'csharp')).operations.find((o) => o.operation === 'ParcelInBox')!;
    expect(inbox.lossyRead).toEqual(['ParcelIDInfoList[].MailboxNameFrom']);
    const tpList = scanProject(join(FIXTURES, 'java')).operations.find((o) => o.operation === 'TPList')!;
    expect(tpList.lossyRead).toEqual(['[].Owner']);
  });

  it('sums up readiness and suggests a configuration', () => {
    const report = scanProject(join(FIXTURES, 'csharp'));
    expect(report.summary).toMatchObject({ operations: 4, callSites: 4, movesCleanly: 2, movesWithLosses: 1, staysOnSoap: 1, readiness: 63 });
    expect(report.suggestedConfig).toMatchObject({ routes: { NowUTC: 'soap' }, stages: { ParcelInBox: 'shadow' }, readsLostFields: ['ParcelInBox'], writesAfterShadow: ['ParcelDownloadConfirm'] });
  });
});
