import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatEuro, fromCents, fromSheetNumber, money, shareOf, sum, toCents, toPlain, ZERO,
} from '../../shared/money.js';

describe('money()', () => {
  it('reads canonical decimal strings exactly', () => {
    expect(toPlain(money('84878.00'))).toBe('84878.00');
    expect(toPlain(money('-12.5'))).toBe('-12.50');
    expect(toPlain(money('0'))).toBe('0.00');
  });

  it('reads a bigint as integer cents', () => {
    expect(toPlain(money(12345n))).toBe('123.45');
    expect(toPlain(money(-1n))).toBe('-0.01');
  });

  it('rounds to the cent half-up', () => {
    expect(toPlain(money('17142.855'))).toBe('17142.86');
    expect(toPlain(money('0.004'))).toBe('0.00');
  });
});

describe('money() read again', () => {
  it('gives the same value for a string read before, and an operation leaves it unchanged', () => {
    const first = money('20038.40');
    first.plus(1).times(3);
    expect(toPlain(money('20038.40'))).toBe('20038.40');
    expect(money('20038.40').equals(first)).toBe(true);
    expect(toPlain(money('17142.855'))).toBe('17142.86');
    expect(toPlain(money('17142.855'))).toBe('17142.86');
  });
});

describe('toCents / fromCents', () => {
  it('convert both ways', () => {
    expect(toCents(money('84878.00'))).toBe(8487800n);
    expect(toCents(money('0.01'))).toBe(1n);
    expect(toCents(money('-9142.85'))).toBe(-914285n);
    expect(toPlain(fromCents(1714285n))).toBe('17142.85');
    expect(toPlain(fromCents(0n))).toBe('0.00');
  });

  it('are inverse for any number of cents, beyond float precision', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (c) => {
        expect(toCents(fromCents(c))).toBe(c);
      }),
    );
  });
});

describe('sum', () => {
  it('adds exactly where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toPlain(sum([money('0.10'), money('0.20')]))).toBe('0.30');
    expect(toPlain(sum([money('4567.50'), money('4567.50'), money('7245.00'), money('8820.00'), money('3150.00'), money('3150.00')]))).toBe('31500.00');
    // 2.5: the two in-kind rows make the declared 9.142,85
    expect(toPlain(sum([money('4571.43'), money('4571.42')]))).toBe('9142.85');
  });

  it('skips null and undefined and is zero when empty', () => {
    expect(toPlain(sum([money('1.00'), null, undefined, money('2.00')]))).toBe('3.00');
    expect(toPlain(sum([]))).toBe('0.00');
    expect(ZERO.isZero()).toBe(true);
  });

  it('of many cents equals the cents summed as integers', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { maxLength: 50 }), (cs) => {
        const expected = cs.reduce((a, b) => a + b, 0n);
        expect(toCents(sum(cs.map(fromCents)))).toBe(expected);
      }),
    );
  });
});

describe('fromSheetNumber', () => {
  it('takes the shortest decimal form of the number, then rounds half-up to the cent once', () => {
    expect(toPlain(fromSheetNumber(1234.56)!)).toBe('1234.56');
    expect(toPlain(fromSheetNumber(0.1 + 0.2)!)).toBe('0.30');
    expect(toPlain(fromSheetNumber(1.005)!)).toBe('1.01');
    expect(toPlain(fromSheetNumber(-0.005)!)).toBe('-0.01');
    expect(fromSheetNumber(NaN)).toBeNull();
    expect(fromSheetNumber(Infinity)).toBeNull();
  });
});

describe('shareOf', () => {
  it('shareOf is a percentage with two decimals, null for a zero whole', () => {
    expect(toPlain(shareOf(money('17142.85'), money('57142.85'))!)).toBe('30.00'); // 29.99999...
    expect(toPlain(shareOf(money('5208.00'), money('84878.00'))!)).toBe('6.14');
    expect(toPlain(shareOf(money('1.00'), money('3.00'))!)).toBe('33.33');
    expect(shareOf(money('1.00'), money('0'))).toBeNull();
  });
});

describe('toPlain', () => {
  it('is the machine form with a dot and two places', () => {
    expect(toPlain(money('84878'))).toBe('84878.00');
    expect(toPlain(money('-0.5'))).toBe('-0.50');
    expect(toPlain(money('1234567890123.45'))).toBe('1234567890123.45');
  });
});

describe('formatEuro', () => {
  it('Italian by default: "€ 84.878,00"', () => {
    expect(formatEuro(money('84878.00'))).toBe('€ 84.878,00');
    expect(formatEuro(money('0'))).toBe('€ 0,00');
    expect(formatEuro(money('999.99'))).toBe('€ 999,99');
    expect(formatEuro(money('1000'))).toBe('€ 1.000,00');
    expect(formatEuro(money('1234567.89'))).toBe('€ 1.234.567,89');
    expect(formatEuro(money('-1234.5'))).toBe('€ -1.234,50');
  });

  it('without the symbol', () => {
    expect(formatEuro(money('84878.00'), { symbol: false })).toBe('84.878,00');
    expect(formatEuro(money('-0.01'), { symbol: false })).toBe('-0,01');
  });

  it('English: "€ 84,878.00"', () => {
    expect(formatEuro(money('84878.00'), { lang: 'en' })).toBe('€ 84,878.00');
    expect(formatEuro(money('1234567.89'), { lang: 'en', symbol: false })).toBe('1,234,567.89');
  });

  it('never writes a negative zero', () => {
    expect(formatEuro(money('-0'))).toBe('€ 0,00');
    expect(formatEuro(money('-0.001'))).toBe('€ 0,00');
  });
});
