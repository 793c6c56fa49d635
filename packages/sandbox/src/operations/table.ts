import type { EndpointName } from '@ecgrid-bridge/catalog';
import type { OperationName, OperationParams, OperationResults } from '@ecgrid-bridge/soap';
import type { Json } from '../rest/input.js';
import type { Caller } from '../service/auth.js';
import type { ListSettings } from '../service/paging.js';
import type { SandboxService } from '../service/service.js';
import type { Unset } from '../soap/wire.js';

/** One SOAP call being served: its parameters, typed by the generated table, and how to authenticate it. */
export interface SoapCall<Op extends OperationName> {
  /** As the client sent them; a value-type parameter it left out holds the .NET default, as ASMX gives it. */
  readonly params: OperationParams[Op];
  readonly service: SandboxService;
  readonly ip: string;
  /** Resolves the SessionID parameter (a session or an API key). */
  caller(): Caller;
}

/** A SOAP result: the operation's generated result type, where fields left unset are written as .NET defaults. */
export type SoapAnswer<Op extends OperationName> = Unset<OperationResults[Op]>;

/** A SOAP call of whichever operation has (at least) the parameters `P`: for a handler several operations share. */
export type SoapCallWith<P> = Omit<SoapCall<OperationName>, 'params'> & { readonly params: P };

/** Answers at once, or later where the operation itself waits (a callback test calls the registered URL). */
export type SoapHandler<Op extends OperationName> = (call: SoapCall<Op>) => SoapAnswer<Op> | Promise<SoapAnswer<Op>>;

/** One REST request being served: its JSON body, path values, the authenticated caller (none on open endpoints). */
export interface RestCall {
  readonly service: SandboxService;
  readonly body: Json;
  readonly params: Readonly<Record<string, string>>;
  /** The authenticated caller; endpoints the catalogue documents as open (`authRequired: false`) have none. */
  caller(): Caller;
  readonly lists: Readonly<ListSettings>;
}

/** Answers one REST endpoint: the `data` of the ECGrid envelope. */
export type RestHandler = (call: RestCall) => unknown;

/**
 * One SOAP operation the sandbox emulates: its SOAP handler and, where REST has the operation, the handlers of the
 * endpoints (by their catalogue name) that serve it. Operations that share an endpoint name the same handler.
 */
export interface OperationEntry<Op extends OperationName> {
  readonly soap: SoapHandler<Op>;
  readonly rest?: Partial<Record<EndpointName, RestHandler>>;
}

/** A group of table entries (one module per API group). */
export type OperationGroup = { readonly [Op in OperationName]?: OperationEntry<Op> };
