import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject, walk } from '../src/index.js';

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'ecgrid-scan-walk-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const CALL = 'var client = new ECGridOSSoapClient();\nclient.ParcelInBox(session);\n';

describe('walking a tree', () => {
  it('honours nested .gitignore files, and skips binaries, huge files and node_modules', () => {
    const root = tree({
      'src/Poller.cs': CALL,
      'src/.gitignore': 'generated/\n',
      'src/generated/Poller.cs': CALL,
      '.gitignore': '*.bak.cs\n',
      'old.bak.cs': CALL,
      'node_modules/x/index.js': 'client.LoginAsync()',
      'lib/blob.cs': Buffer.from([0x63, 0, 0x6c, 0x69]),
      'lib/huge.cs': `${CALL}${' '.repeat(2048)}`,
    });
    const walked = walk(root, { maxFileBytes: 1024, maxFiles: 100 });
    expect(walked.files.map((f) => f.path)).toEqual(['src/Poller.cs']);
    expect(walked.skipped).toMatchObject({ ignored: 2, binary: 1, tooLarge: 1 });
  });

  it('stops at the file limit and says so', () => {
    const root = tree({ 'a.cs': '', 'b.cs': '', 'c.cs': '' });
    expect(walk(root, { maxFileBytes: 1024, maxFiles: 2 })).toMatchObject({ truncated: true });
  });

  it('counts only calls through the client the code creates, never a same-named method, a comment or a log message', () => {
    const root = tree({
      'Decoys.cs': [
        'var auth = new AuthService();',
        'auth.Login(user, password);',
        '// client.Logout(session);',
        '/* client.ParcelDownload(session, 1); */',
        'logger.Info("client.WhoAmI(session) failed");',
        'var client = new ECGridOSSoapClient();',
        'client.Login(user, password);',
        'other.client.Logout(session);',
      ].join('\n'),
    });
    const sites = scanProject(root).operations.flatMap((o) => o.sites.map((s) => `${o.operation}:${s.line}`));
    expect(sites).toEqual(['Login:7']);
  });
});
