// Issue 12, point 1: a tab is a budget only when it has a budget's shape. Anything else is
// never written to (values, notes, formats, conditional rules stay as the lead left them), and
// a tab that stops being a budget loses what the add-on wrote there. Journeys on the BUILT
// add-on over the in-memory spreadsheet.
import { beforeAll, describe, expect, it } from 'vitest';
import { a1Of, FakeRuleBuilder, type Env, type FakeSheet } from './fake-spreadsheet.js';
import { ensureBuilt, setup, type Addon } from './harness.js';
import { COLOURS, everything, fillClean, LINE, newTab, ourRules, sheetCalls, shown, type } from './journey.js';

beforeAll(() => ensureBuilt());

/** A tab of the lead's own, with a note, a colour, a number format and a rule of theirs. */
function ownTab(env: Env, name: string, rows: (string | number | null)[][]): FakeSheet {
  const sheet = env.spreadsheet.insertSheet(name);
  sheet._fill(rows);
  sheet.getRange('A2').setNote('da chiedere a Marco\n');
  sheet.getRange('A1').setBackground('#fff2cc');
  sheet.getRange('B1:B8').setNumberFormat('#,##0.00');
  sheet.rules = [new FakeRuleBuilder(env).whenFormulaSatisfied('=B2>0').setBackground('#d9ead3').setRanges([sheet.getRange('B2:B8')]).build()];
  return sheet;
}

/** Every way the add-on could be asked to look at a tab. */
function everyCheck(env: Env, addon: Addon, sheet: FakeSheet): void {
  env.spreadsheet.setActiveSheet(sheet);
  addon.checkThisTab();
  addon.checkAllTabs();
  addon.getFindings();
}

const NOTES = [
  ['Appunti riunione con il Comune'],
  ['TOTALE', 'da definire'],
  ['Chiedere preventivo per la ludoteca'],
  ['Totale ore volontari', 120],
];

const SUMMARY = [
  ['Riepilogo spese'],
  ['Voce di costo', 'Importo'],
  ['Viaggi', 120],
  ['Materiali', 380.5],
  ['Totale', '=SUM(B3:B4)'],
];

describe('a tab that is not a budget', () => {
  for (const [name, rows, edits] of [
    ['Note', NOTES, [['B2', 'da definire entro marzo'], ['A5', 'TOTALE'], ['B5', 3000], ['B2', '€ 12.000']]],
    ['Riepilogo spese', SUMMARY, [['B3', 150], ['B4', 'tanto'], ['A6', 'TOTALE GENERALE'], ['B6', 999]]],
  ] as const) {
    it(`"${name}" stays exactly as the lead keeps it, edit after edit`, () => {
      const { env, addon } = setup();
      const sheet = ownTab(env, name, rows as unknown as (string | number | null)[][]);
      // Everything the lead owns; a formula's result follows the values, so only its text counts.
      const all = (s: FakeSheet) => {
        const e = everything(s, 26, 20);
        e.values = e.values.map((row, r) => row.map((v, c) => (e.formulas[r]![c] ? '(formula)' : v)));
        return e;
      };
      for (const [cell, value] of edits) {
        const before = all(sheet);
        type(env, addon, sheet, cell, value);
        // Only the value the lead typed changed: nothing written, nothing coloured, no column.
        const after = all(sheet);
        const p = sheet.getRange(cell);
        expect(after.values[p.row]![p.col]).toBe(value);
        before.values[p.row]![p.col] = value;
        expect(after).toEqual(before);
        expect(env.calls.some((c) => /\.set|insert/i.test(c))).toBe(false);
        expect(sheetCalls(env)).toEqual(['Range.getSheet', 'Sheet.getSheetValues', 'Sheet.getConditionalFormatRules']);
      }
      const before = all(sheet);
      everyCheck(env, addon, sheet);
      expect(all(sheet)).toEqual(before);
      expect(addon.getFindings().tabs).toEqual([]);
      env.spreadsheet.setActiveSheet(sheet);
      addon.checkThisTab();
      expect(env.toasts.at(-1)).toBe('Questo foglio non contiene un piano dei conti riconoscibile.');
    });
  }

  it('becomes a budget when the lead has typed enough of one, in order, and only then', () => {
    const { env, addon } = setup();
    const sheet = env.spreadsheet.getSheets()[0]!;
    const lines: [string, string, number][] = [
      ['A', 'A. Costi di personale interno ed esterno', 20000],
      ['B', 'B. Costo di acquisto, noleggio, leasing di beni o software', 0],
      ['C', 'C. Costo di acquisto di servizi', 10000],
      ['D', 'D. Costi relativi ad erogazione voucher/rimborsi', 15000],
    ];
    lines.forEach(([, label, amount], i) => {
      sheet._fill([[label, amount]], i, 0);
      env.reset();
      addon.onEdit(env.editEvent(sheet, `B${i + 1}`, amount));
      // Three lines are not yet a budget: nothing is written.
      if (i < 3) expect(sheet._extent().cols).toBe(2);
    });
    // The fourth is: the Rilievi column appears one column right of the lead's, D.
    expect(shown(sheet, 3, null).rilievi.D1).toMatch(/^Rilievi · /);
  });

  it('with a stray "TOTALE" row above the heading, is read from its heading', () => {
    const { env, addon } = setup();
    const sheet = env.spreadsheet.getSheets()[0]!;
    sheet._fill([
      ['TOTALE', 'da definire'],
      [],
      ['PIANO DEI CONTI DEL PROGETTO'],
      ['A. Costi di personale interno ed esterno', 20000],
      ['di cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto', 3000],
      ['B. Costo di acquisto, noleggio, leasing di beni o software', 0],
      ['C. Costo di acquisto di servizi', 10000],
      ['D. Costi relativi ad erogazione voucher/rimborsi', 15000],
      ['E. Spese generali di funzionamento e gestione', 5000],
      ['TOTALE', 50000],
      ['di cui CONTRIBUTO RICHIESTO', 35000],
      ['di cui COFINANZIAMENTO', 15000],
    ]);
    type(env, addon, sheet, 'B10', 50000);
    const now = shown(sheet, 3, null);
    expect(now.rilievi).toEqual({ D1: 'Rilievi · Nessun rilievo' });
    expect(now.coloured).toEqual({});
  });
});

