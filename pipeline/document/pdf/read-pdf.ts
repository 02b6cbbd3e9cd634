// PDF front end: pdf.js (Mozilla's reader, legacy build for Node, no native code) gives each
// page's positioned text and drawing; from them the page is rebuilt as lines and tables
// (page-layout.ts), running headers, footers and page numbers are told apart (running-text.ts),
// wrapped lines are joined into paragraphs, and a table that runs over a page break keeps one id.
import { InputError } from '../../errors.js';
import type { LaidDocument, LaidLine, TableReport } from '../model.js';
import { median } from './geometry.js';
import { pageContent } from './page-content.js';
import { layoutPage, type Block, type PageLayout } from './page-layout.js';
import { runningRoles } from './running-text.js';
import { cellsInColumns, regrid } from './stream.js';
import { joinRuns, type TextLine } from './text-lines.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PDFDocumentProxy = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

async function openPdf(pdfjs: PdfJs, bytes: Uint8Array, file: string) {
  try {
    // pdf.js takes ownership of the buffer it is given (and refuses a Buffer): a plain copy.
    return await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      disableFontFace: true,
      isEvalSupported: false,
      useSystemFonts: false,
      stopAtErrors: false,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') {
      throw new InputError(file, null, 'the PDF is encrypted (password-protected): save an unprotected copy and give that');
    }
    const detail = ((e as Error).message ?? String(e)).replace(/\s+/g, ' ').slice(0, 100);
    throw new InputError(file, null, `the PDF is damaged and cannot be read (${detail})`);
  }
}

/** One page through pdf.js; what pdf.js cannot parse is a damaged file. */
async function readPage(pdfjs: PdfJs, doc: PDFDocumentProxy, n: number, styles: Map<string, { bold: boolean; italic: boolean }>, file: string) {
  try {
    const page = await doc.getPage(n);
    const content = await pageContent(pdfjs, page, styles);
    page.cleanup();
    return content;
  } catch (e) {
    const detail = ((e as Error).message ?? String(e)).replace(/\s+/g, ' ').slice(0, 100);
    throw new InputError(file, null, `the PDF is damaged: page ${n} cannot be read (${detail})`);
  }
}

async function readPages(pdfjs: PdfJs, bytes: Uint8Array, file: string): Promise<PageLayout[]> {
  const doc = await openPdf(pdfjs, bytes, file);
  const styles = new Map<string, { bold: boolean; italic: boolean }>();
  const pages: PageLayout[] = [];
  let runs = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await readPage(pdfjs, doc, n, styles, file);
      runs += content.runs.length;
      // Our own layout code runs outside the catch: a bug of ours is never called a damaged file.
      pages.push(layoutPage(content));
    }
  } finally {
    await doc.destroy();
  }
  if (runs === 0) {
    throw new InputError(file, null, `no text layer: the PDF is a scanned image; run OCR first (${pages.length} page${pages.length === 1 ? '' : 's'}, no text)`);
  }
  return pages;
}

/** The right edge of full lines: the common right end of the page's widest lines. */
function textRightEdge(pages: readonly PageLayout[]): number {
  const widest = pages.flatMap((p) => {
    const rights = p.blocks.flatMap((b) => (b.kind === 'line' ? [b.line.right] : []));
    return rights.length > 0 ? [Math.max(...rights)] : [];
  });
  return median(widest);
}

/** The first word's width of a line (a run's width shared by its characters when a run holds more). */
function firstWordWidth(line: TextLine): number {
  const run = line.runs[0]!;
  const word = /^\S+/.exec(run.text.trimStart())?.[0] ?? run.text;
  return ((run.right - run.x) * word.length) / Math.max(1, run.text.trim().length);
}

/**
 * Where `line` would end with plain spaces between its runs: justified text stretches the spaces
 * of a line ended by a forced break as much as those of a wrapped one.
 */
function naturalRight(line: TextLine): number {
  let right = line.x;
  line.runs.forEach((run, i) => {
    const gap = i === 0 ? 0 : run.x - line.runs[i - 1]!.right;
    right += Math.min(Math.max(gap, 0), 0.35 * run.size) + (run.right - run.x);
  });
  return right;
}

/**
 * Does `next` continue the paragraph of `line`? Only when `line` is full: the first word of
 * `next` would not have fitted at its end, spaces unstretched (so the producer wrapped), `next`
 * sits right under it in the same type size, and does not open a list item (a typed or a drawn
 * bullet).
 */
