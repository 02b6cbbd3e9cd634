// Issue 12, point 5: the template's own check column ("Esito", F-H) agrees with the add-on's
// marks whatever way the amounts were typed: as numbers, or as text Sheets did not turn into
// numbers ("€ 9.000,00", "9000.00" in an Italian sheet). Its formulas read text amounts as the
// add-on does instead of skipping them as COUNT, N and SUM do. Journeys on the BUILT add-on.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAmount } from '../../shared/amounts.js';
import { textAmount } from '../../shared/budget-layout.js';
import { a1Of, type FakeSheet } from './fake-spreadsheet.js';
import { evaluate } from './formula.js';
import { ensureBuilt, setup, type Addon } from './harness.js';
import { at, COLOURS, cofinRow, fillClean, LINE, newTab, shown, TEMPLATE, type, typeText } from './journey.js';

beforeAll(() => ensureBuilt());

/** Each check row's Esito, and whether the add-on has an error of that rule on the tab. */
function agreement(sheet: FakeSheet, addon: Addon) {
  const tab = addon.getFindings().tabs.find((t: { sheet: string }) => t.sheet === sheet.getName());
  const broken = new Set(tab!.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { rule: string }) => f.rule));
  return TEMPLATE.checks.map((c) => ({ rule: c.ruleId, esito: sheet.getRange(at(c.verdictCell)).getValue(), marked: broken.has(c.ruleId) }));
}

function expectAgreement(sheet: FakeSheet, addon: Addon): void {
  for (const row of agreement(sheet, addon)) expect(row.esito, `${row.rule}`).toBe(row.marked ? 'NON OK' : 'OK');
}

const checkRow = (rule: string) => TEMPLATE.checks.find((c) => c.ruleId === rule)!;

