import { ENUMS, type OperationName, type OperationParams, type OperationSpec } from '@ecgrid-bridge/soap';
import { DOTNET_MIN_DATE } from './wire.js';

/**
 * The parameters of a checked request, with every value-type parameter the client left out (or sent as nil) set to
 * its .NET default, as ASMX binds them: 0, false, DateTime.MinValue, the enumeration's first value. Optional
 * parameters (strings, binary) stay unset.
 */
export function withDefaults<Op extends OperationName>(spec: OperationSpec, read: Readonly<Record<string, unknown>>): OperationParams[Op] {
  const params: Record<string, unknown> = { ...read };
  for (const p of spec.params) {
    if (params[p.name] !== undefined || p.minOccurs === 0) continue;
    if (p.kind === 'enum') params[p.name] = ENUMS[p.type.slice(4)]?.[0];
    else if (p.type === 'xs:boolean') params[p.name] = false;
    else if (p.type === 'xs:dateTime') params[p.name] = new Date(DOTNET_MIN_DATE);
    else params[p.name] = 0;
  }
  // The SOAP package's reader checked every value against the operation's generated parameter table.
  return params as OperationParams[Op];
}
