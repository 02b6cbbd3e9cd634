import { money, toPlain } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import type { Rule } from './rule.js';

/** A line split by funding source ("(finanziamento)", "(cof)", "(Totale)") must add up. */
export const lineSplitSum: Rule = {
  id: 'line-split-sum',
  severity: 'error',
  title: { it: 'Le quote di una voce sommano al suo totale', en: "A line's funding shares add up to it" },
  check({ budget }) {
    return budget.lines.flatMap((l) => {
      if (l.amount === null || l.funded === null || l.cofinanced === null) return [];
      const parts = money(l.funded).plus(money(l.cofinanced));
      if (parts.equals(money(l.amount))) return [];
      return [
        makeFinding({
          rule: 'line-split-sum', severity: this.severity,
          data: { label: l.label, amount: l.amount, funded: l.funded, cofinanced: l.cofinanced }, at: [l.cell],
          expected: amountIs(toPlain(parts)), actual: amountIs(l.amount),
        }),
      ];
    });
  },
};
