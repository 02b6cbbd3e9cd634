// The budget part of a project: "PIANO DEI CONTI" and the cofinancing table. Its table rows
// become a grid for the shared reader (the same one the add-on uses on a sheet); each grid row
// remembers its source line so that findings can point back at the annex.
import type { CellValue } from '../../shared/amounts.js';
import { readBudget, type GridTexts, type ReadLimits } from '../../shared/budget-reader.js';
import {
  cofinColumnOf, isAmountHeader, isBudgetHeading, isEntityHeader, isTotalLabel, mayBeLabel, ownWordingCodesOf, shareColumnOf, strictBudgetCodesOf,
} from '../../shared/labels.js';
import { COST_CODES, lineOf, type Budget, type BudgetLine, type Finding, type LineCode, type Position } from '../../shared/model.js';
import { readAmount } from '../../shared/amounts.js';
import { money, sum, toPlain } from '../../shared/money.js';
import { amountIs } from '../../shared/findings/make.js';
import { visibleText } from '../../shared/text.js';
import { pipelineFinding } from './findings.js';
import type { ExtraTable } from '../records.js';
import type { AnnexDocument } from './document.js';
import { foldedCell, rowsBetween, type TableRow } from './tables.js';

export interface BudgetPart {
  budget: Budget;
  rowLines: number[];
  /** Lines the budget occupies (its rows, in its span). */
  lines: number[];
  extraTables: ExtraTable[];
  /** Rows inside the budget the reader neither used nor reported. */
  unused: { line: number; text: string }[];
  /** What the budget's own columns say beyond the core's rules (funding shares that do not add up). */
  findings: Finding[];
}

// A table row's cells are read as the row holds them cleaned (row.visible) and folded (foldedCell),
// not cleaned or folded again.

/** The row's first filled cell, or -1. */
function firstFilled(row: TableRow): number {
  return row.visible.findIndex((v) => v !== '');
}

/** The cell's folded form when it may be a label at all (an empty cell or a figure is not folded). */
function labelFold(row: TableRow, c: number): string | null {
  return c >= 0 && mayBeLabel(row.visible[c]!) ? foldedCell(row, c) : null;
}

/** A label test of labels.ts asked of a row's cell, with the fold the row keeps. */
function cellIs(row: TableRow, c: number, test: (text: string, folded: string) => boolean): boolean {
  const f = labelFold(row, c);
  return f !== null && test(row.visible[c]!, f);
}

/**
 * The budget codes the row's first filled cell names in the call's wording (`strict`:
 * strictBudgetCodesOf) or in any (`all`: budgetCodesOf), each kept on the row once asked: the
 * split, the partner list and the budget's start ask them of the same rows.
 */
function firstCodes(row: TableRow, kind: 'strict' | 'all'): readonly LineCode[] {
  const codes = (row.codes ??= {});
  const known = codes[kind];
  if (known) return known;
  const c = firstFilled(row);
  const f = labelFold(row, c);
  if (f === null) return (codes[kind] = []);
  const strict = (codes.strict ??= strictBudgetCodesOf(row.visible[c]!, f));
  if (kind === 'strict') return strict;
  // A label in the call's wording names those codes in any (budgetCodesOf): only one that names
  // none is read again, for a template's own words.
  return (codes.all = strict.length > 0 ? strict : ownWordingCodesOf(row.visible[c]!, f));
}

const isShareColumn = (text: string, folded: string) => shareColumnOf(text, folded) !== null;
const isCofinColumn = (text: string, folded: string) => cofinColumnOf(text, folded) !== null;

/** A row of column names: an amount column, or the shares of each line by funding source. */
function isColumnsRow(row: TableRow): boolean {
  // Most cells of a wide table (an HTML one's spans above all) are empty: not asked.
  for (let c = 1; c < row.visible.length; c++) {
    if (cellIs(row, c, isAmountHeader) || cellIs(row, c, isShareColumn)) return true;
  }
  return false;
}

/**
 * The budget's header row as the shared reader knows one: its first cell names the budget
 * ("Voce di costo") whatever the template wrote there ("Descrizione"), and beside share columns a
 * column named "Totale" is the lines' amount (alone, "Totale" names the TOTALE row instead).
 */
