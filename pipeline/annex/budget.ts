// The budget part of a project: "PIANO DEI CONTI" and the cofinancing table. Its table rows
// become a grid for the shared reader (the same one the add-on uses on a sheet); each grid row
// remembers its source line so that findings can point back at the annex.
import type { CellValue } from '../../shared/amounts.js';
import { readBudget, type ReadLimits } from '../../shared/budget-reader.js';
import {
  budgetCodesOf, cofinColumnOf, isAmountHeader, isBudgetHeading, isEntityHeader,
} from '../../shared/labels.js';
import { lineOf, type Budget, type Finding, type Position } from '../../shared/model.js';
import { readAmount } from '../../shared/amounts.js';
import { visibleText } from '../../shared/text.js';
import type { ExtraTable } from '../records.js';
import type { AnnexDocument } from './document.js';
import { rowsBetween, type TableRow } from './tables.js';

export interface BudgetPart {
  budget: Budget;
  rowLines: number[];
  /** Lines the budget occupies (its rows, in its span). */
  lines: number[];
  extraTables: ExtraTable[];
  /** Rows inside the budget the reader neither used nor reported. */
  unused: { line: number; text: string }[];
}

function firstLabel(row: TableRow): string {
  return visibleText(row.cells.find((c) => visibleText(c) !== '') ?? '');
}

function startsBudget(row: TableRow): boolean {
  const label = firstLabel(row);
  return isBudgetHeading(label) || budgetCodesOf(label).length > 0;
}

function isStructureRow(row: TableRow): boolean {
  return row.cells.some((c) => {
    const t = visibleText(c);
    return isBudgetHeading(t) || isAmountHeader(t) || isEntityHeader(t) || cofinColumnOf(t) !== null;
  });
}

export function readBudgetPart(doc: AnnexDocument, from: number, to: number, claimed: ReadonlySet<number>, limits: ReadLimits = {}): BudgetPart {
  const rows = rowsBetween(doc.tables, from, to).filter((r) => !claimed.has(r.line));
  const start = rows.findIndex(startsBudget);
  const gridRows = start < 0 ? [] : rows.slice(start);
  const grid: CellValue[][] = gridRows.map((r) => r.cells);
  const budget = readBudget(grid, limits);
  const rowLines = gridRows.map((r) => r.line);
  const inSpan = budget.span ? gridRows.slice(budget.span[0], budget.span[1] + 1) : [];
  const lines = inSpan.flatMap((r) => r.lines);

  const used = new Set<number>();
  for (const l of budget.lines) used.add(l.labelCell.row).add(l.cell.row);
  for (const c of budget.cofinancers) used.add(c.entityCell.row);
  for (const p of budget.problems) used.add(p.cell.row);
  const unused: BudgetPart['unused'] = [];
  if (budget.span) {
    for (let r = budget.span[0]; r <= budget.span[1]; r++) {
      const row = gridRows[r]!;
      if (!used.has(r) && !isStructureRow(row) && row.cells.some((c) => visibleText(c) !== '')) {
        unused.push({ line: row.line, text: row.cells.join(' | ') });
      }
    }
  }

  // Tables after the budget (2.6's breakdown by action) are kept whole.
  const after = budget.span ? gridRows.slice(budget.span[1] + 1) : [];
  const extraTables: ExtraTable[] = [];
  let currentTable = -1;
  for (const row of after) {
    const cells = row.cells.map((c) => visibleText(c));
    if (row.table !== currentTable) {
      currentTable = row.table;
      extraTables.push({ header: cells, rows: [], line: row.line });
    } else extraTables[extraTables.length - 1]!.rows.push({ cells, line: row.line });
    lines.push(...row.lines);
  }
  unused.push(...unreadCofinancing(budget, after));
  return { budget, rowLines, lines, extraTables, unused };
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
    .map((row) => ({ line: row.line, text: row.cells.map((c) => visibleText(c)).join(' | ') }));
}

/** Grid positions -> source lines; a finding with no position points at the fallback line. */
export function findingsToLines(findings: readonly Finding[], rowLines: readonly number[], fallback: number): Finding[] {
  return findings.map((f) => {
    const at: Position[] = f.at.map((p) => ('line' in p ? p : { line: rowLines[p.row] ?? fallback }));
    const unique = at.filter((p, i) => at.findIndex((q) => 'line' in q && 'line' in p && q.line === p.line) === i);
    return { ...f, at: unique.length > 0 ? unique : [{ line: fallback }] };
  });
}
