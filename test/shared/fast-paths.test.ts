// The budget's and the labels' shortcuts give the answers of the full readings they stand in for,
// on every line and table cell of the text fixtures (raw and cleaned) and on forms built to sit
// at their edges.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../pipeline/annex/document.js';
import { readItems, readOneFigure, type AmountReading } from '../../shared/amounts.js';
import { budgetCodesOf, ownWordingCodesOf, ruleCodes, strictBudgetCodesOf } from '../../shared/labels.js';
import { foldText, visibleText } from '../../shared/text.js';
import { TEXT_FIXTURES } from '../pipeline/helpers.js';

/** Every distinct text of the fixtures' lines and table cells, as written and as cleaned. */
function fixtureTexts(): string[] {
  const texts = new Set<string>();
  for (const file of TEXT_FIXTURES) {
    const doc = readDocument(readFileSync(file), file);
    for (let n = 1; n <= doc.lines.length; n++) texts.add(doc.text(n)).add(doc.visible(n));
    for (const row of doc.tables.rows) for (const [i, cell] of row.cells.entries()) texts.add(cell).add(row.visible[i]!);
  }
  return [...texts];
}

const LABELS = [
  '', ' ', 'A', 'A.', 'A)', 'a) personale', 'A. Costi di personale interno ed esterno', 'Personale interno ed esterno', 'Acquisto di servizi',
  'Voucher per servizi', 'Voucher e rimborsi alle famiglie', 'Costi pers. interno', 'F) Servizi', 'Di cui coordinamento', 'Totale',
  'di cui COFINANZIAMENTO (min 30%)', 'Spese generali', '<b>B) Beni</b>', '&amp; personale', 'Cofin.', '€ 13.378,00', '2020',
  'Voce A - Costi di personale', 'Quota contributo', 'PERSONALE', 'Perso&shy;nale', 'personale'.repeat(12),
];

describe('the budget codes a label names', () => {
  const texts = [...fixtureTexts(), ...LABELS];

  it('in a template\'s own words, once the call\'s wording names none, are budgetCodesOf\'s', () => {
    expect(texts.length).toBeGreaterThan(5000);
    const wrong: string[] = [];
    let own = 0;
    for (const t of texts) {
      for (const folded of [undefined, foldText(t), foldText(visibleText(t))]) {
        const strict = strictBudgetCodesOf(t, folded);
        const all = budgetCodesOf(t, folded);
        const derived = strict.length > 0 ? strict : ownWordingCodesOf(t, folded);
        if (strict.length === 0 && derived.length > 0) own++;
        if (JSON.stringify(derived) !== JSON.stringify(all)) wrong.push(t);
      }
    }
    expect(wrong).toEqual([]);
    expect(own).toBeGreaterThan(3);
  });
});

/** A reading as text: Money as its own string and as the plain form, so no float is compared. */
function asText(r: AmountReading | null): string {
  return JSON.stringify(r, (_, v: unknown) => (typeof v === 'object' && v !== null && 'toFixed' in v ? `${String(v)} ${(v as { toFixed(n: number): string }).toFixed(2)}` : v));
}

describe("the label rules' alternation", () => {
  it('turns down no label that a rule takes, asked of every folded text of the fixtures, lettered as the call letters lines', () => {
    const wrong: string[] = [];
    let named = 0;
    for (const t of [...fixtureTexts(), ...LABELS]) {
      const f = foldText(t);
      // The forms the rules are asked of: the fold, with an abbreviation's dot, and after a line's letter.
      for (const form of [f, `${f}.`, ...['a', 'b', 'c', 'd', 'e'].map((l) => `${l}. ${f}`), `di cui ${f}`]) {
        for (const wording of ['call', 'own'] as const) {
          const codes = ruleCodes(form, wording);
          if (codes.length > 0) named++;
          if (JSON.stringify(codes) !== JSON.stringify(ruleCodes(form, wording, true))) wrong.push(`${wording}: ${form}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(named).toBeGreaterThan(1000);
  });
});

describe('a cell of one figure', () => {
  const FIGURES = [
    '0', '00', '007', '1', '12', '123', '1234', '12345678901234', '99999999999999', '1.000', '1.000,5', '1.000,50', '12.345.678,99',
    '0,5', '0,50', '1234,56', '1234,567', '1.2345', '1.234.5', '1,234', '12,3,4', '1.234,', ',50', '10000000000000', '10000000000000,01',
    '10.000.000.000.000,00', '10.000.000.000.000,01', '-5', '- 5', '1 000', '12 500,00', "1'000", '1.50', '€1.500', '€ 1.500', '1.500€',
    '1.500 €', '€ 1.500 €', '€  1.500', '1.500  €', '€', '€ ', ' €', 'eur 5', '5 euro', '5 (totale)', '5\u00a0€', '€\u00a01.500',
    '5 €€', '€€ 5', '१२', '5.', '.5', '5,',
  ];

  it('reads as readItems reads it, on every text of the fixtures and on forms at the edges of the shortcut', () => {
    let fast = 0;
    const wrong: string[] = [];
    for (const t of [...fixtureTexts(), ...FIGURES, ...FIGURES.flatMap((f) => [`€ ${f}`, `${f} €`, `€${f}`, `${f}€`])]) {
      const figure = readOneFigure(t);
      if (figure === null) continue;
      fast++;
      if (asText(figure) !== asText(readItems(t))) wrong.push(t);
    }
    expect(wrong).toEqual([]);
    expect(fast).toBeGreaterThan(300);
  });

  it('reads as readItems reads it, on generated texts of digits, points, commas, spaces and euro signs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^€? ?[0-9.,' ]{0,18} ?€?$/), (t) => {
        const figure = readOneFigure(t);
        return figure === null || asText(figure) === asText(readItems(t));
      }),
      { numRuns: 20_000 },
    );
  });
});
