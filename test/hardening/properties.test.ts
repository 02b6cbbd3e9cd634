// Property tests for the amount parser and money: formatting then parsing gives the same cents
// back, sums of parsed amounts are exact, and the parser never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAmount, statedValue } from '../../shared/amounts.js';
import { formatEuro, fromCents, sum, toCents, toPlain } from '../../shared/money.js';

const SEED = 4_2020;
const cents = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n });

// Strings that look like amounts, to reach the parser's deeper branches, and plain junk.
const amountish = fc
  .array(
    fc.oneof(
      fc.constantFrom('€', ' ', '.', ',', "'", '-', '(', ')', 'di cui', 'Totale', 'cof', 'finanziamento', '-----', '....', 'non richiesto', '\u00a0', '<b>', '</b>', '+', ';', '/'),
      fc.integer({ min: 0, max: 1_000_000 }).map(String),
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(''));

describe('readAmount and money (properties)', () => {
  it('reads back the cents of every amount formatEuro writes', () => {
    fc.assert(
      fc.property(cents, fc.boolean(), fc.constantFrom('', ' €', '€'), (c, symbol, suffix) => {
        const m = fromCents(c);
        const text = formatEuro(m, { symbol, lang: 'it' }) + (symbol ? '' : suffix);
        const r = readAmount(text);
        expect(r.kind, text).toBe('amount');
        expect(toCents(statedValue(r)!)).toBe(c);
        // The plain machine form round-trips too.
        expect(toPlain(fromCents(c))).toBe(toPlain(statedValue(readAmount(toPlain(m).replace('.', ',')))!));
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  it('sums parsed amounts exactly, to the cent', () => {
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 60 }), (list) => {
        const parsed = list.map((c) => statedValue(readAmount(formatEuro(fromCents(c))))!);
        const total = list.reduce((a, b) => a + b, 0n);
        expect(toCents(sum(parsed))).toBe(total);
        expect(toPlain(sum(parsed))).toBe(toPlain(fromCents(total)));
      }),
      { seed: SEED, numRuns: 1_000 },
    );
  });

  it('never throws on any string or cell value', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      amountish,
      fc.double(),
      fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 0.005, 1.005),
      fc.boolean(),
      fc.date({ noInvalidDate: false }),
      fc.constantFrom(null, undefined),
    );
    fc.assert(
      fc.property(cell, (v) => {
        const r = readAmount(v);
        expect(['empty', 'placeholder', 'amount', 'split', 'multi', 'unreadable']).toContain(r.kind);
        const stated = statedValue(r);
        if (stated) expect(toPlain(stated)).toMatch(/^-?\d+\.\d{2}$/);
      }),
      { seed: SEED, numRuns: 5_000 },
    );
  });

  it('reads a long run of amount-like text in linear time', () => {
    for (const unit of ['1.234,56 ', '€ ', '1.', '(', 'di cui ', '1,2,3,', "1'000'"]) {
      const text = unit.repeat(Math.ceil(200_000 / unit.length));
      const started = performance.now();
      readAmount(text);
      expect(performance.now() - started, unit).toBeLessThan(5_000);
    }
  });
});
