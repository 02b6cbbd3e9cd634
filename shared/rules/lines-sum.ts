import { COST_CODES, lineOf } from '../model.js';
import { sum, toPlain } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import { stated } from './amounts-of.js';
import type { Rule } from './rule.js';

export const linesSum: Rule = {
  id: 'lines-sum',
  severity: 'error',
  title: { it: 'Le voci A-E sommano al TOTALE', en: 'Lines A-E add up to the TOTAL' },
  check({ budget }) {
    const total = stated(budget, 'TOTAL');
    if (!total) return [];
    const parts = COST_CODES.map((c) => stated(budget, c));
    const computed = sum(parts.map((p) => p?.value));
    if (computed.equals(total.value)) return [];
    const cells = [total.line.cell, ...COST_CODES.flatMap((c) => lineOf(budget, c)?.cell ?? [])];
    const [declared, sumOfLines] = [toPlain(total.value), toPlain(computed)];
    return [
      makeFinding({
        rule: 'lines-sum', severity: this.severity, data: { declared, computed: sumOfLines }, at: cells,
        expected: amountIs(sumOfLines), actual: amountIs(declared),
      }),
    ];
  },
  formula(refs) {
    const total = refs.line('TOTAL');
    const parts = COST_CODES.map((c) => refs.line(c)).filter((r): r is string => r !== null);
    if (!total || parts.length === 0) return null;
    // Like check(): nothing to judge until TOTAL is a number (COUNT counts numbers only).
    return `IF(COUNT(${total})<1,TRUE,ROUND(${parts.map((p) => `N(${p})`).join('+')},2)=ROUND(N(${total}),2))`;
  },
  measure(refs) {
    const parts = COST_CODES.map((c) => refs.line(c)).filter((r): r is string => r !== null);
    return parts.length === 0 ? null : `ROUND(${parts.map((p) => `N(${p})`).join('+')},2)`;
  },
};
