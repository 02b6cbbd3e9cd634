// The amounts the rules, the frame and the proposal read are parsed once and kept (shared/rules/
// amounts-of.ts): what is kept must always be what parsing the line's amount gives, whichever
// budgets are read in turn and however a line is changed after it was read.
import { describe, expect, it } from 'vitest';
import { money } from '../../shared/money.js';
import type { Budget, BudgetLine, LineCode } from '../../shared/model.js';
import { keepStated, stated } from '../../shared/rules/amounts-of.js';

const cell = { row: 0, col: 1 };
const line = (code: LineCode, amount: string | null): BudgetLine => ({
  code, label: code, raw: amount ?? '', status: amount === null ? 'not-stated' : 'stated', amount,
  funded: null, cofinanced: null, details: [], labelCell: cell, cell,
});
const budget = (...lines: BudgetLine[]): Budget => ({ lines, cofinancers: [], assigned: null, problems: [], span: [0, 9] });
const valueOf = (b: Budget, code: LineCode) => stated(b, code)?.value.toFixed(2);

describe('kept amounts', () => {
  it('are the parsed amounts of each budget, read in turn or one after another', () => {
    const x = budget(line('TOTAL', '100.00'), line('A', '60.00'));
    const y = budget(line('TOTAL', '250.50'), line('A', null));
    const z = budget(line('TOTAL', '7.10'));
    for (let round = 0; round < 2; round++) {
      expect([valueOf(x, 'TOTAL'), valueOf(y, 'TOTAL'), valueOf(x, 'A'), valueOf(y, 'A')]).toEqual(['100.00', '250.50', '60.00', undefined]);
      expect([valueOf(z, 'TOTAL'), valueOf(x, 'TOTAL'), valueOf(y, 'TOTAL')]).toEqual(['7.10', '100.00', '250.50']);
    }
  });

  it('follow a line whose amount changed, or a line put in the place of another', () => {
    const b = budget(line('TOTAL', '100.00'), line('A', '60.00'));
    expect(valueOf(b, 'TOTAL')).toBe('100.00');
    b.lines[0]!.amount = '90.00';
    expect(valueOf(b, 'TOTAL')).toBe('90.00');
    b.lines[0] = line('TOTAL', '80.00');
    expect(stated(b, 'TOTAL')?.line).toBe(b.lines[0]);
    expect(valueOf(b, 'TOTAL')).toBe('80.00');
  });

  it('take the values a caller printed the amounts from, and parse the amounts given none', () => {
    const lines = [line('TOTAL', '12.50'), line('A', '3.00')];
    keepStated(lines, [money('12.50'), undefined]);
    const b: Budget = { ...budget(), lines };
    expect(stated(b, 'TOTAL')?.value.equals(money('12.50'))).toBe(true);
    expect(valueOf(b, 'A')).toBe('3.00');
  });
});
