import { formatEuro, Money, toPlain } from '../money.js';
import { stated } from './amounts-of.js';
import { finding, type Rule } from './rule.js';

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
    const pct = profile.coordinationMaxPct;
    // The comparison is exact, so the finding must show the exact ceiling and the largest
    // amount in cents under it. Rounding the ceiling half-up (57.142,85 x 15% = 8.571,4275 ->
    // 8.571,43) gave findings such as "expected <= 8571.43, actual 8571.43".
    const limit = ceiling.toDecimalPlaces(2, Money.ROUND_DOWN);
    const shown = ceiling.decimalPlaces() <= 2 ? toPlain(ceiling) : ceiling.toFixed();
    return [
      finding(
        this,
        `Il coordinamento (${formatEuro(coord.value)}) supera il ${pct}% del costo totale: al massimo ${formatEuro(limit)}.`,
        `Coordination (${formatEuro(coord.value, { lang: 'en' })}) exceeds ${pct}% of the total cost: at most ${formatEuro(limit, { lang: 'en' })}.`,
        [coord.line.cell, total.line.cell],
        { expected: `<= ${shown}`, actual: toPlain(coord.value) },
      ),
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
