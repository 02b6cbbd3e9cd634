// The add-on: the built script's size, the spreadsheet service calls one onEdit makes on a
// budget tab (the built bundle run in node:vm against the counting fake of test/addon), the
// add-on's own time per edit on that tab (the onEdit's wall time less the time spent inside
// the fake's services), and the core's time per edit (read and check of the tab's grid) as the
// tab grows. `npx tsx bench/addon.ts` prints the calls and times for 10 to 5,000 rows.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judge } from '../addon/verdict.js';
import { layoutBudgetTab, layoutValues } from '../shared/budget-layout.js';
import { readBudget } from '../shared/budget-reader.js';
import { checkBudget } from '../shared/check-budget.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';
import { a1Of, type Env, type FakeSheet } from '../test/addon/fake-spreadsheet.js';
import { CODE, ensureBuilt, isSheetCall, setup, type Addon } from '../test/addon/harness.js';
import { budgetGrid } from './budget-grids.js';
import { median, timeIt } from './stats.js';

export function scriptBytes(): number {
  ensureBuilt();
  return statSync(CODE).size;
}

export interface EditCalls {
  /** Spreadsheet service calls (SpreadsheetApp, Spreadsheet, Sheet, Range, RangeList). */
  sheet: number;
  /** LockService.getDocumentLock, Lock.tryLock, Lock.releaseLock. */
  lock: number;
  /** Any other service call (Session, CacheService, ScriptApp, builders). */
  other: number;
  /** The add-on's own milliseconds in this onEdit: wall time less the fake services' time. */
  ms: number;
  calls: string[];
}

/**
 * A tab as the add-on's template draws it (text-aware checks, partner list), with n
 * cofinancer rows, filled by a lead: a clean budget of 50,000 €.
 */
function bigTab(env: Env, n: number): { sheet: FakeSheet; cell: (code: 'A_coord' | 'C') => string; status: string } {
  const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, templateRows: n, partnerRows: 8, textAmounts: true });
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
  // The add-on's status line is the top cell of its Rilievi column, one column right of the layout.
  return { sheet, cell: (code) => at(layout.lineCells[code]!), status: at({ row: 0, col: layout.colCount + 1 }) };
}

function edit(env: Env, addon: Addon, sheet: FakeSheet, a1: string, value: number): EditCalls {
  sheet.getRange(a1).setValue(value);
  const e = env.editEvent(sheet, a1, value);
  env.reset();
  env.serviceMs = 0;
  const started = performance.now();
  addon.onEdit(e);
  const ms = performance.now() - started - env.serviceMs;
  const calls = [...env.calls];
  const lock = calls.filter((c) => /^(LockService|Lock)\./.test(c)).length;
  const sheetCalls = calls.filter(isSheetCall).length;
  return { sheet: sheetCalls, lock, other: calls.length - sheetCalls - lock, ms, calls };
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
  if (ok !== 'Rilievi · Nessun rilievo') throw new Error(`bench: the ${n}-row tab is not clean (${ok})`);
  const changing = edit(env, addon, tab.sheet, tab.cell('A_coord'), 9000);
  const statusAfter = String(tab.sheet.getRange(tab.status).getValue());
  if (statusAfter === ok) throw new Error(`bench: raising coordination on the ${n}-row tab did not change the verdict`);
  edit(env, addon, tab.sheet, tab.cell('A_coord'), 3000); // back to clean
  const unchanged = edit(env, addon, tab.sheet, tab.cell('C'), 9999);
  return { changing, unchanged, statusAfter };
}

/**
 * The add-on's median milliseconds per edit on a tab of n cofinancer rows, over `runs` pairs of
 * edits that change the verdict (coordination raised, then lowered again) and `runs` that do
 * not (line C nudged and put back).
 */
function addonMsPerEdit(n: number, runs = 5): { changing: number; unchanged: number } {
  ensureBuilt();
  const { env, addon } = setup();
  const tab = bigTab(env, n);
  edit(env, addon, tab.sheet, tab.cell('C'), 10000);
  const changing: number[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i < runs; i++) {
    changing.push(edit(env, addon, tab.sheet, tab.cell('A_coord'), 9000).ms, edit(env, addon, tab.sheet, tab.cell('A_coord'), 3000).ms);
    unchanged.push(edit(env, addon, tab.sheet, tab.cell('C'), 9999).ms, edit(env, addon, tab.sheet, tab.cell('C'), 10000).ms);
  }
  return { changing: median(changing), unchanged: median(unchanged) };
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = [10, 1000, 5000];
  const out = rows.map((n) => {
    const c = callsPerEdit(n);
    const ms = addonMsPerEdit(n);
    return {
      rows: n,
      callsChanged: c.changing.sheet,
      callsUnchanged: c.unchanged.sheet,
      lockCalls: c.changing.lock,
      msChanged: Math.round(ms.changing * 10) / 10,
      msUnchanged: Math.round(ms.unchanged * 10) / 10,
    };
  });
  console.table(out);
  console.log('changed:', callsPerEdit(1000).changing.calls.filter(isSheetCall).join(', '));
  console.log('unchanged:', callsPerEdit(1000).unchanged.calls.filter(isSheetCall).join(', '));
}