function headerAsReaderKnowsIt(row: TableRow): CellValue[] | null {
  if (!isColumnsRow(row)) return null;
  const cells: CellValue[] = [...row.cells];
  let changed = false;
  const first = firstFilled(row);
  if (!cellIs(row, first, isBudgetHeading)) {
    cells[first < 0 ? 0 : first] = 'Voce di costo';
    changed = true;
  }
  const columns = row.visible.map((_, c) => c);
  if (columns.some((c) => cellIs(row, c, isShareColumn)) && !columns.some((c) => c > first && cellIs(row, c, isAmountHeader))) {
    const total = columns.findIndex((c) => c > first && cellIs(row, c, isTotalLabel));
    if (total > 0) {
      cells[total] = 'Importo totale';
      changed = true;
    }
  }
  return changed ? cells : null;
}

/** A row that opens a budget: its first filled cell is a budget's heading or names a line in the call's wording. */
export function opensBudget(row: TableRow): boolean {
  return cellIs(row, firstFilled(row), isBudgetHeading) || firstCodes(row, 'strict').length > 0;
}

/**
 * Where a budget begins: its heading or column names ("Voce di spesa | Importo totale | …"),
 * a line in the call's wording ("A) …"), or a line in a template's own words ("Personale
 * interno ed esterno") in a table that ends with a total.
 */
function startsBudget(row: TableRow, i: number, rows: readonly TableRow[]): boolean {
  if (opensBudget(row)) return true;
  // The rows below are asked first: most rows are not above a budget's lines, and asking a row
  // whether it names columns folds each of its cells.
  if (rowsOfTableAfter(rows, i, 2).some((r) => firstCodes(r, 'all').length > 0) && isColumnsRow(row)) return true;
  return firstCodes(row, 'all').length > 0 && rowsOfTableAfter(rows, i).some((r) => cellIs(r, firstFilled(r), isTotalLabel));
}

/**
 * The rows after rows[i] in its table, up to `limit` of them. Only asked of a row that may open
 * the budget: collecting them for every row before the budget grew with the square of the rows.
 */
function rowsOfTableAfter(rows: readonly TableRow[], i: number, limit = Infinity): TableRow[] {
  const row = rows[i]!;
  const out: TableRow[] = [];
  for (let j = i + 1; j < rows.length && out.length < limit; j++) {
    const r = rows[j]!;
    // A table's rows come together, in the order of their lines: past them, no row is the table's.
    if (r.table !== row.table) break;
    if (r.line > row.line) out.push(r);
  }
  return out;
}

function isStructureRow(row: TableRow): boolean {
  return row.visible.some((_, c) => cellIs(row, c, isBudgetHeading) || cellIs(row, c, isAmountHeader) || cellIs(row, c, isEntityHeader) || cellIs(row, c, isCofinColumn));
}

export function readBudgetPart(doc: AnnexDocument, from: number, to: number, claimed: ReadonlySet<number>, limits: ReadLimits = {}): BudgetPart {
  const rows = rowsBetween(doc.tables, from, to).filter((r) => !claimed.has(r.line));
  const start = rows.findIndex((r, i) => startsBudget(r, i, rows));
  const gridRows = start < 0 ? [] : rows.slice(start);
  // Rows the templates' columns leave as they are stay the table's own arrays (never changed),
  // with the visible texts the rows hold.
  const rowsRead: GridRow[] = gridRows.map((r) => ({ cells: r.cells, texts: r.visible }));
  // Column names under a first cell the reader does not know as a budget's ("Descrizione",
  // "Voce di bilancio"): the row is the budget's header all the same.
  const header = gridRows[0] ? headerAsReaderKnowsIt(gridRows[0]) : null;
  if (header) rowsRead[0] = { cells: header, texts: header.map(textOf) };
  for (let r = 0; r < rowsRead.length; r++) rowsRead[r] = withEuroColumns(withCodeColumn(rowsRead[r]!));
  const grid = rowsRead.map((g) => g.cells);
  const texts = rowsRead.map((g) => g.texts);
  const budget = readBudget(grid, limits, texts);
  const findings = sharesFromTotal(budget, grid, texts);
  const rowLines = gridRows.map((r) => r.line);
  // Appended row by row: flatMap, for a few short arrays, cost more than the rest of this function.
  const lines: number[] = [];
  if (budget.span) for (let r = budget.span[0]; r <= budget.span[1]; r++) lines.push(...gridRows[r]!.lines);

  const used = new Set<number>();
  for (const l of budget.lines) used.add(l.labelCell.row).add(l.cell.row);
  for (const c of budget.cofinancers) used.add(c.entityCell.row);
  for (const p of budget.problems) used.add(p.cell.row);
  const unused: BudgetPart['unused'] = [];
  if (budget.span) {
    for (let r = budget.span[0]; r <= budget.span[1]; r++) {
      const row = gridRows[r]!;
      if (!used.has(r) && !isStructureRow(row) && row.visible.some((v) => v !== '')) {
        unused.push({ line: row.line, text: row.cells.join(' | ') });
      }
    }
  }

  // Tables after the budget (2.6's breakdown by action) are kept whole.
  const after = budget.span ? gridRows.slice(budget.span[1] + 1) : [];
  const extraTables: ExtraTable[] = [];
  let currentTable = -1;
  for (const row of after) {
    const cells = [...row.visible];
    if (row.table !== currentTable) {
      currentTable = row.table;
      extraTables.push({ header: cells, rows: [], line: row.line });
    } else extraTables[extraTables.length - 1]!.rows.push({ cells, line: row.line });
    lines.push(...row.lines);
  }
  unused.push(...unreadCofinancing(budget, after));
  findings.push(...sharesSum(budget));
  return { budget, rowLines, lines, extraTables, unused, findings };
}

