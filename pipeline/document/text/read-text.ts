// A text input -> the document the readers see. Which converter wrote the text is told by the
// text itself, never by the file name:
//  - HTML (a saved web page, mammoth's HTML, often one long line): split into lines at block
//    tags, then read as markup (its <table>s are tables);
//  - markdown with backslash escapes (mammoth, pandoc): the escapes undone, then read as text;
//  - text with tab-separated, pipe or HTML table rows: read as it always was (documentOf);
//  - text laid out in character columns (pdftotext -layout): pages from form feeds, tables from
//    column alignment (layout.ts);
//  - text with one table cell per line (pdftotext without -layout, LibreOffice "save as text",
//    mammoth's markdown): what can be read of its tables is rebuilt (cells.ts).
import { documentOf, documentOfLaid, type AnnexDocument } from '../../annex/document.js';
import { decodeAnnex, type DecodedText } from '../../annex/decode.js';
import type { LaidDocument, LaidLine, TableReport } from '../model.js';
import { cellTables, textSkips, type CellRow } from './cells.js';
import { rejoinJustified } from './justified.js';
import { classifyText } from './kind.js';
import { layoutDocument } from './layout.js';
import { htmlLines, unescapeMarkdown } from './markup.js';
import { pageRoles, pagesOf } from './pages.js';

/**
 * The reader's view of a laid document built from a text file: its decoding is the file's. A
 * text whose pages are a PDF's (form feeds) is read as a PDF's pages are (running text near the
 * page breaks, the numbers printed on each page).
 */
function fromLaid(laid: LaidDocument, decoded: DecodedText, file: string): AnnexDocument {
  const { lines: _omit, ...rest } = decoded;
  void _omit;
  return documentOfLaid(laid.pages !== null ? { ...laid, paging: 'rendered' } : laid, file, rest);
}

export function readTextDocument(bytes: Uint8Array, file: string): AnnexDocument {
  const decoded = decodeAnnex(bytes, file);
  return documentOfText(decoded, file);
}

function documentOfText(decoded: DecodedText, file: string): AnnexDocument {
  let { lines } = decoded;
  let kind = classifyText(lines);
  if (kind === 'html') return documentOf({ ...decoded, lines: htmlLines(lines) }, file);
  if (kind === 'escaped-markdown') {
    lines = unescapeMarkdown(lines);
    kind = classifyText(lines);
  }
  const text = { ...decoded, lines };
  switch (kind) {
    case 'layout':
      return fromLaid(layoutDocument(lines), decoded, file);
    case 'cells':
      return cellsDocument(text, file);
    default:
      return documentOf(text, file);
  }
}

/** A row's text: its cells joined by tabs (a tab inside a cell would make another cell). */
function rowText(cells: readonly string[]): string {
  return cells.map((c) => c.replace(/\t/g, ' ')).join('\t');
}

/**
 * One cell per line: the rows that can be rebuilt go on the line they start on, the lines of
 * their other cells are left blank, so line numbers stay the file's. With form feeds the pages
 * are exact (a laid document); without, the text is read as any text with tab-separated rows.
 */
function cellsDocument(decoded: DecodedText, file: string): AnnexDocument {
  const paged = pagesOf(decoded.lines);
  if (paged.count === null) {
    const lines = [...decoded.lines];
    rejoinJustified({ texts: lines, skip: new Set(), pages: paged.pages });
    paged.texts = pagesOf(lines).texts;
    const { rows } = cellTables(paged.texts, textSkips(paged.texts));
    if (rows.length === 0) return documentOf({ ...decoded, lines }, file);
    for (const row of rows) {
      row.lines.forEach((l, i) => (lines[l] = i === 0 ? rowText(row.cells) : ''));
    }
    return documentOf({ ...decoded, lines }, file);
  }
  const roles = pageRoles(paged);
  rejoinJustified({ texts: paged.texts, skip: new Set(roles.keys()), pages: paged.pages });
  const numbers = new Set([...roles].filter(([, r]) => r.kind === 'page-number').map(([i]) => i + 1));
  const skip = new Set([...roles.keys(), ...textSkips(paged.texts, numbers)]);
  const { rows } = cellTables(paged.texts, skip);
  const laid: LaidLine[] = paged.texts.map((text, i) => {
    const role = roles.get(i);
    const page = paged.pages[i] ?? null;
    return role ? { text, page, role } : { text, page };
  });
  const reports: TableReport[] = [];
  for (const row of rows) placeRow(laid, row, paged.pages, reports);
  return fromLaid({ format: 'text', pages: paged.count, lines: laid, tables: reports }, decoded, file);
}

function placeRow(laid: LaidLine[], row: CellRow, pages: readonly (number | null)[], reports: TableReport[]): void {
  const [first, ...rest] = row.lines;
  laid[first!] = { text: rowText(row.cells), page: pages[first!] ?? null, cells: row.cells, table: row.table };
  for (const r of rest) laid[r] = { text: '', page: pages[r] ?? null };
  const page = pages[first!] ?? 1;
  const report = reports.find((t) => t.table === row.table);
  if (report) {
    report.rows++;
    report.pages[1] = pages[row.lines[row.lines.length - 1]!] ?? page;
    report.columns = Math.max(report.columns, row.cells.length);
  } else {
    reports.push({ table: row.table, pages: [page, page], rows: 1, columns: row.cells.length, method: 'markup', accuracy: 1, line: first! + 1 });
  }
}

