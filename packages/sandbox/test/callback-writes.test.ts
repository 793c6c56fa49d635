import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { CALLBACK_TIMEOUT_MS } from '../src/service/callback-calls.js';
import { serializeState } from '../src/store/store.js';
import { type XmlNode, callsTo, items } from './support/clients.js';

/** Callback writes (rest-api/callbacks/create-callback.md, update-callback.md, test-callback.md) on both protocols. */

let sb: RunningSandbox;
const { soap, rest } = callsTo(() => sb);
let hook: Server;
let hookUrl: string;
const received: { headers: IncomingMessage['headers']; body: string }[] = [];
/** What the listener answers next: a status and a body (a function of the request, to echo it). */
let answer: (req: IncomingMessage, body: string) => [number, string] = () => [200, 'OK'];


const ADD = {
  NetworkID: 0,
  MailboxID: 0,
  UserID: 0,
  SystemObject: 'Parcel',
  ObjectStatus: 0,
  Direction: 'NoDir',
  Frequency: 0,
  MaxRetries: 0,
  URL: '',
  HTTPAuthentication: 'Basic',
  HTTPUser: 'hook-user',
  HTTPPassword: 'Hook-Secret-77',
  Status: 'Active',
};

beforeAll(async () => {
  sb = await startSandbox();
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const [status, text] = answer(req, body);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/ecgrid`;
  ADD.URL = hookUrl;
});
afterAll(async () => {
  await sb.close();
  await new Promise((resolve) => hook.close(resolve));
});
beforeEach(() => {
  sb.admin.reset();
  received.length = 0;
  answer = () => [200, 'OK'];
});

describe('callback writes', () => {
  it('CallBackAddEx registers for the caller\'s mailbox with the defaults REST applies, and never answers the password', async () => {
    const added = await soap('CallBackAddEx', ADD);
    const info = added.result as XmlNode;
    expect(info).toMatchObject({ MailboxID: '5001', NetworkID: '1001', UserID: '2006', SystemObject: 'Parcel', Frequency: '1', MaxCalls: '3', Status: 'Active', URL: hookUrl });
    expect(info['HTTPAuthentication']).toEqual({ Type: 'Basic', User: 'hook-user' });
    expect(added.text).not.toContain('Hook-Secret-77');
    const again = await soap('CallBackEventInfo', { CallBackEventID: Number(info['CallBackEventID']), QueueCount: 0 });
    expect((again.result as XmlNode)['URL']).toBe(hookUrl);
    expect(serializeState(sb.admin.state())).not.toContain('Hook-Secret-77');
    expect(serializeState(sb.admin.state())).toContain(hookUrl);
  });

  it('POST /v2/callbacks/create answers the documented fields and SOAP reads the same registration', async () => {
    const created = await rest('POST', '/v2/callbacks/create', { url: hookUrl, event: 'Parcel', httpAuthType: 'Basic', username: 'hook-user', password: 'Hook-Secret-77' });
    expect(created.json?.data).toMatchObject({ url: hookUrl, event: 'Parcel', mailboxId: 5001, networkId: 1001, httpAuthType: 'Basic', status: 'Active' });
    expect(created.text).not.toContain('Hook-Secret-77');
    const id = (created.json?.data as { callbackId: number }).callbackId;
    const info = (await soap('CallBackEventInfo', { CallBackEventID: id, QueueCount: 0 })).result as XmlNode;
    expect(info).toMatchObject({ Frequency: '1', MaxCalls: '3', Direction: 'NoDir', UserID: '2006' });
  });

  it('refuses a URL that is not HTTPS (but for a loopback listener), an unknown event, and a mailbox out of view', async () => {
    expect((await rest('POST', '/v2/callbacks/create', { url: 'http://hooks.example.com/x', event: 'Parcel' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/callbacks/create', { url: 'https://user:pw@hooks.example.com/x', event: 'Parcel' })).json?.errorCode).toBe('InvalidParameter');
    expect((await rest('POST', '/v2/callbacks/create', { url: 'https://hooks.example.com/x', event: 'ParcelNotes' })).json?.errorCode).toBe('InvalidParameter');
    expect((await soap('CallBackAddEx', { ...ADD, MailboxID: 5003 })).fault).toBeDefined();
    expect((await soap('CallBackAddEx', { ...ADD, URL: 'ftp://hooks.example.com/' })).fault?.string).toMatch(/HTTPS/);
  });

  it('CallBackEventSetStatus and POST /v2/callbacks/update change the same record; a terminated callback stays so', async () => {
    expect((await soap('CallBackEventSetStatus', { CallBackEventID: 71001, Status: 'Suspended' })).result).toBe('true');
    const updated = await rest('POST', '/v2/callbacks/update', { callbackId: 71001, url: `${hookUrl}/v2` });
    expect(updated.json?.data).toMatchObject({ callbackId: 71001, status: 'Suspended', url: `${hookUrl}/v2` });
    expect(((await soap('CallBackEventInfo', { CallBackEventID: 71001, QueueCount: 0 })).result as XmlNode)['URL']).toBe(`${hookUrl}/v2`);
    expect((await rest('POST', '/v2/callbacks/update', { callbackId: 71001, status: 'Terminated' })).json?.success).toBe(true);
    expect((await soap('CallBackEventSetStatus', { CallBackEventID: 71001, Status: 'Active' })).fault).toBeDefined();
    expect((await rest('POST', '/v2/callbacks/update', { callbackId: 71001, status: 'Sideways' })).json?.errorCode).toBe('InvalidParameter');
  });

  it('CallBackTest posts a test event with Basic authentication and queues the call with its log', async () => {
    const id = Number(((await soap('CallBackAddEx', ADD)).result as XmlNode)['CallBackEventID']);
    answer = () => [202, 'accepted'];
    const tested = (await soap('CallBackTest', { CallBackEventID: id, ParcelID: 987650001, InterchangeID: 0, UserID: 0 })).result as XmlNode;
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['authorization']).toBe(`Basic ${Buffer.from('hook-user:Hook-Secret-77').toString('base64')}`);
    expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({ callBackEvent: 'Parcel', objectId: 987650001, test: true });
    expect(tested).toMatchObject({ Status: 'Completed', Test: 'true', ObjectID: '987650001' });
    expect(items(tested['CallBackLog'], 'CallBackLogInfo')[0]).toMatchObject({ ReturnCode: '202', Message: 'accepted', CallNumber: '1' });
    const queued = (await soap('CallBackQueueInfo', { CallBackQueueID: Number(tested['CallBackQueueID']) })).result as XmlNode;
    expect(queued).toMatchObject({ Status: 'Completed', Test: 'true' });
  });

  it('POST /v2/callbacks/test answers the endpoint\'s status and body, masking credentials an endpoint echoes', async () => {
    const id = (await rest('POST', '/v2/callbacks/create', { url: hookUrl, event: 'Parcel', httpAuthType: 'Basic', username: 'hook-user', password: 'Hook-Secret-77' })).json?.data as { callbackId: number };
    answer = (req, body) => [500, `boom ${req.headers['authorization'] ?? ''} ${Buffer.from(String(req.headers['authorization']).slice(6), 'base64').toString()} ${body}`];
    const tested = await rest('POST', '/v2/callbacks/test', { callbackId: id.callbackId });
    const data = tested.json?.data as { httpStatus: number; responseBody: string; url: string; testedAt: string };
    expect(data).toMatchObject({ callbackId: id.callbackId, url: hookUrl, httpStatus: 500 });
    expect(data.responseBody).toMatch(/^boom Basic \*\*\* hook-user:\*\*\*/);
    expect(tested.text).not.toContain('Hook-Secret-77');
    expect(tested.text).not.toContain(Buffer.from('hook-user:Hook-Secret-77').toString('base64'));
    expect(data.testedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const failed = await soap('CallBackFailedList', { MaxDays: 0 });
    expect(failed.text).toContain('<Status>Error</Status>');
    expect(failed.text).not.toContain('Hook-Secret-77');
  });

  it('an endpoint that cannot be reached is an Error entry with status 0, and a redirect is not followed', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const gone = (await rest('POST', '/v2/callbacks/create', { url: `http://127.0.0.1:${port}/`, event: 'Parcel' })).json?.data as { callbackId: number };
    expect((await rest('POST', '/v2/callbacks/test', { callbackId: gone.callbackId })).json?.data).toMatchObject({ httpStatus: 0, responseBody: 'the endpoint could not be reached' });
    answer = () => [302, ''];
    const id = Number(((await soap('CallBackAddEx', ADD)).result as XmlNode)['CallBackEventID']);
    const tested = (await soap('CallBackTest', { CallBackEventID: id, ParcelID: 0, InterchangeID: 0, UserID: 0 })).result as XmlNode;
    expect(tested['Status']).toBe('Error');
    expect(received).toHaveLength(1);
  });

  it(`an endpoint that drips its answer forever is cut off after ${CALLBACK_TIMEOUT_MS} ms, headers or not`, async () => {
    const drip = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => drip.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(drip.address() as AddressInfo).port}/slow`;
      const id = (await rest('POST', '/v2/callbacks/create', { url, event: 'Parcel' })).json?.data as { callbackId: number };
      // Without the deadline the call would never end and the test's own timeout would fail it.
      const tested = await rest('POST', '/v2/callbacks/test', { callbackId: id.callbackId });
      expect(tested.json?.data).toMatchObject({ httpStatus: 0, responseBody: `no answer within ${CALLBACK_TIMEOUT_MS} ms` });
    } finally {
      drip.closeAllConnections();
      await new Promise((resolve) => drip.close(resolve));
    }
  }, 20_000);
});
