import type { BackendName, FacadeOperation, FacadeParams, FacadeResult } from '../operations.js';

export interface InvokeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
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

/** What `Login` returns through the facade: the session itself stays inside the backend. */
export const SESSION_HANDLE = 'ecgrid-bridge-session';
