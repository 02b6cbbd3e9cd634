import { formatEuro, money, toPlain } from '../money.js';
import { finding, type Rule } from './rule.js';

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
        finding(
          this,
          `Nella voce "${l.label}" finanziamento e cofinanziamento fanno ${formatEuro(parts)}, non ${formatEuro(money(l.amount))}.`,
          `In line "${l.label}" funded and cofinanced shares make ${formatEuro(parts, { lang: 'en' })}, not ${formatEuro(money(l.amount), { lang: 'en' })}.`,
          [l.cell],
          { expected: l.amount, actual: toPlain(parts) },
        ),
      ];
    });
  },
};
