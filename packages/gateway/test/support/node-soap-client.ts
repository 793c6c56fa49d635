import * as soap from 'soap';
import type { Step, Transcript, WorkflowInput } from './harness.js';

type Method = (args: Record<string, unknown>) => Promise<[unknown, ...unknown[]]>;
type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (isNode(v) ? v[k] : undefined), value);

function faultOf(err: unknown): Step['fault'] | undefined {
  const fault = at(err, 'root', 'Envelope', 'Body', 'Fault');
  if (!isNode(fault)) return undefined;
  const code = fault['faultcode'] ?? at(fault, 'Code', 'Value');
  const detail = at(fault, 'detail', 'ECGridOSSOAPErrorCode') ?? at(fault, 'Detail', 'ECGridOSSOAPErrorCode');
  return { code: String(code), detail: detail === undefined ? null : String(detail) };
}

/**
 * The legacy workflow driven by node-soap from the service's ?wsdl. node-soap's top-level methods belong to the
 * WSDL's last port: the SOAP 1.2 one where the WSDL declares it (the gateway), else SOAP 1.1 (the sandbox).
 */
export async function nodeSoapWorkflow(input: WorkflowInput): Promise<Transcript> {
  // node-soap picks the SOAP version by this option, not by the port: SOAP 1.2 needs it.
  const client = await soap.createClientAsync(input.wsdl, { forceSoap12Headers: input.soap12 === true });
  const method = (op: string): Method => {
    const fn = Reflect.get(client, `${op}Async`);
    if (typeof fn !== 'function') throw new Error(`node-soap generated no ${op}Async`);
    return (args) => Reflect.apply(fn, client, [args]) as Promise<[unknown, ...unknown[]]>;
  };
  const steps: Step[] = [];
  const call = async (step: string, op: string, args: Record<string, unknown>): Promise<unknown> => {
    try {
      const [response] = await method(op)(args);
      const result = at(response, `${op}Result`) ?? null;
      steps.push({ step, operation: op, result: JSON.parse(JSON.stringify(result)) as unknown });
      return result;
    } catch (err) {
      const fault = faultOf(err);
      if (!fault) throw err;
      steps.push({ step, operation: op, fault });
      return undefined;
    }
  };
  let sid = await call('login', 'Login', { LoginName: input.login, Password: input.password });
  const who = await call('whoami', 'WhoAmI', { SessionID: sid });
  await call('mailbox', 'MailboxInfo', { SessionID: sid, MailboxID: at(who, 'MailboxID') });
  const inbox = await call('inbox', 'ParcelInBox', { SessionID: sid });
  const listed = at(inbox, 'ParcelIDInfoList', 'ParcelIDInfo');
  const parcels = Array.isArray(listed) ? listed : listed === undefined ? [] : [listed];
  for (const parcel of parcels) {
    await call('download', 'ParcelDownload', { SessionID: sid, ParcelID: at(parcel, 'ParcelID') });
    await call('confirm', 'ParcelDownloadConfirm', { SessionID: sid, ParcelID: at(parcel, 'ParcelID') });
  }
  const content = Buffer.from(input.upload.base64, 'base64');
  await call('upload', 'ParcelUpload', { SessionID: sid, FileName: input.upload.fileName, Bytes: content.length, Content: input.upload.base64 });
  await fetch(input.hook, { method: 'POST' });
  await call('after-expiry', 'WhoAmI', { SessionID: sid });
  sid = await call('relogin', 'Login', { LoginName: input.login, Password: input.password });
  await call('whoami-again', 'WhoAmI', { SessionID: sid });
  await call('logout', 'Logout', { SessionID: sid });
  await call('after-logout', 'WhoAmI', { SessionID: sid });
  return { client: `node-soap (SOAP ${input.soap12 ? '1.2' : '1.1'})`, steps };
}
