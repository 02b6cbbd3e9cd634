import { formatEuro, money, toPlain } from '../money.js';
import { stated } from './amounts-of.js';
import { finding, type Rule } from './rule.js';

export const contributionMax: Rule = {
  id: 'contribution-max',
  severity: 'error',
  title: { it: 'Contributo entro il massimale', en: 'Contribution within the cap' },
  check({ budget, profile }) {
    const contribution = stated(budget, 'CONTRIBUTION');
    const cap = money(profile.contributionMax);
    if (!contribution || contribution.value.lte(cap)) return [];
    return [
      finding(
        this,
        `Il contributo richiesto (${formatEuro(contribution.value)}) supera il massimale del bando (${formatEuro(cap)}).`,
        `The requested contribution (${formatEuro(contribution.value, { lang: 'en' })}) exceeds the call's cap (${formatEuro(cap, { lang: 'en' })}).`,
        [contribution.line.cell],
        { expected: `<= ${toPlain(cap)}`, actual: toPlain(contribution.value) },
      ),
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
