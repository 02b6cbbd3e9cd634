import { describe, expect, it } from 'vitest';
import { readAmount } from '../../shared/amounts.js';
import { readBudget } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import { validate } from '../../shared/engine.js';
import { COST_CODES, lineOf, type Budget, type LineCode } from '../../shared/model.js';
import { money, sum, toPlain } from '../../shared/money.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import {
  POST_AWARD_RULES, postAwardFindings, proposeReplan, REPLAN_STRATEGIES, replanFrame, replanNeeded, type ReplanResult,
} from '../../shared/replan/index.js';
import { RULES } from '../../shared/rules/index.js';
import { seedProjects } from '../fixtures/seed.js';

// Worked out by hand from the annex, not by the code under test.
//   new total = awarded + declared cofinancing (cofinancing unchanged)
//   ceiling   = 15% x new total      floor = 30% x new total
//   flagged   = declared coordination > ceiling
// | id  | requested | awarded   | cofinancing | new total | 15% ceiling | 30% floor  | coordination | flagged |
// | 2.1 | 40.000,00 | 34.800,00 | 44.878,00   | 79.678,00 | 11.951,70   | 23.903,40  | 5.208,00     | no      |
// | 2.2 | 23.000,00 | 15.180,00 | 17.000,00   | 32.180,00 |  4.827,00   |  9.654,00  | 5.000,00     | YES     |
// | 2.3 | 35.000,00 | 23.100,00 | 15.000,00   | 38.100,00 |  5.715,00   | 11.430,00  | not stated   | no      |
// | 2.4 | 40.000,00 | 34.800,00 | 27.500,00   | 62.300,00 |  9.345,00   | 18.690,00  | 6.500,00     | no      |
// | 2.5 | 40.000,00 | 20.038,40 | 17.142,85   | 37.181,25 |  5.577,1875 | 11.154,375 | 8.550,00     | YES     |
// | 2.6 | 40.000,00 | 26.400,00 | 20.000,00   | 46.400,00 |  6.960,00   | 13.920,00  | 2.750,00     | no      |
// | 2.7 | 20.000,00 | 17.400,00 | 16.000,00   | 33.400,00 |  5.010,00   | 10.020,00  | 5.300,00     | YES     |
// At the declared totals all three flagged ones fitted: 15% of 40.000 = 6.000 (2.2),
// of 57.142,85 = 8.571,43 (2.5), of 36.000 = 5.400 (2.7).
const TABLE = [
  { id: '2.1', requested: '40000.00', awarded: '34800.00', cofin: '44878.00', newTotal: '79678.00', ceiling: '11951.70', floor: '23903.40', coord: '5208.00', flagged: false },
  { id: '2.2', requested: '23000.00', awarded: '15180.00', cofin: '17000.00', newTotal: '32180.00', ceiling: '4827.00', floor: '9654.00', coord: '5000.00', flagged: true },
  { id: '2.3', requested: '35000.00', awarded: '23100.00', cofin: '15000.00', newTotal: '38100.00', ceiling: '5715.00', floor: '11430.00', coord: null, flagged: false },
  { id: '2.4', requested: '40000.00', awarded: '34800.00', cofin: '27500.00', newTotal: '62300.00', ceiling: '9345.00', floor: '18690.00', coord: '6500.00', flagged: false },
  { id: '2.5', requested: '40000.00', awarded: '20038.40', cofin: '17142.85', newTotal: '37181.25', ceiling: '5577.1875', floor: '11154.375', coord: '8550.00', flagged: true },
  { id: '2.6', requested: '40000.00', awarded: '26400.00', cofin: '20000.00', newTotal: '46400.00', ceiling: '6960.00', floor: '13920.00', coord: '2750.00', flagged: false },
  { id: '2.7', requested: '20000.00', awarded: '17400.00', cofin: '16000.00', newTotal: '33400.00', ceiling: '5010.00', floor: '10020.00', coord: '5300.00', flagged: true },
] as const;

const projects = seedProjects();
const byId = new Map(projects.map((p) => [p.id, p]));
const P = DEFAULT_PROFILE;
const ctxOf = (budget: Budget, awarded: string) => ({
  budget,
  profile: P,
  assigned: { amount: awarded, at: { line: 21 } },
});

function amountOf(b: Budget, code: LineCode) {
  return lineOf(b, code)?.amount ?? null;
}

