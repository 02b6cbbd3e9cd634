// Reading the stated figures of a budget as Money, for rules.
import { money, type Money } from '../money.js';
import type { Budget, BudgetLine, LineCode } from '../model.js';

export interface Stated {
  line: BudgetLine;
  value: Money;
}

// The rules, the re-planning frame and the proposal ask for the same few lines over and over
// (TOTALE alone a dozen times a project): each line's amount is parsed once and kept, with the
// string it was parsed from (a line whose amount was changed is parsed anew). What is kept are
// the lines of the two budgets read last, by position: a declared budget and its proposal are
// read in turn, and a budget is read through before the next one is (no table of every budget
// ever read, nothing for the collector to trace). A Money is never changed by its operations,
// so a kept one is always the right answer.
interface Kept extends Stated {
  amount: string;
}

interface KeptLines {
  lines: readonly BudgetLine[];
  kept: (Kept | undefined)[];
}

let latest: KeptLines = { lines: [], kept: [] };
let previous: KeptLines = latest;

function keptFor(lines: readonly BudgetLine[]): KeptLines {
  if (latest.lines === lines) return latest;
  const other = previous.lines === lines ? previous : { lines, kept: [] };
  previous = latest;
  latest = other;
  return other;
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
  const { kept } = keptFor(lines);
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
  const kept = values.map((value, i): Kept | undefined => {
    const line = lines[i]!;
    return value === undefined || line.amount === null ? undefined : { line, value, amount: line.amount };
  });
  previous = latest;
  latest = { lines, kept };
}

/** Not stated counts as zero in a sum; the line is still there to point at. */
export function valueOrZero(budget: Budget, code: LineCode): Money {
  return stated(budget, code)?.value ?? money('0');
}
