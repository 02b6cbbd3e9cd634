// CSV as DESIGN §4 fixes it: RFC 4180, UTF-8, one header row, amounts as plain decimals, empty
// for "not stated". The Italian dialect (semicolon, decimal comma, BOM) is for Excel in Italy.
// Text from the annex is data: a cell that a spreadsheet would run as a formula is neutralised.
import Papa from 'papaparse';
import type { Cell, ColumnKind, OutputTable } from './rows.js';

export type CsvDialect = 'standard' | 'it';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefix a quote to text that Excel, LibreOffice or Sheets would read as a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function format(value: Cell, kind: ColumnKind, dialect: CsvDialect): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'amount':
    case 'number': {
      // Amounts arrive as canonical strings ("-500.00") and stay numbers: never neutralised.
      const s = String(value);
      if (!/^-?\d+(\.\d+)?$/.test(s)) return neutralise(s);
      return dialect === 'it' ? s.replace('.', ',') : s;
    }
    case 'integer':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return neutralise(String(value));
  }
}

export function toCsv(table: OutputTable, dialect: CsvDialect): string {
  const data = [
    table.columns.map((c) => c.name),
    ...table.rows.map((row) => table.columns.map((c, i) => format(row[i] ?? null, c.kind, dialect))),
  ];
  const body = Papa.unparse(data, {
    delimiter: dialect === 'it' ? ';' : ',',
    newline: '\r\n',
    quotes: false,
    quoteChar: '"',
    escapeChar: '"',
    // Papaparse's own escaping would add a second quote prefix; ours is already applied.
    escapeFormulae: false,
  });
  return (dialect === 'it' ? '\ufeff' : '') + body + '\r\n';
}
