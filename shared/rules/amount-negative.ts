import type { BudgetLine, CellRef, Finding } from '../model.js';
import { money } from '../money.js';
import type { RuleData } from '../findings/data.js';
import { amountIs, makeFinding } from '../findings/make.js';
import type { Rule } from './rule.js';

/** A plain amount ("-500.00") below zero; "-0.00" is zero. */
function negative(amount: string | null): amount is string {
  if (amount === null || !amount.startsWith('-')) return false;
  return !money(amount).isZero();
}

/** The first of a line's figures (amount, its shares, its breakdown) below zero, if any. */
function negativeOf(line: BudgetLine): string | undefined {
  if (negative(line.amount)) return line.amount;
  if (negative(line.funded)) return line.funded;
  if (negative(line.cofinanced)) return line.cofinanced;
  for (const d of line.details) if (negative(d.amount)) return d.amount;
  return undefined;
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
    const found = (data: RuleData<'amount-negative'>, cell: CellRef) =>
      out.push(
        makeFinding({
          rule: 'amount-negative', severity: this.severity, data, at: [cell],
          expected: amountIs('0', '>='), actual: amountIs(data.amount),
        }),
      );
    for (const line of budget.lines) {
      const shown = negativeOf(line);
      if (shown === undefined) continue;
      found({ kind: 'line', label: line.label, amount: shown }, line.cell);
    }
    for (const c of budget.cofinancers) {
      if (negative(c.monetary)) found({ kind: 'cofinancer', entity: c.entity, column: 'monetary', amount: c.monetary }, c.monetaryCell);
      if (negative(c.inKind)) found({ kind: 'cofinancer', entity: c.entity, column: 'inKind', amount: c.inKind }, c.inKindCell);
    }
    return out;
  },
};
