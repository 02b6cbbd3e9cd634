import type { Finding } from '../model.js';
import { makeFinding, termIs, textIs } from '../findings/make.js';
import type { Rule } from './rule.js';

export const cofinancerIsPartner: Rule = {
  id: 'cofinancer-is-partner',
  severity: 'warning',
  title: { it: 'Ogni cofinanziatore è un partner', en: 'Every cofinancer is a partner' },
  check({ budget, links, partners }) {
    if (!links || !partners || partners.length === 0) return [];
    const out: Finding[] = [];
    budget.cofinancers.forEach((c, i) => {
      const link = links[i];
      if (!link || link.match === 'exact' || link.match === 'strong') return;
      const partner = link.partner?.name ?? null;
      out.push(
        makeFinding({
          rule: 'cofinancer-is-partner', severity: this.severity,
          data: { entity: c.entity, partner, score: link.score.toFixed(2) }, at: [c.entityCell],
          // The rule asks for a partner: the close one when there is one.
          expected: partner !== null ? textIs(partner) : termIs('a-partner'), actual: textIs(c.entity),
        }),
      );
    });
    return out;
  },
};
