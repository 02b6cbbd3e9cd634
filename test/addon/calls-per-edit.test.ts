// Issue 12, point 8: the service calls one edit costs on a budget tab, for an edit that leaves
// the verdict as it was and one that changes it: at most 4, the same at 10, 1,000 and 5,000
// cofinancer rows. Journeys on the BUILT add-on. The add-on's own time per edit is the bench's
// (`npm run bench`: addon.coreMsPerEdit), never a timed test.
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutBudgetTab, layoutValues } from '../../shared/budget-layout.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { a1Of, type Env, type FakeSheet } from './fake-spreadsheet.js';
import { ensureBuilt, setup, type Addon } from './harness.js';
import { sheetCalls, shown } from './journey.js';

beforeAll(() => ensureBuilt());

/** A template tab with n cofinancers, filled by a lead: clean, 15.000 € of cofinancing. */
function bigTab(env: Env, n: number) {
  const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, templateRows: n, partnerRows: 8, textAmounts: true });
  const sheet = env.spreadsheet.insertSheet(`Piano ${n}`);
  const grid: (string | number | null)[][] = layoutValues(layout).map((row) => [...row]);
  for (const c of layout.cells) if (c.formula) grid[c.row]![c.col] = `=${c.formula}`;
  for (let i = 0; i < n; i++) {
    grid[layout.cofinRows!.first + i]![0] = `Ente ${i + 1}`;
    grid[layout.cofinRows!.first + i]![1] = 15000 / n;
  }
  sheet._fill(grid);
  const lines = [['A', 20000], ['A_coord', 3000], ['B', 0], ['C', 10000], ['D', 15000], ['E', 5000]] as const;
  for (const [code, v] of lines) sheet._fill([[v]], layout.lineCells[code]!.row, 1);
  const cell = (code: 'A_coord' | 'C') => a1Of(layout.lineCells[code]!.row, 1);
  return { sheet, cell, col: layout.colCount + 1 };
}

function edit(env: Env, addon: Addon, sheet: FakeSheet, a1: string, value: number) {
  sheet.getRange(a1).setValue(value);
  const e = env.editEvent(sheet, a1, value);
  env.reset();
  addon.onEdit(e);
  return { calls: sheetCalls(env) };
}

describe('an edit on a budget tab', () => {
  it.each([10, 1000, 5000])('costs 2 calls when the verdict stays, 4 when it changes, at %i rows', (n) => {
    const { env, addon } = setup();
    const tab = bigTab(env, n);
    edit(env, addon, tab.sheet, tab.cell('C'), 10000); // the first check puts the Rilievi column in place
    expect(shown(tab.sheet, tab.col, null).rilievi).toEqual({ J1: 'Rilievi · Nessun rilievo' });

    const changed = edit(env, addon, tab.sheet, tab.cell('A_coord'), 9000);
    expect(changed.calls).toEqual(['Range.getSheet', 'Sheet.getSheetValues', 'Sheet.getRange', 'Range.setValues']);
    expect(shown(tab.sheet, tab.col, null).rilievi.J1).toBe('Rilievi · 1 errore');
    const back = edit(env, addon, tab.sheet, tab.cell('A_coord'), 3000);
    expect(back.calls).toHaveLength(4);
    const same = edit(env, addon, tab.sheet, tab.cell('C'), 9999);
    expect(same.calls).toEqual(['Range.getSheet', 'Sheet.getSheetValues']);
  }, 60_000);
});
