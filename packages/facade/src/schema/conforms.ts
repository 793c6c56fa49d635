import { COMPLEX_TYPES, ENUMS, OPERATIONS, type ComplexTypes, type ElementSpec, type OperationParams } from '@ecgrid-bridge/soap';

/** A SOAP record type, by its WSDL name. */
export type RecordName = keyof ComplexTypes;

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'xs:byte': [-128, 127],
  'xs:unsignedByte': [0, 255],
  'xs:short': [-32_768, 32_767],
  'xs:unsignedShort': [0, 65_535],
  'xs:int': [-2_147_483_648, 2_147_483_647],
  'xs:unsignedInt': [0, 4_294_967_295],
  'xs:long': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a value of one element spec, as `path: problem` lines (none when it conforms). */
export function valueProblems(spec: Pick<ElementSpec, 'type' | 'kind'>, value: unknown, path: string): string[] {
  switch (spec.kind) {
    case 'builtin':
      return builtinProblems(spec.type, value, path);
    case 'enum': {
      const values = ENUMS[spec.type.slice(4)] ?? [];
      return typeof value === 'string' && values.includes(value) ? [] : [`${path}: ${JSON.stringify(value)} is not a ${spec.type.slice(4)} value`];
    }
    case 'complex':
      return recordProblems(spec.type.slice(4), value, path);
    case 'array': {
      const item = COMPLEX_TYPES[spec.type.slice(4)]?.array;
      if (!item) return [`${path}: ${spec.type} is not an array type`];
      if (!Array.isArray(value)) return [`${path}: expected an array`];
      return value.flatMap((v, i) => valueProblems({ type: item.itemType, kind: item.itemKind }, v, `${path}[${i}]`));
    }
    case 'dataset':
      return isObject(value) && typeof value['xml'] === 'string' ? [] : [`${path}: expected a DataSet ({ xml })`];
  }
}

function builtinProblems(type: string, value: unknown, path: string): string[] {
  const range = INTEGER_RANGES[type];
  if (range) {
    return typeof value === 'number' && Number.isInteger(value) && value >= range[0] && value <= range[1]
      ? []
      : [`${path}: ${JSON.stringify(value)} is not an exact ${type}`];
  }
  switch (type) {
    case 'xs:float':
    case 'xs:double':
    case 'xs:decimal':
      return typeof value === 'number' ? [] : [`${path}: expected a number`];
    case 'xs:boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean`];
    case 'xs:dateTime':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? [] : [`${path}: expected a valid Date`];
    case 'xs:string':
      return typeof value === 'string' ? [] : [`${path}: expected a string`];
    case 'xs:base64Binary':
      return Buffer.isBuffer(value) ? [] : [`${path}: expected a Buffer`];
    default:
      return [`${path}: no check for ${type}`];
  }
}

/** Every way a value fails to be a record of `typeName`: wrong types, unknown enum values, unknown or missing fields. */
export function recordProblems(typeName: string, value: unknown, path = typeName): string[] {
  const type = COMPLEX_TYPES[typeName];
  if (!type) return [`${path}: unknown type ${typeName}`];
  if (!isObject(value)) return [`${path}: expected a ${typeName} record`];
  const known = new Set(type.fields.map((f) => f.name));
  const problems = Object.keys(value)
    .filter((k) => !known.has(k))
    .map((k) => `${path}.${k}: ${typeName} has no such field`);
  for (const field of type.fields) {
    const v = value[field.name];
    if (v === undefined) {
      if (field.minOccurs > 0) problems.push(`${path}.${field.name}: required, missing`);
      continue;
    }
    problems.push(...valueProblems(field, v, `${path}.${field.name}`));
  }
  return problems;
}

type Check = (value: unknown) => boolean;

const checks = new Map<string, Check>();

/** A compiled check of one element spec: the same rules as `valueProblems`, without building messages. */
function checkOf(spec: Pick<ElementSpec, 'type' | 'kind'>): Check {
  switch (spec.kind) {
    case 'builtin':
      return (v) => builtinProblems(spec.type, v, '').length === 0;
    case 'enum': {
      const values = new Set(ENUMS[spec.type.slice(4)] ?? []);
      return (v) => typeof v === 'string' && values.has(v);
    }
    case 'complex':
      return (v) => recordCheck(spec.type.slice(4))(v);
    case 'array': {
      const item = COMPLEX_TYPES[spec.type.slice(4)]?.array;
      if (!item) return () => false;
      const itemCheck = checkOf({ type: item.itemType, kind: item.itemKind });
      return (v) => Array.isArray(v) && v.every(itemCheck);
    }
    case 'dataset':
      return (v) => isObject(v) && typeof v['xml'] === 'string';
  }
}

function fastBuiltin(type: string): Check {
  const range = INTEGER_RANGES[type];
  if (range) return (v) => typeof v === 'number' && Number.isInteger(v) && v >= range[0] && v <= range[1];
  switch (type) {
    case 'xs:string':
      return (v) => typeof v === 'string';
    case 'xs:boolean':
      return (v) => typeof v === 'boolean';
    case 'xs:dateTime':
      return (v) => v instanceof Date && !Number.isNaN(v.getTime());
    default:
      return (v) => builtinProblems(type, v, '').length === 0;
  }
}

/** The compiled check of a record type, built once per type. */
function recordCheck(typeName: string): Check {
  const cached = checks.get(typeName);
  if (cached) return cached;
  const type = COMPLEX_TYPES[typeName];
  if (!type) return () => false;
  let fields: { name: string; required: boolean; check: Check }[] | undefined;
  const known = new Set(type.fields.map((f) => f.name));
  const check: Check = (value) => {
    fields ??= type.fields.map((f) => ({ name: f.name, required: f.minOccurs > 0, check: f.kind === 'builtin' ? fastBuiltin(f.type) : checkOf(f) }));
    if (!isObject(value)) return false;
    for (const key in value) if (!known.has(key)) return false;
    for (const f of fields) {
      const v = value[f.name];
      if (v === undefined ? f.required : !f.check(v)) return false;
    }
    return true;
  };
  checks.set(typeName, check);
  return check;
}

/**
 * Narrows a built value to its SOAP record type once it has been checked against the WSDL schema (the same rules
 * as `recordProblems`, which says what is wrong when this is false).
 */
export function conformsTo<N extends RecordName>(typeName: N, value: Record<string, unknown>): value is Record<string, unknown> & ComplexTypes[N] {
  return recordCheck(typeName)(value);
}

/** Every way a value fails to be the parameters of an operation (without the SessionID). */
export function paramsProblems(operation: keyof typeof OPERATIONS, params: Record<string, unknown>): string[] {
  const specs = OPERATIONS[operation].params.filter((p) => p.name !== 'SessionID');
  const problems = Object.keys(params)
    .filter((k) => !specs.some((p) => p.name === k))
    .map((k) => `${k}: ${operation} has no such parameter`);
  for (const spec of specs) {
    const v = params[spec.name];
    if (v === undefined) {
      if (spec.minOccurs > 0) problems.push(`${spec.name}: required, missing`);
      continue;
    }
    problems.push(...valueProblems(spec, v, spec.name));
  }
  return problems;
}

/** Narrows checked parameters to the operation's parameter type. */
export function paramsConform<Op extends keyof typeof OPERATIONS>(
  operation: Op,
  params: Record<string, unknown>,
): params is Record<string, unknown> & Omit<OperationParams[Op], 'SessionID'> {
  return paramsProblems(operation, params).length === 0;
}
