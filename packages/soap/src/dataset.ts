import type { DataSet } from './generated/types.js';
import { escapeXml } from './server/fault.js';

/** A column of an untyped .NET DataSet: its name and XSD type. */
export interface DataSetColumn {
  readonly name: string;
  readonly type: 'int' | 'long' | 'decimal' | 'boolean' | 'string' | 'dateTime';
}

export type DataSetCell = number | string | boolean | Date;
export type DataSetRow = Readonly<Record<string, DataSetCell>>;

const MSDATA = 'urn:schemas-microsoft-com:xml-msdata';
const DIFFGR = 'urn:schemas-microsoft-com:xml-diffgram-v1';

/** A DataSet's DateTime as the soap-api report pages show it: UTC, without a zone. */
const cell = (value: DataSetCell): string => (value instanceof Date ? value.toISOString().slice(0, 19) : escapeXml(String(value)));

/**
 * One table as ASMX serialises a DataSet result: the inline XSD of `NewDataSet`, then the rows in a diffgram, each
 * `Table` row with its cells in column order (a cell left out is DBNull). .NET clients read the schema before the
 * rows (DataSet's own ReadXml), so both parts are always written.
 */
export function writeDataSet(columns: readonly DataSetColumn[], rows: readonly DataSetRow[]): DataSet {
  const elements = columns.map((c) => `<xs:element name="${c.name}" type="xs:${c.type}" minOccurs="0"/>`).join('');
  const schema =
    `<xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="${MSDATA}">` +
    `<xs:element name="NewDataSet" msdata:IsDataSet="true" msdata:UseCurrentLocale="true"><xs:complexType>` +
    `<xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Table"><xs:complexType><xs:sequence>${elements}` +
    `</xs:sequence></xs:complexType></xs:element></xs:choice></xs:complexType></xs:element></xs:schema>`;
  const body = rows
    .map((row, i) => {
      const cells = columns
        .flatMap((c) => {
          const value = row[c.name];
          return value === undefined ? [] : [`<${c.name}>${cell(value)}</${c.name}>`];
        })
        .join('');
      return `<Table diffgr:id="Table${i + 1}" msdata:rowOrder="${i}">${cells}</Table>`;
    })
    .join('');
  return { xml: `${schema}<diffgr:diffgram xmlns:msdata="${MSDATA}" xmlns:diffgr="${DIFFGR}"><NewDataSet xmlns="">${body}</NewDataSet></diffgr:diffgram>` };
}

const XS_INT = 2_147_483_647;

function typeOf(value: DataSetCell): DataSetColumn['type'] {
  if (value instanceof Date) return 'dateTime';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (!Number.isInteger(value)) return 'decimal';
  return Math.abs(value) <= XS_INT ? 'int' : 'long';
}

const WIDER: Readonly<Record<string, DataSetColumn['type']>> = { 'int+long': 'long', 'int+decimal': 'decimal', 'long+decimal': 'decimal' };

/** The columns of rows whose types are not declared: in order of first appearance, each the widest type it holds. */
export function inferColumns(rows: readonly DataSetRow[]): DataSetColumn[] {
  const types = new Map<string, DataSetColumn['type']>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      const seen = types.get(name);
      const now = typeOf(value);
      if (seen === undefined || seen === now) types.set(name, now);
      else types.set(name, WIDER[`${seen}+${now}`] ?? WIDER[`${now}+${seen}`] ?? 'string');
    }
  }
  return [...types].map(([name, type]) => ({ name, type }));
}
