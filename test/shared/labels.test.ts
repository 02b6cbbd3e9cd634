// Budget labels in the forms real annexes use, beyond the seed's "A." (issue 10's variants:
// "B) Beni e software"), and near misses that name no line.
import { describe, expect, it } from 'vitest';
import { budgetCodesOf, strictBudgetCodesOf } from '../../shared/labels.js';

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
