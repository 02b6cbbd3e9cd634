import { lineOf } from '../model.js';
import { finding, type Rule } from './rule.js';

const REQUIRED = [
  { code: 'TOTAL', it: 'TOTALE', en: 'TOTAL' },
  { code: 'CONTRIBUTION', it: 'CONTRIBUTO RICHIESTO', en: 'REQUESTED CONTRIBUTION' },
  { code: 'COFINANCING', it: 'COFINANZIAMENTO', en: 'COFINANCING' },
] as const;

/** Without these three figures no other rule can judge the budget. */
export const budgetIncomplete: Rule = {
  id: 'budget-incomplete',
  severity: 'error',
  title: { it: 'Piano dei conti completo', en: 'Budget complete' },
  check({ budget }) {
    if (budget.span === null) {
      return [finding(this, 'Nessun piano dei conti trovato.', 'No budget found.', [])];
    }
    return REQUIRED.flatMap((r) => {
      const line = lineOf(budget, r.code);
      if (line && line.status !== 'not-stated') return [];
      return [
        finding(
          this,
          line ? `Il ${r.it} non è indicato.` : `Manca la riga ${r.it} nel piano dei conti.`,
          line ? `The ${r.en} is not stated.` : `The budget has no ${r.en} row.`,
          line ? [line.cell] : [{ row: budget.span![0], col: 0 }],
          { expected: r.it, actual: null },
        ),
      ];
    });
  },
};
