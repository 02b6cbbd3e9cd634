import { finding, type Rule } from './rule.js';

export const amountUnreadable: Rule = {
  id: 'amount-unreadable',
  severity: 'error',
  title: { it: 'Importo illeggibile', en: 'Unreadable amount' },
  check({ budget }) {
    return budget.problems
      .filter((p) => p.kind === 'amount-unreadable')
      .map((p) =>
        finding(
          this,
          `Importo non leggibile: "${p.text}" (${p.reason}).`,
          `Unreadable amount: "${p.text}" (${p.reason}).`,
          [p.cell],
          { expected: 'importo in euro o segnaposto', actual: p.text },
        ),
      );
  },
};
