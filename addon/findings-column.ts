// The add-on's one place on a budget tab: the "Rilievi" column beside the budget. Its top cell
// is the status line ("Rilievi · 1 errore"); on the row of every cell a finding points at, a
// line "B8 ✖ Errore: …" explains it. Highlights are conditional-format rules, installed once,
// that read this column: a cell is coloured while its own address opens a line of the column on
// its row. Rewriting the column (one setValues) therefore moves, adds and removes every mark at
// once, and the lead's notes, values and formats are never read or written.
import { a1 } from '../shared/budget-layout.js';
import type { CellRef, Severity } from '../shared/model.js';
import type { Lang } from './i18n.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
export const HIGHLIGHT: Record<Severity, string> = { error: '#f4c7c3', warning: '#fce8b2', info: '#c9daf8' };
const TITLES = { it: 'Rilievi', en: 'Findings' } as const;

/** A cell value of ours may hold this many characters at most (Sheets refuses 50,000+). */
const MAX_CELL = 45_000;

// Exactly a title and a status line ("Rilievi · 1 errore, 2 avvisi"): nothing a lead would type.
const COUNT = '\\d+ (errore|errori|avviso|avvisi|nota|note|error|errors|warning|warnings|notes?)';
const HEADER = new RegExp(`^(Rilievi|Findings) · (Nessun rilievo|No findings|${COUNT}(, ${COUNT})*)$`);
const LINE = /^(?:[A-Z]{1,3}[1-9]\d* )?[✖⚠ℹ] /;
// Rules of earlier versions: an always-true formula starting with ="conciliazione:.
const LEGACY_RULE = '="conciliazione:';
const RULE = /^=REGEXMATCH\([^,]*,"\(\^\|\\n\)"&SUBSTITUTE\(ADDRESS\(1,COLUMN\(\),4\),"1",""\)&"\[0-9\]\+ [✖⚠ℹ]"\)$/;

export function headerText(lang: Lang, status: string): string {
  return `${TITLES[lang]} · ${status}`;
}

function isHeader(value: unknown): boolean {
  return typeof value === 'string' && HEADER.test(value);
}

/** A line we wrote: our header, or a line that starts the way ours do. */
function isOurLine(l: string): boolean {
  return HEADER.test(l) || LINE.test(l);
}

/** A cell we may write: empty or text (a number, date or boolean someone typed is left alone). */
function isWritable(value: unknown): boolean {
  return value === '' || value === null || value === undefined || typeof value === 'string';
}

/** The lines of a cell that are not ours: text someone typed into our column, kept as it is. */
function theirLines(value: unknown): string[] {
  if (typeof value !== 'string' || value === '') return [];
  return value.split('\n').filter((l) => !isOurLine(l));
}

/** A cell's text once ours is `ours`: our lines first, then the lines that are not ours. */
function merged(current: unknown, ours: string): string {
  const theirs = theirLines(current);
  if (theirs.length === 0) return ours;
  return ours === '' ? theirs.join('\n') : `${ours}\n${theirs.join('\n')}`;
}

/** One line of ours: user text quoted in a message never breaks it into several. */
export function line(cell: CellRef | null, severity: Severity, text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return `${cell ? `${a1(cell)} ` : ''}${SYMBOL[severity]} ${flat}`;
}

export function cellText(lines: readonly string[]): string {
  const text = lines.join('\n');
  return text.length <= MAX_CELL ? text : `${text.slice(0, MAX_CELL - 1)}…`;
}

export interface Column {
  col: number;
  /** The column's current values, row by row (0-based), as far down as the grid goes. */
  current: unknown[];
}

/**
 * Our column in a grid: the rightmost column whose cell in one of the first rows is our header
 * (a template's status cell shows the status only, never the header). null when there is none.
 */
export function findColumn(grid: readonly (readonly unknown[])[]): Column | null {
  let col = -1;
  const top = Math.min(grid.length, 100);
  for (let r = 0; r < top; r++) {
    const row = grid[r]!;
    for (let c = row.length - 1; c > col; c--) {
      if (isHeader(row[c])) {
        col = c;
        break;
      }
    }
  }
  if (col < 0) col = orphanColumn(grid);
  if (col < 0) return null;
  return { col, current: grid.map((row) => row[col] ?? '') };
}

/**
 * A column of ours whose header is gone (the lead cleared its top cell): the rightmost column
 * whose every filled cell is text made of our lines only. -1 when there is none.
 */
function orphanColumn(grid: readonly (readonly unknown[])[]): number {
  const ours = new Map<number, boolean>();
  for (const row of grid) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === '' || v === null || v === undefined || ours.get(c) === false) continue;
      ours.set(c, typeof v === 'string' && LINE.test(v) && v.split('\n').every((l) => LINE.test(l)));
    }
  }
  let col = -1;
  for (const [c, mine] of ours) if (mine && c > col) col = c;
  return col;
}

/** Our lines taken out of the grid, so the budget reader never sees them. */
export function blankOurs(grid: unknown[][], column: Column): void {
  for (const row of grid) {
    const v = row[column.col];
    if (typeof v === 'string' && v !== '') row[column.col] = theirLines(v).join('\n');
  }
}

/** Where a new column goes: one empty column right of everything the tab holds. */
export function newColumnAt(grid: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const row of grid) {
    for (let c = row.length - 1; c >= width; c--) {
      if (row[c] !== '' && row[c] !== null && row[c] !== undefined) {
        width = c + 1;
        break;
      }
    }
  }
  return width + 1;
}

export interface Segment {
  row: number;
  values: string[];
}

/**
 * What to write to bring the column from `current` to our `wanted` text: null when it already
 * shows it. Usually one segment from the top row to the last row either holds; a cell holding
 * a number or a date someone typed is never written, so the write goes around it, and lines
 * someone typed into a cell of ours are kept below our own.
 */
export function columnWrites(current: readonly unknown[], wanted: readonly string[]): Segment[] | null {
  let end = wanted.length - 1;
  for (let r = current.length - 1; r > end; r--) {
    if (isWritable(current[r]) && merged(current[r], '') !== (current[r] ?? '')) {
      end = r;
      break;
    }
  }
  let same = true;
  for (let r = 0; r <= end && same; r++) {
    const cur = current[r] ?? '';
    if (isWritable(cur) && merged(cur, wanted[r] ?? '') !== cur) same = false;
  }
  if (same) return null;
  const segments: Segment[] = [];
  let open: Segment | null = null;
  for (let r = 0; r <= end; r++) {
    const cur = current[r] ?? '';
    if (!isWritable(cur)) {
      open = null;
      continue;
    }
    if (!open) segments.push((open = { row: r, values: [] }));
    open.values.push(merged(cur, wanted[r] ?? ''));
  }
  return segments;
}

/**
 * The rule's custom formula for one severity, written for the top-left cell of a range that
 * starts on row 1: TRUE on a cell when a line of that severity in our column, on its row, opens
 * with its column's letters ("B8 ✖ …" colours column B of that row). The row number is not
 * matched, so a colour stays on its cell when rows are inserted or deleted above it.
 */
export function ruleFormula(severity: Severity, col: number): string {
  const letters = a1({ row: 0, col }).replace(/\d+$/, '');
  return `=REGEXMATCH($${letters}1,"(^|\\n)"&SUBSTITUTE(ADDRESS(1,COLUMN(),4),"1","")&"[0-9]+ ${SYMBOL[severity]}")`;
}

export function isOurRuleFormula(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && (RULE.test(formula) || formula.startsWith(LEGACY_RULE));
}
