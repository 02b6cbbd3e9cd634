// Budget labels in the forms real annexes use, beyond the seed's "A." (issue 10's variants:
// "B) Beni e software"), and near misses that name no line.
import { describe, expect, it } from 'vitest';
import { budgetCodesOf } from '../../shared/labels.js';

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
  ])('%s is line %s', (label, code) => {
    expect(budgetCodesOf(label)).toEqual([code]);
  });

  it.each([
    'E questo è un testo',
    'A: nota del valutatore',
    'B) Obiettivi del progetto',
    'F) Servizi',
    'Totale partner',
  ])('%s names no line', (label) => {
    expect(budgetCodesOf(label)).toEqual([]);
  });
});
