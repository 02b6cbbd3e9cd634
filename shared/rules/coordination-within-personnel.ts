import { formatEuro, toPlain } from '../money.js';
import { stated } from './amounts-of.js';
import { finding, type Rule } from './rule.js';

export const coordinationWithinPersonnel: Rule = {
  id: 'coordination-within-personnel',
  severity: 'error',
  title: { it: 'Coordinamento compreso nella voce A', en: 'Coordination part of line A' },
  check({ budget }) {
    const a = stated(budget, 'A');
    const coord = stated(budget, 'A_coord');
    if (!a || !coord || coord.value.lte(a.value)) return [];
    return [
      finding(
        this,
        `Il coordinamento (${formatEuro(coord.value)}) è una quota della voce A e non può superarla (${formatEuro(a.value)}).`,
        `Coordination (${formatEuro(coord.value, { lang: 'en' })}) is part of line A and cannot exceed it (${formatEuro(a.value, { lang: 'en' })}).`,
        [coord.line.cell, a.line.cell],
        { expected: `<= ${toPlain(a.value)}`, actual: toPlain(coord.value) },
      ),
    ];
  },
  formula(refs) {
    const [a, c] = [refs.line('A'), refs.line('A_coord')];
    if (!a || !c) return null;
    return `IF(COUNT(${a},${c})<2,TRUE,N(${c})<=N(${a}))`;
  },
  measure(refs) {
    const a = refs.line('A');
    return a ? `N(${a})` : null;
  },
};
