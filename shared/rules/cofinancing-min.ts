import { Money, toPlain } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import { stated } from './amounts-of.js';
import type { Rule } from './rule.js';

export const cofinancingMin: Rule = {
  id: 'cofinancing-min',
  severity: 'error',
  title: { it: 'Cofinanziamento almeno al minimo', en: 'Cofinancing at least the minimum' },
  check({ budget, profile }) {
    const total = stated(budget, 'TOTAL');
    const cofinancing = stated(budget, 'COFINANCING');
    if (!total || !cofinancing) return [];
    // The floor is exact (57.142,85 x 30% = 17.142,855): a half-cent shortfall is visible.
    const floor = total.value.times(profile.cofinancingMinPct).dividedBy(100);
    const shortfall = floor.minus(cofinancing.value);
    if (shortfall.lte(0)) return [];
    const rounding = shortfall.lt(new Money(profile.roundingTolerance));
    const data = {
      total: toPlain(total.value), cofinancing: toPlain(cofinancing.value), pct: String(profile.cofinancingMinPct),
      floor: floor.toFixed(), rounding,
    };
    return [
      makeFinding({
        rule: 'cofinancing-min', severity: rounding ? 'warning' : this.severity, data,
        at: [cofinancing.line.cell, total.line.cell],
        expected: amountIs(data.floor, '>='), actual: amountIs(data.cofinancing),
      }),
    ];
  },
  formula(refs) {
    const [t, f] = [refs.line('TOTAL'), refs.line('COFINANCING')];
    if (!t || !f) return null;
    const tol = refs.profile.roundingTolerance;
    // ROUND(...,6) snaps float noise back onto the exact decimal shortfall (at most 2+4 places),
    // so a shortfall of exactly the tolerance is an error here as in check().
    return `IF(COUNT(${t},${f})<2,TRUE,ROUND(N(${t})*${refs.profile.cofinancingMinPct}/100-N(${f}),6)<${tol})`;
  },
  measure(refs) {
    const t = refs.line('TOTAL');
    return t ? `ROUND(N(${t})*${refs.profile.cofinancingMinPct}/100,6)` : null;
  },
};
