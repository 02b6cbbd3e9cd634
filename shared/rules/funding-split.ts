import { toPlain } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import { stated } from './amounts-of.js';
import type { Rule } from './rule.js';

export const fundingSplit: Rule = {
  id: 'funding-split',
  severity: 'error',
  title: { it: 'CONTRIBUTO + COFINANZIAMENTO = TOTALE', en: 'CONTRIBUTION + COFINANCING = TOTAL' },
  check({ budget }) {
    const total = stated(budget, 'TOTAL');
    const contribution = stated(budget, 'CONTRIBUTION');
    const cofinancing = stated(budget, 'COFINANCING');
    if (!total || !contribution || !cofinancing) return [];
    const computed = contribution.value.plus(cofinancing.value);
    if (computed.equals(total.value)) return [];
    const data = {
      total: toPlain(total.value), contribution: toPlain(contribution.value), cofinancing: toPlain(cofinancing.value),
      computed: toPlain(computed),
    };
    // The rule requires TOTALE to be the sum of its two parts: the sum is expected, TOTALE is what the annex says.
    return [
      makeFinding({
        rule: 'funding-split', severity: this.severity, data,
        at: [total.line.cell, contribution.line.cell, cofinancing.line.cell],
        expected: amountIs(data.computed), actual: amountIs(data.total),
      }),
    ];
  },
  formula(refs) {
    const [t, c, f] = [refs.line('TOTAL'), refs.line('CONTRIBUTION'), refs.line('COFINANCING')];
    if (!t || !c || !f) return null;
    return `IF(COUNT(${t},${c},${f})<3,TRUE,ROUND(N(${c})+N(${f}),2)=ROUND(N(${t}),2))`;
  },
  measure(refs) {
    const [c, f] = [refs.line('CONTRIBUTION'), refs.line('COFINANCING')];
    return c && f ? `ROUND(N(${c})+N(${f}),2)` : null;
  },
};
