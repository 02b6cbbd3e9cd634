import type { Finding } from '../model.js';
import { finding, type Rule } from './rule.js';

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
      const score = link.score.toFixed(2);
      out.push(
        link.partner
          ? finding(
              this,
              `Il cofinanziatore "${c.entity}" somiglia solo in parte al partner "${link.partner.name}" (somiglianza ${score.replace('.', ',')}): verificare.`,
              `Cofinancer "${c.entity}" only loosely matches partner "${link.partner.name}" (similarity ${score}): check it.`,
              [c.entityCell],
              { expected: link.partner.name, actual: c.entity },
            )
          : finding(
              this,
              `Il cofinanziatore "${c.entity}" non corrisponde a nessun partner dell'alleanza.`,
              `Cofinancer "${c.entity}" matches no partner of the alliance.`,
              [c.entityCell],
              { expected: null, actual: c.entity },
            ),
      );
    });
    return out;
  },
};
