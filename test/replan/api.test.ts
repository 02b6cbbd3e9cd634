import { describe, expect, it } from 'vitest';
import { lineOf, type Budget } from '../../shared/model.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import {
  cofinancingMinAfterAward, largestRemainder, proposeReplan, replanFrame, type ReplanResult,
} from '../../shared/replan/index.js';
import { checkBudget } from '../../shared/check-budget.js';
import { budgetOf, type BudgetSpec } from './build.js';

const P = DEFAULT_PROFILE;
const E = (euros: number) => BigInt(euros) * 100n; // test literals only, never amounts in code

/** A clean budget: A 10.000 (in-kind 4.000), C 20.000, D 10.000; 28.000 requested. */
const BASE: BudgetSpec = {
  A: E(10000),
  coord: E(4000),
  B: null,
  C: E(20000),
  D: E(10000),
  E: E(0),
  contribution: E(28000),
  cofinancers: [['Comune di Uno', E(8000), E(4000)]],
};

function failed(r: ReplanResult) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r)}`);
  return r;
}

function proposal(r: ReplanResult) {
  if (!r.ok || !r.needed) throw new Error(`expected a proposal, got ${JSON.stringify(r)}`);
  return r;
}

describe('the spec budget is itself clean', () => {
  it('has no error findings', () => {
    expect(checkBudget(budgetOf(BASE), P).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('when there is nothing to re-plan', () => {
  const b = budgetOf(BASE);

  it('says nothing without an award', () => {
    expect(replanFrame(b, P, null)).toEqual({ status: 'no-award' });
    expect(proposeReplan(b, P, undefined)).toEqual({ ok: true, needed: false, frame: { status: 'no-award' } });
  });

  it('needs no re-planning when the award equals the request', () => {
    const r = proposeReplan(b, P, '28000.00');
    expect(r.ok && !r.needed && r.frame.status).toBe('not-needed');
  });

  it('does not re-plan upwards when the award exceeds the request', () => {
    const f = replanFrame(b, P, '30000.00');
    expect(f.status).toBe('not-needed');
    if (f.status === 'not-needed') expect(f.reason.en).toMatch(/exceeds the request/);
  });
});

describe('when no re-planning can satisfy the rules', () => {
  it('explains that coordination cannot go below the cofinancing booked on it', () => {
    // Coordination 6.000 of which 5.500 cofinanced; at a 50% award the ceiling is 4.500.
    const b = budgetOf({
      ...BASE,
      A: { funded: E(1000), cofinanced: E(9000) },
      coord: { funded: E(500), cofinanced: E(5500) },
      C: E(30000),
      D: null,
      contribution: E(20000),
      cofinancers: [['Comune di Uno', E(11000), E(9000)]],
    });
    expect(checkBudget(b, P).findings.filter((f) => f.severity === 'error')).toEqual([]);
    const r = failed(proposeReplan(b, P, '10000.00'));
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]!.it).toMatch(/coordinamento/);
    expect(r.reasons[0]!.en).toMatch(/cofinanced share booked on it \(€ 5,500.00\)/);
  });

  it('explains that the cut exceeds what the grant funds', () => {
    // The splits state 16.000 cofinanced, the budget declares 8.000 of cofinancing in all:
    // every rule passes, yet at 6.000 awarded the lines would have to fall below their splits.
    const b = budgetOf({
      A: { funded: E(2000), cofinanced: E(8000) },
      B: null,
      C: { funded: E(2000), cofinanced: E(8000) },
      D: null,
      E: null,
      contribution: E(12000),
      cofinancers: [['Comune di Uno', E(8000), null]],
    });
    expect(checkBudget(b, P).findings.filter((f) => f.severity === 'error')).toEqual([]);
    const r = failed(proposeReplan(b, P, '6000.00'));
    expect(r.reasons[0]!.en).toMatch(/exceeds the part of the lines not covered by cofinancing/);
    expect(r.reasons[0]!.it).toMatch(/senza ridurre il cofinanziamento dichiarato dai partner/);
  });

  it('refuses a cofinancing below what the partners committed', () => {
    const b = budgetOf(BASE);
    const r = failed(proposeReplan(b, P, '20000.00', { cofinancing: '10000.00' }));
    expect(r.reasons.map((x) => x.en).join(' ')).toMatch(/below what the partners committed \(€ 12,000.00\)/);
  });

  it('refuses a cofinancing that the partners table does not cover', () => {
    const r = failed(proposeReplan(budgetOf(BASE), P, '20000.00', { cofinancing: '13000.00' }));
    expect(r.reasons[0]!.en).toMatch(/exceeds the commitments in the cofinancing table/);
  });

  it('refuses a budget whose lines do not add up, or cannot be read', () => {
    const bad = budgetOf({ ...BASE, total: E(45000), contribution: E(33000) });
    expect(failed(proposeReplan(bad, P, '20000.00')).reasons[0]!.en).toMatch(/do not add up to the declared TOTAL/);
    const b = budgetOf(BASE);
    const unreadable: Budget = {
      ...b,
      lines: b.lines.map((l) => (l.code === 'C' ? { ...l, status: 'unreadable', amount: null, raw: 'ventimila' } : l)),
    };
    expect(failed(proposeReplan(unreadable, P, '20000.00')).reasons[0]!.en).toMatch(/Line C cannot be read/);
  });

  it('refuses a budget without the figures it needs', () => {
    const b = budgetOf(BASE);
    const r = failed(proposeReplan({ ...b, lines: b.lines.filter((l) => l.code !== 'COFINANCING') }, P, '20000.00'));
    expect(r.frame.status).toBe('incomplete');
    expect(r.reasons[0]!.it).toMatch(/COFINANZIAMENTO/);
  });
});

describe('the lead may set the cofinancing', () => {
  it('accepts the partners table total when the declared cofinancing disagrees with it', () => {
    // Declared 13.000, the table commits 12.000: a table-sum error the override fixes.
    const b = budgetOf({ ...BASE, contribution: E(27000), cofinancing: E(13000) });
    expect(checkBudget(b, P).findings.map((f) => f.rule)).toContain('cofinancing-table-sum');
    const r = proposal(proposeReplan(b, P, '20000.00', { cofinancing: '12000.00' }));
    expect(lineOf(r.budget, 'COFINANCING')!.amount).toBe('12000.00');
    expect(lineOf(r.budget, 'TOTAL')!.amount).toBe('32000.00');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports a cofinancing under the new floor as a post-award misfit', () => {
    const b = budgetOf(BASE);
    const f = replanFrame(b, P, '27000.00', { cofinancing: '5000.00' });
    expect(f.status === 'needed' && f.misfits.map((m) => m.rule)).toEqual(['cofinancing-min-after-award']);
    expect(cofinancingMinAfterAward.check({ budget: b, profile: P, assigned: { amount: '27000.00', at: { line: 1 } } })).toEqual([]);
  });
});

describe('edge awards', () => {
  it('re-plans to a zero award: the lines keep exactly the cofinancing', () => {
    const r = proposal(proposeReplan(budgetOf(BASE), P, '0.00'));
    expect(lineOf(r.budget, 'TOTAL')!.amount).toBe('12000.00');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('largestRemainder', () => {
  it('shares exactly, never above a weight, remainder cents to the largest fractions', () => {
    expect(largestRemainder(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
    expect(largestRemainder(782000n, [700000n, 2000000n, 100000n])).toEqual([195500n, 558571n, 27929n]);
    expect(largestRemainder(0n, [5n])).toEqual([0n]);
    expect(largestRemainder(5n, [0n, 0n])).toEqual([0n, 0n]);
  });
});