// The helpers below are asked of every cell of the budget: declared once, here, rather than
// made afresh (and, under tsx, named) for each row.

/** A row of the grid handed to the shared reader: its cells, and their texts (GridTexts' row). */
interface GridRow {
  cells: readonly CellValue[];
  texts: readonly string[];
}

/** A cell's visible text; an empty cell, as most are, is not looked up. */
function textOf(c: CellValue): string {
  return c === '' || c === null || c === undefined ? '' : visibleText(String(c));
}

/** The row with cell `c` made `cell` (and its text `text`, if known). */
function withCell(row: GridRow, c: number, cell: CellValue, text = textOf(cell)): GridRow {
  const cells = [...row.cells];
  const texts = [...row.texts];
  cells[c] = cell;
  texts[c] = text;
  return { cells, texts };
}

/**
 * A template that gives the line's letter a column of its own ("A | Costi del personale |
 * 14.000"; "A.1 | di cui coordinamento …"): the letter goes before the label it names, as the
 * call writes them, and its cell is left empty. Any other row is given back as it is.
 */
function withCodeColumn(row: GridRow): GridRow {
  const first = row.texts.findIndex((t) => t !== '');
  if (first < 0) return row;
  const code = row.texts[first]!;
  if (!/^[A-Ea-e](\.\d{1,2})?[.)]?$/.test(code)) return row;
  const label = row.texts[first + 1] ?? '';
  if (!/\p{L}{3}/u.test(label)) return row;
  return withCell(withCell(row, first, '', ''), first + 1, `${code} ${label}`);
}

function isEuroSign(text: string): boolean {
  return /^(€|eur|euro)$/i.test(text);
}

function isFigure(row: GridRow, c: number): boolean {
  const text = row.texts[c] ?? '';
  if (text === '' || isEuroSign(text)) return false;
  const k = readAmount(row.cells[c], text).kind;
  return k === 'amount' || k === 'placeholder';
}

/**
 * A template that gives "€" a column of its own ("A) Personale | € | 20.000,00"): the amount
 * stands in both cells, so that it is read whether the header's "Importo" heads the sign's
 * column or the figure's.
 */
function withEuroColumns(row: GridRow): GridRow {
  // Only a figure is copied, into a sign's cell: a row without a sign stays as it is.
  if (!row.texts.some(isEuroSign)) return row;
  let out = row;
  for (let i = 0; i + 1 < out.cells.length; i++) {
    if (isEuroSign(out.texts[i]!) && isFigure(out, i + 1)) out = withCell(out, i, out.cells[i + 1], out.texts[i + 1]);
    else if (isFigure(out, i) && isEuroSign(out.texts[i + 1] ?? '')) out = withCell(out, i + 1, out.cells[i], out.texts[i]);
  }
  return out;
}

/** The header row's columns for the funded and cofinanced shares of each line, if it has them. */
function shareColumnsOf(texts: GridTexts, before: number): { funded: number; cofinanced: number; labels: string[] } | null {
  for (let r = Math.min(before, texts.length - 1); r >= 0; r--) {
    const row = texts[r] ?? [];
    // Each cell asked once, for the first column of either kind.
    let funded = -1;
    let cofinanced = -1;
    for (let c = 0; c < row.length; c++) {
      const kind = shareColumnOf(row[c]!);
      if (kind === 'funded' && funded < 0) funded = c;
      else if (kind === 'cofinanced' && cofinanced < 0) cofinanced = c;
    }
    if (funded > 0 || cofinanced > 0) return { funded, cofinanced, labels: [...row] };
  }
  return null;
}

/**
 * A budget that splits every line by funding source in columns of its own ("Importo totale |
 * Quota contributo | Quota cofinanziamento") may state the contribution and the cofinancing only
 * as the TOTALE row's shares, with no rows of their own: those cells are then the budget's
 * CONTRIBUTO and COFINANZIAMENTO, read where they stand (labelled by their column).
 */
