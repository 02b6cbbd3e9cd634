import type { CellRef, Finding } from '../model.js';
import { formatEuro, money } from '../money.js';
import { finding, type Rule } from './rule.js';

/** A plain amount ("-500.00") below zero; "-0.00" is zero. */
function negative(amount: string | null): boolean {
  if (amount === null || !amount.startsWith('-')) return false;
  return !money(amount).isZero();
}

/**
 * A cost, a share of it, a total or a cofinancer's contribution below zero: no budget line can
 * be negative, even when the sums still add up (a negative line can hide a cost moved elsewhere).
 */
export const amountNegative: Rule = {
  id: 'amount-negative',
  severity: 'error',
  title: { it: 'Nessun importo negativo', en: 'No negative amount' },
  check({ budget }) {
    const out: Finding[] = [];
    for (const line of budget.lines) {
      const shown = [line.amount, line.funded, line.cofinanced, ...line.details.map((d) => d.amount)].find(negative);
      if (shown === undefined || shown === null) continue;
      const value = money(shown);
      out.push(
        finding(
          this,
          `La voce "${line.label}" riporta un importo negativo (${formatEuro(value)}): un costo o un totale non può essere negativo.`,
          `Line "${line.label}" states a negative amount (${formatEuro(value, { lang: 'en' })}): a cost or a total cannot be negative.`,
          [line.cell],
          { expected: '>= 0', actual: shown },
        ),
      );
    }
    for (const c of budget.cofinancers) {
      const columns: [string | null, CellRef, string, string][] = [
        [c.monetary, c.monetaryCell, 'monetario', 'monetary'],
        [c.inKind, c.inKindCell, 'in valorizzazione', 'in-kind'],
      ];
      for (const [amount, cell, it, en] of columns) {
        if (!negative(amount)) continue;
        const value = money(amount!);
        out.push(
          finding(
            this,
            `Il cofinanziamento ${it} di "${c.entity}" è negativo (${formatEuro(value)}): un contributo non può essere negativo.`,
            `The ${en} cofinancing of "${c.entity}" is negative (${formatEuro(value, { lang: 'en' })}): a contribution cannot be negative.`,
            [cell],
            { expected: '>= 0', actual: amount },
          ),
        );
      }
    }
    return out;
  },
};
