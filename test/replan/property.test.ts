import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBudget } from '../../shared/check-budget.js';
import { validate } from '../../shared/engine.js';
import { COST_CODES, lineOf, type Budget, type LineCode } from '../../shared/model.js';
import { money, sum, toCents } from '../../shared/money.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { proposeReplan, REPLAN_STRATEGIES } from '../../shared/replan/index.js';
import { RULES } from '../../shared/rules/index.js';
import { amountOfSpec, budgetOf, type BudgetSpec, type LineSpec } from './build.js';

const P = DEFAULT_PROFILE;
const CAP = 4_000_000n; // 40.000,00 in cents: the default profile's contribution cap
const BP = 10_000n; // fractions are drawn in basis points, so everything stays in integer cents

const cents = fc.bigInt({ min: 0n, max: 3_000_000n });
const bp = fc.bigInt({ min: 0n, max: BP });

const lineArb: fc.Arbitrary<LineSpec> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: cents },
  { weight: 1, arbitrary: fc.record({ funded: cents, cofinanced: cents }) },
);

const specArb = fc
  .record({
    A: lineArb,
    B: lineArb,
    C: lineArb,
    D: lineArb,
    E: lineArb,
    coordKind: fc.constantFrom('none', 'plain', 'split'),
    coordShare: bp,
    coordCofShare: bp,
    cofinShare: bp,
    inKindShare: bp,
    firstRowShare: bp,
    awardShare: bp,
  })
  .map((g) => {
    const total = [g.A, g.B, g.C, g.D, g.E].reduce((a: bigint, l) => a + amountOfSpec(l), 0n);
    // Cofinancing at least 30% (rounded up to the cent) and a contribution within the cap.
    const minCofin = (total * 3n + 9n) / 10n;
    const low = total - CAP > minCofin ? total - CAP : minCofin;
    const cofinancing = low + ((total - low) * g.cofinShare) / BP;
    const contribution = total - cofinancing;
    // Coordination within 15% of the total and within line A.
    const ceiling = (total * 15n) / 100n;
    const a = amountOfSpec(g.A);
    const coordMax = a < ceiling ? a : ceiling;
    const coordValue = (coordMax * g.coordShare) / BP;
    const coordCof = (coordValue * g.coordCofShare) / BP;
    const coord: LineSpec =
      g.coordKind === 'none' ? null
      : g.coordKind === 'plain' ? coordValue
      : { funded: coordValue - coordCof, cofinanced: coordCof };
    const inKind = (cofinancing * g.inKindShare) / BP;
    const monetary = cofinancing - inKind;
    const m1 = (monetary * g.firstRowShare) / BP;
    const k1 = (inKind * g.firstRowShare) / BP;
    const spec: BudgetSpec = {
      A: g.A, coord, B: g.B, C: g.C, D: g.D, E: g.E,
      contribution,
      cofinancers: [
        ['Comune di Uno', m1, k1],
        ['Cooperativa Due', monetary - m1, inKind - k1],
      ],
    };
    // An award between 50% and 100% of the request.
    const half = (contribution + 1n) / 2n;
    const award = half + ((contribution - half) * g.awardShare) / BP;
    return { spec, award };
  });

const plain = (c: bigint) => {
  const s = (c < 0n ? -c : c).toString().padStart(3, '0');
  return `${c < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};

function centsOf(b: Budget, code: LineCode): bigint | null {
  const a = lineOf(b, code)?.amount ?? null;
  return a === null ? null : toCents(money(a));
}

function cofCents(b: Budget, code: LineCode): bigint {
  const c = lineOf(b, code)?.cofinanced ?? null;
  return c === null ? 0n : toCents(money(c));
}

describe('re-planning random valid budgets', () => {
  it.each(REPLAN_STRATEGIES)('is rule-clean and exact, or says why not (%s)', (strategy) => {
    let proposals = 0;
    fc.assert(
      fc.property(specArb, ({ spec, award }) => {
        const budget = budgetOf(spec);
        expect(checkBudget(budget, P).findings.filter((f) => f.severity === 'error')).toEqual([]);
        const awarded = plain(award);
        const r = proposeReplan(budget, P, awarded, { strategy });
        const F = centsOf(budget, 'COFINANCING')!;
        const newTotal = award + F;

        if (r.ok && !r.needed) {
          expect(award).toBe(spec.contribution);
          return;
        }
        if (!r.ok) {
          expect(r.reasons.length).toBeGreaterThan(0);
          for (const reason of r.reasons) expect(reason.it.length * reason.en.length).toBeGreaterThan(0);
          // Given up before drafting: infeasibility is explained, not discovered by the rules.
          expect(r.draft).toBeNull();
          // And really none exists under the model: stated cofinanced shares do not fit, or
          // coordination's own cofinanced share is above the new ceiling.
          const others = sum(COST_CODES.filter((c) => c !== 'A').map((c) => money(plain(cofCents(budget, c)))));
          const aHeld = [cofCents(budget, 'A'), cofCents(budget, 'A_coord')].reduce((x, y) => (x > y ? x : y));
          const ceiling = (newTotal * 15n) / 100n;
          expect(aHeld + toCents(others) > newTotal || cofCents(budget, 'A_coord') > ceiling).toBe(true);
          return;
        }
        proposals++;
        const b = r.budget;
        const lines = COST_CODES.reduce((a, c) => a + (centsOf(b, c) ?? 0n), 0n);
        expect(lines).toBe(newTotal);
        expect(centsOf(b, 'TOTAL')).toBe(newTotal);
        expect(centsOf(b, 'CONTRIBUTION')).toBe(award);
        expect(centsOf(b, 'COFINANCING')).toBe(F);
        expect(b.cofinancers).toEqual(budget.cofinancers);
        expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
        const again = validate({ budget: b, profile: P, assigned: { amount: awarded, at: { line: 1 } } }, RULES);
        expect(again.filter((f) => f.severity === 'error')).toEqual([]);
        for (const code of [...COST_CODES, 'A_coord'] as const) {
          const [before, after] = [centsOf(budget, code), centsOf(b, code)];
          expect(after === null).toBe(before === null);
          if (before === null || after === null) continue;
          expect(after <= before).toBe(true);
          expect(after >= cofCents(budget, code)).toBe(true);
          expect(lineOf(b, code)!.cofinanced).toBe(lineOf(budget, code)!.cofinanced);
        }
        const coord = centsOf(b, 'A_coord');
        if (coord !== null) {
          expect(coord * 100n <= newTotal * 15n).toBe(true);
          expect(coord <= (centsOf(b, 'A') ?? 0n)).toBe(true);
        }
        if (strategy === 'keep-vouchers' && centsOf(b, 'D') !== centsOf(budget, 'D')) {
          // Vouchers were cut only because everything else was already down to its floor.
          expect(r.notes.length).toBe(1);
        }
      }),
      { numRuns: 400 },
    );
    expect(proposals).toBeGreaterThan(200);
  });
});
