// From a tab's values to what the add-on shows: which cells to mark, what their notes say,
// and the status line. Pure, so the whole decision is testable without a spreadsheet.
import type { CellValue } from '../shared/amounts.js';
import { STATUS_LABEL } from '../shared/budget-layout.js';
import { readBudget, type Grid } from '../shared/budget-reader.js';
import { checkBudget } from '../shared/check-budget.js';
import { countBySeverity } from '../shared/engine.js';
import type { Budget, CellRef, Finding, Severity } from '../shared/model.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';
import { foldText } from '../shared/text.js';
import { SEVERITY_LABEL_IT, statusLine } from './i18n.js';

export interface CellMark extends CellRef {
  severity: Severity;
  /** Italian reasons, one per finding that points at this cell. */
  reasons: string[];
}

export interface Verdict {
  budget: Budget;
  findings: Finding[];
  marks: CellMark[];
  status: string;
  statusCell: CellRef;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const STATUS_FOLDED = foldText(STATUS_LABEL);
// Every text statusLine can produce, so a status cell we wrote earlier is known to be ours.
const OUR_STATUS = /^(Nessun rilievo|\d+ (errore|errori|avviso|avvisi|nota|note)(, \d+ (avviso|avvisi|nota|note))*)$/;

function isCell(p: Finding['at'][number]): p is CellRef {
  return 'row' in p && 'col' in p;
}

function text(v: CellValue): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Where the status line goes: beside "Esito dei controlli", else beside the budget heading. */
export function statusCellOf(grid: Grid, budget: Budget): CellRef {
  const top = budget.span ? budget.span[0] : grid.length;
  for (let r = 0; r <= top && r < grid.length; r++) {
    const row = grid[r]!;
    for (let c = 0; c < row.length; c++) {
      if (typeof row[c] === 'string' && foldText(row[c] as string) === STATUS_FOLDED) return { row: r, col: c + 1 };
    }
  }
  // Without the label, only a cell that is empty or already holds our own status is ours to write.
  const row = grid[top] ?? [];
  let c = row.findIndex((v) => text(v).trim() !== '') + 1;
  while (c < row.length && text(row[c]).trim() !== '' && !OUR_STATUS.test(text(row[c]))) c++;
  return { row: top, col: Math.max(c, 1) };
}

export function isOurStatus(value: CellValue): boolean {
  return OUR_STATUS.test(text(value));
}

/** null when the grid holds no budget: the tab is not a budget tab. */
export function judge(grid: Grid): Verdict | null {
  const budget = readBudget(grid);
  if (budget.span === null) return null;
  const { findings } = checkBudget(budget, DEFAULT_PROFILE);
  const byCell = new Map<string, CellMark>();
  for (const f of findings) {
    for (const p of f.at) {
      if (!isCell(p)) continue;
      const key = `${p.row}:${p.col}`;
      const reason = `${SEVERITY_LABEL_IT[f.severity]}: ${f.message.it}`;
      const mark = byCell.get(key);
      if (!mark) byCell.set(key, { row: p.row, col: p.col, severity: f.severity, reasons: [reason] });
      else {
        if (!mark.reasons.includes(reason)) mark.reasons.push(reason);
        if (RANK[f.severity] < RANK[mark.severity]) mark.severity = f.severity;
      }
    }
  }
  const marks = [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  return { budget, findings, marks, status: statusLine(countBySeverity(findings)), statusCell: statusCellOf(grid, budget) };
}
