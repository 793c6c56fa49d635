import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

type Node = Record<string, unknown>;

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  result: unknown;
  fault?: { code: string; string: string; detail: string | undefined };
}

export interface RawCallOptions {
  version?: '1.1' | '1.2';
  soapAction?: string | null;
  requestNs?: string;
  body?: string;
  contentType?: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A hand-built SOAP 1.1 or 1.2 call, for the protocol checks no generated client would make. */
export async function rawCall(url: string, op: string, params: Record<string, string | number | boolean> = {}, options: RawCallOptions = {}): Promise<RawAnswer> {
  const v12 = options.version === '1.2';
  const envNs = v12 ? 'http://www.w3.org/2003/05/soap-envelope' : 'http://schemas.xmlsoap.org/soap/envelope/';
  const inner = Object.entries(params).map(([k, v]) => `<${k}>${escape(String(v))}</${k}>`).join('');
  const body =
    options.body ??
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${envNs}"><soap:Body><${op} xmlns="${options.requestNs ?? 'https://os.ecgrid.io/'}">${inner}</${op}></soap:Body></soap:Envelope>`;
  const action = options.soapAction === undefined ? `https://os.ecgrid.io/${op}` : options.soapAction;
  const headers: Record<string, string> = {};
  if (v12) {
    headers['content-type'] = options.contentType ?? `application/soap+xml; charset=utf-8${action === null ? '' : `; action="${action}"`}`;
  } else {
    headers['content-type'] = options.contentType ?? 'text/xml; charset=utf-8';
    if (action !== null) headers['SOAPAction'] = `"${action}"`;
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let result: unknown;
  let fault: RawAnswer['fault'];
  let doc: Node | undefined;
  try {
    doc = text.startsWith('<') ? (parser.parse(text) as Node) : undefined;
  } catch {
    doc = undefined;
  }
  const b = ((doc?.['Envelope'] as Node | undefined)?.['Body'] ?? {}) as Node;
  const f = b['Fault'] as Node | undefined;
  if (f) {
    const detail = (f['detail'] ?? f['Detail']) as Node | undefined;
    const code = f['faultcode'] ?? ((f['Code'] as Node | undefined)?.['Value']);
    const reason = f['faultstring'] ?? ((f['Reason'] as Node | undefined)?.['Text']);
    fault = { code: String(code), string: String(reason), detail: detail ? String(detail['ECGridOSSOAPErrorCode']) : undefined };
  } else {
    result = (b[`${op}Response`] as Node | undefined)?.[`${op}Result`];
  }
  return { status: res.status, headers: res.headers, text, result, ...(fault ? { fault } : {}) };
}
