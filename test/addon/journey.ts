// What a lead does and what the tab shows, for tests written as the user's journey on the
// BUILT add-on: type into cells (Sheets then fires onEdit), and read back the tab as a person
// sees it — the status, the Rilievi column, the coloured cells — and everything else on it.
import { layoutBudgetTab, type BudgetTabLayout } from '../../shared/budget-layout.js';
import type { LineCode } from '../../shared/model.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { a1Of, type Env, type FakeSheet } from './fake-spreadsheet.js';
import { isSheetCall, type Addon } from './harness.js';

/** The add-on's template, as newBudgetTab draws it. */
export const TEMPLATE: BudgetTabLayout = layoutBudgetTab({
  profile: DEFAULT_PROFILE, title: 'Progetto (titolo)', templateRows: 5, partnerRows: 8, textAmounts: true,
});
export const at = (cell: { row: number; col: number }) => a1Of(cell.row, cell.col);
export const LINE = (code: LineCode) => at(TEMPLATE.lineCells[code]!);
export const STATUS = at(TEMPLATE.statusCell);
/** The Rilievi column of a template tab: one empty column right of the checks. */
export const RILIEVI_COL = TEMPLATE.colCount + 1;
export const cofinRow = (i: number) => TEMPLATE.cofinRows!.first + i; // 0-based
export const partnerRow = (i: number) => TEMPLATE.partnerRows!.first + i; // 0-based
export const COLOURS = { error: '#f4c7c3', warning: '#fce8b2', info: '#c9daf8' } as const;

/** The user types a value (or pastes a block); Sheets fires onEdit. Calls are counted from here. */
export function type(env: Env, addon: Addon, sheet: FakeSheet, a1: string, value: string | number | Date): void {
  sheet.getRange(a1).setValue(value);
  env.reset();
  addon.onEdit(env.editEvent(sheet, a1, value));
}

/** The user types text Sheets keeps as text (as after a leading apostrophe), then onEdit. */
export function typeText(env: Env, addon: Addon, sheet: FakeSheet, a1: string, text: string): void {
  sheet.getRange(a1).setValue(`'${text}`);
  env.reset();
  addon.onEdit(env.editEvent(sheet, a1, text));
}

export function sheetCalls(env: Env): string[] {
  return env.calls.filter(isSheetCall);
}

export function newTab(env: Env, addon: Addon): FakeSheet {
  addon.newBudgetTab();
  return env.spreadsheet.active;
}

/** A clean budget of 50.000 € with two cofinancers, typed cell by cell. */
export function fillClean(env: Env, addon: Addon, sheet: FakeSheet): void {
  const amounts: [string, number][] = [
    [LINE('A'), 20000], [LINE('A_coord'), 3000], [LINE('B'), 0], [LINE('C'), 10000], [LINE('D'), 15000], [LINE('E'), 5000],
  ];
  for (const [cell, v] of amounts) type(env, addon, sheet, cell, v);
  type(env, addon, sheet, a1Of(cofinRow(0), 0), 'Comune di Mantova');
  type(env, addon, sheet, a1Of(cofinRow(0), 1), 10000);
  type(env, addon, sheet, a1Of(cofinRow(1), 0), 'Cooperativa Sociale Il Ponte');
  type(env, addon, sheet, a1Of(cofinRow(1), 2), 5000);
}

export interface Shown {
  /** The status cell of a template tab ("Esito dei controlli"). */
  status: unknown;
  /** The Rilievi column's non-empty cells, by A1 address. */
  rilievi: Record<string, string>;
  /** Cells left of the Rilievi column that a viewer sees coloured, with their colour. */
  coloured: Record<string, string>;
}

/** What the lead sees on a tab: status, Rilievi column, coloured cells. */
export function shown(sheet: FakeSheet, col = RILIEVI_COL, statusA1: string | null = STATUS): Shown {
  const values = sheet.getDataRange().getValues();
  const rilievi: Record<string, string> = {};
  values.forEach((row, r) => {
    if (row[col] !== undefined && row[col] !== '') rilievi[a1Of(r, col)] = String(row[col]);
  });
  const coloured: Record<string, string> = {};
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < col; c++) {
      const bg = sheet._effectiveBackground(a1Of(r, c));
      if (bg !== sheet._cell(r, c).background) coloured[a1Of(r, c)] = bg;
    }
  }
  return { status: statusA1 ? sheet.getRange(statusA1).getValue() : null, rilievi, coloured };
}

/**
 * Everything on a tab the lead could own, over its first `cols` columns (all of them when not
 * given): values, formulas, notes, formats, and the conditional rules that are not ours.
 */
export function everything(sheet: FakeSheet, cols = sheet._extent().cols, rows = sheet._extent().rows) {
  const range = sheet.getRange(1, 1, Math.max(rows, 1), Math.max(cols, 1));
  return {
    values: range.getValues(),
    formulas: range.getFormulas(),
    notes: range.getNotes(),
    backgrounds: range.getBackgrounds(),
    formats: range.getNumberFormats(),
    weights: range.getFontWeights(),
    rules: sheet.rules.filter((r) => !ourRules(sheet).includes(r)).map((r) => ({ formula: r.formula, background: r.background, ranges: r.ranges })),
  };
}

/** Our highlight rules on a tab (their formula reads the Rilievi column). */
export function ourRules(sheet: FakeSheet) {
  return sheet.rules.filter((r) => r.formula !== null && r.formula.startsWith('=REGEXMATCH(') && r.formula.includes('SUBSTITUTE(ADDRESS(1,COLUMN(),4)'));
}
