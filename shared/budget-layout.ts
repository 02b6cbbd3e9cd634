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

export function layoutBudgetTab(input: LayoutInput): BudgetTabLayout {
  const { profile, budget } = input;
  const cells: LayoutCell[] = [];
  const put = (row: number, col: number, kind: LayoutKind, value: string | null, extra: Partial<LayoutCell> = {}) =>
    cells.push({ row, col, kind, value, ...extra });

  const statusCell = { row: 0, col: 1 };
  put(0, 0, 'status', STATUS_LABEL);
  put(0, 1, 'status', null);
  put(1, 0, 'title', input.title ?? 'Progetto');
  const assignedCell = { row: 2, col: 1 };
  put(2, 0, 'label', 'Contributo assegnato');
  put(2, 1, 'amount', input.assigned ?? null, { numberFormat: 'euro' });

  put(4, 0, 'heading', 'PIANO DEI CONTI DEL PROGETTO');
  const headerRow = 5;
  put(headerRow, COL.label, 'header', 'Voce di costo');
  put(headerRow, COL.amount, 'header', 'Importo');
  put(headerRow, COL.funded, 'header', 'di cui contributo');
  put(headerRow, COL.cofinanced, 'header', 'di cui cofinanziamento');

  const lineCells: Partial<Record<LineCode, CellRef>> = {};
  let row = headerRow + 1;
  for (const code of BUDGET_CODES) {
    lineCells[code] = { row, col: COL.amount };
    put(row, COL.label, code === 'TOTAL' || code === 'CONTRIBUTION' || code === 'COFINANCING' ? 'total' : 'label', CODE_LABELS_IT[code]);
    const line = budget && lineOf(budget, code);
    if (budget) {
      put(row, COL.amount, 'amount', line ? (line.amount ?? rawToKeep(line)) : null, { numberFormat: 'euro' });
      if (line?.funded) put(row, COL.funded, 'amount', line.funded, { numberFormat: 'euro' });
      if (line?.cofinanced) put(row, COL.cofinanced, 'amount', line.cofinanced, { numberFormat: 'euro' });
    } else if (code === 'TOTAL') {
      const parts = (['A', 'B', 'C', 'D', 'E'] as const).map((c) => a1({ row: headerRow + 1 + BUDGET_CODES.indexOf(c), col: COL.amount }));
      put(row, COL.amount, 'amount', null, { formula: `SUM(${parts.join(',')})`, numberFormat: 'euro' });
    } else if (code === 'CONTRIBUTION') {
      const t = a1({ row: row - 1, col: COL.amount });
      const f = a1({ row: row + 1, col: COL.amount });
      put(row, COL.amount, 'amount', null, { formula: `${t}-${f}`, numberFormat: 'euro' });
    } else {
      put(row, COL.amount, 'amount', null, { numberFormat: 'euro' });
    }
    row++;
  }

  row++; // one blank row between the two tables, as in the annex
  const cofinHeader = row;
  put(row, 0, 'header', 'ENTE');
  put(row, 1, 'header', 'COFINANZIAMENTO MONETARIO');
  put(row, 2, 'header', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA');
  row++;
  const cofinancers = budget?.cofinancers ?? [];
  const count = budget ? cofinancers.length : (input.templateRows ?? 5);
  const firstCofin = row;
  for (let i = 0; i < count; i++, row++) {
    const c = cofinancers[i];
    put(row, 0, 'entity', c?.entity ?? null);
    put(row, 1, 'amount', c ? (c.monetary ?? blankIfEmpty(c.rawMonetary)) : null, { numberFormat: 'euro' });
    put(row, 2, 'amount', c ? (c.inKind ?? blankIfEmpty(c.rawInKind)) : null, { numberFormat: 'euro' });
  }
  const cofinRows = count > 0 ? { first: firstCofin, last: row - 1 } : null;
  const cofinTotalRow = row;
  lineCells.COFIN_MONETARY_TOTAL = { row, col: 1 };
  lineCells.COFIN_IN_KIND_TOTAL = { row, col: 2 };
  put(row, 0, 'total', 'TOTALE');
  for (const [col, code] of [[1, 'COFIN_MONETARY_TOTAL'], [2, 'COFIN_IN_KIND_TOTAL']] as const) {
    const line = budget && lineOf(budget, code);
    // From the header row down, so a row inserted right under the header is summed too (SUM skips text).
    const range = `${a1({ row: cofinHeader, col })}:${a1({ row: row - 1, col })}`;
    if (budget) put(row, col, 'amount', line ? (line.amount ?? blankIfEmpty(line.raw)) : null, { numberFormat: 'euro' });
    else put(row, col, 'amount', null, { formula: `SUM(${range})`, numberFormat: 'euro' });
  }
  if (!budget) {
    // In a template, COFINANZIAMENTO is the cofinancing table's two totals.
    const cofinCell = lineCells.COFINANCING!;
    const target = cells.find((c) => c.row === cofinCell.row && c.col === cofinCell.col)!;
    target.formula = `${a1(lineCells.COFIN_MONETARY_TOTAL)}+${a1(lineCells.COFIN_IN_KIND_TOTAL)}`;
  }

  let partnerRows: BudgetTabLayout['partnerRows'] = null;
  if (input.partnerRows && input.partnerRows > 0) {
    row += 2; // one blank row after the cofinancing table's TOTALE
    put(row, 0, 'header', PARTNER_HEADING);
    partnerRows = { heading: row, first: row + 1, last: row + input.partnerRows };
    for (let i = 0; i < input.partnerRows; i++) put(row + 1 + i, 0, 'entity', null);
    row += input.partnerRows + 1;
  } else {
    row++;
  }

  const cell = input.textAmounts ? textAmount : (ref: string) => ref;
  const range = input.textAmounts ? (ref: string) => `ARRAYFORMULA(${textAmount(ref)})` : (ref: string) => ref;
  const refs: FormulaRefs = {
    line: (code) => {
      const at = lineCells[code];
      return at ? cell(a1(at)) : null;
    },
    cofinMonetary: range(`${a1({ row: cofinHeader, col: 1 })}:${a1({ row: cofinTotalRow - 1, col: 1 })}`),
    cofinInKind: range(`${a1({ row: cofinHeader, col: 2 })}:${a1({ row: cofinTotalRow - 1, col: 2 })}`),
    profile,
  };
  const checks: CheckRow[] = [];
  put(headerRow, COL.checkLabel, 'header', 'Controllo');
  put(headerRow, COL.checkValue, 'header', 'Valore calcolato');
  put(headerRow, COL.checkVerdict, 'header', 'Esito');
  let checkRow = headerRow + 1;
  for (const rule of RULES) {
    const formula = rule.formula?.(refs) ?? null;
    if (formula === null) continue;
    const measure = rule.measure?.(refs) ?? null;
    const valueCell = measure === null ? null : { row: checkRow, col: COL.checkValue };
    const verdictCell = { row: checkRow, col: COL.checkVerdict };
    put(checkRow, COL.checkLabel, 'check-label', rule.title.it);
    if (valueCell) put(valueCell.row, valueCell.col, 'check-value', null, { formula: measure!, numberFormat: 'euro' });
    put(verdictCell.row, verdictCell.col, 'check-verdict', null, {
      formula: `IF(${formula},"${VERDICT_OK}","${VERDICT_KO}")`,
    });
    checks.push({ ruleId: rule.id, label: rule.title.it, valueCell, verdictCell, formula, measure });
    checkRow++;
  }

  const rowCount = Math.max(row, checkRow + 1);
  return { cells, rowCount, colCount: COL.checkVerdict + 1, statusCell, assignedCell, lineCells, cofinRows, cofinTotalRow, partnerRows, checks };
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
