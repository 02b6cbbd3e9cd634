// The budget's and the labels' shortcuts give the answers of the full readings they stand in for,
// on every line and table cell of the text fixtures (raw and cleaned) and on forms built to sit
// at their edges.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../pipeline/annex/document.js';
import { budgetCodesOf, ownWordingCodesOf, strictBudgetCodesOf } from '../../shared/labels.js';
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
