import { type ComplexTypes, type DataSet, type DataSetRow, inferColumns, writeDataSet } from '@ecgrid-bridge/soap';
import { type RecordName, conformsTo, recordProblems } from '../schema/conforms.js';
import { type Json, type RecordMap, ShapeError, exactInteger, isoInstant, lossyFields, mapList, mapRecord, objectAt } from './fields.js';

/** How a SOAP result is read from REST `data`, and which of its parts REST cannot provide. */
export interface ResultMap<T> {
  read(data: unknown, params: object): T;
  /** Paths of SOAP result fields REST cannot provide (`[]` for list items, `.` for the whole result). */
  readonly lossy: readonly string[];
  /** For list results whose order the API does not promise: the field parity sorts by. */
  readonly orderBy?: string;
}

const prefix = (p: string, fields: readonly string[]): string[] => fields.map((f) => `${p}.${f}`);

/** The first field of a record type: its ID in every ECGrid record, and so a stable sort key. */
const idField = <N extends RecordName>(map: RecordMap<N>): string => Object.keys(map.fields)[0] ?? '';

/** One record. */
export const record = <N extends RecordName>(map: RecordMap<N>): ResultMap<ComplexTypes[N]> => ({
  read: (data, params) => mapRecord(map, data, params),
  lossy: lossyFields(map),
});

/** The list inside `data`: the data itself, or the array under `key` of a page wrapper. */
export function listIn(data: unknown, key: string | undefined): unknown[] {
  const list = key === undefined ? data : objectAt(data, key)[key];
  if (!Array.isArray(list)) throw new ShapeError(key ? `expected a list in ${key}` : 'expected a list');
  return list;
}

/** A list of records, from a plain array or from a page wrapper's `key`. */
export const list = <N extends RecordName>(map: RecordMap<N>, key?: string): ResultMap<ComplexTypes[N][]> => ({
  read: (data, params) => mapList(map, listIn(data, key), params),
  lossy: prefix('[]', lossyFields(map)),
  orderBy: `[].${idField(map)}`,
});

/** A list whose items are single values (REST lists of objects reduced to one field each, or plain values). */
export const valueList = <T>(item: (v: unknown) => T): ResultMap<T[]> => ({
  read: (data) => listIn(data, undefined).map(item),
  lossy: [],
  orderBy: '[]',
});

interface PageFields {
  PageSize: number;
  PageNumber: number;
  Count: number;
  TotalRecords: number;
  TotalPages: number;
}

type CollectionName = {
  [N in RecordName]: ComplexTypes[N] extends PageFields ? N : never;
}[RecordName];

/**
 * A SOAP paged collection (`…Collection`: page size, number, count, totals and the list). REST returns a plain
 * array or a page wrapper with `totalRecords`; what REST does not report is lossy. The page asked for comes from
 * the call's `PageNo`/`PageNumber` and `RecordsPerPage`/`PageSize` parameters when the SOAP operation has them.
 */
export function collection<C extends CollectionName, N extends RecordName>(
  type: C,
  listField: keyof ComplexTypes[C] & string,
  map: RecordMap<N>,
  key?: string,
): ResultMap<ComplexTypes[C]> {
  const totalKnown = key !== undefined;
  return {
    read(data, params) {
      const items = mapList(map, listIn(data, key), params);
      const p: Json = { ...params };
      const pageNo = numberParam(p, 'PageNo', 'PageNumber') ?? 1;
      const pageSize = numberParam(p, 'RecordsPerPage', 'PageSize') ?? items.length;
      const total = totalKnown ? exactInteger(objectAt(data, key)['totalRecords'] ?? items.length, 'totalRecords') : items.length;
      const out: Json = {
        PageSize: pageSize,
        PageNumber: pageNo,
        Count: items.length,
        TotalRecords: total,
        TotalPages: pageSize > 0 ? Math.ceil(total / pageSize) : 1,
        [listField]: items,
      };
      return assertCollection(type, out);
    },
    lossy: [...(totalKnown ? [] : ['TotalRecords', 'TotalPages']), 'PageSize', ...prefix(`${listField}[]`, lossyFields(map))],
    orderBy: `${listField}[].${idField(map)}`,
  };
}

function numberParam(p: Json, ...names: string[]): number | undefined {
  for (const name of names) {
    const v = p[name];
    if (typeof v === 'number' && v > 0) return v;
  }
  return undefined;
}

/** Checks a collection assembled here against its WSDL type. */
function assertCollection<C extends CollectionName>(type: C, value: Json): ComplexTypes[C] {
  if (!conformsTo(type, value)) throw new ShapeError(`not a valid ${type}: ${recordProblems(type, value).slice(0, 3).join('; ')}`);
  return value;
}

const scalar = <T>(what: string, accept: (v: unknown) => T | undefined): ResultMap<T> => ({
  read: (data) => {
    const v = accept(data);
    if (v === undefined) throw new ShapeError(`expected ${what}`);
    return v;
  },
  lossy: [],
});

/** `true`/`false` as the endpoint answers it. */
export const boolean: ResultMap<boolean> = scalar('true or false', (v) => (typeof v === 'boolean' ? v : undefined));

/**
 * The SOAP call answers `true` when it succeeded; the REST endpoint answers something else on success (the updated
 * object, nothing) and a typed error on failure, so success itself is the result.
 */
export const succeeded: ResultMap<boolean> = { read: () => true, lossy: [] };

/** An integer answer (a new object's ID, a count), or one field of an object answer. */
export const integer = (field?: string): ResultMap<number> => ({
  read: (data) => exactInteger(field === undefined ? data : objectAt(data, field)[field], field ?? 'the answer'),
  lossy: [],
});

/** A text answer, or one text field of an object answer. */
export const text = (field?: string): ResultMap<string> => ({
  read: (data) => {
    const v = field === undefined ? data : objectAt(data, field)[field];
    if (typeof v !== 'string') throw new ShapeError(`expected ${field ?? 'the answer'} as text`);
    return v;
  },
  lossy: [],
});

/** A date answer, or one date field of an object answer. */
export const instant = (field?: string): ResultMap<Date> => ({
  read: (data) => isoInstant(field === undefined ? data : objectAt(data, field)[field], field ?? 'the answer'),
  lossy: [],
});

const xmlName = (s: string): string => (/^[A-Za-z_][\w.-]*$/.test(s) ? s : `_${s.replace(/[^\w.-]/g, '_')}`);

/** A report row's cells: the scalar fields, by XML-safe name (nested values and nulls are left out). */
function cellsOf(row: Readonly<Record<string, unknown>>): DataSetRow {
  const cells: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(row)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') cells[xmlName(name)] = value;
  }
  return cells;
}

/**
 * A .NET DataSet result built from REST rows, written as ASMX writes one (inline schema, then a diffgram: .NET clients
 * read the schema first): one `Table` row per REST row, one column per REST field, typed from the values. The WSDL
 * declares these results as an untyped DataSet and the docs describe other SOAP columns than REST's fields, so the
 * column names are the REST field names: code that reads the SOAP columns by name must be checked (the whole result
 * is lossy).
 */
export const dataSet = (key?: string): ResultMap<DataSet> => ({
  read(data) {
    const rows = Array.isArray(data) ? data : key !== undefined ? listIn(data, key) : [objectAt(data, 'the report')];
    const cells = rows.map((row) => cellsOf(objectAt(row, 'a report row')));
    return writeDataSet(inferColumns(cells), cells);
  },
  lossy: ['.'],
});
