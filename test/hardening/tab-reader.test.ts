// The add-on's tab reader on random grids: junk text, numbers, numbers as strings, blank rows,
// the template's labels moved, merged regions read as blanks. Nothing throws, and every finding
// and mark points at a cell inside the grid (its rectangular bounds, as a sheet's data range).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judge } from '../../addon/verdict.js';
import type { CellValue } from '../../shared/amounts.js';
import { readBudget, type Grid } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import { Budget, Finding, type CellRef } from '../../shared/model.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';

const SEED = 2_020_2021;

const LABELS = [
  'PIANO DEI CONTI DEL PROGETTO', 'Voce di costo', 'Importo',
  'A. Costi di personale interno ed esterno',
  'di cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto (max 15% del costo totale di progetto)',
  'B. Costo di acquisto, noleggio, leasing di beni o software', 'C. Costo di acquisto di servizi',
  'D. Costi relativi ad erogazione voucher/rimborsi', 'E. Spese generali di funzionamento e gestione', 'TOTALE',
  'di cui CONTRIBUTO RICHIESTO', 'di cui COFINANZIAMENTO (min 30%)', 'ENTE', 'COFINANZIAMENTO MONETARIO',
  'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA', 'Contributo assegnato', 'COMUNE DI MANTOVA', 'LUBIAM',
];

/** The template as a lead would fill it in. */
function template(): CellValue[][] {
  return [
    ['PIANO DEI CONTI DEL PROGETTO'],
    ['Voce di costo', 'Importo'],
    [LABELS[3]!, '€ 13.378,00'],
    [LABELS[4]!, '€ 5.208,00'],
    [LABELS[5]!, 0],
    [LABELS[6]!, 31500],
    [LABELS[7]!, '40.000,00 €'],
    [LABELS[8]!, '€ -----'],
    ['TOTALE', '€ 84.878,00'],
    [LABELS[10]!, '€ 40.000'],
    [LABELS[11]!, 44878],
    [],
    ['ENTE', 'COFINANZIAMENTO MONETARIO', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA'],
    ['COMUNE DI MANTOVA', '0 €', '2.000,00 €'],
    ['LUBIAM', 7245, 0],
    ['TOTALE', '7.245,00 €', '2.000,00 €'],
  ];
}

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e9, max: 1e9 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -0, 1e21, 0.005) },
  { weight: 2, arbitrary: fc.integer({ min: -1e7, max: 1e8 }).map((n) => `€ ${(n / 100).toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`) },
  { weight: 2, arbitrary: fc.constantFrom('1.234,56', '€ 5.000,00 (finanziamento) € 9.142,85 (cof) € 14.142,85 (Totale)', '-----', 'non richiesto', '=SUM(B3:B8)', '#REF!', '', ' ') },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 3, arbitrary: fc.constantFrom(null, undefined, '') }, // blanks and merged regions
);

type Edit =
  | { kind: 'set'; r: number; c: number; v: CellValue }
  | { kind: 'blankRow'; r: number }
  | { kind: 'dropRow'; r: number }
  | { kind: 'moveLabel'; from: number; to: number; c: number }
  | { kind: 'merge'; r: number; c: number; w: number; h: number }
  | { kind: 'shift'; r: number; by: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), r: fc.nat(25), c: fc.nat(6), v: cell }),
  fc.record({ kind: fc.constant('blankRow' as const), r: fc.nat(25) }),
  fc.record({ kind: fc.constant('dropRow' as const), r: fc.nat(25) }),
  fc.record({ kind: fc.constant('moveLabel' as const), from: fc.nat(25), to: fc.nat(25), c: fc.nat(4) }),
  fc.record({ kind: fc.constant('merge' as const), r: fc.nat(25), c: fc.nat(4), w: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('shift' as const), r: fc.nat(25), by: fc.integer({ min: -2, max: 3 }) }),
);

function applyEdits(grid: CellValue[][], edits: Edit[]): CellValue[][] {
  const g = grid.map((r) => [...r]);
  for (const e of edits) {
    switch (e.kind) {
      case 'set':
        (g[e.r] ??= [])[e.c] = e.v;
        break;
      case 'blankRow':
        g.splice(Math.min(e.r, g.length), 0, []);
        break;
      case 'dropRow':
        g.splice(e.r, 1);
        break;
      case 'moveLabel': {
        const v = g[e.from]?.[0];
        if (g[e.from]) g[e.from]![0] = null;
        (g[e.to] ??= [])[e.c] = v;
        break;
      }
      case 'merge': // a merged region reads as its top-left value and blanks
        for (let r = e.r; r < e.r + e.h; r++) for (let c = e.c; c < e.c + e.w; c++) if (r !== e.r || c !== e.c) (g[r] ??= [])[c] = null;
        break;
      case 'shift': {
        const row = g[e.r];
        if (row) g[e.r] = e.by >= 0 ? [...Array(e.by).fill(null), ...row] : row.slice(-e.by);
        break;
      }
    }
  }
  // Holes left by sparse writes are undefined, as a ragged grid would have; rows too.
  return Array.from(g, (r) => Array.from(r ?? [], (v) => v));
}

const grids: fc.Arbitrary<{ grid: CellValue[][]; rect: boolean }> = fc.record({
  grid: fc.oneof(
    { weight: 3, arbitrary: fc.array(edit, { maxLength: 12 }).map((es) => applyEdits(template(), es)) },
    { weight: 1, arbitrary: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 30 }) },
  ),
  rect: fc.boolean(),
});

function rectangular(grid: CellValue[][]): CellValue[][] {
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, c) => (r[c] === undefined ? '' : r[c])));
}

/** Inside the grid's rectangle: a sheet trimmed to its data has no cell beyond it. */
function inside(grid: Grid, p: CellRef): boolean {
  const width = Math.max(0, ...grid.map((r) => r.length));
  return Number.isInteger(p.row) && Number.isInteger(p.col) && p.row >= 0 && p.col >= 0 && p.row < grid.length && p.col < width;
}

describe('the tab reader on random grids', () => {
  it('never throws, and every finding, mark and read cell lies inside the grid', () => {
    const rules = new Set<string>();
    let budgets = 0;
    fc.assert(
      fc.property(grids, ({ grid: raw, rect }) => {
        const grid: Grid = rect ? rectangular(raw) : raw;
        const budget = readBudget(grid);
        expect(Budget.safeParse(budget).success).toBe(true);
        const { findings } = checkBudget(budget, DEFAULT_PROFILE);
        for (const f of findings) {
          expect(Finding.safeParse(f).success).toBe(true);
          rules.add(f.rule);
          for (const p of f.at) if ('row' in p) expect(inside(grid, p), `${f.rule} at ${JSON.stringify(p)}`).toBe(true);
        }
        for (const l of budget.lines) for (const p of [l.cell, l.labelCell]) expect(inside(grid, p), `${l.code} at ${JSON.stringify(p)}`).toBe(true);
        for (const pr of budget.problems) expect(inside(grid, pr.cell), `${pr.kind} at ${JSON.stringify(pr.cell)}`).toBe(true);
        const verdict = judge(grid);
        if (verdict) {
          budgets++;
          for (const m of verdict.marks) expect(inside(grid, m), `mark at ${JSON.stringify(m)}`).toBe(true);
          expect(verdict.statusCell.row).toBeLessThan(Math.max(grid.length, 1));
        }
      }),
      { seed: SEED, numRuns: 3_000 },
    );
    console.log(`[tab reader] 3000 grids, ${budgets} read as budgets; rules: ${[...rules].sort().join(', ')}`);
    expect(budgets).toBeGreaterThan(500);
  }, 120_000);
});
