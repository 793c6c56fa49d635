import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERATIONS,
  SoapFaultError,
  createSoapSession,
  renderWsdl,
  type OperationName,
  type SoapSession,
} from '../src/index.js';
import { wireSample } from './support/sample-values.js';
import { type RunningSoapServer, soapFault, startSoapServer } from './support/soap-server.js';
import { hasVendorWsdl, readVendorWsdl } from './support/shared-wsdl.js';

const SLICE: OperationName[] = ['Login', 'WhoAmI', 'SessionLog', 'ParcelInBox', 'ParcelDownload', 'ParcelDownloadConfirm', 'Logout'];

const sources = hasVendorWsdl
  ? [{ name: 'the vendor WSDL', wsdl: () => readVendorWsdl() }]
  : [{ name: 'the project-generated WSDL (vendor WSDL absent)', wsdl: (address: string) => renderWsdl({ address }) }];
// The project's own WSDL is always exercised too: it is what the sandbox serves.
sources.push({ name: 'the project-generated WSDL', wsdl: (address: string) => renderWsdl({ address, operations: SLICE }) });

describe.each(sources)('node-soap server from $name', ({ wsdl }) => {
  let server: RunningSoapServer;
  let session: SoapSession;
  const received: Record<string, Record<string, unknown>[]> = {};
  let logins = 0;

  beforeAll(async () => {
    const result = (op: OperationName, value: unknown) => ({ [OPERATIONS[op].result!.name]: value });
    const sample = (op: OperationName) => wireSample(OPERATIONS[op].result!);
    const record = (op: string, args: Record<string, unknown>) => (received[op] ??= []).push(args);
    server = await startSoapServer(wsdl, {
      Login: (args) => {
        record('Login', args);
        logins += 1;
        return result('Login', `session-${logins}-abcdef`);
      },
      WhoAmI: (args) => {
        record('WhoAmI', args);
        if (args['SessionID'] === 'session-1-abcdef') soapFault('soap:Client', 'Session expired', 'Authentication');
        return result('WhoAmI', sample('WhoAmI'));
      },
      SessionLog: (args) => (record('SessionLog', args), result('SessionLog', sample('SessionLog'))),
      ParcelInBox: (args) => (record('ParcelInBox', args), result('ParcelInBox', sample('ParcelInBox'))),
      ParcelDownload: (args) => {
        record('ParcelDownload', args);
        if (String(args['ParcelID']) === '404') soapFault('soap:Client', 'Parcel not found', 'ObjectNotFound');
        return result('ParcelDownload', sample('ParcelDownload'));
      },
      ParcelDownloadConfirm: (args) => (record('ParcelDownloadConfirm', args), result('ParcelDownloadConfirm', true)),
      Logout: (args) => (record('Logout', args), result('Logout', 0)),
    });
    session = createSoapSession({ endpoint: server.endpoint, credentials: { loginName: 'ops@example.com', password: 'Secret-Pa55!' } });
  });

  afterAll(async () => {
    session.client.close();
    await server.close();
  });

  it('accepts our envelopes and we parse its answers, including a re-login after an expired session', async () => {
    const info = await session.sessionInfo();
    expect(logins).toBe(2);
    expect(received['Login']![0]).toMatchObject({ LoginName: 'ops@example.com', Password: 'Secret-Pa55!' });
    expect(received['WhoAmI']!.map((a) => a['SessionID'])).toEqual(['session-1-abcdef', 'session-2-abcdef']);
    expect(info?.LastLogin).toEqual(new Date('2026-03-04T05:06:07.000Z'));
    expect(typeof info?.UserID).toBe('number');

    const log = await session.sessionLog(25);
    expect(Array.isArray(log)).toBe(true);
    expect(log).toHaveLength(1);
    expect(String(received['SessionLog']![0]!['MaxRecords'])).toBe('25');

    const inbox = await session.call('ParcelInBox', {});
    expect(inbox?.ParcelIDInfoList).toHaveLength(1);
    expect(inbox?.ParcelIDInfoList?.[0]?.ParcelDate).toBeInstanceOf(Date);

    const file = await session.call('ParcelDownload', { ParcelID: 9_007_199_254 });
    expect(String(received['ParcelDownload']![0]!['ParcelID'])).toBe('9007199254');
    expect(Buffer.isBuffer(file?.Content)).toBe(true);
    expect(file?.Content?.toString()).toMatch(/^ISA\*00\*/);
    expect(file?.FileName).toContain('<&>');

    await expect(session.call('ParcelDownloadConfirm', { ParcelID: 1 })).resolves.toBe(true);
    await session.logout();
    expect(received['Logout']![0]).toMatchObject({ SessionID: 'session-2-abcdef' });
  });

  it('turns its faults into typed SoapFaultErrors', async () => {
    const err = await session.call('ParcelDownload', { ParcelID: 404 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err).toMatchObject({ operation: 'ParcelDownload', errorCode: 'ObjectNotFound', httpStatus: 500, faultString: 'Parcel not found' });
    expect((err as SoapFaultError).faultCode).toMatch(/Client$/);
  });
});
