// The budget tab: one layout, drawn by the add-on ("new budget tab") and by the pipeline's
// workbook (one tab per project), and read back by budget-reader.ts. It mirrors the annex's
// PIANO DEI CONTI and cofinancing table; beside them, each rule that a spreadsheet can
// express checks itself with a live formula taken from the rule catalogue.
import { readAmount } from './amounts.js';
import { CODE_LABELS_IT } from './labels.js';
import { BUDGET_CODES, lineOf, type Budget, type CellRef, type LineCode } from './model.js';
import type { Profile } from './profile.js';
import { RULES } from './rules/index.js';
import type { FormulaRefs } from './rules/rule.js';

export type LayoutKind =
  | 'status' | 'title' | 'heading' | 'header' | 'label' | 'amount' | 'entity' | 'total'
  | 'check-label' | 'check-value' | 'check-verdict' | 'note';

export interface LayoutCell extends CellRef {
  kind: LayoutKind;
  /** A literal: text, or an amount as a plain decimal string ("84878.00") to be written as a number. */
  value: string | null;
  /** A formula without the leading "=", in A1 notation, valid in Excel, LibreOffice and Sheets. */
  formula?: string;
  numberFormat?: 'euro' | 'percent';
}

export interface CheckRow {
  ruleId: string;
  label: string;
  valueCell: CellRef | null;
  verdictCell: CellRef;
  formula: string;
  measure: string | null;
}

export interface BudgetTabLayout {
  cells: LayoutCell[];
  rowCount: number;
  colCount: number;
  statusCell: CellRef;
  assignedCell: CellRef;
  lineCells: Partial<Record<LineCode, CellRef>>;
  cofinRows: { first: number; last: number } | null;
  cofinTotalRow: number;
  /** The partner list's rows under its heading, when the layout has one. */
  partnerRows: { heading: number; first: number; last: number } | null;
  checks: CheckRow[];
}

export interface LayoutInput {
  profile: Profile;
  title?: string;
  assigned?: string | null;
  /** Declared figures to write; without it the tab is an empty template whose totals are formulas. */
  budget?: Budget;
  /** Empty cofinancer rows a template offers. */
  templateRows?: number;
  /**
   * Google Sheets only: the check formulas read amounts typed as text ("€ 1.234,56") as the
   * add-on does, instead of skipping them as COUNT, N and SUM do. The workbook leaves it off.
   */
  textAmounts?: boolean;
  /** Empty rows of a partner list under the cofinancing table ("PARTNER DELL'ALLEANZA"). */
  partnerRows?: number;
}

export const STATUS_LABEL = 'Esito dei controlli';
export const PARTNER_HEADING = "PARTNER DELL'ALLEANZA";
export const VERDICT_OK = 'OK';
export const VERDICT_KO = 'NON OK';

// Columns: A label, B amount, C of which contribution, D of which cofinancing, F-H checks.
const COL = { label: 0, amount: 1, funded: 2, cofinanced: 3, checkLabel: 5, checkValue: 6, checkVerdict: 7 } as const;

