import { lineOf, type Finding } from '../model.js';
import { makeFinding, termIs } from '../findings/make.js';
import type { Rule } from './rule.js';

const REQUIRED = ['TOTAL', 'CONTRIBUTION', 'COFINANCING'] as const;

/** Without these three figures no other rule can judge the budget. */
export const budgetIncomplete: Rule = {
  id: 'budget-incomplete',
  severity: 'error',
  title: { it: 'Piano dei conti completo', en: 'Budget complete' },
  check({ budget }) {
    const rule = 'budget-incomplete';
    if (budget.span === null) {
      return [makeFinding({ rule, severity: this.severity, data: { kind: 'no-budget' }, at: [], expected: termIs('budget') })];
    }
    const top = budget.span[0];
    // A loop, not flatMap: Node 20's flatMap costs microseconds for a handful of short arrays.
    const findings: Finding[] = [];
    for (const code of REQUIRED) {
      const line = lineOf(budget, code);
      if (line && line.status !== 'not-stated') continue;
      findings.push(
        makeFinding({
          rule, severity: this.severity, data: { kind: line ? 'not-stated' : 'no-row', line: code },
          at: line ? [line.cell] : [{ row: top, col: 0 }], expected: termIs(`stated:${code}`),
        }),
      );
    }
    return findings;
  },
};
