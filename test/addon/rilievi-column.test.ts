// Issue 12, point 3: the add-on never rewrites a note or a format that is not its own; what it
// writes lives in one place of its own, the Rilievi column beside the budget, and its marks
// (the column's lines and the colours the rules derive from them) go completely when the
// problem goes, wherever they were. Journeys on the BUILT add-on.
import { beforeAll, describe, expect, it } from 'vitest';
import { a1Of, FakeRuleBuilder, type FakeSheet } from './fake-spreadsheet.js';
import { ensureBuilt, setup } from './harness.js';
import { COLOURS, cofinRow, everything, fillClean, LINE, newTab, ourRules, RILIEVI_COL, sheetCalls, shown, STATUS, TEMPLATE, type, typeText } from './journey.js';

beforeAll(() => ensureBuilt());

const rilieviOf = (code: keyof typeof TEMPLATE.lineCells) => a1Of(TEMPLATE.lineCells[code]!.row, RILIEVI_COL);
const CLEAN = { status: 'Nessun rilievo', rilievi: { J1: 'Rilievi · Nessun rilievo' }, coloured: {} };

function leadsFormatting(sheet: FakeSheet): void {
  sheet.getRange(LINE('A_coord')).setNote('verificare con il commercialista\n');
  sheet.getRange(LINE('TOTAL')).setNote('conciliazione: chiedere a Marco');
  sheet.getRange(LINE('C')).setNote('preventivo del 3 marzo\n\nseconda riga');
  sheet.getRange(LINE('A_coord')).setBackground('#d9ead3');
  sheet.getRange(LINE('TOTAL')).setNumberFormat('#,##0');
}

describe('the lead\'s notes and formats', () => {
  it('are never read or written: a rule broken and fixed leaves them to the character', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    leadsFormatting(sheet);
    const userRule = new FakeRuleBuilder(env).whenFormulaSatisfied('=B7>100000').setBackground('#000000').setRanges([sheet.getRange('B7:B11')]).build();
    sheet.rules = [...sheet.rules, userRule];
    const lead = () => {
      const e = everything(sheet, RILIEVI_COL);
      return { notes: e.notes, backgrounds: e.backgrounds, formats: e.formats, weights: e.weights, rules: e.rules };
    };
    const before = lead();

    type(env, addon, sheet, LINE('A_coord'), 9000); // above 15%
    type(env, addon, sheet, LINE('C'), 'tanto'); // unreadable
    expect(shown(sheet).status).toMatch(/^\d errori$/);
    expect(env.calls.some((c) => /Notes?$|setBackground|setNumberFormat|FontWeight/.test(c))).toBe(false);
    expect(lead()).toEqual(before);

    type(env, addon, sheet, LINE('C'), 10000);
    type(env, addon, sheet, LINE('A_coord'), 3000);
    expect(shown(sheet)).toEqual(CLEAN);
    expect(lead()).toEqual(before);
    expect(sheet.getRange(LINE('A_coord')).getNote()).toBe('verificare con il commercialista\n');
    expect(sheet.getRange(LINE('TOTAL')).getNote()).toBe('conciliazione: chiedere a Marco');
  });
});

