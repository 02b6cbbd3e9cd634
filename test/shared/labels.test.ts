// Budget labels in the forms real annexes use, beyond the seed's "A." (issue 10's variants:
// "B) Beni e software"), and near misses that name no line.
import { describe, expect, it } from 'vitest';
import {
  budgetCodesOf, cofinColumnOf, isAmountHeader, isAssignedLabel, isBudgetHeading, isEntityHeader, isTotalLabel, shareColumnOf,
  strictBudgetCodesOf,
} from '../../shared/labels.js';
import { foldText } from '../../shared/text.js';

describe('budget line labels', () => {
  it.each([
    ['A. Costi di personale interno ed esterno', 'A'],
    ['A) Personale', 'A'],
    ['A - Costi di personale', 'A'],
    ['(A) Costi del personale', 'A'],
    ['<b>B) Beni e software</b>', 'B'],
    ['B: noleggio e leasing', 'B'],
    ['C) Servizi', 'C'],
    ['C – Acquisto di servizi', 'C'],
    ['D) Voucher', 'D'],
    ['D: rimborsi', 'D'],
    ['E) Spese generali', 'E'],
    ['E - Spese di funzionamento', 'E'],
    ['COSTO COMPLESSIVO', 'TOTAL'],
    ['Totale progetto', 'TOTAL'],
    // Forms the seed does not have: a "Voce" before the letter, abbreviations cut to fit a column.
    ['Voce A - Costi di personale', 'A'],
    ['Voce B: beni', 'B'],
    ['Costi di pers.', 'A'],
    ['D) Voucher/rimb.', 'D'],
    ['E) Spese gen.', 'E'],
    ['Spese gen. di funzionamento', 'E'],
    ['Tot. progetto', 'TOTAL'],
    ['Tot. complessivo', 'TOTAL'],
    ['di cui contrib. richiesto', 'CONTRIBUTION'],
    ['Contrib. richiesto', 'CONTRIBUTION'],
    ['Cofin. (min 30%)', 'COFINANCING'],
  ])('%s is line %s', (label, code) => {
    expect(budgetCodesOf(label)).toEqual([code]);
    // The call's own wording, lettered or not: enough to tell a table is a budget.
    expect(strictBudgetCodesOf(label)).toEqual([code]);
  });

  it.each([
    ['Personale interno ed esterno', 'A'],
    ['Acquisto di servizi', 'C'],
    ['Voucher e rimborsi alle famiglie', 'D'],
    ['Costi pers. interno', 'A'],
  ])('%s, without a letter, is line %s only inside a table known to be a budget', (label, code) => {
    expect(budgetCodesOf(label)).toEqual([code]);
    expect(strictBudgetCodesOf(label)).toEqual([]);
  });

  it.each([
    'E questo è un testo',
    'A: nota del valutatore',
    'B) Obiettivi del progetto',
    'F) Servizi',
    'Totale partner',
    'Tot. partner',
    'Voce di costo',
    'Gen. Rossi, presidente',
    'A.1 Coordinamento',
    'Totalmente a carico del capofila',
  ])('%s names no line', (label) => {
    expect(budgetCodesOf(label)).toEqual([]);
  });
});

// The label tests turn down a text shorter than their shortest wording without folding it, and
// a text that has nothing that folds to a letter ("€ 13.378,00") without asking the amount
// header's pattern: both only hold while folding never lengthens a text nor makes letters.
describe('what the label tests take for granted of folding', () => {
  it('never lengthens a character, alone, repeated or between letters, nor markup around a word', () => {
    const longer: string[] = [];
    for (let c = 0; c <= 0x10ffff; c += c < 0x3000 ? 1 : 7) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      for (const s of [ch, `${ch}${ch}`, `a${ch}b`, `${ch}\u0301`]) if (foldText(s).length > s.length) longer.push(s);
    }
    const marks = ['&amp;', '&nbsp;', '<b>', '</b>', '<br>', '**', '__', '[x](y)', '\u00a0', '  ', '\t'];
    for (const a of marks) for (const b of marks) if (foldText(`${a}Importo${b}`).length > `${a}Importo${b}`.length) longer.push(a + b);
    expect(longer).toEqual([]);
  });

  it('makes no letter of a text without an ASCII letter or a character beyond ASCII other than €', () => {
    for (const s of ['€ 13.378,00', '<>€ 1.000,00 €', '12 500,00', '-----', '€ ....', '100 %', '(1) - 2/3']) {
      expect(foldText(s)).toMatch(/^[^a-z]*$/);
    }
  });

  it.each(['Voce', 'euro', 'EURO', 'Ente', 'Totale', 'In kind', 'assegnato', 'finanziat'])('still knows its shortest wording: %s', (t) => {
    const known = [isBudgetHeading(t), isAmountHeader(t), isEntityHeader(t), isTotalLabel(t), cofinColumnOf(t) !== null, isAssignedLabel(t), shareColumnOf(t) !== null];
    expect(known.some(Boolean)).toBe(true);
  });
});
