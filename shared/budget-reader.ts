// The one reader that turns a grid of cells into a budget, whether the grid came from annex
// text, an XLSX tab or a live sheet. Rows are found by their labels; amounts keep their cell.
import { beyond, readAmount, type AmountReading, type CellValue } from './amounts.js';
import {
  budgetCodesOf, cofinColumnOf, isAmountHeader, isAssignedLabel, isBudgetHeading, isEntityHeader, isMainBudgetHeading,
  isTotalLabel, shareColumnOf,
} from './labels.js';
import { money, plainFromSheetNumber, toPlain, type Money } from './money.js';
import { DEFAULT_MAX_PLAUSIBLE_AMOUNT } from './profile.js';
import type { AmountStatus, Budget, BudgetLine, CellRef, Cofinancer, LineCode, ReadProblem } from './model.js';
import { foldText, visibleText } from './text.js';

export type Grid = readonly (readonly CellValue[])[];

/** Each cell's text as the reader tests it (visible text; a number or a date as written). */
export type GridTexts = readonly (readonly string[])[];

/** The texts of a grid's cells, each cleaned once: every test of the reader asks them. */
export function textsOf(grid: Grid): GridTexts {
  return grid.map((row) => row.map(cellText));
}

interface AmountFields {
  status: AmountStatus;
  amount: string | null;
  funded: string | null;
  cofinanced: string | null;
  details: { amount: string; note: string }[];
}

/** A cell's fields, made in one shape: a budget line takes them in this order. */
function fieldsOf(r: AmountReading, raw: string): Fields {
  switch (r.kind) {
    case 'amount':
      return fields('stated', toPlain(r.value), null, null, [], raw);
    case 'split':
      return fields(
        'stated',
        toPlain(r.value),
        r.funded && toPlain(r.funded),
        r.cofinanced && toPlain(r.cofinanced),
        r.details.map((d) => ({ amount: toPlain(d.value), note: d.note })),
        raw,
      );
    case 'empty':
    case 'placeholder':
      return fields('not-stated', null, null, null, [], raw);
    default:
      return fields('unreadable', null, null, null, [], raw);
  }
}

function fields(status: AmountStatus, amount: string | null, funded: string | null, cofinanced: string | null, details: AmountFields['details'], raw: string): Fields {
  return { status, amount, funded, cofinanced, details, raw };
}

/** A Date, from this realm or another (a sheet service's). */
function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** A date as a reader writes it (dd/mm/yyyy), not as JavaScript prints it. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  return `${twoDigits(d.getDate())}/${twoDigits(d.getMonth() + 1)}/${d.getFullYear()}`;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function cellText(v: CellValue): string {
  // Most cells of a grid are empty: they need no cleaning.
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return String(v);
  if (isDate(v)) return dateText(v);
  return visibleText(String(v));
}

function rawText(v: CellValue): string {
  // Most cells are text: they are not asked whether they are a date.
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return isDate(v) ? dateText(v) : String(v);
}

/** Whether a cell names the amount column (an empty one names none, and is not asked). */
function isAmountHeaderCell(t: string): boolean {
  return t !== '' && isAmountHeader(t);
}

function firstFilled(texts: readonly string[], from = 0): number {
  for (let c = from; c < texts.length; c++) if (texts[c] !== '') return c;
  return -1;
}

export interface ReadLimits {
  /** The profile's maxPlausibleAmount: a larger amount is unreadable (default 100 million). */
  maxAmount?: string;
}

type Fields = AmountFields & { raw: string };

/** Reads amount cells, reporting the unreadable ones as problems. */
interface CellReader {
  /** The amount in a cell: a sheet's number as it is, text parsed. */
  read(row: number, col: number): Fields;
  /** A reading with any amount over the plausible limit made unreadable. */
  plausible(reading: AmountReading): AmountReading;
}

/** Whether any amount of a reading is over the limit. */
function anyBeyond(r: AmountReading, max: Money): boolean {
  // Most readings are one amount: no list of them is made.
  if (r.kind === 'amount') return beyond(r.value, max);
  const values = r.kind === 'split' ? [r.value, r.total, r.funded, r.cofinanced] : r.kind === 'multi' ? r.items : [];
  return values.some((v) => v && beyond(v, max));
}

