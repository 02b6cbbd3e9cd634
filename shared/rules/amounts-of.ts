// Reading the stated figures of a budget as Money, for rules.
import { money, type Money } from '../money.js';
import type { Budget, BudgetLine, LineCode } from '../model.js';

export interface Stated {
  line: BudgetLine;
  value: Money;
}

// The rules, the re-planning frame and the proposal ask for the same few lines over and over
// (TOTALE alone a dozen times a project): each line's amount is parsed once and kept with the
// budget's lines, by position, with the string it was parsed from (a line whose amount was
// changed is parsed anew). What is kept goes with the budget (one entry per budget, not per
// line, for the collector to trace). A Money is never changed by its operations, so a kept one
// is always the right answer.
interface Kept extends Stated {
  amount: string;
}

const keptWith = new WeakMap<readonly BudgetLine[], (Kept | undefined)[]>();

function keptFor(lines: readonly BudgetLine[]): (Kept | undefined)[] {
  let kept = keptWith.get(lines);
  if (kept === undefined) keptWith.set(lines, (kept = []));
  return kept;
}

/** The line's amount when it is stated; undefined when absent, not stated or unreadable. */
export function stated(budget: Budget, code: LineCode): Stated | undefined {
  const lines = budget.lines;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.code === code) return statedAt(lines, i);
  }
  return undefined;
}

/** stated() of the line at `index` of a budget's `lines`. */
export function statedAt(lines: readonly BudgetLine[], index: number): Stated | undefined {
  const line = lines[index]!;
  if (line.amount === null) return undefined;
  const kept = keptFor(lines);
  let k = kept[index];
  if (k === undefined || k.line !== line || k.amount !== line.amount) {
    k = { line, value: money(line.amount), amount: line.amount };
    kept[index] = k;
  }
  return k;
}

/**
 * Tells the keeper what the amounts of a budget's `lines`, just made, are worth: `values[i]`, when
 * given, is exactly what `lines[i].amount` parses to (the amount was printed from it, or copied
 * with it). The budget's amounts are then not parsed back.
 */
export function keepStated(lines: readonly BudgetLine[], values: readonly (Money | undefined)[]): void {
  keptWith.set(
    lines,
    values.map((value, i): Kept | undefined => {
      const line = lines[i]!;
      return value === undefined || line.amount === null ? undefined : { line, value, amount: line.amount };
    }),
  );
}

/** Not stated counts as zero in a sum; the line is still there to point at. */
export function valueOrZero(budget: Budget, code: LineCode): Money {
  return stated(budget, code)?.value ?? money('0');
}
