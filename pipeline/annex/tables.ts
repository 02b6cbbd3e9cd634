// Table rows in the three shapes converters produce: tab-separated lines, markdown pipe
// tables and HTML <table> markup. Each row keeps the line it starts on; cells keep their
// original text (inline markup included) because records must show what the annex says.
import { foldVisible, visibleText } from '../../shared/text.js';
import type { LineCode } from '../../shared/model.js';
import { firstAtOrAfter } from './bisect.js';
import { isSpaceCode, textEnd, textStart } from './spaces.js';

export interface TableRow {
  line: number; // 1-based line the row starts on
  cells: string[];
  /**
   * Each cell's visible text (visibleText of the cell), cleaned once when the row is made: every
   * reader tests a row's cells, several of them more than once.
   */
  visible: string[];
  /**
   * Each cell's folded form (foldText of the cell), each folded the first time a reader asks
   * (foldedCell, foldedCells) and kept on the row.
   */
  folded: (string | undefined)[] | undefined;
  /** The budget codes the first filled cell names, of each kind once asked (budget.ts, firstCodes). */
  codes?: { strict?: readonly LineCode[]; all?: readonly LineCode[] };
  table: number; // rows of one table share this id
  lines: number[]; // every line the row occupies
}

export interface TableScan {
  rows: TableRow[];
  /** Lines that belong to table syntax without being a row: pipe separators, <table> tags. */
  markup: Set<number>;
  rowAt: Map<number, TableRow>;
}

// Tested on the trimmed line: each run of spaces sits before a pipe, so none can trade
// characters with another (the untrimmed pattern was cubic on a long line of spaces).
const PIPE_SEPARATOR = /^\|?\s*:?-{2,}:?(?:\s*\|\s*:?-{2,}:?)*(?:\s*\|)?$/;
const isPipeSeparator = (text: string) => PIPE_SEPARATOR.test(text.trim());

/** A line whose text (from its first character other than a space) opens and closes with a pipe. */
function isPipeRow(text: string, from: number): boolean {
  if (text.charCodeAt(from) !== 0x7c) return false;
  const to = textEnd(text);
  return to > from && text.charCodeAt(to) === 0x7c;
}