function cellReader(grid: Grid, texts: GridTexts, maxAmount: Money, problems: ReadProblem[]): CellReader {
  // An amount no grant comes near (the profile's maxPlausibleAmount) is a misreading or a typo,
  // never a figure: read as unreadable, so that no total, rule or spreadsheet takes it.
  const plausible = (r: AmountReading): AmountReading =>
    anyBeyond(r, maxAmount)
      ? { kind: 'unreadable', reason: `an amount over ${toPlain(maxAmount)}, beyond any plausible grant (profile maxPlausibleAmount)` }
      : r;
  const unreadable = (row: number, col: number, text: string, reason: string) =>
    problems.push({ kind: 'amount-unreadable', cell: { row, col }, text, reason });
  const read = (row: number, col: number): Fields => {
    const value = grid[row]?.[col];
    if (typeof value === 'number') {
      // Numbers are what live sheets hold; their plain form needs no parsing.
      const amount = plainFromSheetNumber(value);
      if (amount !== null && !beyond(money(amount), maxAmount)) return fields('stated', amount, null, null, [], String(value));
    }
    const reading = plausible(readAmount(value, texts[row]?.[col]));
    const raw = rawText(value);
    if (reading.kind === 'unreadable') unreadable(row, col, raw, reading.reason);
    // Several amounts where one is expected ("€ 31.500,00 € 1.000,00" on line C) make the line
    // unreadable too; without a problem the line was marked unreadable and no rule said so.
    if (reading.kind === 'multi') unreadable(row, col, raw, 'several amounts in one cell');
    return fieldsOf(reading, raw);
  };
  return { read, plausible };
}

type ShareCols = { funded: number; cofinanced: number };
type CofinCols = { entity: number; monetary: number; inKind: number };

/**
 * Where the reading of a grid stands. A grid is read top to bottom through five phases: before
 * the budget (the assigned grant may come there), the budget's lines, between the budget and the
 * cofinancing table, the cofinancing rows, done.
 */
interface Scan {
  readonly grid: Grid;
  readonly texts: GridTexts;
  readonly cells: CellReader;
  /** The row of "PIANO DEI CONTI", or -1. */
  readonly heading: number;
  /** The widest row's length. */
  readonly width: number;
  readonly lines: BudgetLine[];
  readonly cofinancers: Cofinancer[];
  readonly problems: ReadProblem[];
  assigned: Budget['assigned'];
  phase: 'before' | 'budget' | 'between' | 'cofin' | 'done';
  amountCol: number;
  shareCols: ShareCols;
  /** The budget's first and last rows, -1 before they are found. */
  first: number;
  last: number;
  /** A line whose label row had no amount: it may come on the next row. */
  pending: BudgetLine | null;
  cofinCols: CofinCols | null;
}

/** A row that holds something: its index, its cells and their texts, its first filled column and that cell's text. */
interface Row {
  r: number;
  cells: readonly CellValue[];
  texts: readonly string[];
  li: number;
  label: string;
  /** The label's folded form, once a test has asked (foldedLabel): each row's label is asked several times. */
  folded?: string;
}

function foldedLabel(row: Row): string {
  return (row.folded ??= foldText(row.label));
}

/** Reads a grid's budget; `texts` are its cells' texts (textsOf) when the caller already has them. */
export function readBudget(grid: Grid, limits: ReadLimits = {}, texts: GridTexts = textsOf(grid)): Budget {
  const problems: ReadProblem[] = [];
  // The heading's search and the scan look at the same rows' labels: found once.
  const rows = rowsOf(grid, texts);
  const s: Scan = {
    grid,
    texts,
    cells: cellReader(grid, texts, money(limits.maxAmount ?? DEFAULT_MAX_PLAUSIBLE_AMOUNT), problems),
    // A tab that names its budget ("PIANO DEI CONTI") starts it there: a stray "TOTALE" row in
    // notes above the heading does not open the budget early.
    heading: headingOf(rows),
    width: grid.reduce((w, row) => Math.max(w, row.length), 0),
    lines: [],
    cofinancers: [],
    problems,
    assigned: null,
    phase: 'before',
    amountCol: -1,
    shareCols: { funded: -1, cofinanced: -1 },
    first: -1,
    last: -1,
    pending: null,
    cofinCols: null,
  };
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    // A partner list ends the budget: its names are not budget rows.
    if (s.phase !== 'cofin' && s.phase !== 'before' && isPartnerHeading(foldedLabel(row))) break;
    const next = readRow(s, row);
    if (next === 'stop') break;
    r = next;
  }
  const { lines, cofinancers, assigned, first, last } = s;
  return { lines, cofinancers, assigned, problems, span: first < 0 ? null : [first, Math.max(first, last)] };
}