function expectProposalSound(r: ReplanResult, original: Budget, row: (typeof TABLE)[number]) {
  if (!r.ok || !r.needed) throw new Error(`no proposal: ${JSON.stringify(r)}`);
  const b = r.budget;
  // Adds up to the cent.
  const lines = sum(COST_CODES.map((c) => (amountOf(b, c) === null ? null : money(amountOf(b, c)!))));
  expect(toPlain(lines)).toBe(row.newTotal);
  expect(amountOf(b, 'TOTAL')).toBe(row.newTotal);
  expect(amountOf(b, 'CONTRIBUTION')).toBe(row.awarded);
  // Partners' cofinancing untouched.
  expect(amountOf(b, 'COFINANCING')).toBe(row.cofin);
  expect(b.cofinancers).toEqual(original.cofinancers);
  expect(lineOf(b, 'COFIN_MONETARY_TOTAL')).toEqual(lineOf(original, 'COFIN_MONETARY_TOTAL'));
  expect(lineOf(b, 'COFIN_IN_KIND_TOTAL')).toEqual(lineOf(original, 'COFIN_IN_KIND_TOTAL'));
  // Same cells, so adapters can write the proposal beside the declared column.
  expect(b.lines.map((l) => [l.code, l.cell])).toEqual(original.lines.map((l) => [l.code, l.cell]));
  // Rule-clean, by the very engine that judges any budget.
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(validate({ ...ctxOf(b, row.awarded) }, [...RULES, ...POST_AWARD_RULES]).filter((f) => f.severity === 'error')).toEqual([]);
  // Nothing grows, and no stated cofinanced share shrinks.
  for (const l of b.lines) {
    const o = lineOf(original, l.code)!;
    if (o.amount !== null && l.amount !== null && COST_CODES.includes(l.code as never)) {
      expect(money(l.amount).lte(money(o.amount))).toBe(true);
    }
    expect(l.cofinanced).toBe(o.cofinanced);
  }
  const coord = amountOf(b, 'A_coord');
  if (coord !== null) expect(money(coord).lte(money(row.ceiling))).toBe(true);
}