export function a1(cell: CellRef): string {
  let n = cell.col + 1;
  let letters = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    letters = String.fromCharCode(65 + m) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${cell.row + 1}`;
}

/** The cells of a tab being laid out, row by row. */
class Cells {
  readonly list: LayoutCell[] = [];

  put(row: number, col: number, kind: LayoutKind, value: string | null, extra: Partial<LayoutCell> = {}): void {
    this.list.push({ row, col, kind, value, ...extra });
  }
}

const HEADER_ROW = 5;

export function layoutBudgetTab(input: LayoutInput): BudgetTabLayout {
  const cells = new Cells();
  const { statusCell, assignedCell } = putHeading(cells, input);
  const lineCells = putBudgetTable(cells, input.budget);
  const cofin = putCofinancingTable(cells, input, lineCells, HEADER_ROW + 1 + BUDGET_CODES.length + 1);
  let row = cofin.totalRow;
  let partnerRows: BudgetTabLayout['partnerRows'] = null;
  if (input.partnerRows && input.partnerRows > 0) {
    partnerRows = putPartnerList(cells, row + 2, input.partnerRows); // one blank row after TOTALE
    row = partnerRows.last + 1;
  } else {
    row++;
  }
  const { checks, end } = putChecks(cells, formulaRefs(input, lineCells, cofin));
  const rowCount = Math.max(row, end + 1);
  return {
    cells: cells.list, rowCount, colCount: COL.checkVerdict + 1, statusCell, assignedCell, lineCells,
    cofinRows: cofin.rows, cofinTotalRow: cofin.totalRow, partnerRows, checks,
  };
}

/** The status line, the project's title, the grant assigned, and the budget's heading. */
function putHeading(cells: Cells, input: LayoutInput): { statusCell: CellRef; assignedCell: CellRef } {
  cells.put(0, 0, 'status', STATUS_LABEL);
  cells.put(0, 1, 'status', null);
  cells.put(1, 0, 'title', input.title ?? 'Progetto');
  cells.put(2, 0, 'label', 'Contributo assegnato');
  cells.put(2, 1, 'amount', input.assigned ?? null, { numberFormat: 'euro' });
  cells.put(4, 0, 'heading', 'PIANO DEI CONTI DEL PROGETTO');
  return { statusCell: { row: 0, col: 1 }, assignedCell: { row: 2, col: 1 } };
}

/** Lines A to COFINANZIAMENTO: the budget's amounts, or a template's formulas. */
function putBudgetTable(cells: Cells, budget: Budget | undefined): Partial<Record<LineCode, CellRef>> {
  cells.put(HEADER_ROW, COL.label, 'header', 'Voce di costo');
  cells.put(HEADER_ROW, COL.amount, 'header', 'Importo');
  cells.put(HEADER_ROW, COL.funded, 'header', 'di cui contributo');
  cells.put(HEADER_ROW, COL.cofinanced, 'header', 'di cui cofinanziamento');
  const lineCells: Partial<Record<LineCode, CellRef>> = {};
  let row = HEADER_ROW + 1;
  for (const code of BUDGET_CODES) {
    lineCells[code] = { row, col: COL.amount };
    cells.put(row, COL.label, code === 'TOTAL' || code === 'CONTRIBUTION' || code === 'COFINANCING' ? 'total' : 'label', CODE_LABELS_IT[code]);
    const line = budget && lineOf(budget, code);
    if (budget) {
      cells.put(row, COL.amount, 'amount', line ? (line.amount ?? rawToKeep(line)) : null, { numberFormat: 'euro' });
      if (line?.funded) cells.put(row, COL.funded, 'amount', line.funded, { numberFormat: 'euro' });
      if (line?.cofinanced) cells.put(row, COL.cofinanced, 'amount', line.cofinanced, { numberFormat: 'euro' });
    } else if (code === 'TOTAL') {
      const parts = (['A', 'B', 'C', 'D', 'E'] as const).map((c) => a1({ row: HEADER_ROW + 1 + BUDGET_CODES.indexOf(c), col: COL.amount }));
      cells.put(row, COL.amount, 'amount', null, { formula: `SUM(${parts.join(',')})`, numberFormat: 'euro' });
    } else if (code === 'CONTRIBUTION') {
      const t = a1({ row: row - 1, col: COL.amount });
      const f = a1({ row: row + 1, col: COL.amount });
      cells.put(row, COL.amount, 'amount', null, { formula: `${t}-${f}`, numberFormat: 'euro' });
    } else {
      cells.put(row, COL.amount, 'amount', null, { numberFormat: 'euro' });
    }
    row++;
  }
  return lineCells;
}

interface CofinancingTable {
  headerRow: number;
  rows: BudgetTabLayout['cofinRows'];
  totalRow: number;
}

/** The cofinancers (or a template's empty rows) and their TOTALE, from `row` down. */
function putCofinancingTable(cells: Cells, input: LayoutInput, lineCells: Partial<Record<LineCode, CellRef>>, headerRow: number): CofinancingTable {
  const { budget } = input;
  cells.put(headerRow, 0, 'header', 'ENTE');
  cells.put(headerRow, 1, 'header', 'COFINANZIAMENTO MONETARIO');
  cells.put(headerRow, 2, 'header', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA');
  const cofinancers = budget?.cofinancers ?? [];
  const count = budget ? cofinancers.length : (input.templateRows ?? 5);
  const first = headerRow + 1;
  for (let i = 0; i < count; i++) {
    const c = cofinancers[i];
    cells.put(first + i, 0, 'entity', c?.entity ?? null);
    cells.put(first + i, 1, 'amount', c ? (c.monetary ?? blankIfEmpty(c.rawMonetary)) : null, { numberFormat: 'euro' });
    cells.put(first + i, 2, 'amount', c ? (c.inKind ?? blankIfEmpty(c.rawInKind)) : null, { numberFormat: 'euro' });
  }
  const totalRow = first + count;
  lineCells.COFIN_MONETARY_TOTAL = { row: totalRow, col: 1 };
  lineCells.COFIN_IN_KIND_TOTAL = { row: totalRow, col: 2 };
  cells.put(totalRow, 0, 'total', 'TOTALE');
  for (const [col, code] of [[1, 'COFIN_MONETARY_TOTAL'], [2, 'COFIN_IN_KIND_TOTAL']] as const) {
    const line = budget && lineOf(budget, code);
    // From the header row down, so a row inserted right under the header is summed too (SUM skips text).
    const range = `${a1({ row: headerRow, col })}:${a1({ row: totalRow - 1, col })}`;
    if (budget) cells.put(totalRow, col, 'amount', line ? (line.amount ?? blankIfEmpty(line.raw)) : null, { numberFormat: 'euro' });
    else cells.put(totalRow, col, 'amount', null, { formula: `SUM(${range})`, numberFormat: 'euro' });
  }
  if (!budget) {
    // In a template, COFINANZIAMENTO is the cofinancing table's two totals.
    const cofinCell = lineCells.COFINANCING;
    const target = cofinCell && cells.list.find((c) => c.row === cofinCell.row && c.col === cofinCell.col);
    if (target) target.formula = `${a1(lineCells.COFIN_MONETARY_TOTAL)}+${a1(lineCells.COFIN_IN_KIND_TOTAL)}`;
  }
  return { headerRow, rows: count > 0 ? { first, last: totalRow - 1 } : null, totalRow };
}

/** "PARTNER DELL'ALLEANZA" and empty rows for the partners' names. */
function putPartnerList(cells: Cells, heading: number, count: number): NonNullable<BudgetTabLayout['partnerRows']> {
  cells.put(heading, 0, 'header', PARTNER_HEADING);
  for (let i = 0; i < count; i++) cells.put(heading + 1 + i, 0, 'entity', null);
  return { heading, first: heading + 1, last: heading + count };
}

/** Where the rules' formulas find the amounts of this layout. */
function formulaRefs(input: LayoutInput, lineCells: Partial<Record<LineCode, CellRef>>, cofin: CofinancingTable): FormulaRefs {
  const cell = input.textAmounts ? textAmount : (ref: string) => ref;
  const range = input.textAmounts ? (ref: string) => `ARRAYFORMULA(${textAmount(ref)})` : (ref: string) => ref;
  const column = (col: number) => range(`${a1({ row: cofin.headerRow, col })}:${a1({ row: cofin.totalRow - 1, col })}`);
  return {
    line: (code) => {
      const at = lineCells[code];
      return at ? cell(a1(at)) : null;
    },
    cofinMonetary: column(1),
    cofinInKind: column(2),
    profile: input.profile,
  };
}

/** A row per rule that a formula can check, beside the budget: label, value computed, verdict. */
function putChecks(cells: Cells, refs: FormulaRefs): { checks: CheckRow[]; end: number } {
  const checks: CheckRow[] = [];
  cells.put(HEADER_ROW, COL.checkLabel, 'header', 'Controllo');
  cells.put(HEADER_ROW, COL.checkValue, 'header', 'Valore calcolato');
  cells.put(HEADER_ROW, COL.checkVerdict, 'header', 'Esito');
  let row = HEADER_ROW + 1;
  for (const rule of RULES) {
    const formula = rule.formula?.(refs) ?? null;
    if (formula === null) continue;
    const measure = rule.measure?.(refs) ?? null;
    const valueCell = measure === null ? null : { row, col: COL.checkValue };
    const verdictCell = { row, col: COL.checkVerdict };
    cells.put(row, COL.checkLabel, 'check-label', rule.title.it);
    if (valueCell && measure !== null) cells.put(valueCell.row, valueCell.col, 'check-value', null, { formula: measure, numberFormat: 'euro' });
    cells.put(verdictCell.row, verdictCell.col, 'check-verdict', null, { formula: `IF(${formula},"${VERDICT_OK}","${VERDICT_KO}")` });
    checks.push({ ruleId: rule.id, label: rule.title.it, valueCell, verdictCell, formula, measure });
    row++;
  }
  return { checks, end: row };
}

/**
 * A Sheets expression for the amount in `ref` (a cell, or a range inside ARRAYFORMULA): the
 * number itself, or the amount a text states in the forms a lead types and budget-reader reads
 * ("€ 1.234,56", "1234,56 €", "1.500", "1234.56", "-12,5"), or "" for anything else (empty,
 * placeholder, words), which COUNT does not count and N and SUM read as 0: an amount the core
 * cannot read is not judged by the formulas either. Only digit strings go through VALUE, so
 * the spreadsheet's locale cannot change the result.
 */
export function textAmount(ref: string): string {
  // Spaces and a euro sign at either end go; a space inside ("1 000") is not an amount.
  const txt = 'REGEXREPLACE(T(amt),"^[\\s\u00a0\u202f]*(€[\\s\u00a0\u202f]*)?|([\\s\u00a0\u202f]*€)?[\\s\u00a0\u202f]*$","")';
  const canon = 'IF(REGEXMATCH(txt,"^[-+]?\\d+\\.\\d{1,2}$"),SUBSTITUTE(txt,".",","),SUBSTITUTE(txt,".",""))';
  const form = '"^[-+]?((\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d{0,2})?|\\d+\\.\\d{1,2})$"';
  const value = 'IF(LEFT(txt,1)="-",-1,1)*(VALUE(REGEXEXTRACT(canon,"\\d+"))+VALUE(LEFT(frac&"00",2))/100)';
  return `LET(amt,${ref},txt,${txt},canon,${canon},frac,IFERROR(REGEXEXTRACT(canon,",(\\d*)$"),""),IF(ISNUMBER(amt),amt,IF(REGEXMATCH(txt,${form}),${value},"")))`;
}

// A line without an amount keeps its own text (a placeholder, or what could not be read).
// The annex's merged row gives A and its coordination sub-line one shared cell ("€ 1.500,00
// € ....."): that text is the coordination line's raw too, but not its value, and writing it
// in the sub-line's cell would make the tab unreadable where the annex was not.
function rawToKeep(line: { raw: string; status: string }): string | null {
  if (line.raw.trim() === '') return null;
  if (line.status === 'unreadable' || readAmount(line.raw).kind === 'placeholder') return line.raw;
  return null;
}

function blankIfEmpty(raw: string): string | null {
  return raw.trim() === '' ? null : raw;
}

/** The layout as a plain grid of values (formulas left empty): what a reader sees before recalculation. */
export function layoutValues(layout: BudgetTabLayout): (string | null)[][] {
  const grid: (string | null)[][] = Array.from({ length: layout.rowCount }, () => Array<string | null>(layout.colCount).fill(null));
  for (const c of layout.cells) grid[c.row]![c.col] = c.value;
  return grid;
}