describe('the check column', () => {
  const forms = ['9000', '9.000', '9.000,00', '€ 9.000,00', '9.000,00 €', '9000,00 €', '9000.00', ' 9000 ', '€9.000', '+9.000,00'];
  it.each(forms)('says NON OK beside the red coordination cell when it is typed as text "%s", and OK when fixed', (form) => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    typeText(env, addon, sheet, LINE('A_coord'), form);
    expect(shown(sheet).coloured[LINE('A_coord')]).toBe(COLOURS.error);
    expect(sheet.getRange(at(checkRow('coordination-max').verdictCell)).getValue()).toBe('NON OK');
    expect(sheet.getRange(at(checkRow('coordination-max').valueCell!)).getValue()).toBe(7500);
    expectAgreement(sheet, addon);

    typeText(env, addon, sheet, LINE('A_coord'), form.replace('9', '3'));
    expect(shown(sheet).coloured).toEqual({});
    expect(sheet.getRange(at(checkRow('coordination-max').verdictCell)).getValue()).toBe('OK');
    expectAgreement(sheet, addon);
  });

  it('is all OK on a clean budget typed entirely as text, totals included', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    const text: [string, string][] = [
      [LINE('A'), '€ 20.000,00'], [LINE('A_coord'), '3.000'], [LINE('B'), '0'], [LINE('C'), '10000,00'], [LINE('D'), '15.000 €'],
      [LINE('E'), '5000.00'], [LINE('TOTAL'), '€ 50.000,00'], [LINE('CONTRIBUTION'), '35.000,00'], [LINE('COFINANCING'), '15.000,00'],
      [a1Of(cofinRow(0), 0), 'Comune di Mantova'], [a1Of(cofinRow(0), 1), '€ 10.000'], [a1Of(cofinRow(1), 0), 'Il Ponte'],
      [a1Of(cofinRow(1), 2), '5.000,00'], [at(TEMPLATE.lineCells.COFIN_MONETARY_TOTAL!), '10.000,00'],
      [at(TEMPLATE.lineCells.COFIN_IN_KIND_TOTAL!), '5.000,00'],
    ];
    for (const [cell, value] of text) typeText(env, addon, sheet, cell, value);
    expect(shown(sheet).status).toBe('Nessun rilievo');
    expect(agreement(sheet, addon).every((r) => r.esito === 'OK')).toBe(true);

    // Each rule broken in turn, by text: the column and the marks say so together.
    typeText(env, addon, sheet, LINE('TOTAL'), '€ 50.000,01'); // lines no longer add up, nor does the split
    expectAgreement(sheet, addon);
    expect(sheet.getRange(at(checkRow('lines-sum').verdictCell)).getValue()).toBe('NON OK');
    typeText(env, addon, sheet, LINE('TOTAL'), '€ 50.000,00');
    typeText(env, addon, sheet, LINE('CONTRIBUTION'), '41.000,00'); // above the cap, and the split breaks
    expectAgreement(sheet, addon);
    expect(sheet.getRange(at(checkRow('contribution-max').verdictCell)).getValue()).toBe('NON OK');
    typeText(env, addon, sheet, LINE('CONTRIBUTION'), '35.000,00');
    typeText(env, addon, sheet, a1Of(cofinRow(1), 2), '5.500,00'); // the table no longer adds up
    expectAgreement(sheet, addon);
    expect(sheet.getRange(at(checkRow('cofinancing-table-sum').verdictCell)).getValue()).toBe('NON OK');
    typeText(env, addon, sheet, a1Of(cofinRow(1), 2), '5.000,00');
    expect(shown(sheet).status).toBe('Nessun rilievo');
    expectAgreement(sheet, addon);
  });

  it('leaves to the add-on what only the add-on reads: placeholders and words are not amounts for either', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    typeText(env, addon, sheet, LINE('B'), '-----');
    expectAgreement(sheet, addon);
    expect(shown(sheet).status).toBe('Nessun rilievo');
    typeText(env, addon, sheet, LINE('A_coord'), 'tremila');
    expectAgreement(sheet, addon);
    expect(sheet.getRange(at(checkRow('coordination-max').verdictCell)).getValue()).toBe('OK');
    expect(shown(sheet).coloured[LINE('A_coord')]).toBe(COLOURS.error); // unreadable: the add-on's own finding
    type(env, addon, sheet, LINE('A_coord'), 3000);
    expect(shown(sheet).coloured).toEqual({});
  });
});

describe('the formulas\' reading of a text amount', () => {
  const read = (text: string) => evaluate(`=${textAmount('A1')}`, { value: (r, c) => (r === 0 && c === 0 ? text : '') });
  const group = (int: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

  it('gives the core\'s amount for every form a lead types', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_99 }), fc.integer({ min: 0, max: 7 }), (cents, form) => {
        const int = String(Math.floor(cents / 100));
        const dec = String(cents % 100).padStart(2, '0');
        const text = [
          `${int},${dec}`, `${group(int)},${dec}`, `€ ${group(int)},${dec}`, `${group(int)},${dec} €`, `${int}.${dec}`,
          `€${int}`, `  ${group(int)}  `, `-${group(int)},${dec}`,
        ][form]!;
        const core = readAmount(text);
        expect(core.kind).toBe('amount');
        const value = read(text);
        expect(typeof value).toBe('number');
        expect(Math.round((value as number) * 100) + 0).toBe(Math.round(Number((core as { value: { toString(): string } }).value.toString()) * 100) + 0);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });

  it('never reads a number the core does not: anything else is left to the add-on', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[-+€ .,0-9a-z]{0,14}$/), (text) => {
        const value = read(text);
        if (value === '') return;
        const core = readAmount(text);
        expect(core.kind, JSON.stringify(text)).toBe('amount');
        expect(Math.round((value as number) * 100) + 0, JSON.stringify(text)).toBe(Math.round(Number((core as { value: { toString(): string } }).value.toString()) * 100) + 0);
      }),
      { seed: 12, numRuns: 5000 },
    );
  });
});