function pipeCells(text: string): string[] {
  const inner = text.trim().slice(1, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '\\' && inner[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

/**
 * The cells between the tabs, trimmed: each is cut once from the line, without the array of
 * untrimmed pieces a split would make first.
 */
function tabCells(text: string): string[] {
  const cells: string[] = [];
  for (let from = 0; ; ) {
    const tab = text.indexOf('\t', from);
    const end = tab < 0 ? text.length : tab;
    cells.push(trimmedSlice(text, from, end));
    if (tab < 0) return cells;
    from = tab + 1;
  }
}

/** text.slice(from, end).trim(), made as one string. */
function trimmedSlice(text: string, from: number, end: number): string {
  while (from < end && isSpaceCode(text.charCodeAt(from))) from++;
  while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return text.slice(from, end);
}

/** Parse one HTML table's text; offsets map back to line numbers. */
function htmlRows(text: string, lineAt: (offset: number) => number): { line: number; cells: string[]; lines: number[] }[] {
  const rows: { line: number; cells: string[]; lines: number[] }[] = [];
  const trRe = /<tr\b[^<>]*>([\s\S]*?)(?=<tr\b|<\/table>|$)/gi;
  let tr: RegExpExecArray | null;
  while ((tr = trRe.exec(text))) {
    const body = tr[1]!.replace(/<\/tr>[\s\S]*$/i, '');
    const cells: string[] = [];
    const tdRe = /<(td|th)\b([^<>]*)>([\s\S]*?)(?=<\/t[dh]>|<t[dh]\b|$)/gi;
    let td: RegExpExecArray | null;
    while ((td = tdRe.exec(body))) {
      const cell = td[3]!.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run)).trim();
      cells.push(cell);
      // A spanning cell keeps the columns after it in place.
      const span = /colspan\s*=\s*"?(\d+)/i.exec(td[2]!);
      for (let k = 1; k < Math.min(Number(span?.[1] ?? 1), 50); k++) cells.push('');
    }
    const start = lineAt(tr.index);
    const end = lineAt(tr.index + tr[0].length - 1);
    const lines: number[] = [];
    for (let l = start; l <= end; l++) lines.push(l);
    if (cells.length > 0) rows.push({ line: start, cells, lines });
  }
  return rows;
}

/**
 * The rows that start on lines from..to (inclusive). Rows are found in line order, so the range
 * is located by bisection: each project asks for its own rows, and a scan of every row of the
 * document per project would grow with the square of the annex.
 */
export function rowsBetween(scan: TableScan, from: number, to: number): TableRow[] {
  const { rows } = scan;
  const out: TableRow[] = [];
  for (let i = firstAtOrAfter(rows, from); i < rows.length && rows[i]!.line <= to; i++) out.push(rows[i]!);
  return out;
}

export function tableRow(line: number, cells: string[], table: number, lines: number[]): TableRow {
  return { line, cells, visible: cells.map(visibleText), folded: undefined, table, lines };
}

/** The cell's folded form (foldText of the cell), folded the first time a reader asks and kept on the row. */
export function foldedCell(row: TableRow, i: number): string {
  const folded = (row.folded ??= new Array<string | undefined>(row.cells.length));
  return (folded[i] ??= foldVisible(row.visible[i] ?? ''));
}

/** Every cell's folded form, as foldedCell gives each. */
export function foldedCells(row: TableRow): readonly string[] {
  for (let i = 0; i < row.cells.length; i++) foldedCell(row, i);
  return row.folded as readonly string[];
}

/**
 * Scan every line; `ignore(line)` marks furniture and page numbers, which neither end a
 * table nor become rows. Blank lines do not end a table either (page breaks leave them),
 * only a line of other content does.
 */
export function scanTables(lines: readonly string[], ignore: (line: number) => boolean): TableScan {
  const rows: TableRow[] = [];
  const markup = new Set<number>();
  let table = 0;
  let open = false;
  const add = (line: number, cells: string[], occupied: number[]) => {
    if (!open) {
      table++;
      open = true;
    }
    rows.push(tableRow(line, cells, table, occupied));
  };
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const text = lines[i]!;
    // A blank line is no row, and does not end a table either (page breaks leave them).
    const from = textStart(text);
    if (from < 0 || ignore(n)) continue;
    // Asked of every line: looking for the "<" alone is cheaper than the case-blind regex, and
    // most lines have none.
    if (text.includes('<') && /<table\b/i.test(text)) {
      // Gather up to </table>, leaving out furniture lines that fell inside it.
      let j = i;
      const parts: { n: number; text: string }[] = [];
      for (; j < lines.length; j++) {
        if (!ignore(j + 1)) parts.push({ n: j + 1, text: lines[j]! });
        if (/<\/table>/i.test(lines[j]!)) break;
      }
      const last = Math.min(j, lines.length - 1);
      let joined = '';
      const starts: { offset: number; n: number }[] = [];
      for (const p of parts) {
        starts.push({ offset: joined.length, n: p.n });
        joined += p.text + '\n';
      }
      // The last part starting at or before the offset, by bisection (a scan per row was quadratic).
      const lineAt = (offset: number) => {
        let lo = 0;
        let hi = starts.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (starts[mid]!.offset <= offset) lo = mid + 1;
          else hi = mid;
        }
        return starts[lo - 1]?.n ?? starts[0]?.n ?? n;
      };
      const parsed = htmlRows(joined, lineAt);
      const rowLines = new Set(parsed.flatMap((r) => r.lines));
      // Tag-only lines around the rows (<table>, </table>) go with the nearest row.
      for (const p of parts) {
        if (rowLines.has(p.n)) continue;
        const owner = parsed.find((r) => r.line > p.n) ?? parsed[parsed.length - 1];
        if (owner) owner.lines.push(p.n);
        else markup.add(p.n);
      }
      for (const r of parsed) r.lines.sort((a, b) => a - b);
      open = false;
      for (const r of parsed) add(r.line, r.cells, r.lines);
      open = false;
      i = last;
      continue;
    }
    if (isPipeRow(text, from)) {
      if (isPipeSeparator(text)) {
        const last = rows[rows.length - 1];
        if (open && last) last.lines.push(n);
        else markup.add(n);
        continue;
      }
      add(n, pipeCells(text), [n]);
      continue;
    }
    if (text.includes('|') && isPipeSeparator(text)) {
      const last = rows[rows.length - 1];
      if (open && last) last.lines.push(n);
      else markup.add(n);
      continue;
    }
    // The line has text (blank ones were passed over): a tab makes it a row, else it ends the table.
    if (text.includes('\t')) {
      add(n, tabCells(text), [n]);
      continue;
    }
    open = false;
  }
  const rowAt = new Map<number, TableRow>();
  for (const r of rows) for (const l of r.lines) rowAt.set(l, r);
  return { rows, markup, rowAt };
}
