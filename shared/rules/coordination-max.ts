import { toPlain } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import { stated } from './amounts-of.js';
import type { Rule } from './rule.js';

export const coordinationMax: Rule = {
  id: 'coordination-max',
  severity: 'error',
  title: { it: 'Coordinamento entro il massimo', en: 'Coordination within the maximum' },
  check({ budget, profile }) {
    const total = stated(budget, 'TOTAL');
    const coord = stated(budget, 'A_coord');
    if (!total || !coord) return [];
    const ceiling = total.value.times(profile.coordinationMaxPct).dividedBy(100);
    if (coord.value.lte(ceiling)) return [];
    const data = {
      total: toPlain(total.value), coordination: toPlain(coord.value), pct: String(profile.coordinationMaxPct), ceiling: ceiling.toFixed(),
    };
    // The comparison is exact, so the finding states the exact ceiling (57.142,85 x 15% =
    // 8.571,4275): rounding it half-up gave "expected <= 8571.43, actual 8571.43".
    return [
      makeFinding({
        rule: 'coordination-max', severity: this.severity, data, at: [coord.line.cell, total.line.cell],
        expected: amountIs(data.ceiling, '<='), actual: amountIs(data.coordination),
      }),
    ];
  },
  formula(refs) {
    const [t, c] = [refs.line('TOTAL'), refs.line('A_coord')];
    if (!t || !c) return null;
    // ROUND(...,6): a coordination of exactly 15% must not fail on float noise in TOTAL*15/100.
    return `IF(COUNT(${t},${c})<2,TRUE,N(${c})<=ROUND(N(${t})*${refs.profile.coordinationMaxPct}/100,6))`;
  },
  measure(refs) {
    const t = refs.line('TOTAL');
    return t ? `ROUND(N(${t})*${refs.profile.coordinationMaxPct}/100,6)` : null;
  },
};