/** Reads one row in the phase the scan is in; gives the last row it used, or 'stop'. */
function readRow(s: Scan, row: Row): number | 'stop' {
  switch (s.phase) {
    case 'before':
      return beforeBudget(s, row);
    case 'budget':
      return inBudget(s, row);
    case 'between':
      return readAssigned(s, row) ? row.r : afterLines(s, row);
    case 'cofin':
      return inCofinancing(s, row);
    case 'done':
      return 'stop';
  }
}

function beforeBudget(s: Scan, row: Row): number {
  if (readAssigned(s, row)) return row.r;
  const { r, texts, li, label } = row;
  if (isBudgetHeading(label, foldedLabel(row)) && r >= s.heading) {
    s.phase = 'budget';
    s.first = r;
    const hc = texts.findIndex((t, c) => c > li && isAmountHeaderCell(t));
    if (hc > 0) {
      s.amountCol = hc;
      s.shareCols = shareColumns(texts);
    }
    return r;
  }
  if (r < s.heading || budgetCodesOf(label, foldedLabel(row)).length === 0) return r;
  s.phase = 'budget';
  s.first = r;
  return inBudget(s, row);
}

/** The grant assigned, stated before the budget or between it and the cofinancing table. */
function readAssigned(s: Scan, row: Row): boolean {
  const { r, texts, li, label } = row;
  if (!isAssignedLabel(label, foldedLabel(row)) || s.assigned) return false;
  const ac = firstFilled(texts, li + 1);
  const col = ac < 0 ? besideLabel(s, li) : ac;
  const f = s.cells.read(r, col);
  s.assigned = { amount: f.amount, raw: f.raw, cell: { row: r, col } };
  return true;
}

function inBudget(s: Scan, row: Row): number {
  if (readAmountHeader(s, row) || readLineRow(s, row) || readAmountBelow(s, row) || readLabelWrapped(s, row)) return row.r;
  return afterLines(s, row);
}

/** A header row naming the amount column (and maybe columns of funded and cofinanced shares). */
function readAmountHeader(s: Scan, { texts, li }: Row): boolean {
  const hc = texts.findIndex((t, c) => c > li && isAmountHeaderCell(t));
  if (hc < 0) return false;
  s.amountCol = hc;
  s.shareCols = shareColumns(texts);
  return true;
}

/** A row naming a budget line, with its amount (or without: then it may come below). */
function readLineRow(s: Scan, row: Row): boolean {
  const { r, texts, li, label } = row;
  const codes = budgetCodesOf(label, foldedLabel(row));
  const [code, second] = codes;
  if (code === undefined) return false;
  s.pending = null;
  const valueCol = s.amountCol > li ? s.amountCol : firstFilled(texts, li + 1);
  const col = valueCol < 0 ? besideLabel(s, li) : valueCol;
  const at = { labelCell: { row: r, col: li }, cell: { row: r, col } };
  if (code === 'A' && second === 'A_coord') {
    readPersonnelRow(s, row, at);
  } else {
    const f = withShares(s, s.cells.read(r, col), r);
    const line = addLine(s, code, label, at, f);
    if (line && f.raw.trim() === '') s.pending = line;
  }
  s.last = r;
  if (codes.includes('COFINANCING')) s.phase = 'between';
  return true;
}

/** Line A with its coordination sub-line on the same row: two amounts in one cell, or one. */
function readPersonnelRow(s: Scan, { cells, texts, label }: Row, at: LineCells): void {
  const value = cells[at.cell.col];
  const reading = s.cells.plausible(readAmount(value, texts[at.cell.col]));
  const raw = rawText(value);
  if (reading.kind === 'multi' && reading.items.length === 2) {
    const [a, coord] = reading.items;
    addLine(s, 'A', label, at, fieldsOf(a ? { kind: 'amount', value: a } : { kind: 'placeholder', text: '' }, raw));
    addLine(s, 'A_coord', label, at, fieldsOf(coord ? { kind: 'amount', value: coord } : { kind: 'placeholder', text: '' }, raw));
  } else {
    addLine(s, 'A', label, at, s.cells.read(at.cell.row, at.cell.col));
    addLine(s, 'A_coord', label, at, fieldsOf({ kind: 'empty' }, ''));
  }
}

/** The label wrapped onto its own row and the amount came on the next one. */
function readAmountBelow(s: Scan, { r, li }: Row): boolean {
  if (li === 0 || s.pending === null) return false;
  Object.assign(s.pending, { ...s.cells.read(r, li), cell: { row: r, col: li } });
  s.pending = null;
  s.last = r;
  return true;
}

/**
 * The label wrapped inside its own column ("A. Costi di personale" / "interno ed esterno") and
 * the amount came on the continuation row. Without this the continuation was reported as an
 * unrecognised row and the line's amount was lost. Only a lower-case continuation counts, so a
 * new, unknown line ("F. Altre spese") is still reported.
 */
