import { ENUMS } from './generated/schema.js';
import type { EnumTypes } from './generated/types.js';

/** The values of a WSDL enumeration, in WSDL order, typed by the generated `EnumTypes`. */
export function enumValues<K extends keyof EnumTypes>(name: K): readonly EnumTypes[K][] {
  const values = ENUMS[name];
  if (!values) throw new Error(`the WSDL has no enumeration ${name}`);
  // ENUMS and EnumTypes are generated from the same WSDL enumeration, so these strings are its members.
  return values as readonly EnumTypes[K][];
}

/** Whether a string is a value of a WSDL enumeration. */
export function isEnumValue<K extends keyof EnumTypes>(name: K, value: string): value is EnumTypes[K] {
  return (ENUMS[name] ?? []).includes(value);
}
