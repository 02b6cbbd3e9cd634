// The add-on: the built script's size, the spreadsheet service calls one onEdit makes on a
// budget tab (the built bundle run in node:vm against the counting fake of test/addon), and
// the core's time per edit (read and check of the tab's grid) as the tab grows.
import { statSync } from 'node:fs';
import { judge } from '../addon/verdict.js';
import { layoutBudgetTab, layoutValues } from '../shared/budget-layout.js';
import { readBudget } from '../shared/budget-reader.js';
import { checkBudget } from '../shared/check-budget.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';
import { a1Of, type Env, type FakeSheet } from '../test/addon/fake-spreadsheet.js';
import { CODE, ensureBuilt, isSheetCall, setup, type Addon } from '../test/addon/harness.js';
import { budgetGrid } from './budget-grids.js';
import { timeIt } from './stats.js';

export function scriptBytes(): number {
  ensureBuilt();
  return statSync(CODE).size;
}

export interface EditCalls {
  /** Spreadsheet service calls (SpreadsheetApp, Spreadsheet, Sheet, Range, RangeList). */
  sheet: number;
  /** LockService.getDocumentLock, Lock.tryLock, Lock.releaseLock. */
  lock: number;
  calls: string[];
}

/** A template tab with n cofinancer rows, filled by a lead: a clean budget of 50,000 €. */
function bigTab(env: Env, n: number): { sheet: FakeSheet; cell: (code: 'A_coord' | 'C') => string; status: string } {
  const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, templateRows: n });
  const sheet = env.spreadsheet.insertSheet(`Piano ${n}`);
  const grid: (string | number | null)[][] = layoutValues(layout).map((row) => [...row]);
  for (const c of layout.cells) if (c.formula) grid[c.row]![c.col] = `=${c.formula}`;
  // 15,000 € of cofinancing in all (30% of the total), spread over the n rows.
  for (let i = 0; i < n; i++) {
    grid[layout.cofinRows!.first + i]![0] = `Ente ${i + 1}`;
    grid[layout.cofinRows!.first + i]![1] = 15000 / n;
  }
  sheet._fill(grid);
  const lines: [keyof typeof layout.lineCells, number][] = [['A', 20000], ['A_coord', 3000], ['B', 0], ['C', 10000], ['D', 15000], ['E', 5000]];
  for (const [code, v] of lines) sheet._fill([[v]], layout.lineCells[code]!.row, layout.lineCells[code]!.col);
  const at = (c: { row: number; col: number }) => a1Of(c.row, c.col);
  return { sheet, cell: (code) => at(layout.lineCells[code]!), status: at(layout.statusCell) };
}

function edit(env: Env, addon: Addon, sheet: FakeSheet, a1: string, value: number): EditCalls {
  sheet.getRange(a1).setValue(value);
  const e = env.editEvent(sheet, a1, value);
  env.reset();
  addon.onEdit(e);
  const calls = [...env.calls];
  return { sheet: calls.filter(isSheetCall).length, lock: calls.filter((c) => /^(LockService|Lock)\./.test(c)).length, calls };
}

/**
 * Calls of one onEdit on a tab of n cofinancer rows: one that changes the verdict (coordination
 * raised above 15%: highlights, notes and status are written) and one that does not.
 */
export function callsPerEdit(n: number): { changing: EditCalls; unchanged: EditCalls; statusAfter: string } {
  ensureBuilt();
  const { env, addon } = setup();
  const tab = bigTab(env, n);
  edit(env, addon, tab.sheet, tab.cell('C'), 10000); // first check: the status is written
  const ok = String(tab.sheet.getRange(tab.status).getValue());
  if (ok !== 'Nessun rilievo') throw new Error(`bench: the ${n}-row tab is not clean (${ok})`);
  const changing = edit(env, addon, tab.sheet, tab.cell('A_coord'), 9000);
  const statusAfter = String(tab.sheet.getRange(tab.status).getValue());
  if (statusAfter === ok) throw new Error(`bench: raising coordination on the ${n}-row tab did not change the verdict`);
  edit(env, addon, tab.sheet, tab.cell('A_coord'), 3000); // back to clean
  const unchanged = edit(env, addon, tab.sheet, tab.cell('C'), 9999);
  return { changing, unchanged, statusAfter };
}

/** Median ms of the core of one edit on an n-row grid: readBudget + checkBudget (and judge). */
export function coreMsPerEdit(n: number): { core: number; judge: number } {
  const grid = budgetGrid(n);
  const check = checkBudget(readBudget(grid), DEFAULT_PROFILE);
  if (check.findings.length > 0 || readBudget(grid).cofinancers.length !== n) {
    throw new Error(`bench: the ${n}-row budget grid is not read as a clean budget of ${n} cofinancers`);
  }
  const opts = { warmup: 3, runs: 9, minMs: 25 };
  return {
    core: timeIt(() => void checkBudget(readBudget(grid), DEFAULT_PROFILE), opts),
    judge: timeIt(() => void judge(grid), opts),
  };
}
