// Canned ECGridOS answers for the gateway benches, built from the generated tables: one value as the facade hands
// it to the gateway (lists as arrays, dates as Date), and the same value as a node-soap service returns it (fields
// in WSDL order, ArrayOfX as `{ Item: [...] }`, dates as ISO strings).
import { COMPLEX_TYPES, ENUMS, type ElementSpec, OPERATIONS } from '../../packages/soap/src/index.js';

type Shape = 'facade' | 'node-soap';

function sample(spec: Pick<ElementSpec, 'type' | 'kind'>, shape: Shape, seed: number, listLength: number, depth = 0): unknown {
  switch (spec.kind) {
    case 'builtin':
      switch (spec.type) {
        case 'xs:string':
          // Mostly plain text, as ECGrid's data is; one string in eight needs escaping.
          return seed % 8 === 0 ? `Smith & Sons <EDI> ${seed}` : `Acme Supply value ${seed}`;
        case 'xs:boolean':
          return seed % 2 === 0;
        case 'xs:dateTime':
          return shape === 'facade' ? new Date(Date.UTC(2025, 0, 1 + (seed % 28), 9, 30)) : new Date(Date.UTC(2025, 0, 1 + (seed % 28), 9, 30)).toISOString();
        case 'xs:base64Binary':
          return undefined;
        default:
          return seed;
      }
    case 'enum':
      return ENUMS[spec.type.slice(4)]![seed % ENUMS[spec.type.slice(4)]!.length];
    case 'dataset':
      return undefined;
    case 'array': {
      const a = COMPLEX_TYPES[spec.type.slice(4)]!.array!;
      if (depth > 2) return shape === 'facade' ? [] : {};
      const items = Array.from({ length: listLength }, (_, i) => sample({ type: a.itemType, kind: a.itemKind }, shape, seed + i, listLength, depth + 1));
      return shape === 'facade' ? items : { [a.itemElement]: items };
    }
    case 'complex': {
      const out: Record<string, unknown> = {};
      for (const f of COMPLEX_TYPES[spec.type.slice(4)]!.fields) {
        if (depth > 2 && f.minOccurs === 0) continue;
        const v = sample(f, shape, seed + f.name.length, listLength, depth + 1);
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    }
  }
}

/** The operations the server bench calls, with the canned result of each (20 parcels in the inbox). */
export const CANNED_OPERATIONS = ['MailboxInfo', 'ParcelInBox'] as const;
export type CannedOperation = (typeof CANNED_OPERATIONS)[number];

const cache = new Map<string, unknown>();

/** Built once per operation and shape: the servers answer the same object every time. */
export function cannedResult(operation: CannedOperation, shape: Shape): unknown {
  const key = `${operation}/${shape}`;
  if (!cache.has(key)) cache.set(key, sample(OPERATIONS[operation].result!, shape, 7, 20));
  return cache.get(key);
}

/** The request envelope a client sends for a canned operation. */
export function cannedRequest(operation: CannedOperation, sessionId: string): string {
  const params = operation === 'MailboxInfo' ? '<MailboxID>5001</MailboxID>' : '';
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${operation} xmlns="https://os.ecgrid.io/"><SessionID>${sessionId}</SessionID>${params}</${operation}></soap:Body></soap:Envelope>`;
}
