// Issue 12, point 2: whatever the add-on writes that comes from user text is written as text,
// never as a formula (nor turned into a number or a date). Journeys on the BUILT add-on.
import { beforeAll, describe, expect, it } from 'vitest';
import { a1Of } from './fake-spreadsheet.js';
import { ensureBuilt, setup } from './harness.js';
import { cofinRow, LINE, newTab, RILIEVI_COL, shown, STATUS, TEMPLATE, type, typeText } from './journey.js';

beforeAll(() => ensureBuilt());

const HYPERLINK = '=HYPERLINK("http://x","y")';

describe('a re-planned tab', () => {
  it('holds the cofinancers\' names and the tab\'s name as the text they were', () => {
    const { env, addon } = setup();
    const source = newTab(env, addon);
    source.setName('=SUM(1,2)');
    const amounts: [string, number][] = [
      [at('ASSIGNED'), 20038.4], [LINE('A'), 14142.85], [LINE('A_coord'), 8550], [LINE('C'), 42000], [LINE('E'), 1000],
      [a1Of(cofinRow(0), 1), 4000], [a1Of(cofinRow(0), 2), 4571.43], [a1Of(cofinRow(1), 1), 4000], [a1Of(cofinRow(1), 2), 4571.42],
    ];
    for (const [cell, v] of amounts) type(env, addon, source, cell, v);
    typeText(env, addon, source, a1Of(cofinRow(0), 0), HYPERLINK);
    typeText(env, addon, source, a1Of(cofinRow(1), 0), '2020');
    typeText(env, addon, source, a1Of(cofinRow(2), 0), '+39 Cooperativa');
    typeText(env, addon, source, a1Of(cofinRow(2), 2), '€ .....');
    expect(source.getRange(a1Of(cofinRow(0), 0)).getValue()).toBe(HYPERLINK);

    addon.replanTab();
    const tab = env.spreadsheet.active;
    expect(tab.getName()).toBe('=SUM(1,2) – rimodulato');
    // The names: the same text, no formula, no number.
    expect(tab.getRange(a1Of(cofinRow(0), 0)).getFormula()).toBe('');
    expect(tab.getRange(a1Of(cofinRow(0), 0)).getValue()).toBe(HYPERLINK);
    expect(tab.getRange(a1Of(cofinRow(1), 0)).getValue()).toBe('2020');
    expect(tab.getRange(a1Of(cofinRow(2), 0)).getValue()).toBe('+39 Cooperativa');
    expect(tab.getRange(a1Of(cofinRow(2), 2)).getValue()).toBe('€ .....');
    // The title quotes the tab's name: text too.
    expect(tab.getRange('A2').getFormula()).toBe('');
    expect(tab.getRange('A2').getValue()).toMatch(/^=SUM\(1,2\) – rimodulato \(€ 20\.038,40\)$/);
    // The only formulas on the new tab are the layout's own and the status cell's.
    const formulas = tab.getDataRange().getFormulas().flat().filter((f) => f !== '');
    const layoutFormulas = TEMPLATE.cells.filter((c) => c.formula).length;
    expect(formulas.length).toBeLessThanOrEqual(layoutFormulas + 1);
    expect(formulas.some((f) => f.includes('HYPERLINK'))).toBe(false);
    expect(tab.getRange(STATUS).getValue()).toBe('Nessun rilievo');
  });
});

describe('the Rilievi column', () => {
  it('quotes a hostile cell as text: every cell of ours is a value, never a formula', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    typeText(env, addon, sheet, LINE('C'), HYPERLINK);
    typeText(env, addon, sheet, a1Of(cofinRow(0), 0), '=1+1');
    typeText(env, addon, sheet, a1Of(cofinRow(0), 1), '@SUM(A1)');
    const rilievi = shown(sheet).rilievi;
    expect(rilievi[a1Of(TEMPLATE.lineCells.C!.row, RILIEVI_COL)]).toContain(`"${HYPERLINK}"`);
    expect(Object.values(rilievi).join('\n')).toContain('"@SUM(A1)"');
    const column = sheet.getRange(1, RILIEVI_COL + 1, sheet._extent().rows, 1);
    expect(column.getFormulas().flat().every((f) => f === '')).toBe(true);
    expect(column.getValues().flat().every((v) => v === '' || /^(Rilievi · |[A-Z]+\d+ [✖⚠ℹ] )/.test(String(v)))).toBe(true);
  });
});

function at(what: 'ASSIGNED'): string {
  return what === 'ASSIGNED' ? a1Of(TEMPLATE.assignedCell.row, TEMPLATE.assignedCell.col) : '';
}
