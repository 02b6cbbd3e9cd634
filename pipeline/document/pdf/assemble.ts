// Pages -> the document model. Blocks are laid in reading order, page after page: running
// headers, footers and page numbers where they stand (with their role), wrapped lines joined
// into paragraphs, blank lines where the page leaves space, and tables as rows of cells. What a
// page break cuts is put back together: a table that goes on keeps its id, a row cut in two is
// one row, a header left at the foot of a page joins its table, a lone row carried to the top
// of the next page goes on in the open table.
import type { LaidDocument, LaidLine, TableReport } from '../model.js';
import type { GridTable } from './lattice.js';
import type { Block, PageLayout } from './page-layout.js';
import { continues, textRightEdge } from './paragraphs.js';
import { keyOf, recurringText, runningRoles } from './running-text.js';
import { cellsInColumns, regrid } from './stream.js';
import { joinRuns, type CellFit, type TextLine } from './text-lines.js';

interface Table {
  id: number;
  columns: number[];
  report: TableReport;
  /** Its last row was cut by the page break (no rule under it). */
  openBottom: boolean;
  /** How the last row's cells sit in their columns. */
  lastFit: readonly (CellFit | null)[];
}

type TableBlock = Extract<Block, { kind: 'table' }>;

/**
 * Does a table at the top of a page continue the one at the bottom of the previous page? Same
 * column edges: drawn ones to a few points; found from alignment (stream), to the width of the
 * gutters they stand in.
 */
function sameColumns(a: readonly number[], b: readonly number[], method: 'lattice' | 'stream'): boolean {
  const slack = method === 'lattice' ? 3 : 15;
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= slack);
}

/** A row completed with the cells that went on elsewhere (a cut row, a wrapped cell, a header). */
function complete(row: LaidLine, cells: readonly string[]): void {
  row.cells = (row.cells ?? cells.map(() => '')).map((c, i) => [c, cells[i] ?? ''].filter((x) => x !== '').join(' '));
  row.text = row.cells.join('\t');
}

const filled = (cells: readonly string[]) => cells.filter((c) => c !== '').length;

/**
 * A row at the top of a page is a row of its own, not the rest of the row above the break, when
 * in a column both fill its first word would have fitted on the last line above.
 */
function startsAnew(above: readonly (CellFit | null)[], top: readonly (CellFit | null)[]): boolean {
  return top.some((fit, c) => fit !== null && above[c] != null && above[c]!.room >= fit.lead);
}

class Assembler {
  readonly lines: LaidLine[] = [];
  readonly tables: Table[] = [];
  /** The table the last content block belongs to. */
  private open: Table | null = null;
  /** The paragraph being laid: its last line, and the line it became. */
  private paragraph: { line: TextLine; laid: LaidLine } | null = null;
  /** The last row carried over a page break into an open table found by alignment. */
  private carried: { table: number; line: TextLine; laid: LaidLine } | null = null;
  private pendingGap = false;

  constructor(
    private readonly roles: ReturnType<typeof runningRoles>,
    private readonly recurring: ReadonlySet<string>,
    private readonly rightEdge: number,
  ) {}

  page(p: PageLayout): void {
    const content = p.blocks.filter((b) => b.kind === 'table' || !this.roles.has(b.line));
    let prevBottom: number | null = null;
    for (const b of p.blocks) {
      const role = b.kind === 'line' ? this.roles.get(b.line) : undefined;
      if (role) {
        // Furniture and page numbers stay where they stand, outside the flow of paragraphs.
        this.lines.push({ text: joinRuns((b as { line: TextLine }).line.runs), page: p.page, role });
        continue;
      }
      const gap = prevBottom !== null && b.top - prevBottom > 0.6 * (b.kind === 'line' ? b.line.size : 10);
      if ((gap || this.pendingGap) && this.lines.length > 0 && this.lines[this.lines.length - 1]!.text !== '') this.lines.push({ text: '', page: p.page });
      this.pendingGap = false;
      prevBottom = b.bottom;
      const first = content[0] === b;
      if (b.kind === 'line') this.line(b.line, p.page, first);
      else this.table(b, p.page, first);
    }
    // A table still open at the foot of the page may go on at the top of the next one.
    if (content[content.length - 1]?.kind !== 'table') this.open = null;
    this.pendingGap = true;
  }

