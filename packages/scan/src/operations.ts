import { OPERATIONS, type OperationName } from '@ecgrid-bridge/soap';

export const OPERATION_NAMES: readonly OperationName[] = Object.keys(OPERATIONS) as OperationName[];
const BY_NAME: ReadonlyMap<string, OperationName> = new Map(OPERATION_NAMES.map((n) => [n, n]));
const BY_LOWER: ReadonlyMap<string, OperationName> = new Map(OPERATION_NAMES.map((n) => [n.toLowerCase(), n]));

/** The operation with exactly this name. */
export const operationNamed = (name: string): OperationName | undefined => BY_NAME.get(name);

/**
 * The operation a generated method stands for: `ParcelInBox`, `ParcelInBoxAsync` (svcutil, node-soap), or
 * `parcelInBox` and `tpList` (JAX-WS lowers the leading capitals). Only asked about methods of a known client.
 */
export function operationOfMethod(method: string): OperationName | undefined {
  const exact = BY_NAME.get(method) ?? (method.endsWith('Async') ? BY_NAME.get(method.slice(0, -5)) : undefined);
  return exact ?? BY_LOWER.get(method.toLowerCase());
}

/** Both namespaces the service has published under: the current one and the older ecgridos.net. */
export const SERVICE_NAMESPACES = ['https://os.ecgrid.io/', 'http://www.ecgridos.net/'] as const;
