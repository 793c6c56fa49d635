import { MAPPINGS } from '../mapping/index.js';
import type { BackendName, FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';

export interface InvokeOptions {
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface LoginParams {
  LoginName?: string;
  Password?: string;
}

/** One side of the facade. Errors it throws are already FacadeErrors. */
export interface Backend {
  readonly name: BackendName;
  invoke<Op extends FacadeOperation>(operation: Op, params: FacadeParams<Op>, options?: InvokeOptions): Promise<FacadeResult<Op>>;
  /** Ends the backend's session; never throws. */
  close(): Promise<void>;
}

export { SESSION_HANDLE } from '../mapping/builders.js';

/** What Login or Logout answers through the facade, whichever backend ran it. */
export function sessionResultOf<Op extends FacadeOperation>(operation: Op): FacadeResult<Op> {
  const result = MAPPINGS[operation].sessionResult;
  if (!result) throw new Error(`${operation} is not a session operation`);
  return result();
}
