import { finding, type Rule } from './rule.js';

/** A row inside the budget or cofinancing table that the reader could not place: never dropped silently. */
export const rowUnreadable: Rule = {
  id: 'row-unreadable',
  severity: 'warning',
  title: { it: 'Riga del budget non riconosciuta', en: 'Budget row not recognised' },
  check({ budget }) {
    return budget.problems
      .filter((p) => p.kind !== 'amount-unreadable')
      .map((p) =>
        finding(
          this,
          p.kind === 'line-duplicated'
            ? `Voce ripetuta: "${p.text}" compare due volte; vale la prima.`
            : `Riga non riconosciuta nel piano dei conti: "${p.text}".`,
          p.kind === 'line-duplicated'
            ? `Repeated line: "${p.text}" appears twice; the first one counts.`
            : `Row not recognised in the budget: "${p.text}".`,
          [p.cell],
          { actual: p.text },
        ),
      );
  },
};
