import { OPERATIONS, type OperationName, type OperationParams, type OperationResults } from '@ecgrid-bridge/soap';

/** The operations the facade serves, named as in the WSDL: every one of them. */
export const FACADE_OPERATIONS: readonly OperationName[] = Object.freeze(Object.keys(OPERATIONS).filter(isOperationName));

export type FacadeOperation = OperationName;

/** The SOAP parameters of an operation without the SessionID: the facade manages the session. */
export type FacadeParams<Op extends FacadeOperation> = Omit<OperationParams[Op], 'SessionID'>;

export type FacadeResult<Op extends FacadeOperation> = OperationResults[Op];

export type BackendName = 'soap' | 'rest';

function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

export function isFacadeOperation(name: string): name is FacadeOperation {
  return isOperationName(name);
}

/** Whether the operation takes a SessionID, read from its WSDL parameters. */
export function needsSession(operation: FacadeOperation): boolean {
  return OPERATIONS[operation].params.some((p) => p.name === 'SessionID');
}
