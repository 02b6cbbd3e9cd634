import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_READABLE_AMOUNT, readAmount, statedValue, type AmountReading } from '../../shared/amounts.js';
import { formatEuro, fromCents, toPlain } from '../../shared/money.js';
import { visibleText } from '../../shared/text.js';
import { seedLines } from '../fixtures/seed.js';

/** A reading with Money values replaced by plain strings, so amounts are compared as text, never as floats. */
function plain(r: AmountReading): unknown {
  switch (r.kind) {
    case 'amount':
      return { kind: 'amount', value: toPlain(r.value) };
    case 'split':
      return {
        kind: 'split',
        value: toPlain(r.value),
        total: r.total && toPlain(r.total),
        funded: r.funded && toPlain(r.funded),
        cofinanced: r.cofinanced && toPlain(r.cofinanced),
        details: r.details.map((d) => ({ value: toPlain(d.value), note: d.note })),
      };
    case 'multi':
      return { kind: 'multi', items: r.items.map((v) => v && toPlain(v)) };
    default:
      return { kind: r.kind };
  }
}

describe('readAmount: the plain forms of DESIGN §3', () => {
  it.each([
    ['€ 84.878,00', '84878.00'],
    ['€ 40.000', '40000.00'],
    ['31.500,00 €', '31500.00'],
    ['6.000,00€', '6000.00'],
    ['0 €', '0.00'],
    ['€ 0', '0.00'],
    ['€ 0,00', '0.00'],
    ['€ 500,00', '500.00'],
    ['4.567,50 €', '4567.50'],
    ['<b>€ 84.878,00</b>', '84878.00'],
    ['<b>31.500,00 €</b>', '31500.00'],
    ['€\u00a084.878,00', '84878.00'],
    ['  € 1.234.567,89  ', '1234567.89'],
    ['1234,5', '1234.50'],
    ['1234.56', '1234.56'],
    ['EUR 1.000,00', '1000.00'],
    ['1.000,00 euro', '1000.00'],
  ])('%j is %s', (text, expected) => {
    expect(plain(readAmount(text))).toEqual({ kind: 'amount', value: expected });
  });

  it.each(['€-----', '-----', '----', '€ .....', 'non richiesto', 'Non Richiesto', '€ -', '€', '€,-----'])(
    '%j is a placeholder (not stated)',
    (text) => {
      const r = readAmount(text);
      expect(r.kind).toBe('placeholder');
      expect(statedValue(r)).toBeNull();
    },
  );

  it.each([null, undefined, '', '   ', '<b></b>'])('%j is empty', (v) => {
    expect(readAmount(v).kind).toBe('empty');
  });
});

describe('readAmount: lines split by funding source', () => {
  it('2.5 line A: cofinanced, funded and total', () => {
    expect(plain(readAmount('€ 9.142,85 € 5.000,00 (finanziamento) <b>€ 14.142,85 (Totale)</b>'))).toEqual({
      kind: 'split',
      value: '14142.85',
      total: '14142.85',
      funded: '5000.00',
      cofinanced: '9142.85',
      details: [],
    });
  });

  it('2.5 coordination: funded and cofinanced with free notes, no total (the total is their sum)', () => {
    expect(plain(readAmount('€ 5.000,00 (finanz personale esterno) € 3.550,00 (cof personale interno)'))).toEqual({
      kind: 'split',
      value: '8550.00',
      total: null,
      funded: '5000.00',
      cofinanced: '3550.00',
      details: [],
    });
  });

  // Copied from the seed, line 1877 (2.5, line C), and checked against it below.
  const LINE_C =
    '€ 34.000,00 (finanziamento) di cui:  € 9.000,00 Maggiordomo di Comunità Territorio Comune di Cremona; € 9.000,00 Maggiordomo di Comunità territorio Ambito di Cremona; € 8.000,00 Servizi estivi per famiglie territorio Comune di Cremona; € 8.000,00 Servizi estivi per le famiglie Territorio Ambito di Cremona;  € 8.000,00 (cof) <b>€ 42.000,00 (Totale)</b>';

  it('the test copy of 2.5 line C is the seed text', () => {
    const seedLine = seedLines.find((l) => l.startsWith('C. Costo di acquisto di servizi\t€ 34.000,00'));
    expect(seedLine?.split('\t')[1]).toBe(LINE_C);
  });

  it('2.5 line C: a "di cui:" breakdown of the funded share, then cof and total', () => {
    expect(plain(readAmount(LINE_C))).toEqual({
      kind: 'split',
      value: '42000.00',
      total: '42000.00',
      funded: '34000.00',
      cofinanced: '8000.00',
      details: [
        { value: '9000.00', note: 'Maggiordomo di Comunità Territorio Comune di Cremona' },
        { value: '9000.00', note: 'Maggiordomo di Comunità territorio Ambito di Cremona' },
        { value: '8000.00', note: 'Servizi estivi per famiglie territorio Comune di Cremona' },
        { value: '8000.00', note: 'Servizi estivi per le famiglie Territorio Ambito di Cremona' },
      ],
    });
  });

  it('roles are recognised in any order and with the total first', () => {
    expect(plain(readAmount('€ 14.142,85 (Totale) € 5.000,00 (finanziamento) € 9.142,85 (cofinanziamento)'))).toMatchObject({
      kind: 'split',
      value: '14142.85',
      funded: '5000.00',
      cofinanced: '9142.85',
    });
  });

  it('two amounts for the same role are unreadable, not silently merged', () => {
    expect(readAmount('€ 1.000,00 (finanziamento) € 2.000,00 (finanziamento)').kind).toBe('unreadable');
  });

  it('an amount with an unknown annotation is unreadable', () => {
    expect(readAmount('€ 1.000,00 (circa)').kind).toBe('unreadable');
  });
});

