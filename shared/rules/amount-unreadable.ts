import { makeFinding, termIs, textIs } from '../findings/make.js';
import { reasonOf } from '../findings/reasons.js';
import type { Rule } from './rule.js';

export const amountUnreadable: Rule = {
  id: 'amount-unreadable',
  severity: 'error',
  title: { it: 'Importo illeggibile', en: 'Unreadable amount' },
  check({ budget }) {
    return budget.problems
      .filter((p) => p.kind === 'amount-unreadable')
      .map((p) =>
        makeFinding({
          rule: 'amount-unreadable', severity: this.severity, data: { text: p.text, reason: reasonOf(p.reason) }, at: [p.cell],
          expected: termIs('amount-or-placeholder'), actual: textIs(p.text),
        }),
      );
  },
};