describe('a tab that stops being a budget', () => {
  it('after select-all + Delete, loses every colour and line of ours, and keeps the lead\'s rule and notes', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    sheet.getRange(LINE('A_coord')).setNote('nota mia');
    sheet.rules = [...sheet.rules, new FakeRuleBuilder(env).whenFormulaSatisfied('=B7>100000').setBackground('#000000').setRanges([sheet.getRange('B7:B11')]).build()];
    type(env, addon, sheet, LINE('A_coord'), 9000);
    expect(shown(sheet).coloured).toEqual({ [LINE('A_coord')]: COLOURS.error, [LINE('TOTAL')]: COLOURS.error });

    // Select all, Delete: contents go, notes and formats stay; Sheets fires onEdit on the whole range.
    for (const row of sheet.rows) for (const cell of row) Object.assign(cell, { value: '', formula: '' });
    env.reset();
    addon.onEdit(env.editEvent(sheet, 'A1:Z1000'));
    expect(shown(sheet)).toEqual({ status: '', rilievi: {}, coloured: {} });
    expect(ourRules(sheet)).toEqual([]);
    expect(sheet.rules.map((r) => r.formula)).toEqual(['=B7>100000']);
    expect(sheet.getRange(LINE('A_coord')).getNote()).toBe('nota mia');

    // From now on a notes tab like any other: typing there writes nothing.
    type(env, addon, sheet, 'A1', 'TOTALE');
    type(env, addon, sheet, 'B1', 'da definire');
    expect(env.calls.some((c) => /\.set/.test(c))).toBe(false);
    expect(sheet._extent()).toEqual({ rows: 1, cols: 2 });
  });

  it('when the lead clears the budget but keeps other text, loses the Rilievi column\'s text', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, LINE('C'), 'tanto'); // an unreadable amount: marked
    expect(Object.keys(shown(sheet).rilievi).length).toBeGreaterThan(1);
    // The lead wipes the budget block (columns A-H) and keeps a line of notes below it.
    for (const row of sheet.rows) for (const cell of row.slice(0, 8)) Object.assign(cell, { value: '', formula: '' });
    sheet._fill([['Il budget è stato spostato nel foglio "Progetto 2"']], 40, 0);
    type(env, addon, sheet, 'A42', 'vedi sopra');
    expect(shown(sheet)).toEqual({ status: '', rilievi: {}, coloured: {} });
    expect(ourRules(sheet)).toEqual([]);
    expect(sheet.getRange('A41').getValue()).toBe('Il budget è stato spostato nel foglio "Progetto 2"');
    expect(a1Of(0, 0)).toBe('A1');
  });
});
