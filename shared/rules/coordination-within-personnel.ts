import { toPlain } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import { stated } from './amounts-of.js';
import type { Rule } from './rule.js';

export const coordinationWithinPersonnel: Rule = {
  id: 'coordination-within-personnel',
  severity: 'error',
  title: { it: 'Coordinamento compreso nella voce A', en: 'Coordination part of line A' },
  check({ budget }) {
    const a = stated(budget, 'A');
    const coord = stated(budget, 'A_coord');
    if (!a || !coord || coord.value.lte(a.value)) return [];
    const [personnel, coordination] = [toPlain(a.value), toPlain(coord.value)];
    return [
      makeFinding({
        rule: 'coordination-within-personnel', severity: this.severity, data: { personnel, coordination },
        at: [coord.line.cell, a.line.cell], expected: amountIs(personnel, '<='), actual: amountIs(coordination),
      }),
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
