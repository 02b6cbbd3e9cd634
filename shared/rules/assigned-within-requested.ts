import type { Position } from '../model.js';
import { formatEuro, money, toPlain } from '../money.js';
import { stated } from './amounts-of.js';
import { finding, type Rule } from './rule.js';

export const assignedWithinRequested: Rule = {
  id: 'assigned-within-requested',
  severity: 'error',
  title: { it: 'Assegnato entro il richiesto', en: 'Grant within the request' },
  check({ budget, assigned }) {
    const contribution = stated(budget, 'CONTRIBUTION');
    if (!assigned || assigned.amount === null || !contribution) return [];
    const value = money(assigned.amount);
    if (value.lte(contribution.value)) return [];
    return [
      finding(
        this,
        `Il contributo assegnato (${formatEuro(value)}) supera quello richiesto (${formatEuro(contribution.value)}).`,
        `The assigned grant (${formatEuro(value, { lang: 'en' })}) exceeds the requested contribution (${formatEuro(contribution.value, { lang: 'en' })}).`,
        [assigned.at, contribution.line.cell as Position],
        { expected: `<= ${toPlain(contribution.value)}`, actual: toPlain(value) },
      ),
    ];
  },
};
