// DESIGN §7: text from an annex is data. In XLSX a cell is a formula only when it carries a
// formula element; text goes in as a string cell (exceljs writes a shared string), so "=1+1"
// or "-----" stays text in every program with no visible prefix. The danger is a value that
// reaches exceljs as something other than a plain string (an object with `formula`, a
// `richText` or `hyperlink` shape), so every annex value passes through here.

/**
 * The value to give exceljs for a text from the annex: always a primitive string (or null for
 * nothing), never an object exceljs would interpret. Control characters that XML 1.0 cannot
 * carry are dropped, since they would make the file unreadable.
 */
export function safeText(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text === '') return null;
  return String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** Excel's limit on the characters of one cell (and of a note): a longer text makes the file "need repair". */
export const MAX_CELL_CHARS = 32_767;
/** Ends a text cut at the limit; annex.json and the CSV files keep the whole text. */
export const CUT_MARKER = ' […]';

/** The text cut to MAX_CELL_CHARS with CUT_MARKER at its end, or the text itself when it fits. */
export function fitCell(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  let end = MAX_CELL_CHARS - CUT_MARKER.length;
  // Never half a character: a high surrogate at the cut goes with its pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + CUT_MARKER;
}
