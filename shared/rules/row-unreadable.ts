import { makeFinding, termIs, textIs } from '../findings/make.js';
import type { Rule } from './rule.js';

/** A row inside the budget or cofinancing table that the reader could not place: never dropped silently. */
export const rowUnreadable: Rule = {
  id: 'row-unreadable',
  severity: 'warning',
  title: { it: 'Riga del budget non riconosciuta', en: 'Budget row not recognised' },
  check({ budget }) {
    return budget.problems
      .filter((p) => p.kind !== 'amount-unreadable')
      .map((p) => {
        const duplicated = p.kind === 'line-duplicated';
        return makeFinding({
          rule: 'row-unreadable', severity: this.severity, data: { kind: duplicated ? 'duplicated' : 'unrecognised', text: p.text },
          at: [p.cell], expected: termIs(duplicated ? 'line-once' : 'known-line'), actual: textIs(p.text),
        });
      });
  },
};
