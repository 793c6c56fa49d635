import { FIRST_SLICE_OPERATIONS } from '@ecgrid-bridge/soap';

/** The ECGridOS operations the sandbox implements, on SOAP (all of them) and REST (all but SessionLog). */
export const SANDBOX_OPERATIONS = FIRST_SLICE_OPERATIONS;

export type SandboxOperation = (typeof SANDBOX_OPERATIONS)[number];

export const isSandboxOperation = (name: string): name is SandboxOperation =>
  (SANDBOX_OPERATIONS as readonly string[]).includes(name);
