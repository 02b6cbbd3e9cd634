import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/amounts.js';
import { readBudget, textsOf, type Grid } from '../../shared/budget-reader.js';
import {
  budgetCodesOf, cofinColumnOf, isAmountHeader, isAssignedLabel, isBudgetHeading, isEntityHeader, isMainBudgetHeading, isTotalLabel,
  shareColumnOf, strictBudgetCodesOf,
} from '../../shared/labels.js';
import { foldText, visibleText } from '../../shared/text.js';
import { Budget, lineOf, type LineCode } from '../../shared/model.js';
import { ANNEX_LABELS, seedBudgetGrids, seedLines } from '../fixtures/seed.js';

const L = { ...ANNEX_LABELS, coord: ANNEX_LABELS.A_coord };

/** Project 2.1's figures, typed the way a lead would type them in a sheet. */
function clean(): CellValue[][] {
  return [
    ['PIANO DEI CONTI DEL PROGETTO'], //                        0
    ['Voce di costo', 'Importo'], //                            1
    [L.A, '€ 13.378,00'], //                                    2
    [L.coord, '€ 5.208,00'], //                                 3
    [L.B, '€ 0,00'], //                                         4
    [L.C, '€ 31.500,00'], //                                    5
    [L.D, '€ 40.000,00'], //                                    6
    [L.E, '€ 0,00'], //                                         7
    [L.TOTAL, '€ 84.878,00'], //                                8
    [L.CONTRIBUTION, '€ 40.000'], //                            9
    [L.COFINANCING, '€ 44.878'], //                             10
    [], //                                                      11
    ['ENTE', 'COFINANZIAMENTO MONETARIO', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA'], // 12
    ['COMUNE DI BORGIO VIRGILIO', '0 €', '5.208,00 €'], //     13
    ['COMUNE DI GAZZOLDO DEGLI IPPOLITI', '0 €', '2.170,00 €'], // 14
    ['COMUNE DI MANTOVA', '0 €', '2.000,00 €'], //             15
    ['Consorzio Progetto Solidarietà', '0 €', '2.000,00 €'], // 16
    ['ASPA – Azienda Servizi alla Persona dell’Asolano', '0 €', '2.000,00 €'], // 17
    ['LUBIAM', '7.245,00 €', '0 €'], //                        18
    ['NOVELLINI', '8.820,00 €', '0 €'], //                     19
    ['ITALIA ALIMENTARI', '4.567,50 €', '0 €'], //             20
    ['RELEVI', '4.567,50 €', '0 €'], //                        21
    ['THUN LOGISTCS', '3.150,00 €', '0 €'], //                 22
    ['COPIAINCOLLA', '3.150,00 €', '0 €'], //                  23
    ['TOTALE', '31.500,00 €', '13.378,00 €'], //               24
  ];
}

const CLEAN_FIGURES: Partial<Record<LineCode, string | null>> = {
  A: '13378.00',
  A_coord: '5208.00',
  B: '0.00',
  C: '31500.00',
  D: '40000.00',
  E: '0.00',
  TOTAL: '84878.00',
  CONTRIBUTION: '40000.00',
  COFINANCING: '44878.00',
  COFIN_MONETARY_TOTAL: '31500.00',
  COFIN_IN_KIND_TOTAL: '13378.00',
};

function figures(b: Budget): Partial<Record<LineCode, string | null>> {
  return Object.fromEntries(b.lines.map((l) => [l.code, l.amount]));
}

function read(grid: Grid): Budget {
  const b = readBudget(grid);
  // Whatever the grid, the result is a valid Budget per the schema.
  expect(Budget.safeParse(b).success).toBe(true);
  return b;
}

describe('readBudget: a clean budget', () => {
  const b = read(clean());

  it('reads every declared figure', () => {
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(b.problems).toEqual([]);
    expect(b.span).toEqual([0, 24]);
    expect(b.assigned).toBeNull();
  });

  it('keeps each line\'s label, raw text and cells', () => {
    expect(lineOf(b, 'TOTAL')).toMatchObject({
      label: 'TOTALE', raw: '€ 84.878,00', status: 'stated', labelCell: { row: 8, col: 0 }, cell: { row: 8, col: 1 },
    });
    expect(lineOf(b, 'A_coord')).toMatchObject({ cell: { row: 3, col: 1 }, labelCell: { row: 3, col: 0 } });
    expect(lineOf(b, 'COFIN_MONETARY_TOTAL')).toMatchObject({ cell: { row: 24, col: 1 }, labelCell: { row: 24, col: 0 } });
    expect(lineOf(b, 'COFIN_IN_KIND_TOTAL')).toMatchObject({ cell: { row: 24, col: 2 } });
  });

  it('reads the cofinancing table, row by row, with its cells', () => {
    expect(b.cofinancers).toHaveLength(11);
    expect(b.cofinancers[0]).toEqual({
      entity: 'COMUNE DI BORGIO VIRGILIO',
      monetary: '0.00',
      inKind: '5208.00',
      rawMonetary: '0 €',
      rawInKind: '5.208,00 €',
      monetaryStatus: 'stated',
      inKindStatus: 'stated',
      entityCell: { row: 13, col: 0 },
      monetaryCell: { row: 13, col: 1 },
      inKindCell: { row: 13, col: 2 },
    });
    expect(b.cofinancers.map((c) => c.monetary)).toEqual([
      '0.00', '0.00', '0.00', '0.00', '0.00', '7245.00', '8820.00', '4567.50', '4567.50', '3150.00', '3150.00',
    ]);
    expect(b.cofinancers[10]!.entity).toBe('COPIAINCOLLA');
  });
});

describe('readBudget: layouts', () => {
  it('a two-row cofinancing header (2.1 in the annex)', () => {
    const g = clean();
    g.splice(12, 1, ['ENTE', 'COFINANZIAMENTO', 'COFINANZIAMENTO'], ['', 'MONETARIO', 'VALORIZZAZIONE']);
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(b.cofinancers).toHaveLength(11);
    expect(b.cofinancers[0]!.entityCell).toEqual({ row: 14, col: 0 });
    expect(b.problems).toEqual([]);
  });

  it('a cofinancing header with the in-kind column first', () => {
    const g = clean();
    g[12] = ['ENTE', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA', 'COFINANZIAMENTO MONETARIO'];
    const b = read(g);
    // The columns are taken by their names: the same cells now mean the other thing.
    expect(b.cofinancers[5]).toMatchObject({ entity: 'LUBIAM', monetary: '0.00', inKind: '7245.00' });
    expect(lineOf(b, 'COFIN_MONETARY_TOTAL')!.amount).toBe('13378.00');
    expect(lineOf(b, 'COFIN_IN_KIND_TOTAL')!.amount).toBe('31500.00');
  });

  it('the coordination label on its own row and the amount on the next (2.1 in the annex)', () => {
    const g = clean();
    g.splice(3, 1, [L.coord, ''], ['', '€ 5.208,00']);
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(lineOf(b, 'A_coord')).toMatchObject({ labelCell: { row: 3, col: 0 }, cell: { row: 4, col: 1 }, raw: '€ 5.208,00' });
    expect(b.problems).toEqual([]);
  });

  it('a label wrapped inside its column, the amount on the continuation row', () => {
    const g = clean();
    g.splice(2, 1, ['A. Costi di personale', ''], ['interno ed esterno', '€ 13.378,00']);
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(lineOf(b, 'A')).toMatchObject({
      label: 'A. Costi di personale interno ed esterno', labelCell: { row: 2, col: 0 }, cell: { row: 3, col: 1 },
    });
    expect(b.problems).toEqual([]);
  });

  it('a line with no amount is not stated, and an unknown line after it is still reported', () => {
    const g = clean();
    g.splice(6, 1, [L.D, ''], ['F. Altre spese', '€ 40.000,00']);
    const b = read(g);
    expect(lineOf(b, 'D')).toMatchObject({ status: 'not-stated', amount: null, cell: { row: 6, col: 1 } });
    expect(b.problems).toEqual([
      { kind: 'row-unrecognised', cell: { row: 7, col: 0 }, text: 'F. Altre spese', reason: expect.any(String) },
    ]);
  });

  it('the annex\'s merged A + coordination row (2.3)', () => {
    const g = clean();
    g.splice(2, 2, [`${L.A} ${L.coord}`, '€ 13.378,00 € 5.208,00']);
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(lineOf(b, 'A')!.cell).toEqual({ row: 2, col: 1 });
    expect(lineOf(b, 'A_coord')!.cell).toEqual({ row: 2, col: 1 });
    expect(b.problems).toEqual([]);
  });

  it('a merged row whose coordination amount is a placeholder', () => {
    const g = clean();
    g.splice(2, 2, [`${L.A} <i>${L.coord}</i>`, '€ 1.500,00 € .....']);
    const b = read(g);
    expect(lineOf(b, 'A')).toMatchObject({ amount: '1500.00', status: 'stated' });
    expect(lineOf(b, 'A_coord')).toMatchObject({ amount: null, status: 'not-stated' });
  });

  it('blank rows anywhere', () => {
    const g = clean();
    for (const at of [24, 19, 13, 11, 8, 5, 3, 1, 0]) g.splice(at, 0, [], ['', '', ''], [null, undefined]);
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(b.cofinancers).toHaveLength(11);
    expect(b.problems).toEqual([]);
  });

  it('rows inserted above the table and inside the cofinancing table', () => {
    const g = clean();
    g.splice(23, 0, ['Nuovo partner Srl', '€ 1.000,00', '-----'], ['Altro ente', '-----', '€ 250,00']);
    g.unshift(['Progetto Borgo Virgilio'], ['Punti 59'], ['Note del referente', 'da rivedere']);
    const b = read(g);
    expect(lineOf(b, 'TOTAL')!.cell).toEqual({ row: 11, col: 1 });
    expect(b.cofinancers).toHaveLength(13);
    expect(b.cofinancers[11]).toMatchObject({
      entity: 'Altro ente', monetary: null, monetaryStatus: 'not-stated', inKind: '250.00', entityCell: { row: 27, col: 0 },
    });
    expect(b.span).toEqual([3, 29]);
    expect(b.problems).toEqual([]);
  });

  it('amounts as sheet numbers', () => {
    const g = clean();
    const numbers: [number, CellValue][] = [[2, 13378], [3, 5208], [4, 0], [5, 31500], [6, 40000], [7, 0], [8, 84878], [9, 40000], [10, 44878]];
    for (const [r, v] of numbers) g[r]![1] = v;
    g[20] = ['ITALIA ALIMENTARI', 4567.5, 0];
    g[21] = ['RELEVI', 4567.5, null];
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(b.cofinancers[8]).toMatchObject({ monetary: '4567.50', inKind: null, inKindStatus: 'not-stated', rawMonetary: '4567.5' });
  });

  it('sheet numbers with float noise are read to the cent', () => {
    const g = clean();
    g[20]![1] = 4567.499999999999;
    g[21]![1] = 4567.500000000001;
    const b = read(g);
    expect(b.cofinancers[7]!.monetary).toBe('4567.50');
    expect(b.cofinancers[8]!.monetary).toBe('4567.50');
  });

  it('a formula the adapter passed as text is an unreadable amount on its cell, not a zero', () => {
    const g = clean();
    g[8]![1] = '=SUM(B3:B8)';
    const b = read(g);
    expect(lineOf(b, 'TOTAL')).toMatchObject({ status: 'unreadable', amount: null, raw: '=SUM(B3:B8)' });
    expect(b.problems).toEqual([
      { kind: 'amount-unreadable', cell: { row: 8, col: 1 }, text: '=SUM(B3:B8)', reason: expect.any(String) },
    ]);
  });

  it('labels and amounts moved to other columns', () => {
    const g = clean().map((row) => (row.length === 0 ? row : ['', '', row[0], '', ...row.slice(1)]));
    g[1] = ['', '', 'Voce di costo', '', 'Importo'];
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(lineOf(b, 'TOTAL')).toMatchObject({ labelCell: { row: 8, col: 2 }, cell: { row: 8, col: 4 } });
    expect(b.cofinancers[0]).toMatchObject({
      entityCell: { row: 13, col: 2 }, monetaryCell: { row: 13, col: 4 }, inKindCell: { row: 13, col: 5 },
    });
    expect(b.problems).toEqual([]);
  });

  it('extra columns to the right of the amounts', () => {
    const g = clean().map((row, r) => (row.length === 0 ? row : [...row, ...(row.length === 2 ? [''] : []), `nota ${r}`, 'x']));
    g[1] = ['Voce di costo', 'Importo', '', 'Note', 'Verifica'];
    g[12] = ['ENTE', 'COFINANZIAMENTO MONETARIO', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA', 'Note', 'Verifica'];
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(b.cofinancers).toHaveLength(11);
    expect(b.problems).toEqual([]);
  });

  it('a status line and an "Assegnato" row above the table', () => {
    const g = clean();
    g.unshift(
      ['Controllo: 2 errori, 1 avviso (08/05/2020 10:31)'],
      ['Contributo assegnato', '€ 34.800,00'],
      [],
    );
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(b.assigned).toEqual({ amount: '34800.00', raw: '€ 34.800,00', cell: { row: 1, col: 1 } });
    expect(b.span).toEqual([3, 27]);
    expect(b.problems).toEqual([]);
  });

  it('a budget without the "PIANO DEI CONTI" heading starts at its first line', () => {
    const g = clean().slice(2);
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(b.span).toEqual([0, 22]);
  });

  it('the cofinancing header repeated after a page break', () => {
    const g = clean();
    g.splice(19, 0, ['ENTE', 'COFINANZIAMENTO MONETARIO', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA']);
    const b = read(g);
    expect(b.cofinancers).toHaveLength(11);
    expect(b.problems).toEqual([]);
  });

  it('stops at the cofinancing TOTALE: a later table is not read', () => {
    const g = clean();
    g.push([], ['AZIONI', 'FONDI CONCILIAZIONE ATS', 'CO-FINANZIAMENTO', 'TOTALE'], ['Spese di gestione', '-----', '€ 2.000,00', '€ 2.000,00'], ['TOTALE', '€ 40.000,00', '€ 20.000,00', '€ 60.000,00']);
    const b = read(g);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(b.span).toEqual([0, 24]);
    expect(b.problems).toEqual([]);
  });

  it('a grid with no budget', () => {
    const b = read([['Titolo'], ['Relazione finale', 'testo'], []]);
    expect(b).toEqual({ lines: [], cofinancers: [], assigned: null, problems: [], span: null });
    expect(read([]).span).toBeNull();
  });
});

describe('readBudget: funding shares in columns of their own', () => {
  const withShares = (a: CellValue[]): CellValue[][] => {
    const g = clean();
    g[1] = ['Voce di costo', 'Importo', 'di cui contributo', 'di cui cofinanziamento'];
    g[2] = [L.A, ...a];
    return g;
  };

  it('reads the funded and cofinanced shares of a line', () => {
    const b = read(withShares([13378, 5000, 8378]));
    expect(figures(b)).toEqual(CLEAN_FIGURES);
    expect(lineOf(b, 'A')).toMatchObject({ amount: '13378.00', funded: '5000.00', cofinanced: '8378.00', cell: { row: 2, col: 1 } });
    expect(lineOf(b, 'C')).toMatchObject({ funded: null, cofinanced: null });
    expect(b.problems).toEqual([]);
  });

  it('Italian text in the share columns', () => {
    const b = read(withShares(['€ 13.378,00', '€ 5.000,00', '8.378,00 €']));
    expect(lineOf(b, 'A')).toMatchObject({ funded: '5000.00', cofinanced: '8378.00' });
  });

  it('an unreadable share is a problem on its cell, not a silent blank', () => {
    const b = read(withShares(['€ 13.378,00', 'metà', '€ 8.378,00']));
    expect(lineOf(b, 'A')).toMatchObject({ amount: '13378.00', funded: null, cofinanced: '8378.00' });
    expect(b.problems).toEqual([
      { kind: 'amount-unreadable', cell: { row: 2, col: 2 }, text: 'metà', reason: expect.any(String) },
    ]);
  });

  it('a split written in the amount cell wins over the share columns', () => {
    const b = read(withShares(['€ 5.000,00 (finanziamento) € 8.378,00 (cof) € 13.378,00 (Totale)', '', '']));
    expect(lineOf(b, 'A')).toMatchObject({ amount: '13378.00', funded: '5000.00', cofinanced: '8378.00' });
  });
});

describe('readBudget: problems, never silent drops', () => {
  it('an unrecognised row inside the budget', () => {
    const g = clean();
    g.splice(8, 0, ['F. Altre spese', '€ 100,00']);
    const b = read(g);
    expect(b.problems).toEqual([
      { kind: 'row-unrecognised', cell: { row: 8, col: 0 }, text: 'F. Altre spese', reason: expect.any(String) },
    ]);
    expect(figures(b)).toEqual(CLEAN_FIGURES);
  });

  it('a duplicated line: the first counts, the second is a problem on its label', () => {
    const g = clean();
    g.splice(6, 0, [L.C, '€ 999,00']);
    const b = read(g);
    expect(lineOf(b, 'C')).toMatchObject({ amount: '31500.00', cell: { row: 5, col: 1 } });
    expect(b.lines.filter((l) => l.code === 'C')).toHaveLength(1);
    expect(b.problems).toEqual([
      { kind: 'line-duplicated', cell: { row: 6, col: 0 }, text: L.C, reason: expect.stringContaining('C') },
    ]);
  });

  it('an unreadable budget amount points at its cell', () => {
    const g = clean();
    g[5]![1] = '€ 31.500,00 circa';
    const b = read(g);
    expect(lineOf(b, 'C')).toMatchObject({ status: 'unreadable', amount: null, raw: '€ 31.500,00 circa' });
    expect(b.problems).toEqual([
      { kind: 'amount-unreadable', cell: { row: 5, col: 1 }, text: '€ 31.500,00 circa', reason: expect.any(String) },
    ]);
  });

  it('an unreadable cofinancing amount points at its cell', () => {
    const g = clean();
    g[17]![2] = 'vedi allegato';
    const b = read(g);
    expect(b.cofinancers[4]).toMatchObject({ inKind: null, inKindStatus: 'unreadable', rawInKind: 'vedi allegato' });
    expect(b.problems).toEqual([
      { kind: 'amount-unreadable', cell: { row: 17, col: 2 }, text: 'vedi allegato', reason: expect.any(String) },
    ]);
  });

  it('several amounts where one is expected are unreadable, and said so', () => {
    const g = clean();
    g[5]![1] = '€ 31.500,00 € 1.000,00';
    g[19]![1] = '8.820,00 € 1.000,00 €';
    const b = read(g);
    expect(lineOf(b, 'C')).toMatchObject({ status: 'unreadable', amount: null });
    expect(b.cofinancers[6]).toMatchObject({ monetary: null, monetaryStatus: 'unreadable' });
    expect(b.problems).toEqual([
      { kind: 'amount-unreadable', cell: { row: 5, col: 1 }, text: '€ 31.500,00 € 1.000,00', reason: expect.any(String) },
      { kind: 'amount-unreadable', cell: { row: 19, col: 1 }, text: '8.820,00 € 1.000,00 €', reason: expect.any(String) },
    ]);
  });

  it('a merged A + coordination cell with three amounts is unreadable', () => {
    const g = clean();
    g.splice(2, 2, [`${L.A} ${L.coord}`, '€ 13.378,00 € 5.208,00 € 1,00']);
    const b = read(g);
    expect(lineOf(b, 'A')).toMatchObject({ status: 'unreadable', amount: null });
    expect(b.problems).toEqual([
      { kind: 'amount-unreadable', cell: { row: 2, col: 1 }, text: '€ 13.378,00 € 5.208,00 € 1,00', reason: expect.any(String) },
    ]);
  });

  it('a cofinancing row with amounts but no entity', () => {
    const g = clean();
    g.splice(20, 0, ['', '€ 100,00', '']);
    const b = read(g);
    expect(b.cofinancers).toHaveLength(11);
    expect(b.problems).toEqual([
      { kind: 'row-unrecognised', cell: { row: 20, col: 1 }, text: '€ 100,00', reason: expect.any(String) },
    ]);
  });
});

// Figures declared in the annex, typed here by hand from the seed's PIANO DEI CONTI tables.
const SEED: Record<string, { figures: Record<string, string | null>; split?: Record<string, [string, string]>; cofinancers: number }> = {
  '2.1': {
    figures: { A: '13378.00', A_coord: '5208.00', B: '0.00', C: '31500.00', D: '40000.00', E: '0.00', TOTAL: '84878.00', CONTRIBUTION: '40000.00', COFINANCING: '44878.00', COFIN_MONETARY_TOTAL: '31500.00', COFIN_IN_KIND_TOTAL: '13378.00' },
    cofinancers: 11,
  },
  '2.2': {
    figures: { A: '12000.00', A_coord: '5000.00', B: '0.00', C: '7000.00', D: '20000.00', E: '1000.00', TOTAL: '40000.00', CONTRIBUTION: '23000.00', COFINANCING: '17000.00', COFIN_MONETARY_TOTAL: '4000.00', COFIN_IN_KIND_TOTAL: '13000.00' },
    cofinancers: 8,
  },
  '2.3': {
    figures: { A: '1500.00', A_coord: null, B: null, C: '47500.00', D: null, E: '1000.00', TOTAL: '50000.00', CONTRIBUTION: '35000.00', COFINANCING: '15000.00', COFIN_MONETARY_TOTAL: '13500.00', COFIN_IN_KIND_TOTAL: '1500.00' },
    cofinancers: 1,
  },
  '2.4': {
    figures: { A: '42600.00', A_coord: '6500.00', B: '22400.00', C: '2500.00', D: '0.00', E: '0.00', TOTAL: '67500.00', CONTRIBUTION: '40000.00', COFINANCING: '27500.00', COFIN_MONETARY_TOTAL: '20000.00', COFIN_IN_KIND_TOTAL: '7500.00' },
    cofinancers: 15,
  },
  '2.5': {
    figures: { A: '14142.85', A_coord: '8550.00', B: null, C: '42000.00', D: null, E: '1000.00', TOTAL: '57142.85', CONTRIBUTION: '40000.00', COFINANCING: '17142.85', COFIN_MONETARY_TOTAL: '8000.00', COFIN_IN_KIND_TOTAL: '9142.85' },
    split: { A: ['5000.00', '9142.85'], A_coord: ['5000.00', '3550.00'], C: ['34000.00', '8000.00'] },
    cofinancers: 2,
  },
  '2.6': {
    figures: { A: '18000.00', A_coord: '2750.00', B: null, C: null, D: '40000.00', E: '2000.00', TOTAL: '60000.00', CONTRIBUTION: '40000.00', COFINANCING: '20000.00', COFIN_MONETARY_TOTAL: '13000.00', COFIN_IN_KIND_TOTAL: '7000.00' },
    cofinancers: 10,
  },
  '2.7': {
    figures: { A: '10000.00', A_coord: '5300.00', B: null, C: '26000.00', D: null, E: null, TOTAL: '36000.00', CONTRIBUTION: '20000.00', COFINANCING: '16000.00', COFIN_MONETARY_TOTAL: '6000.00', COFIN_IN_KIND_TOTAL: '10000.00' },
    cofinancers: 14,
  },
};

describe('readBudget: the seven budgets of the seed annex', () => {
  const grids = seedBudgetGrids();

  it('finds seven budgets', () => {
    expect(grids.map((g) => g.project)).toEqual(Object.keys(SEED));
  });

  describe.each(grids)('$project', ({ project, grid, sourceLine }) => {
    const b = read(grid);
    const want = SEED[project]!;

    it('reads the declared figures, with no problems', () => {
      expect(figures(b)).toEqual(want.figures);
      expect(b.problems).toEqual([]);
      expect(b.cofinancers).toHaveLength(want.cofinancers);
    });

    it('reads the lines split by funding source', () => {
      const split = Object.fromEntries(b.lines.filter((l) => l.funded !== null || l.cofinanced !== null).map((l) => [l.code, [l.funded, l.cofinanced]]));
      expect(split).toEqual(want.split ?? {});
    });

    it('every cell it reports holds, in the seed, the text it reports', () => {
      const cellOf = (c: { row: number; col: number }) => seedLines[sourceLine[c.row]!]!.split('\t')[c.col] ?? '';
      for (const l of b.lines) expect(cellOf(l.cell)).toBe(l.raw);
      for (const c of b.cofinancers) {
        expect(cellOf(c.monetaryCell)).toBe(c.rawMonetary);
        expect(cellOf(c.inKindCell)).toBe(c.rawInKind);
        expect(cellOf(c.entityCell).trim()).toBe(c.entity);
      }
    });
  });

  it('2.1: the coordination amount sits on the row after its label (seed line 371)', () => {
    const { grid, sourceLine } = grids[0]!;
    const coord = lineOf(read(grid), 'A_coord')!;
    expect(sourceLine[coord.labelCell.row]! + 1).toBe(370);
    expect(sourceLine[coord.cell.row]! + 1).toBe(371);
  });

  it('2.5: both cofinancers with their cents', () => {
    const b = read(grids[4]!.grid);
    expect(b.cofinancers.map((c) => [c.entity, c.monetary, c.inKind])).toEqual([
      ['Comune di Cremona', '4000.00', '4571.43'],
      ['Azienda sociale del Cremonese', '4000.00', '4571.42'],
    ]);
  });

  it('2.7: "non richiesto" is not stated, "6.000,00€" is read', () => {
    const b = read(grids[6]!.grid);
    expect(b.cofinancers[0]).toMatchObject({ monetary: '6000.00', inKind: '3500.00' });
    expect(b.cofinancers[1]).toMatchObject({
      entity: 'CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI MANTOVA',
      monetary: null, monetaryStatus: 'not-stated', rawMonetary: 'non richiesto', inKind: '500.00',
    });
  });
});

describe('readBudget: a cofinancer name made only of markup', () => {
  it('keeps the row, with the name as typed, so its amounts still count', () => {
    const grid = clean();
    grid[18] = ['<img src=x onerror=alert(1)>', '7.245,00 €', '0 €'];
    const b = read(grid);
    expect(b.cofinancers).toHaveLength(11);
    expect(b.cofinancers[5]).toMatchObject({ entity: '<img src=x onerror=alert(1)>', monetary: '7245.00' });
    expect(b.problems).toEqual([]);
  });
});

describe('texts and folds handed in by the caller', () => {
  const labels = [
    'A. Costi di personale interno ed esterno', 'Personale interno ed esterno', '**TOTALE**', 'Note', '', 'Importo totale',
    'Quota cofinanziamento', 'Ente cofinanziatore', 'Valorizzazione', 'Contributo assegnato', 'PIANO DEI CONTI', 'Voce di spesa', '€ 5.000,00',
  ];
  const tests = {
    budgetCodesOf, strictBudgetCodesOf, isBudgetHeading, isMainBudgetHeading, isAmountHeader, shareColumnOf, isTotalLabel, isEntityHeader,
    cofinColumnOf, isAssignedLabel,
  };

  it('each label test answers alike given the fold or folding the label itself', () => {
    for (const [name, test] of Object.entries(tests)) {
      for (const l of labels) expect([name, l, test(l, foldText(l))]).toEqual([name, l, test(l)]);
    }
  });

  it('a label test uses the fold it is given (it does not fold the label again)', () => {
    expect(isTotalLabel('Note varie', 'totale')).toBe(true);
    expect(budgetCodesOf('Note varie', 'a. costi di personale')).toEqual(['A']);
  });

  it('reads the seed\'s budget grids alike with the texts handed in (textsOf) or worked out', () => {
    for (const { grid } of seedBudgetGrids()) expect(readBudget(grid, {}, textsOf(grid))).toEqual(readBudget(grid));
  });

  it('tests the texts it is handed: a grid read with other texts reads otherwise', () => {
    const grid = clean();
    const texts = textsOf(grid).map((row) => row.map((t) => (t === 'TOTALE' ? 'Note' : t)));
    expect(lineOf(readBudget(grid, {}, texts), 'TOTAL')).toBeUndefined();
    expect(lineOf(readBudget(grid), 'TOTAL')).toBeDefined();
    expect(visibleText('**TOTALE**')).toBe('TOTALE');
  });
});
