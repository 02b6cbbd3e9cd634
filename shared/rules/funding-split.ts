import { formatEuro, toPlain } from '../money.js';
import { stated } from './amounts-of.js';
import { finding, type Rule } from './rule.js';

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
    return [
      finding(
        this,
        `Contributo richiesto più cofinanziamento fanno ${formatEuro(computed)}, non il TOTALE di ${formatEuro(total.value)}.`,
        `Requested contribution plus cofinancing is ${formatEuro(computed, { lang: 'en' })}, not the TOTAL of ${formatEuro(total.value, { lang: 'en' })}.`,
        [total.line.cell, contribution.line.cell, cofinancing.line.cell],
        { expected: toPlain(total.value), actual: toPlain(computed) },
      ),
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