function continues(line: TextLine, next: TextLine, rightEdge: number): boolean {
  const pitch = next.y - line.y;
  if (pitch <= 0 || pitch > 1.6 * line.size || Math.abs(next.size - line.size) > 0.5) return false;
  if (next.x < line.x - 2 * line.size || next.bullet) return false;
  if (/^\s*([-–•◦▪*]|\d{1,2}[.)]|[a-z][.)])(\s|$)/.test(next.runs[0]!.text)) return false;
  return naturalRight(line) + 0.35 * line.size + firstWordWidth(next) > rightEdge;
}

interface Table {
  id: number;
  columns: number[];
  report: TableReport;
  /** Its last row was cut by the page break (no rule under it). */
  openBottom: boolean;
}

/**
 * Does a table at the top of a page continue the one at the bottom of the previous page? Same
 * column edges: drawn ones to a few points; found from alignment (stream), to the width of the
 * gutters they stand in.
 */
function sameColumns(a: readonly number[], b: readonly number[], method: 'lattice' | 'stream'): boolean {
  const slack = method === 'lattice' ? 3 : 15;
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= slack);
}

/**
 * A row at the top of a page that only finishes the row cut at the foot of the previous one (a
 * producer may close the cut with rules): it leaves empty a column that the table's rows fill
 * (at least 9 in 10 of them, two rows seen), because only the text that overflowed is there.
 */
function isFragment(cells: readonly string[], lines: readonly LaidLine[], table: number): boolean {
  const rows = lines.filter((l) => l.table === table).map((l) => l.cells!);
  if (rows.length < 2) return false;
  return cells.some((c, i) => c === '' && rows.filter((r) => (r[i] ?? '') !== '').length >= 0.9 * rows.length);
}

/**
 * A table found by alignment at the top of a page may have left its header row, a lone line,
 * at the foot of the previous page: that line, when it is the last one laid and its words fall
 * into the table's columns, becomes the table's first row.
 */
function headerLeftBehind(
  last: { line: TextLine; laid: LaidLine } | null,
  lines: readonly LaidLine[],
  columns: readonly number[],
): { laid: LaidLine; cells: string[] } | null {
  const laidBefore = [...lines].reverse().find((l) => l.text !== '' && !l.role);
  if (!last || laidBefore !== last.laid || last.laid.text !== joinRuns(last.line.runs)) return null;
  const cells = cellsInColumns(last.line, columns);
  return cells ? { laid: last.laid, cells } : null;
}

/**
 * Since the open table's last row, only running headers, footers or page numbers (at least one)
 * and blank lines: the table was interrupted by them, not ended.
 */
function onlyRunningTextSince(open: Table, lines: readonly LaidLine[]): boolean {
  let running = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.table === open.id) return running;
    if (l.role) running = true;
    else if (l.text !== '') return false;
  }
  return false;
}