describe('re-planning the seed annex', () => {
  it('reads all seven budgets and their awards', () => {
    expect(projects.map((p) => p.id)).toEqual(TABLE.map((r) => r.id));
    for (const row of TABLE) {
      const p = byId.get(row.id)!;
      const a = readAmount(p.assignedRaw);
      expect(a.kind === 'amount' && toPlain(a.value)).toBe(row.awarded);
      expect(amountOf(p.budget, 'CONTRIBUTION')).toBe(row.requested);
      expect(amountOf(p.budget, 'COFINANCING')).toBe(row.cofin);
      expect(amountOf(p.budget, 'A_coord')).toBe(row.coord);
    }
  });

  it.each(TABLE)('frames $id as in the hand-computed table', (row) => {
    const f = replanFrame(byId.get(row.id)!.budget, P, row.awarded);
    expect(f.status).toBe('needed');
    if (f.status !== 'needed') return;
    expect(f.requested).toBe(row.requested);
    expect(f.newTotal).toBe(row.newTotal);
    expect(f.coordinationCeiling.exact).toBe(row.ceiling);
    expect(f.cofinancingFloor.exact).toBe(row.floor);
    expect(f.misfits.map((m) => m.rule)).toEqual(row.flagged ? ['coordination-max-after-award'] : []);
  });

  it('flags exactly 2.2, 2.5 and 2.7 with coordination-max-after-award', () => {
    const flagged = TABLE.filter((row) =>
      postAwardFindings(ctxOf(byId.get(row.id)!.budget, row.awarded)).some((f) => f.rule === 'coordination-max-after-award'),
    ).map((r) => r.id);
    expect(flagged).toEqual(['2.2', '2.5', '2.7']);
    expect(TABLE.filter((r) => r.flagged).map((r) => r.id)).toEqual(flagged);
  });

  it('points the 2.5 finding at the coordination cell, the total and the award, in both languages', () => {
    const p = byId.get('2.5')!;
    const [f] = postAwardFindings(ctxOf(p.budget, '20038.40'));
    expect(f!.rule).toBe('coordination-max-after-award');
    expect(f!.at).toEqual([lineOf(p.budget, 'A_coord')!.cell, lineOf(p.budget, 'TOTAL')!.cell, { line: 21 }]);
    expect(f!.message.it).toContain('€ 8.550,00');
    expect(f!.message.it).toContain('€ 5.577,18');
    expect(f!.message.en).toContain('€ 5,577.18');
    expect(f!.expected).toEqual({ kind: 'amount', op: '<=', value: '5577.1875' }); // exact, as coordination-max shows it
    expect(f!.actual).toEqual({ kind: 'amount', op: '=', value: '8550.00' });
  });

  it('raises no post-award finding without an award, or once the budget is re-planned', () => {
    const p = byId.get('2.5')!;
    expect(postAwardFindings({ budget: p.budget, profile: P })).toEqual([]);
    const r = proposeReplan(p.budget, P, '20038.40');
    if (!r.ok || !r.needed) throw new Error('expected a proposal');
    expect(postAwardFindings(ctxOf(r.budget, '20038.40'))).toEqual([]);
  });

  it('says every project needs re-planning with an info finding', () => {
    for (const row of TABLE) {
      const [f] = replanNeeded.check(ctxOf(byId.get(row.id)!.budget, row.awarded));
      expect(f!.severity).toBe('info');
      expect(f!.expected).toEqual({ kind: 'amount', op: '=', value: row.newTotal });
    }
  });

  for (const strategy of REPLAN_STRATEGIES) {
    it.each(TABLE)(`proposes a rule-clean, exact re-plan for $id (${strategy})`, (row) => {
      const p = byId.get(row.id)!;
      expectProposalSound(proposeReplan(p.budget, P, row.awarded, { strategy }), p.budget, row);
    });
  }

  it('cuts 2.5 by hand: shrinkable parts A 5.000, C 34.000, E 1.000 (the grant), factor 0,49904', () => {
    const p = byId.get('2.5')!;
    const r = proposeReplan(p.budget, P, '20038.40');
    if (!r.ok || !r.needed) throw new Error('expected a proposal');
    const after = Object.fromEntries(r.changes.map((c) => [c.code, c.after]));
    expect(after).toMatchObject({
      A: '11647.65', // 14.142,85 - 5.000 x 0,49904; the 9.142,85 cofinanced stays
      A_coord: '5577.18', // down to 15% of 37.181,25 = 5.577,1875
      C: '25032.64', // 42.000 - 34.000 x 0,49904
      E: '500.96', // 1.000 - 1.000 x 0,49904
      B: null,
      D: null,
      TOTAL: '37181.25',
      CONTRIBUTION: '20038.40',
      COFINANCING: '17142.85',
    });
    const a = lineOf(r.budget, 'A')!;
    expect([a.funded, a.cofinanced]).toEqual(['2504.80', '9142.85']);
    const coord = lineOf(r.budget, 'A_coord')!;
    expect([coord.funded, coord.cofinanced]).toEqual(['2027.18', '3550.00']);
    // C's "di cui" breakdown described the old 34.000: it is dropped and the change says so.
    expect(lineOf(r.budget, 'C')!.details).toEqual([]);
    expect(r.changes.find((c) => c.code === 'C')!.reason.en).toMatch(/breakdown/);
  });

  it('cuts 2.2 by hand, with the rounding cent on the largest remainder', () => {
    // Cut 7.820 over C 7.000, D 20.000, E 1.000 (A is in-kind staff time: 13.000 >= 12.000).
    // Exact: C 1.955, D 5.585,714..., E 279,285...; floors leave one cent, E's remainder is larger.
    const p = byId.get('2.2')!;
    const r = proposeReplan(p.budget, P, '15180.00');
    if (!r.ok || !r.needed) throw new Error('expected a proposal');
    const after = Object.fromEntries(r.changes.map((c) => [c.code, c.after]));
    expect(after).toMatchObject({ A: '12000.00', A_coord: '4827.00', C: '5045.00', D: '14414.29', E: '720.71' });
  });

  it('keeps vouchers on 2.2 and cuts them last on 2.6, saying so', () => {
    const r22 = proposeReplan(byId.get('2.2')!.budget, P, '15180.00', { strategy: 'keep-vouchers' });
    if (!r22.ok || !r22.needed) throw new Error('expected a proposal');
    expect(amountOf(r22.budget, 'D')).toBe('20000.00');
    expect(r22.notes).toEqual([]);
    // 2.6: outside D only A's 11.000 above the in-kind 7.000 and E's 2.000 can go: D gives 600.
    const r26 = proposeReplan(byId.get('2.6')!.budget, P, '26400.00', { strategy: 'keep-vouchers' });
    if (!r26.ok || !r26.needed) throw new Error('expected a proposal');
    expect([amountOf(r26.budget, 'A'), amountOf(r26.budget, 'D'), amountOf(r26.budget, 'E')]).toEqual(['7000.00', '39400.00', '0.00']);
    expect(r26.notes[0]!.en).toMatch(/Line D was cut too/);
  });

  it('keeps coordination unless the ceiling forces it', () => {
    const r24 = proposeReplan(byId.get('2.4')!.budget, P, '34800.00', { strategy: 'keep-coordination' });
    if (!r24.ok || !r24.needed) throw new Error('expected a proposal');
    expect(amountOf(r24.budget, 'A_coord')).toBe('6500.00');
    const p24 = proposeReplan(byId.get('2.4')!.budget, P, '34800.00');
    if (!p24.ok || !p24.needed) throw new Error('expected a proposal');
    expect(money(amountOf(p24.budget, 'A_coord')!).lt(money('6500.00'))).toBe(true);
    const r27 = proposeReplan(byId.get('2.7')!.budget, P, '17400.00', { strategy: 'keep-coordination' });
    if (!r27.ok || !r27.needed) throw new Error('expected a proposal');
    expect(amountOf(r27.budget, 'A_coord')).toBe('5010.00');
  });

  it('lists only the errors when asked to, with the same verdict, reasons and changes', () => {
    const errorsOf = (r: ReplanResult): ReplanResult => {
      const only = (fs: readonly { severity: string }[]) => fs.filter((f) => f.severity === 'error');
      if (r.ok) return r.needed ? ({ ...r, findings: only(r.findings) } as ReplanResult) : r;
      return r.draft ? ({ ...r, draft: { ...r.draft, findings: only(r.draft.findings) } } as ReplanResult) : r;
    };
    let withWarnings = 0;
    for (const row of TABLE) {
      const p = byId.get(row.id)!;
      // A partner table that names none of the cofinancers: each of them is a warning.
      const partners = [{ seq: 1, name: 'Nessuno', type: '', role: '', referent: '', email: '', phone: '', line: 1 }];
      const links = p.budget.cofinancers.map(() => ({ partner: null, score: 0, match: 'none' as const }));
      for (const strategy of REPLAN_STRATEGIES) {
        for (const awarded of [row.awarded, '1000.00', '0.00']) {
          const context = { partners, links, assigned: { amount: awarded, at: { line: 21 } } };
          const all = proposeReplan(p.budget, P, awarded, { strategy, context });
          const errors = proposeReplan(p.budget, P, awarded, { strategy, findings: 'errors', context });
          expect(errors).toEqual(errorsOf(all));
          const listed = all.ok ? (all.needed ? all.findings : []) : (all.draft?.findings ?? []);
          if (listed.some((f) => f.severity !== 'error')) withWarnings++;
        }
      }
    }
    expect(withWarnings).toBeGreaterThan(0);
  });

  it('re-plans the same from the frame the checks made', () => {
    for (const row of TABLE) {
      const p = byId.get(row.id)!;
      const check = checkBudget(p.budget, P, { assigned: { amount: row.awarded, at: { line: 21 } } });
      expect(check.frame).toEqual(replanFrame(p.budget, P, row.awarded));
      for (const strategy of REPLAN_STRATEGIES) {
        expect(proposeReplan(p.budget, P, row.awarded, { strategy, frame: check.frame })).toEqual(proposeReplan(p.budget, P, row.awarded, { strategy }));
      }
    }
  });

  it('writes back into the grid it came from and reads back the same amounts', () => {
    for (const row of TABLE) {
      const p = byId.get(row.id)!;
      const r = proposeReplan(p.budget, P, row.awarded);
      if (!r.ok || !r.needed) throw new Error('expected a proposal');
      const grid = p.grid.map((cells) => [...cells]);
      for (const l of r.budget.lines) {
        const cells = grid[l.cell.row]!;
        while (cells.length <= l.cell.col) cells.push('');
        cells[l.cell.col] = l.raw;
      }
      const again = readBudget(grid);
      for (const code of ['A', 'A_coord', 'B', 'C', 'D', 'E', 'TOTAL', 'CONTRIBUTION', 'COFINANCING'] as const) {
        expect([code, amountOf(again, code)]).toEqual([code, amountOf(r.budget, code)]);
        expect(lineOf(again, code)?.funded ?? null).toBe(lineOf(r.budget, code)?.funded ?? null);
      }
    }
  });
});
