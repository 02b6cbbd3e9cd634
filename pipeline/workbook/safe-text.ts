// DESIGN §7: text from an annex is data. In XLSX a cell is a formula only when it carries a
// formula element; text goes in as a string cell (exceljs writes a shared string), so "=1+1"
// or "-----" stays text in every program with no visible prefix. The danger is a value that
// reaches exceljs as something other than a plain string (an object with `formula`, a
// `richText` or `hyperlink` shape), so every annex value passes through here.

/** Characters that make a spreadsheet treat typed or imported text as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * The value to give exceljs for a text from the annex: always a primitive string (or null for
 * nothing), never an object exceljs would interpret. Control characters that XML 1.0 cannot
 * carry are dropped, since they would make the file unreadable.
 */
export function safeText(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text === '') return null;
  // eslint-disable-next-line no-control-regex
  return String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}
