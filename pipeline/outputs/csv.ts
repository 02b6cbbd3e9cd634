// CSV as DESIGN §4 fixes it: RFC 4180, UTF-8, one header row, amounts as plain decimals, empty
// for "not stated". The Italian dialect (semicolon, decimal comma, BOM) is for Excel in Italy.
// Text from the annex is data: a cell that a spreadsheet would run as a formula is neutralised.
import Papa from 'papaparse';
import type { Cell, ColumnKind, OutputTable } from './rows.js';

export type CsvDialect = 'standard' | 'it';

const FORMULA_START = /^[=+\-@\t\r]/;

// Characters that show nothing, which a spreadsheet may skip before it looks for a formula and
// which hide from a reader what a cell starts with: zero-width spaces and joiners, the byte-order
// mark, word joiners and invisible operators, bidirectional marks, embeddings, overrides and
// isolates, the soft hyphen, variation selectors, Hangul fillers.
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/;
const BLANK = /\s/;

/**
 * Prefix a quote to text that Excel, LibreOffice or Sheets would read as a formula. Judged on
 * what the cell starts with once invisible characters (and then spaces) are skipped, in NFKC
 * form: a full-width "＝", or a "=" behind a zero-width space, a bidi mark or spaces, is caught
 * as surely as a plain "=". Only the head is looked at, one character at a time.
 */
export function neutralise(text: string): string {
  if (FORMULA_START.test(text)) return `'${text}`;
  let i = 0;
  while (i < text.length && INVISIBLE.test(text[i]!)) i++;
  if (i > 0 && FORMULA_START.test(text.slice(i, i + 1))) return `'${text}`;
  while (i < text.length && (INVISIBLE.test(text[i]!) || BLANK.test(text[i]!))) i++;
  // Two code units, so that a character outside the BMP is normalised whole.
  const first = text.slice(i, i + 2).normalize('NFKC');
  return /^[=+\-@]/.test(first) ? `'${text}` : text;
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

const unparseOptions = (dialect: CsvDialect) => ({
  delimiter: dialect === 'it' ? ';' : ',',
  newline: '\r\n',
  quotes: false,
  quoteChar: '"',
  escapeChar: '"',
  // Papaparse's own escaping would add a second quote prefix; ours is already applied.
  escapeFormulae: false,
});

/** The start of a CSV file: the byte-order mark of the Italian dialect and the header row. */
export function csvHead(table: Pick<OutputTable, 'columns'>, dialect: CsvDialect): string {
  return (dialect === 'it' ? '\ufeff' : '') + Papa.unparse([table.columns.map((c) => c.name)], unparseOptions(dialect)) + '\r\n';
}

/** Rows to append after csvHead (or after other rows): toCsv(table) is csvHead + csvRows of its rows. */
export function csvRows(table: OutputTable, dialect: CsvDialect): string {
  if (table.rows.length === 0) return '';
  const data = table.rows.map((row) => table.columns.map((c, i) => format(row[i] ?? null, c.kind, dialect)));
  return Papa.unparse(data, unparseOptions(dialect)) + '\r\n';
}

export function toCsv(table: OutputTable, dialect: CsvDialect): string {
  return csvHead(table, dialect) + csvRows(table, dialect);
}
