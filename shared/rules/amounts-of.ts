// Reading the stated figures of a budget as Money, for rules.
import { money, type Money } from '../money.js';
import { lineOf, type Budget, type BudgetLine, type LineCode } from '../model.js';

export interface Stated {
  line: BudgetLine;
  value: Money;
}

/** The line's amount when it is stated; undefined when absent, not stated or unreadable. */
export function stated(budget: Budget, code: LineCode): Stated | undefined {
  const line = lineOf(budget, code);
  if (!line || line.amount === null) return undefined;
  return { line, value: money(line.amount) };
}

/** Not stated counts as zero in a sum; the line is still there to point at. */
export function valueOrZero(budget: Budget, code: LineCode): Money {
  return stated(budget, code)?.value ?? money('0');
}
