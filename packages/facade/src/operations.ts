import { FIRST_SLICE_OPERATIONS, type OperationParams, type OperationResults } from '@ecgrid-bridge/soap';

/** The operations the facade serves, named as in the WSDL. */
export const FACADE_OPERATIONS = FIRST_SLICE_OPERATIONS;

export type FacadeOperation = (typeof FACADE_OPERATIONS)[number];

/** The SOAP parameters of an operation without the SessionID: the facade manages the session. */
export type FacadeParams<Op extends FacadeOperation> = Omit<OperationParams[Op], 'SessionID'>;

export type FacadeResult<Op extends FacadeOperation> = OperationResults[Op];

export type BackendName = 'soap' | 'rest';

export function isFacadeOperation(name: string): name is FacadeOperation {
  return (FACADE_OPERATIONS as readonly string[]).includes(name);
}
