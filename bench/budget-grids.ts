// Budget grids of any size, laid out as the add-on and the workbook lay them out.
import { layoutBudgetTab, layoutValues } from '../shared/budget-layout.js';
import type { CellValue } from '../shared/amounts.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';

/**
 * A clean budget with n cofinancer rows of 100,00 € each (monetary), as values a sheet
 * returns: numbers for amounts, strings for labels.
 */
export function budgetGrid(n: number): CellValue[][] {
  const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, title: `Bench ${n}`, templateRows: n });
  const grid: CellValue[][] = layoutValues(layout);
  const cofin = n * 100; // whole euros: exact as numbers
  // The requested contribution stays within the profile's maximum, so the budget is clean at
  // every size (uncapped, 1,000 rows and more raised contribution-max).
  const contribution = Math.min(cofin, Number(DEFAULT_PROFILE.contributionMax));
  const total = cofin + contribution;
  const set = (code: keyof typeof layout.lineCells, v: number) => {
    const c = layout.lineCells[code]!;
    grid[c.row]![c.col] = v;
  };
  set('A', total / 2);
  set('A_coord', Math.floor((total * 0.1) / 2));
  set('B', 0);
  set('C', total / 2);
  set('D', 0);
  set('E', 0);
  set('TOTAL', total);
  set('CONTRIBUTION', contribution);
  set('COFINANCING', cofin);
  for (let r = layout.cofinRows!.first, i = 0; r <= layout.cofinRows!.last; r++, i++) {
    grid[r]![0] = `Partner ${i + 1}`;
    grid[r]![1] = 100;
    grid[r]![2] = 0;
  }
  set('COFIN_MONETARY_TOTAL', cofin);
  set('COFIN_IN_KIND_TOTAL', 0);
  return grid;
}
