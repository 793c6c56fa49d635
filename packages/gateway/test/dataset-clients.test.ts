import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { gatewayOn, phpWithSoap, withSandbox, zeepPython } from './support/harness.js';

/**
 * A report answered through the gateway with REST behind is a DataSet the facade builds from the REST rows. Real SOAP
 * clients must read it as they read one from ASMX: the inline schema first (zeep types the cells from it), then the
 * rows in the diffgram.
 */

const run = promisify(execFile);
const python = zeepPython();
const php = phpWithSoap();

const ZEEP = `
import json, sys, zeep, zeep.helpers
client = zeep.Client(sys.argv[1])
sid = client.service.Login(LoginName=sys.argv[2], Password=sys.argv[3])
result = client.service.ReportMailboxStats(SessionID=sid)
rows = [zeep.helpers.serialize_object(item["Table"], dict) for item in result["_value_1"]["_value_1"]]
print(json.dumps([{k: [type(v).__name__, str(v)] for k, v in row.items()} for row in rows]))
`;

const PHP = `
$client = new SoapClient($argv[1]);
$sid = $client->Login(['LoginName' => $argv[2], 'Password' => $argv[3]])->LoginResult;
$result = $client->ReportMailboxStats(['SessionID' => $sid])->ReportMailboxStatsResult;
echo json_encode(['schema' => $result->schema, 'rows' => $result->any]);
`;

describe.skipIf(!python)(`Python zeep${python ? '' : ' (skipped: no python3 that imports zeep; install Debian python3-zeep)'}`, () => {
  it('reads a REST-built report DataSet through the gateway, its cells typed by the inline schema', async () => {
    await withSandbox(async (sandbox) => {
      const gateway = await gatewayOn(sandbox);
      try {
        const { stdout } = await run(python ?? 'python3', ['-c', ZEEP, gateway.wsdlUrl, sandbox.credentials.loginName, sandbox.credentials.password], { timeout: 60_000 });
        const rows = JSON.parse(stdout) as Record<string, [string, string]>[];
        expect(rows).toHaveLength(1);
        expect(rows[0]?.['mailboxId']).toEqual(['int', '5001']);
        expect(rows[0]?.['totalParcels']?.[0]).toBe('int');
        expect(rows[0]?.['reportGeneratedAt']?.[0]).toBe('str');
      } finally {
        await gateway.close();
      }
    });
  });
});

describe.skipIf(!php)(`PHP SoapClient${php ? '' : ' (skipped: no php with the soap extension; install Debian php-cli and php-soap)'}`, () => {
  it('gets the schema and the diffgram rows of a REST-built report DataSet through the gateway', async () => {
    await withSandbox(async (sandbox) => {
      const gateway = await gatewayOn(sandbox);
      try {
        const { stdout } = await run(php ?? 'php', ['-r', PHP, '--', gateway.wsdlUrl, sandbox.credentials.loginName, sandbox.credentials.password], { timeout: 60_000 });
        const answer = JSON.parse(stdout) as { schema: string; rows: string };
        expect(answer.schema).toContain('<xs:element name="mailboxId" type="xs:int" minOccurs="0"/>');
        expect(answer.rows).toMatch(/<Table diffgr:id="Table1" msdata:rowOrder="0"><mailboxId>5001<\/mailboxId>/);
      } finally {
        await gateway.close();
      }
    });
  });
});
