import type { Position } from '../model.js';
import { money, toPlain } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import { stated } from './amounts-of.js';
import type { Rule } from './rule.js';

export const assignedWithinRequested: Rule = {
  id: 'assigned-within-requested',
  severity: 'error',
  title: { it: 'Assegnato entro il richiesto', en: 'Grant within the request' },
  check({ budget, assigned }) {
    const contribution = stated(budget, 'CONTRIBUTION');
    if (!assigned || assigned.amount === null || !contribution) return [];
    const value = money(assigned.amount);
    if (value.lte(contribution.value)) return [];
    const [awarded, requested] = [toPlain(value), toPlain(contribution.value)];
    return [
      makeFinding({
        rule: 'assigned-within-requested', severity: this.severity, data: { assigned: awarded, requested },
        at: [assigned.at, contribution.line.cell as Position],
        expected: amountIs(requested, '<='), actual: amountIs(awarded),
      }),
    ];
  },
};
