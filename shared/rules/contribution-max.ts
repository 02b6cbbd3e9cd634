import { money, toPlain } from '../money.js';
import { amountIs, makeFinding } from '../findings/make.js';
import { stated } from './amounts-of.js';
import type { Rule } from './rule.js';

export const contributionMax: Rule = {
  id: 'contribution-max',
  severity: 'error',
  title: { it: 'Contributo entro il massimale', en: 'Contribution within the cap' },
  check({ budget, profile }) {
    const contribution = stated(budget, 'CONTRIBUTION');
    const cap = money(profile.contributionMax);
    if (!contribution || contribution.value.lte(cap)) return [];
    const [requested, limit] = [toPlain(contribution.value), toPlain(cap)];
    return [
      makeFinding({
        rule: 'contribution-max', severity: this.severity, data: { contribution: requested, cap: limit },
        at: [contribution.line.cell], expected: amountIs(limit, '<='), actual: amountIs(requested),
      }),
    ];
  },
  formula(refs) {
    const c = refs.line('CONTRIBUTION');
    return c ? `IF(COUNT(${c})<1,TRUE,N(${c})<=${refs.profile.contributionMax})` : null;
  },
  measure(refs) {
    return refs.profile.contributionMax;
  },
};