function readLabelWrapped(s: Scan, { r, texts, li, label }: Row): boolean {
  const line = s.pending;
  if (line === null || li !== line.labelCell.col || !/^\p{Ll}/u.test(label)) return false;
  line.label = `${line.label} ${label}`;
  const valueCol = s.amountCol > li ? s.amountCol : firstFilled(texts, li + 1);
  if (valueCol > li && texts[valueCol] !== '') {
    Object.assign(line, { ...s.cells.read(r, valueCol), cell: { row: r, col: valueCol } });
    s.pending = null;
  }
  s.last = r;
  return true;
}

/** Past the budget's lines: the cofinancing table's header, or (inside the budget) a stray row. */
function afterLines(s: Scan, row: Row): number {
  const { r, li, label } = row;
  const header = cofinHeaderAt(s.texts, row);
  if (header) {
    s.cofinCols = header.cols;
    s.phase = 'cofin';
    s.last = header.lastRow;
    return header.lastRow;
  }
  if (s.phase === 'budget') {
    s.problems.push({ kind: 'row-unrecognised', cell: { row: r, col: li }, text: label, reason: 'a row inside the budget that names no cost line' });
    s.last = r;
  }
  return r;
}

function inCofinancing(s: Scan, row: Row): number {
  const { r, cells, texts, li, label } = row;
  const cols = s.cofinCols;
  if (cols === null) return r;
  s.last = r;
  const labelCell = { row: r, col: li };
  if (isTotalLabel(label, foldedLabel(row))) {
    addLine(s, 'COFIN_MONETARY_TOTAL', label, { labelCell, cell: { row: r, col: cols.monetary } }, s.cells.read(r, cols.monetary));
    addLine(s, 'COFIN_IN_KIND_TOTAL', label, { labelCell, cell: { row: r, col: cols.inKind } }, s.cells.read(r, cols.inKind));
    s.phase = 'done';
    return r;
  }
  if (cofinHeaderAt(s.texts, row)) return r; // header repeated after a page break
  // A name that is nothing but markup is still a name someone typed: keep it as written.
  const entity = texts[cols.entity] || rawText(cells[cols.entity]).trim();
  const m = s.cells.read(r, cols.monetary);
  const k = s.cells.read(r, cols.inKind);
  if (entity === '') {
    if (m.raw.trim() !== '' || k.raw.trim() !== '') {
      s.problems.push({ kind: 'row-unrecognised', cell: labelCell, text: label, reason: 'a cofinancing row without an entity' });
    }
    return r;
  }
  s.cofinancers.push({
    entity,
    monetary: m.amount,
    inKind: k.amount,
    rawMonetary: m.raw,
    rawInKind: k.raw,
    monetaryStatus: m.status,
    inKindStatus: k.status,
    entityCell: { row: r, col: cols.entity },
    monetaryCell: { row: r, col: cols.monetary },
    inKindCell: { row: r, col: cols.inKind },
  });
  return r;
}

// Where a row states no amount, findings point at the cell right of its label; when the label
// is in the grid's last column that cell does not exist, so they point at the label itself.
function besideLabel(s: Scan, li: number): number {
  return li + 1 < s.width ? li + 1 : li;
}

// A tab may split each line by funding source in columns of its own rather than in the text.
function withShares(s: Scan, f: Fields, r: number): Fields {
  if (f.funded !== null || f.cofinanced !== null) return f;
  const funded = shareAt(s, r, s.shareCols.funded);
  return fields(f.status, f.amount, funded, shareAt(s, r, s.shareCols.cofinanced), f.details, f.raw);
}

// Through the cell reader, so an unreadable share is reported on its cell rather than dropped.
function shareAt(s: Scan, r: number, col: number): string | null {
  return col < 0 ? null : s.cells.read(r, col).amount;
}

type LineCells = { labelCell: CellRef; cell: CellRef };

function addLine(s: Scan, code: LineCode, label: string, at: LineCells, f: Fields): BudgetLine | null {
  if (s.lines.some((l) => l.code === code)) {
    s.problems.push({ kind: 'line-duplicated', cell: at.labelCell, text: label, reason: `a second "${code}" row` });
    return null;
  }
  const { status, amount, funded, cofinanced, details, raw } = f;
  const line: BudgetLine = { code, label, labelCell: at.labelCell, cell: at.cell, status, amount, funded, cofinanced, details, raw };
  s.lines.push(line);
  return line;
}