function assemble(pages: readonly PageLayout[]): LaidDocument {
  const roles = runningRoles(pages);
  const rightEdge = textRightEdge(pages);
  const lines: LaidLine[] = [];
  const tables: Table[] = [];
  let open: Table | null = null; // the last content block so far was this table
  let pendingGap = false;
  // The paragraph being laid (the last line, joined with those that continue it).
  let paragraph: { line: TextLine; laid: LaidLine } | null = null;
  // The last row carried over a page break into an open table found by alignment.
  let carriedRow: { table: number; line: TextLine; laid: LaidLine } | null = null;
  for (const p of pages) {
    const content: Block[] = p.blocks.filter((b) => b.kind === 'table' || !roles.has(b.line));
    let prevBottom: number | null = null;
    for (const b of p.blocks) {
      // Furniture and page numbers stay where they stand, outside the flow of paragraphs.
      const role = b.kind === 'line' ? roles.get(b.line) : undefined;
      if (role) {
        lines.push({ text: joinRuns((b as { line: TextLine }).line.runs), page: p.page, role });
        continue;
      }
      const gap = prevBottom !== null && b.top - prevBottom > 0.6 * (b.kind === 'line' ? b.line.size : 10);
      if ((gap || pendingGap) && lines.length > 0 && lines[lines.length - 1]!.text !== '') lines.push({ text: '', page: p.page });
      pendingGap = false;
      prevBottom = b.bottom;
      if (b.kind === 'line') {
        // A row of a table found by alignment that the page break left alone at the top of
        // this page (one line makes no table of its own): it goes on in the open table's columns.
        const carries = open?.report.method === 'stream' && (content[0] === b || onlyRunningTextSince(open, lines) || carriedRow?.table === open.id);
        const carried = open && carries ? cellsInColumns(b.line, open.columns, carriedRow === null ? 2 : 1) : null;
        if (open && carried) {
          const below = carriedRow && carriedRow.table === open.id && b.line.y - carriedRow.line.y <= 1.3 * b.line.size && carried.filter((c) => c !== '').length === 1;
          if (below) {
            // That row's cells wrapped onto this line.
            carriedRow!.laid.cells = carriedRow!.laid.cells!.map((c, i) => [c, carried[i] ?? ''].filter((x) => x !== '').join(' '));
            carriedRow!.laid.text = carriedRow!.laid.cells.join('\t');
            carriedRow!.line = b.line;
          } else if (carried.filter((c) => c !== '').length >= 2) {
            const laid: LaidLine = { text: carried.join('\t'), cells: carried, table: open.id, page: p.page };
            lines.push(laid);
            carriedRow = { table: open.id, line: b.line, laid };
            open.report.rows++;
            open.report.pages[1] = p.page;
          }
          if (below || carried.filter((c) => c !== '').length >= 2) continue;
        }
        carriedRow = null;
        open = null;
        if (paragraph && continues(paragraph.line, b.line, rightEdge) && lines[lines.length - 1] === paragraph.laid) {
          paragraph.laid.text += ` ${joinRuns(b.line.runs)}`;
          paragraph.line = b.line;
          continue;
        }
        const laid: LaidLine = { text: joinRuns(b.line.runs), page: p.page };
        lines.push(laid);
        paragraph = { line: b.line, laid };
        continue;
      }
      const first = content[0] === b;
      const header = first && b.method === 'stream' && open === null ? headerLeftBehind(paragraph, lines, b.table.columns) : null;
      paragraph = null;
      // A table found by alignment that goes on after a page break or a running header may
      // show too few rows for all its columns: set in the open table's columns, it continues it.
      const regridded = open && (first || onlyRunningTextSince(open, lines)) && b.method === 'stream' && open.report.method === 'stream' && !sameColumns(open.columns, b.table.columns, 'stream') ? regrid(b.lines, open.columns) : null;
      if (regridded) b.table = regridded;
      const table: Table =
        open && (first || onlyRunningTextSince(open, lines)) && sameColumns(open.columns, b.table.columns, b.method)
          ? open
          : { id: tables.length + 1, columns: b.table.columns, openBottom: false, report: { table: tables.length + 1, pages: [p.page, p.page], rows: 0, columns: b.table.columns.length - 1, method: b.method, accuracy: 1, line: lines.length + 1 } };
      const rows = [...b.table.rows];
      if (table === open && rows.length > 0 && (table.openBottom && b.table.openTop || isFragment(rows[0]!.cells, lines, table.id))) {
        // One row cut in two by the page break: its second half completes the first.
        const cut = [...lines].reverse().find((l) => l.table === table.id)!;
        const rest = rows.shift()!.cells;
        cut.cells = cut.cells!.map((c, i) => [c, rest[i] ?? ''].filter((x) => x !== '').join(' '));
        cut.text = cut.cells.join('\t');
      }
      if (table !== open) tables.push(table);
      if (header) {
        header.laid.cells = header.cells;
        header.laid.text = header.cells.join('\t');
        header.laid.table = table.id;
        table.report.line = lines.indexOf(header.laid) + 1;
        table.report.pages[0] = header.laid.page ?? p.page;
      }
      table.report.pages[1] = p.page;
      table.report.accuracy = Math.min(table.report.accuracy, b.table.accuracy);
      for (const row of rows) {
        lines.push({ text: row.cells.join('\t'), cells: row.cells, table: table.id, page: p.page });
        table.report.rows++;
      }
      table.openBottom = b.table.openBottom;
      open = table;
    }
    // A table still open at the foot of the page may go on at the top of the next one.
    if (content[content.length - 1]?.kind !== 'table') open = null;
    pendingGap = true;
  }
  return { format: 'pdf', pages: pages.length, lines, tables: tables.map((t) => t.report) };
}

export async function readPdf(bytes: Uint8Array, file: string): Promise<LaidDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return assemble(await readPages(pdfjs, bytes, file));
}