  /**
   * Since the open table's last row, only running headers, footers or page numbers, or text that
   * recurs on many pages (at least one such line), and blank lines: the table was interrupted by
   * them, not ended.
   */
  private interruptedOnly(): boolean {
    let running = false;
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const l = this.lines[i]!;
      if (l.table === this.open?.id) return running;
      if (l.role || (!l.cells && this.recurring.has(keyOf(l.text)))) running = true;
      else if (l.text !== '') return false;
    }
    return false;
  }

  private line(line: TextLine, page: number, first: boolean): void {
    if (this.carry(line, page, first)) return;
    this.carried = null;
    this.open = null;
    const p = this.paragraph;
    if (p && continues(p.line, line, this.rightEdge) && this.lines[this.lines.length - 1] === p.laid) {
      p.laid.text += ` ${joinRuns(line.runs)}`;
      p.line = line;
      return;
    }
    const laid: LaidLine = { text: joinRuns(line.runs), page };
    this.lines.push(laid);
    this.paragraph = { line, laid };
  }

  /**
   * A row of a table found by alignment that the page break left alone at the top of this page
   * (one line makes no table of its own) goes on in the open table's columns; text there with
   * its first column empty finishes the row the break cut; and the wrapped cells right under
   * either belong to that row.
   */
  private carry(line: TextLine, page: number, first: boolean): boolean {
    const open = this.open;
    if (open?.report.method !== 'stream' || !(first || this.interruptedOnly() || this.carried?.table === open.id)) return false;
    const cells = cellsInColumns(line, open.columns, 1);
    if (!cells) return false;
    const previous = this.carried?.table === open.id ? this.carried : null;
    const under = previous !== null && line.y - previous.line.y <= 1.3 * line.size;
    const cut = first && cells[0] === '' ? [...this.lines].reverse().find((l) => l.table === open.id) : undefined;
    if ((under && filled(cells) === 1) || cut) {
      const row = under ? previous!.laid : cut!;
      complete(row, cells);
      this.carried = { table: open.id, line, laid: row };
      return true;
    }
    if (filled(cells) < 2) return false;
    const laid: LaidLine = { text: cells.join('\t'), cells, table: open.id, page };
    this.lines.push(laid);
    this.carried = { table: open.id, line, laid };
    open.report.rows++;
    open.report.pages[1] = page;
    return true;
  }

  /**
   * A row at the top of a page that only finishes the row cut at the foot of the previous one (a
   * producer may close the cut with rules): it leaves empty a column that the table's rows fill
   * (at least 9 in 10 of them, two rows seen), because only the text that overflowed is there.
   */
  private isFragment(cells: readonly string[], table: number): boolean {
    const rows = this.lines.filter((l) => l.table === table).map((l) => l.cells!);
    if (rows.length < 2) return false;
    return cells.some((c, i) => c === '' && rows.filter((r) => (r[i] ?? '') !== '').length >= 0.9 * rows.length);
  }

  /**
   * A table found by alignment at the top of a page may have left its header row, a lone line,
   * at the foot of the previous page: that line, when it is the last one laid and its words fall
   * into the table's columns, becomes the table's first row.
   */
  private headerLeftBehind(columns: readonly number[]): { laid: LaidLine; cells: string[] } | null {
    const last = this.paragraph;
    const laidBefore = [...this.lines].reverse().find((l) => l.text !== '' && !l.role);
    if (!last || laidBefore !== last.laid || last.laid.text !== joinRuns(last.line.runs)) return null;
    const cells = cellsInColumns(last.line, columns);
    return cells ? { laid: last.laid, cells } : null;
  }

  /** The table this block belongs to: the open one it goes on, or a new one. */
  private tableFor(b: TableBlock, page: number, goesOn: boolean): Table {
    const open = this.open;
    const fewer = open !== null && b.table.columns.length < open.columns.length;
    if (open && goesOn && fewer && b.method === 'stream' && open.report.method === 'stream') {
      // Too few rows after the break to show every column: set in the open table's columns.
      // (A block that shows more columns than the open table is a table of its own.)
      const regridded: GridTable | null = regrid(b.lines, open.columns);
      if (regridded) b.table = regridded;
    }
    if (open && goesOn && sameColumns(open.columns, b.table.columns, b.method)) return open;
    const id = this.tables.length + 1;
    const table: Table = {
      id,
      columns: b.table.columns,
      openBottom: false,
      report: { table: id, pages: [page, page], rows: 0, columns: b.table.columns.length - 1, method: b.method, accuracy: 1, line: this.lines.length + 1 },
      lastFit: [],
    };
    this.tables.push(table);
    return table;
  }

  private table(b: TableBlock, page: number, first: boolean): void {
    const header = first && b.method === 'stream' && this.open === null ? this.headerLeftBehind(b.table.columns) : null;
    this.paragraph = null;
    this.carried = null;
    const goesOn = first || this.interruptedOnly();
    const table = this.tableFor(b, page, goesOn);
    const rows = b.table.rows.map((r) => r.cells);
    const top = b.table.rows[0];
    const fragment = top !== undefined && this.isFragment(top.cells, table.id) && !startsAnew(table.lastFit, top.fit);
    if (table === this.open && top !== undefined && ((table.openBottom && b.table.openTop) || fragment)) {
      // One row cut in two by the page break: its second half completes the first.
      complete([...this.lines].reverse().find((l) => l.table === table.id)!, rows.shift()!);
    }
    if (header) {
      header.laid.cells = header.cells;
      header.laid.text = header.cells.join('\t');
      header.laid.table = table.id;
      table.report.line = this.lines.indexOf(header.laid) + 1;
      table.report.pages[0] = header.laid.page ?? page;
    }
    table.report.pages[1] = page;
    table.report.accuracy = Math.min(table.report.accuracy, b.table.accuracy);
    for (const cells of rows) {
      this.lines.push({ text: cells.join('\t'), cells, table: table.id, page });
      table.report.rows++;
    }
    table.openBottom = b.table.openBottom;
    table.lastFit = b.table.rows.at(-1)?.fit ?? table.lastFit;
    this.open = table;
  }
}

export function assemble(pages: readonly PageLayout[]): LaidDocument {
  const assembler = new Assembler(runningRoles(pages), recurringText(pages), textRightEdge(pages));
  for (const p of pages) assembler.page(p);
  return { format: 'pdf', pages: pages.length, lines: assembler.lines, tables: assembler.tables.map((t) => t.report) };
}
