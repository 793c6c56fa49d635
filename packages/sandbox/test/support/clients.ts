import { XMLParser } from 'fast-xml-parser';

/** Hand-built SOAP 1.1 calls and plain REST calls over real HTTP, for the sandbox's protocol tests. */

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

export type XmlNode = Record<string, unknown>;

export interface SoapAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The `<Op>Result` element, parsed (text values stay strings). */
  result: unknown;
  fault?: { code: string; string: string; detail: string | undefined };
}

export interface SoapCallOptions {
  soapAction?: string | null;
  requestNs?: string;
  envelopeNs?: string;
  contentType?: string;
  body?: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Posts `<op>` with the given parameters (in the order given) and reads the answer. */
export async function soapCall(
  url: string,
  op: string,
  params: Record<string, string | number | boolean> = {},
  options: SoapCallOptions = {},
): Promise<SoapAnswer> {
  const ns = options.requestNs ?? 'https://os.ecgrid.io/';
  const envNs = options.envelopeNs ?? 'http://schemas.xmlsoap.org/soap/envelope/';
  const inner = Object.entries(params)
    .map(([k, v]) => `<${k}>${escape(String(v))}</${k}>`)
    .join('');
  const body =
    options.body ??
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${envNs}"><soap:Body><${op} xmlns="${ns}">${inner}</${op}></soap:Body></soap:Envelope>`;
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'text/xml; charset=utf-8' };
  if (options.soapAction !== null) headers['SOAPAction'] = `"${options.soapAction ?? `https://os.ecgrid.io/${op}`}"`;
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let result: unknown;
  let fault: SoapAnswer['fault'];
  let doc: XmlNode | undefined;
  try {
    doc = text.startsWith('<') ? (parser.parse(text) as XmlNode) : undefined;
  } catch {
    doc = undefined;
  }
  if (doc) {
    const env = doc['Envelope'] as XmlNode | undefined;
    const b = (env?.['Body'] ?? {}) as XmlNode;
    const f = b['Fault'] as XmlNode | undefined;
    if (f) {
      const detail = f['detail'] as XmlNode | undefined;
      fault = { code: String(f['faultcode']), string: String(f['faultstring']), detail: detail ? String(detail['ECGridOSSOAPErrorCode']) : undefined };
    } else {
      const response = b[`${op}Response`] as XmlNode | undefined;
      result = response?.[`${op}Result`];
    }
  }
  return { status: res.status, headers: res.headers, text, result, ...(fault ? { fault } : {}) };
}

/** The items of an ArrayOfX result, always as a list. */
export function items(value: unknown, item: string): XmlNode[] {
  if (value === undefined || value === '' || value === null) return [];
  const list = (value as XmlNode)[item];
  if (list === undefined) return [];
  return (Array.isArray(list) ? list : [list]) as XmlNode[];
}

export interface RestAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: { success: boolean; data: unknown; errorCode: string | null; message: string | null } | undefined;
}

export async function restCall(
  base: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<RestAnswer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: RestAnswer['json'];
  try {
    json = JSON.parse(text) as RestAnswer['json'];
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Builds a one-interchange X12 file between two parties (ISA fixed width). */
export function x12File(
  from: [string, string],
  to: [string, string],
  options: { control?: number; type?: string; date?: Date } = {},
): string {
  const d = (options.date ?? new Date('2025-03-01T10:00:00Z')).toISOString();
  const control = String(options.control ?? 4242).padStart(9, '0');
  const isa = [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
    from[0], from[1].padEnd(15), to[0], to[1].padEnd(15),
    `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`, `${d.slice(11, 13)}${d.slice(14, 16)}`,
    'U', '00401', control, '0', 'P', '>',
  ].join('*');
  const type = options.type ?? '850';
  return [
    `${isa}~`,
    `GS*PO*${from[1]}*${to[1]}*20250301*1000*${Number(control)}*X*004010~`,
    `ST*${type}*0001~`,
    'BEG*00*SA*PO-TEST-1**20250301~',
    'SE*3*0001~',
    `GE*1*${Number(control)}~`,
    `IEA*1*${control}~`,
    '',
  ].join('\n');
}

/** SOAP and REST calls to one sandbox, authenticated with an API key: the demo user's unless another is given. */
export function callsTo(sandbox: () => { readonly soapUrl: string; readonly restUrl: string; readonly credentials: { readonly apiKey: string } }) {
  return {
    soap: (op: string, params: Record<string, string | number | boolean> = {}, apiKey = sandbox().credentials.apiKey) =>
      soapCall(sandbox().soapUrl, op, { SessionID: apiKey, ...params }),
    rest: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, apiKey = sandbox().credentials.apiKey) =>
      restCall(sandbox().restUrl, method, path, { headers: { 'x-api-key': apiKey }, ...(body !== undefined ? { body } : {}) }),
  };
}