describe('readAmount: several amounts in one cell', () => {
  it('2.3 merged A + coordination row: "€ 1.500,00 € ....."', () => {
    expect(plain(readAmount('€ 1.500,00 € .....'))).toEqual({ kind: 'multi', items: ['1500.00', null] });
  });

  it('two plain amounts', () => {
    expect(plain(readAmount('€ 13.378,00 € 5.208,00'))).toEqual({ kind: 'multi', items: ['13378.00', '5208.00'] });
  });

  it('a multi reading states no single value', () => {
    expect(statedValue(readAmount('€ 1.500,00 € .....'))).toBeNull();
  });
});

describe('readAmount: numbers from sheets', () => {
  it.each([
    [1234.56, '1234.56'],
    [0.1 + 0.2, '0.30'],
    [84878, '84878.00'],
    [0, '0.00'],
    [-12.5, '-12.50'],
    [1.005, '1.01'], // what was typed, half-up: not the binary 1.00499999...
    [17142.855, '17142.86'],
  ])('%s is %s', (n, expected) => {
    expect(plain(readAmount(n))).toEqual({ kind: 'amount', value: expected });
  });

  // Beyond MAX_READABLE_AMOUNT no figure is believed (issue 11): unreadable, never a number a
  // spreadsheet would show rounded or as Infinity.
  it.each([NaN, Infinity, -Infinity, 1e21, -1e21, Number.MAX_VALUE])('%s is unreadable', (n) => {
    expect(readAmount(n).kind).toBe('unreadable');
  });

  it('booleans and dates are not amounts', () => {
    expect(readAmount(true).kind).toBe('unreadable');
    expect(readAmount(new Date(2020, 4, 8)).kind).toBe('unreadable');
  });
});

describe('readAmount: junk', () => {
  it.each([
    'abc',
    '12 mele',
    '€ 12,3,4',
    '1.23.4',
    '12,345,67',
    '1.2345,00',
    '€ 5.000,00 circa',
    'vedi allegato',
    '=SUM(B2:B6)',
    '=B2+B3',
    '#REF!',
    '💶💶💶',
    '€ 💶',
    '(finanziamento)',
    'x'.repeat(100_000),
    '1'.repeat(5_000) + 'x',
    '€ '.repeat(10_000) + 'x',
  ])('%j is unreadable', (text) => {
    const r = readAmount(text);
    expect(r.kind).toBe('unreadable');
    if (r.kind === 'unreadable') expect(r.reason.length).toBeLessThan(200);
  });

  it('never reads a number out of the middle of a word', () => {
    expect(readAmount('A1').kind).toBe('unreadable');
    expect(readAmount('B2:B6').kind).toBe('unreadable');
  });

  it('very long strings of separators or placeholders do not hang', () => {
    const t0 = Date.now();
    readAmount('.'.repeat(50_000));
    readAmount('-'.repeat(50_000) + '1');
    readAmount(' ;'.repeat(50_000));
    readAmount('€ 1,00 '.repeat(5_000));
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe('readAmount: properties', () => {
  const cents = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n });

  it('formatEuro then readAmount gives the same cents back (Italian, with and without the symbol)', () => {
    fc.assert(
      fc.property(cents, fc.boolean(), (c, symbol) => {
        const m = fromCents(c);
        const r = readAmount(formatEuro(m, { symbol }));
        expect(r.kind).toBe('amount');
        if (r.kind === 'amount') expect(toPlain(r.value)).toBe(toPlain(m));
      }),
      { numRuns: 500 },
    );
  });

  it('the trailing-symbol form ("31.500,00 €") reads back too', () => {
    fc.assert(
      fc.property(cents.filter((c) => c >= 0n), (c) => {
        const m = fromCents(c);
        const r = readAmount(`${formatEuro(m, { symbol: false })} €`);
        expect(r.kind === 'amount' && toPlain(r.value)).toBe(toPlain(m));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings', () => {
    const kinds = ['empty', 'placeholder', 'amount', 'split', 'multi', 'unreadable'];
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }) /* fast-check 4's fullUnicodeString */), (s) => {
        expect(kinds).toContain(readAmount(s).kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on strings built from amount-like pieces', () => {
    const piece = fc.constantFrom('€', ' ', '.', ',', '-', '(', ')', '(Totale)', '(cof)', '(finanziamento)', 'di cui:', '1', '00', '000', ';', 'x', '<b>', '</b>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        readAmount(parts.join(''));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary numbers', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        const r = readAmount(n);
        const ceiling = Number(MAX_READABLE_AMOUNT);
        if (Math.abs(n) > ceiling - 1 && Math.abs(n) < ceiling + 1) return; // rounding to the cent decides
        expect(r.kind).toBe(Number.isFinite(n) && Math.abs(n) < ceiling ? 'amount' : 'unreadable');
      }),
    );
  });
});

describe('readAmount: with the visible text the caller has', () => {
  const cells = ['€ 34.800,00', '-----', '€ 5.000,00 (finanziamento) € 9.142,85 (cof) € 14.142,85 (Totale)', 'n.d.', '12,3,4', '<b>€ 1.000</b>', '**€ 2.500,00**', ''];

  it('reads a cell given its visible text as it reads the cell alone', () => {
    for (const c of cells) expect(plain(readAmount(c, visibleText(c)))).toEqual(plain(readAmount(c)));
  });

  it('reads the text it is given: the visible text is what is parsed', () => {
    expect(plain(readAmount('<b>€ 1.000</b>', '€ 2.000'))).toEqual(plain(readAmount('€ 2.000')));
  });
});
