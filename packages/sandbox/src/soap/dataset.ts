import { type DataSet, escapeXml } from '@ecgrid-bridge/soap';

/** A column of a report's DataSet, with the type its soap-api page gives. */
export interface Column {
  readonly name: string;
  readonly type: 'int' | 'long' | 'string' | 'dateTime';
}

export type Row = Readonly<Record<string, number | string | Date>>;

const MSDATA = 'urn:schemas-microsoft-com:xml-msdata';
const DIFFGR = 'urn:schemas-microsoft-com:xml-diffgram-v1';

/** A DataSet's DateTime as the soap-api report pages show it: UTC, without a zone. */
const cell = (value: number | string | Date): string =>
  value instanceof Date ? value.toISOString().slice(0, 19) : escapeXml(String(value));

/**
 * One table as ASMX serialises an untyped .NET DataSet: the inline XSD of `NewDataSet`, then the rows in a diffgram,
 * each `Table` row with its cells in column order. soap-api/reports/*.md show the rows; the schema and diffgram
 * wrapper are how .NET writes any DataSet result.
 */
export function dataSet(columns: readonly Column[], rows: readonly Row[]): DataSet {
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