/** Each row that holds something (null for an empty one), with its label. */
function rowsOf(grid: Grid, texts: GridTexts): (Row | null)[] {
  const rows: (Row | null)[] = [];
  for (let r = 0; r < grid.length; r++) {
    const rowTexts = texts[r] ?? [];
    const li = firstFilled(rowTexts);
    rows.push(li < 0 ? null : { r, cells: grid[r] ?? [], texts: rowTexts, li, label: rowTexts[li]! });
  }
  return rows;
}

function headingOf(rows: readonly (Row | null)[]): number {
  return rows.findIndex((row) => row !== null && isMainBudgetHeading(row.label, foldedLabel(row)));
}

function headingRow(grid: Grid, texts: GridTexts): number {
  return headingOf(rowsOf(grid, texts));
}

/** The heading of a partner list: "PARTNER DELL'ALLEANZA", "Elenco dei partner", "Partner". */
function isPartnerHeading(folded: string): boolean {
  // Asked of every row: only a label with the word is normalised further.
  if (!folded.includes('partner')) return false;
  const f = folded.replace(/'/g, ' ').replace(/\s+/g, ' ').trim();
  return /^(elenco (dei )?)?partners?( (dell|della|del|di) ?(alleanza|rete|progetto))?$/.test(f);
}

/**
 * Whether what readBudget found has the shape of a budget: the heading "PIANO DEI CONTI", or at
 * least four of the lines A–E, TOTALE, CONTRIBUTO and COFINANZIAMENTO, in that order. A notes tab
 * with a "TOTALE" row, or a summary with "Totale", is not a budget and is never judged.
 */
export function hasBudgetShape(grid: Grid, budget: Budget, texts: GridTexts = textsOf(grid)): boolean {
  if (budget.span === null) return false;
  const h = headingRow(grid, texts);
  if (h >= 0 && h <= budget.span[0]) return true;
  const order = ['A', 'B', 'C', 'D', 'E', 'TOTAL', 'CONTRIBUTION', 'COFINANCING'];
  let last = -1;
  let count = 0;
  for (const line of budget.lines) {
    const at = order.indexOf(line.code);
    if (at > last) {
      last = at;
      count++;
    }
  }
  return count >= 4;
}

export interface PartnerEntry {
  name: string;
  cell: CellRef;
}

/**
 * The partner list a tab holds, if any: the names under a partner heading, in the heading's
 * column, down to the next heading or the end of the grid (blank rows are skipped).
 */
export function readPartnerList(grid: Grid, texts: GridTexts = textsOf(grid)): PartnerEntry[] {
  const out: PartnerEntry[] = [];
  let col = -1;
  for (const row of rowsOf(grid, texts)) {
    if (!row) continue;
    const { r, li, label } = row;
    const folded = foldedLabel(row);
    if (col < 0) {
      if (isPartnerHeading(folded)) col = li;
      continue;
    }
    if (isBudgetHeading(label, folded) || isEntityHeader(label, folded) || isPartnerHeading(folded)) break;
    const name = row.texts[col] ?? '';
    if (name !== '') out.push({ name, cell: { row: r, col } });
  }
  return out;
}

function shareColumns(texts: readonly string[]): { funded: number; cofinanced: number } {
  return {
    funded: texts.findIndex((t) => shareColumnOf(t) === 'funded'),
    cofinanced: texts.findIndex((t) => shareColumnOf(t) === 'cofinanced'),
  };
}

/** A cofinancing table header at row r (one row, or two when the column names wrap). */
function cofinHeaderAt(texts: GridTexts, at: Row): { cols: { entity: number; monetary: number; inKind: number }; lastRow: number } | null {
  const { r, texts: row, li: entity } = at;
  // The entity column heads the table: only the first filled cell (the row's label) can name it.
  if (!isEntityHeader(at.label, foldedLabel(at))) return null;
  const next = texts[r + 1] ?? [];
  const nextIsContinuation = (next[entity] ?? '') === '' && next.some((t) => cofinColumnOf(t) !== null);
  const width = Math.max(row.length, nextIsContinuation ? next.length : 0);
  let monetary = -1;
  let inKind = -1;
  for (let c = 0; c < width; c++) {
    if (c === entity) continue;
    const text = `${row[c] ?? ''} ${nextIsContinuation ? (next[c] ?? '') : ''}`;
    const kind = cofinColumnOf(text);
    if (kind === 'monetary' && monetary < 0) monetary = c;
    if (kind === 'inKind' && inKind < 0) inKind = c;
  }
  if (monetary < 0 || inKind < 0) return null;
  return { cols: { entity, monetary, inKind }, lastRow: nextIsContinuation ? r + 1 : r };
}
