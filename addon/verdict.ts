// From a tab's values to what the add-on shows: whether the tab is a budget at all, its
// findings in the user's language, and the Rilievi column's text row by row. Pure, so the whole
// decision is testable without a spreadsheet.
import type { CellValue } from '../shared/amounts.js';
import { hasBudgetShape, readBudget, readPartnerList, textsOf, type Grid } from '../shared/budget-reader.js';
import { checkBudget } from '../shared/check-budget.js';
import { countBySeverity } from '../shared/engine.js';
import type { Budget, CellRef, Finding, Partner, Severity } from '../shared/model.js';
import { renderFinding } from '../shared/findings/render.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';
import { a1 } from '../shared/budget-layout.js';
import { blankOurs, cellText, findColumn, headerText, line, newColumnAt, SEVERITIES, type Column } from './findings-column.js';
import { SEVERITY_LABEL, statusLine, strings, type Lang } from './i18n.js';

export interface TabView {
  /** The values with our column's text blanked: what the lead's budget is made of. */
  grid: CellValue[][];
  /** Our column, when the tab has one. */
  column: Column | null;
}

/** Separate our column from the lead's cells. The grid is changed in place. */
export function viewOf(values: CellValue[][]): TabView {
  const column = findColumn(values);
  if (column) blankOurs(values, column);
  return { grid: values, column };
}

/** The tab's budget when it has a budget's shape, else null: such a tab is never written to. */
export function budgetOf(grid: Grid): Budget | null {
  const texts = textsOf(grid);
  const budget = readBudget(grid, {}, texts);
  return hasBudgetShape(grid, budget, texts) ? budget : null;
}

export interface Mark extends CellRef {
  severity: Severity;
}

export interface Verdict {
  budget: Budget;
  findings: Finding[];
  /** Every cell a finding points at, with its worst severity: what the highlight rules colour. */
  marks: Mark[];
  /** Where the status line is shown: the top of the Rilievi column. */
  statusCell: CellRef;
  /** Each finding's text in the user's language. */
  messages: string[];
  status: string;
  /** The Rilievi column, row by row from the top; trailing empty rows left out. */
  column: string[];
}

function partnersOf(grid: Grid): Partner[] {
  return readPartnerList(grid).map((p, i) => ({
    seq: i + 1, name: p.name, type: '', role: '', referent: '', email: '', phone: '', line: p.cell.row + 1,
  }));
}

function isCell(p: Finding['at'][number]): p is CellRef {
  return 'row' in p && 'col' in p;
}

/** A finding's text in the user's language, worded for a sheet (the lead can retype a cell). */
function messageOf(f: Finding, lang: Lang): string {
  return renderFinding(f, lang, 'sheet').message;
}

/**
 * The verdict on a tab's grid (our column already blanked), or null when it is no budget.
 * `col` is where our column is or will be.
 */
export function judge(grid: Grid, lang: Lang = 'it', col = newColumnAt(grid)): Verdict | null {
  const budget = budgetOf(grid);
  if (!budget) return null;
  const { findings } = checkBudget(budget, DEFAULT_PROFILE, { partners: partnersOf(grid) });
  const messages = findings.map((f) => messageOf(f, lang));
  const status = statusLine(countBySeverity(findings), lang);

  // Lines by row: the full text on the finding's first cell, a pointer to it on its other cells.
  const rows = new Map<number, string[]>();
  const add = (row: number, text: string) => {
    const list = rows.get(row);
    if (list) {
      if (!list.includes(text)) list.push(text);
    } else rows.set(row, [text]);
  };
  const loose: string[] = [];
  const marks = new Map<string, Mark>();
  for (const severity of SEVERITIES) {
    findings.forEach((f, i) => {
      if (f.severity !== severity) return;
      const text = `${SEVERITY_LABEL[lang][severity]}: ${messages[i]}`;
      const cells = f.at.filter(isCell);
      for (const c of cells) if (!marks.has(`${c.row}:${c.col}`)) marks.set(`${c.row}:${c.col}`, { row: c.row, col: c.col, severity });
      if (cells.length === 0) return void loose.push(line(null, severity, text));
      const first = cells[0]!;
      add(first.row, line(first, severity, text));
      for (const c of cells.slice(1)) add(c.row, line(c, severity, `(${strings(lang).see} ${a1(first)})`));
    });
  }
  let last = 0;
  for (const r of rows.keys()) if (r > last) last = r;
  const column: string[] = [];
  for (let r = 0; r <= last; r++) {
    const lines = rows.get(r) ?? [];
    column.push(cellText(r === 0 ? [headerText(lang, status), ...loose, ...lines] : lines));
  }
  while (column.length > 1 && column[column.length - 1] === '') column.pop();
  const sorted = [...marks.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  return { budget, findings, marks: sorted, statusCell: { row: 0, col }, messages, status, column };
}
