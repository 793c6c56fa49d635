import { ENDPOINTS, type EndpointName } from '@ecgrid-bridge/catalog';
import { type OperationName, OPERATIONS } from '@ecgrid-bridge/soap';
import * as callbacks from './callbacks.js';
import * as carbonCopies from './carbon-copies.js';
import * as certificates from './certificates.js';
import * as comms from './comms.js';
import * as interchanges from './interchanges.js';
import * as keys from './keys.js';
import * as mailboxes from './mailboxes.js';
import * as networks from './networks.js';
import * as parcels from './parcels.js';
import * as partners from './partners.js';
import * as reports from './reports.js';
import * as session from './session.js';
import * as users from './users.js';
import type { OperationEntry, OperationGroup, RestHandler } from './table.js';
import type { SandboxOperation } from './not-emulated.js';

export type { SandboxOperation } from './not-emulated.js';

/** Every operation the sandbox emulates, one entry each: its SOAP handler and the REST endpoints that serve it. */
const OPERATION_TABLE = {
  ...session,
  ...networks,
  ...mailboxes,
  ...users,
  ...partners,
  ...parcels,
  ...interchanges,
  ...callbacks,
  ...comms,
  ...certificates,
  ...carbonCopies,
  ...keys,
  ...reports,
} satisfies OperationGroup;

/**
 * The table serves exactly the operations not named in NOT_EMULATED: this fails to compile when one is missing, and
 * test/sandbox-coverage.test.ts fails when one is in both. Declared this way, the public type does not carry the
 * table's own (very large) type.
 */
const SERVES_EVERY_OPERATION: { readonly [Op in SandboxOperation]: unknown } = OPERATION_TABLE;
void SERVES_EVERY_OPERATION;

export const isSandboxOperation = (name: string): name is SandboxOperation => Object.hasOwn(OPERATION_TABLE, name);

/** The operations the sandbox emulates on SOAP (all of the table), in WSDL order. */
export const SANDBOX_OPERATIONS: readonly SandboxOperation[] = Object.keys(OPERATIONS).filter(isSandboxOperation);

/** An operation's table entry, typed for that operation. */
export const entryOf = <Op extends SandboxOperation>(operation: Op): OperationEntry<Op> => {
  const table: OperationGroup = OPERATION_TABLE;
  const entry = table[operation];
  if (!entry) throw new Error(`${operation} is not in the operation table`);
  return entry;
};

/** A REST endpoint the table serves: its handler and the SOAP operations it serves (for fault scoping). */
export interface RestEndpoint {
  readonly endpoint: EndpointName;
  readonly handle: RestHandler;
  readonly operations: readonly SandboxOperation[];
}

const isEndpointName = (name: string): name is EndpointName => Object.hasOwn(ENDPOINTS, name);

/** The REST handlers of an operation's entry, by endpoint. */
function handlersOf(operation: SandboxOperation): [EndpointName, RestHandler][] {
  const rest: Partial<Record<string, RestHandler>> = entryOf(operation).rest ?? {};
  return Object.keys(rest).flatMap((name) => {
    const handle = rest[name];
    return isEndpointName(name) && handle ? [[name, handle]] : [];
  });
}

/** Every REST endpoint of the table. Operations that share an endpoint must name the same handler. */
export function restEndpoints(): RestEndpoint[] {
  const byName = new Map<EndpointName, { handle: RestHandler; operations: SandboxOperation[] }>();
  for (const operation of SANDBOX_OPERATIONS) {
    for (const [name, handle] of handlersOf(operation)) {
      const known = byName.get(name);
      if (known && known.handle !== handle) throw new Error(`${name} has two handlers (${known.operations[0]} and ${operation})`);
      if (known) known.operations.push(operation);
      else byName.set(name, { handle, operations: [operation] });
    }
  }
  return [...byName].map(([endpoint, { handle, operations }]) => ({ endpoint, handle, operations }));
}

/** The REST endpoints that serve an operation in the sandbox. */
export const restEndpointsOf = (operation: OperationName): EndpointName[] =>
  isSandboxOperation(operation) ? handlersOf(operation).map(([name]) => name) : [];