describe('the Rilievi column', () => {
  it('explains each marked cell on its row and colours exactly the cells it names; a fix takes both away', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    expect(shown(sheet)).toEqual(CLEAN);

    type(env, addon, sheet, LINE('A_coord'), 9000);
    expect(sheetCalls(env)).toEqual(['Range.getSheet', 'Sheet.getSheetValues', 'Sheet.getRange', 'Range.setValues']);
    expect(shown(sheet)).toEqual({
      status: '1 errore',
      rilievi: {
        J1: 'Rilievi · 1 errore',
        [rilieviOf('A_coord')]: `${LINE('A_coord')} ✖ Errore: Il coordinamento (€ 9.000,00) supera il 15% del costo totale: al massimo € 7.500,00.`,
        [rilieviOf('TOTAL')]: `${LINE('TOTAL')} ✖ (vedi ${LINE('A_coord')})`,
      },
      coloured: { [LINE('A_coord')]: COLOURS.error, [LINE('TOTAL')]: COLOURS.error },
    });

    type(env, addon, sheet, LINE('A_coord'), 3000);
    expect(shown(sheet)).toEqual(CLEAN);
  });

  it('keeps a line the lead typed under an explanation, and takes only ours away at the fix', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    const cell = rilieviOf('A_coord');
    const ours = String(sheet.getRange(cell).getValue());
    typeText(env, addon, sheet, cell, `${ours}\nparlato con Marco: riduciamo`);
    expect(sheet.getRange(cell).getValue()).toBe(`${ours}\nparlato con Marco: riduciamo`);

    type(env, addon, sheet, LINE('A_coord'), 3000);
    expect(sheet.getRange(cell).getValue()).toBe('parlato con Marco: riduciamo');
    expect(shown(sheet).coloured).toEqual({});
    expect(shown(sheet).status).toBe('Nessun rilievo');
    // A number the lead typed into the column is never written over: the write goes around it.
    type(env, addon, sheet, a1Of(TEMPLATE.lineCells.TOTAL!.row, RILIEVI_COL), 42);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    expect(sheet.getRange(a1Of(TEMPLATE.lineCells.TOTAL!.row, RILIEVI_COL)).getValue()).toBe(42);
    expect(shown(sheet).status).toBe('1 errore');
    expect(shown(sheet).coloured[LINE('A_coord')]).toBe(COLOURS.error);
  });

  it('keeps the colours on their cells when a row is inserted above, and rewrites the addresses at the next check', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    const row = TEMPLATE.lineCells.A_coord!.row;
    sheet.insertRowBefore(row + 1); // a row above the coordination line: it moves down by one
    expect(sheet._effectiveBackground(a1Of(row + 1, 1))).toBe(COLOURS.error);
    expect(sheet._effectiveBackground(a1Of(row, 1))).toBe('#ffffff');
    type(env, addon, sheet, a1Of(row, 0), 'nota'); // any edit: the lead's text in the inserted row
    expect(sheet.getRange(a1Of(row + 1, RILIEVI_COL)).getValue()).toMatch(new RegExp(`^B${row + 2} ✖ Errore`));
    expect(shown(sheet).coloured[a1Of(row + 1, 1)]).toBe(COLOURS.error);
  });

  it('loses the lines of a cofinancing table the lead deleted, wherever they were', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    typeText(env, addon, sheet, a1Of(cofinRow(2), 0), 'Fondazione');
    typeText(env, addon, sheet, a1Of(cofinRow(2), 1), 'mille euro');
    typeText(env, addon, sheet, a1Of(cofinRow(3), 0), 'Associazione');
    typeText(env, addon, sheet, a1Of(cofinRow(3), 2), 'boh');
    const lines = Object.keys(shown(sheet).rilievi);
    expect(lines).toContain(a1Of(cofinRow(2), RILIEVI_COL));
    expect(lines).toContain(a1Of(cofinRow(3), RILIEVI_COL));
    expect(shown(sheet).coloured[a1Of(cofinRow(2), 1)]).toBe(COLOURS.error);

    // The lead selects the whole cofinancing table, header to TOTALE, and deletes it.
    const top = TEMPLATE.cofinRows!.first - 1;
    for (let r = top; r <= TEMPLATE.cofinTotalRow; r++) for (let c = 0; c < 3; c++) Object.assign(sheet._cell(r, c, true), { value: '', formula: '' });
    env.reset();
    addon.onEdit(env.editEvent(sheet, `${a1Of(top, 0)}:${a1Of(TEMPLATE.cofinTotalRow, 2)}`));
    const now = shown(sheet);
    for (let r = top; r <= TEMPLATE.cofinTotalRow; r++) expect(now.rilievi[a1Of(r, RILIEVI_COL)]).toBeUndefined();
    expect(Object.keys(now.coloured).filter((a) => Number(a.replace(/^[A-Z]+/, '')) > top)).toEqual([]);
  });

  it('is cleared with its rules by "Rimuovi le evidenziazioni", and comes back with the next check', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    addon.clearHighlights();
    expect(shown(sheet)).toEqual({ status: '', rilievi: {}, coloured: {} });
    expect(ourRules(sheet)).toEqual([]);
    addon.checkThisTab();
    expect(shown(sheet).status).toBe('1 errore');
    expect(shown(sheet).coloured[LINE('A_coord')]).toBe(COLOURS.error);
    expect(ourRules(sheet)).toHaveLength(3);
    expect(sheet.getRange(STATUS).getValue()).toBe('1 errore');
  });
});

describe('the Rilievi column without its top cell', () => {
  it('is still the add-on\'s: its lines go with the problem, and the status comes back on top', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    // The lead clears the column's top cell only.
    Object.assign(sheet._cell(0, RILIEVI_COL), { value: '' });
    type(env, addon, sheet, LINE('A_coord'), 3000);
    expect(shown(sheet)).toEqual(CLEAN);
    expect(sheet._extent().cols).toBe(RILIEVI_COL + 1); // no second column
  });
});
