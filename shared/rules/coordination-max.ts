import { formatEuro, toPlain } from '../money.js';
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
    return [
      finding(
        this,
        `Il coordinamento (${formatEuro(coord.value)}) supera il ${pct}% del costo totale (${formatEuro(ceiling.toDecimalPlaces(2))}).`,
        `Coordination (${formatEuro(coord.value, { lang: 'en' })}) exceeds ${pct}% of the total cost (${formatEuro(ceiling.toDecimalPlaces(2), { lang: 'en' })}).`,
        [coord.line.cell, total.line.cell],
        { expected: `<= ${toPlain(ceiling.toDecimalPlaces(2))}`, actual: toPlain(coord.value) },
      ),
    ];
  },
  formula(refs) {
    const [t, c] = [refs.line('TOTAL'), refs.line('A_coord')];
    if (!t || !c) return null;
    return `N(${c})<=N(${t})*${refs.profile.coordinationMaxPct}/100`;
  },
  measure(refs) {
    const t = refs.line('TOTAL');
    return t ? `N(${t})*${refs.profile.coordinationMaxPct}/100` : null;
  },
};