function sharesFromTotal(budget: Budget, grid: readonly (readonly CellValue[])[], texts: GridTexts): Finding[] {
  const total = lineOf(budget, 'TOTAL');
  // A budget that states both on rows of their own (as nearly all do) takes nothing from the
  // columns, which are then not looked for.
  if (!total || (lineOf(budget, 'CONTRIBUTION') && lineOf(budget, 'COFINANCING'))) return [];
  const cols = shareColumnsOf(texts, total.cell.row);
  if (!cols) return [];
  const add = (code: 'CONTRIBUTION' | 'COFINANCING', share: string | null, col: number) => {
    if (lineOf(budget, code) || col < 0) return;
    const raw = String(grid[total.cell.row]?.[col] ?? '');
    const line: BudgetLine = {
      code,
      label: `${total.label} – ${cols.labels[col]}`,
      raw,
      status: share !== null ? 'stated' : raw.trim() === '' || readAmount(raw).kind === 'placeholder' ? 'not-stated' : 'unreadable',
      amount: share,
      funded: null,
      cofinanced: null,
      details: [],
      labelCell: total.labelCell,
      cell: { row: total.cell.row, col },
    };
    // In the order the core's lines keep: CONTRIBUTO, then COFINANZIAMENTO, right after TOTALE.
    const at = budget.lines.indexOf(total) + 1 + (code === 'COFINANCING' && lineOf(budget, 'CONTRIBUTION') ? 1 : 0);
    budget.lines.splice(at, 0, line);
  };
  add('CONTRIBUTION', total.funded, cols.funded);
  add('COFINANCING', total.cofinanced, cols.cofinanced);
  return [];
}

/**
 * The funded and cofinanced shares of the cost lines A-E add up to the contribution and the
 * cofinancing the budget states (the line-by-line check is the core's line-split-sum).
 */
function sharesSum(budget: Budget): Finding[] {
  const costs = COST_CODES.map((c) => lineOf(budget, c)).filter((l): l is BudgetLine => l !== undefined);
  const out: Finding[] = [];
  for (const [share, code] of [
    ['funded', 'CONTRIBUTION'],
    ['cofinanced', 'COFINANCING'],
  ] as const) {
    const shares = costs.filter((l) => l[share] !== null);
    const stated = lineOf(budget, code);
    if (shares.length === 0 || !stated || stated.amount === null) continue;
    // Only a budget that splits every line it states: one that splits some of them (the seed's
    // "(finanziamento)" notes on two lines) says nothing of the others' shares.
    if (costs.some((l) => l[share] === null && l.amount !== null && !money(l.amount).isZero())) continue;
    const parts = sum(shares.map((l) => money(l[share]!)));
    if (parts.equals(money(stated.amount))) continue;
    out.push(
      pipelineFinding('shares-sum', 'error', { share, label: stated.label, declared: stated.amount, computed: toPlain(parts) }, [], {
        expected: amountIs(toPlain(parts)), actual: amountIs(stated.amount),
      }),
    );
    out[out.length - 1]!.at = [...shares.map((l) => ({ row: l.cell.row, col: l.cell.col })), { row: stated.cell.row, col: stated.cell.col }];
  }
  return out;
}

/**
 * A budget that states cofinancing but whose cofinancing table was not read (its header not
 * recognised) would send every cofinancer to extra_tables.csv and none to the checks: each row
 * of amounts after the budget is then reported as not used, so the loss is never silent.
 */
function unreadCofinancing(budget: Budget, after: readonly TableRow[]): BudgetPart['unused'] {
  const cofinancing = lineOf(budget, 'COFINANCING');
  if (budget.cofinancers.length > 0 || !cofinancing?.amount || /^0+(\.0+)?$/.test(cofinancing.amount)) return [];
  return after
    .filter((row) => row.cells.slice(1).some((c) => readAmount(c).kind === 'amount'))
    .map((row) => ({ line: row.line, text: row.visible.join(' | ') }));
}

/** Grid positions -> source lines; a finding with no position points at the fallback line. */
export function findingsToLines(findings: readonly Finding[], rowLines: readonly number[], fallback: number): Finding[] {
  return findings.map((f) => {
    const at: Position[] = f.at.map((p) => ('line' in p ? p : { line: rowLines[p.row] ?? fallback }));
    const unique = at.filter((p, i) => at.findIndex((q) => 'line' in q && 'line' in p && q.line === p.line) === i);
    return { ...f, at: unique.length > 0 ? unique : [{ line: fallback }] };
  });
}
