// Number formats and cell styles of the workbook. Format codes are locale-neutral in the file
// (comma = grouping, dot = decimals); each program shows them with its own locale's
// separators, so an Italian install shows "€ 84.878,00".
import type { Alignment, Borders, Fill, Font, Worksheet } from 'exceljs';

export const EURO_FORMAT = '"€ "#,##0.00;"€ -"#,##0.00';
export const PERCENT_FORMAT = '0.00%';
export const SCORE_FORMAT = '0.00';

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export const FILL = {
  header: solid('FFD9E1F2'),
  total: solid('FFF2F2F2'),
  error: solid('FFFFC7CE'),
  warning: solid('FFFFEB9C'),
  ok: solid('FFC6EFCE'),
} as const;

export const FONT = {
  bold: { bold: true } as Partial<Font>,
  title: { bold: true, size: 13 } as Partial<Font>,
  heading: { bold: true, size: 12 } as Partial<Font>,
  error: { bold: true, color: { argb: 'FF9C0006' } } as Partial<Font>,
  warning: { bold: true, color: { argb: 'FF9C5700' } } as Partial<Font>,
  ok: { bold: true, color: { argb: 'FF006100' } } as Partial<Font>,
} as const;

const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
export const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export const WRAP: Partial<Alignment> = { wrapText: true, vertical: 'top' };
export const WRAP_CENTER: Partial<Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };
export const RIGHT: Partial<Alignment> = { horizontal: 'right', vertical: 'top' };
export const TOP: Partial<Alignment> = { vertical: 'top' };

/**
 * A print area as exceljs takes it: it puts "$" before each end ("A1" -> "$A1"), and LibreOffice
 * ignores a print range whose rows are not absolute too, so the rows carry their own "$".
 */
export function printRange(lastCol: string, lastRow: number): string {
  return `A$1:${lastCol}$${Math.max(1, lastRow)}`;
}

/** Same bytes' worth of content on every run: reruns of the pipeline give identical workbooks. */
export const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

const LINE_HEIGHT = 15; // points per line of 11-point text

/** Lines a text needs in a column of the given width (in characters), wrapping at spaces. */
function wrappedLines(text: string, width: number, bold = false): number {
  // Capital and bold letters are wider than the "0" a column width is measured in.
  const upper = text.replace(/[^A-ZÀ-Ý]/g, '').length > text.length / 2;
  const capacity = Math.max(1, Math.floor(width * (bold ? 0.85 : upper ? 0.95 : 1.1)));
  let lines = 0;
  for (const para of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const len = word.length;
      if (used === 0) used = len;
      else if (used + 1 + len <= capacity) used += 1 + len;
      else {
        lines++;
        used = len;
      }
      while (used > capacity) {
        lines++;
        used -= capacity;
      }
    }
  }
  return lines;
}

/**
 * Row heights for wrapped text. Programs do not all re-measure rows on opening (LibreOffice
 * keeps the default height for an .xlsx row), so a wrapped label would overlap the next row.
 */
export function fitRowHeights(ws: Worksheet): void {
  ws.eachRow((row) => {
    let lines = 1;
    row.eachCell((cell) => {
      if (!cell.alignment?.wrapText || typeof cell.value !== 'string') return;
      const width = ws.getColumn(cell.col).width ?? 10;
      lines = Math.max(lines, wrappedLines(cell.value, width, cell.font?.bold === true));
    });
    if (lines > 1) row.height = lines * LINE_HEIGHT;
  });
}
