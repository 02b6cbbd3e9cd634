// Issue 12, point 4: what the add-on shows is entirely in the user's language (Italian, or
// English for any other locale): the Rilievi column, the status, toasts and the sidebar;
// amounts in that language's format and to the cent where the rule allows. Journeys on the
// BUILT add-on.
import { beforeAll, describe, expect, it } from 'vitest';
import { a1Of, type Env, type FakeSheet } from './fake-spreadsheet.js';
import { ensureBuilt, setup, type Addon } from './harness.js';
import { cofinRow, fillClean, LINE, newTab, RILIEVI_COL, shown, STATUS, TEMPLATE, type, typeText } from './journey.js';

beforeAll(() => ensureBuilt());

// Words only the other language uses: in the add-on's own text they would be a mix.
const ITALIAN = /\b(Errore|Errori|Avviso|Nota|vedi|Rilievi|Nessun|Importo|Scrivere|oppure|il|della|sotto|supera|completato)\b/;
const ENGLISH = /\b(Error|Warning|Note|see|Findings|Unreadable|amount|Type|the|below|exceeds|complete|rounding)\b/;
const rilieviOf = (code: keyof typeof TEMPLATE.lineCells) => a1Of(TEMPLATE.lineCells[code]!.row, RILIEVI_COL);

function columnText(sheet: FakeSheet): string {
  return Object.values(shown(sheet).rilievi).join('\n');
}

/** A clean budget whose total is 40.000,03 €: its 30% floor is 12.000,009 €. */
function roundingBudget(env: Env, addon: Addon): FakeSheet {
  const sheet = newTab(env, addon);
  const amounts: [string, number][] = [[LINE('A'), 20000.03], [LINE('A_coord'), 3000], [LINE('C'), 20000]];
  for (const [cell, v] of amounts) type(env, addon, sheet, cell, v);
  type(env, addon, sheet, a1Of(cofinRow(0), 0), 'Comune di Mantova');
  type(env, addon, sheet, a1Of(cofinRow(0), 1), 12000);
  return sheet;
}

describe('an English-speaking lead', () => {
  it('sees the column, the status, the toasts and the sidebar in English only', () => {
    const { env, addon } = setup();
    env.locale = 'en_GB';
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    expect(shown(sheet)).toEqual({ status: 'No findings', rilievi: { J1: 'Findings · No findings' }, coloured: {} });

    type(env, addon, sheet, LINE('A_coord'), 9000);
    typeText(env, addon, sheet, LINE('E'), 'cinquemila');
    const now = shown(sheet);
    expect(now.status).toBe('2 errors');
    expect(now.rilievi[rilieviOf('A_coord')]).toBe(
      `${LINE('A_coord')} ✖ Error: Coordination (€ 9,000.00) exceeds 15% of the total cost: at most € 6,750.00.`,
    );
    expect(now.rilievi[rilieviOf('E')]).toBe(
      `${LINE('E')} ✖ Error: Unreadable amount: "cinquemila". Type an amount in euros (e.g. 1.234,56 or 1234.56) or leave the cell empty.`,
    );
    expect(columnText(sheet).replace(/"cinquemila"/, '')).not.toMatch(ITALIAN);

    env.toasts = [];
    addon.checkThisTab();
    expect(env.toasts).toEqual(['Check complete: 2 errors']);
    const data = addon.getFindings();
    expect(data.lang).toBe('en');
    for (const f of data.tabs[0]!.findings) expect(f.message.replace(/"cinquemila"/, '')).not.toMatch(ITALIAN);
  });

  it('and an Italian one on the same tab: each check writes in the language of whoever ran it', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    env.locale = 'en_US';
    type(env, addon, sheet, LINE('A_coord'), 9000);
    expect(shown(sheet).rilievi.J1).toBe('Findings · 1 error');
    env.locale = 'it_IT';
    type(env, addon, sheet, LINE('B'), 0);
    expect(shown(sheet).rilievi.J1).toBe('Rilievi · 1 errore');
    expect(columnText(sheet)).not.toMatch(ENGLISH);
  });
});

describe('an Italian lead', () => {
  it('reads an unreadable amount\'s reason in Italian, and a date as a date', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    typeText(env, addon, sheet, LINE('E'), 'cinquemila');
    type(env, addon, sheet, LINE('D'), new Date(2024, 2, 1));
    const rilievi = shown(sheet).rilievi;
    expect(rilievi[rilieviOf('E')]).toBe(
      `${LINE('E')} ✖ Errore: Importo non leggibile: "cinquemila". Scrivere un importo in euro (es. 1.234,56) o lasciare la cella vuota.`,
    );
    expect(rilievi[rilieviOf('D')]).toContain('Importo non leggibile: "01/03/2024".');
    expect(columnText(sheet)).not.toMatch(ENGLISH);
    expect(columnText(sheet)).not.toMatch(/GMT|Mar 01|2024-03-01/);
  });

  it('sees a half-cent shortfall of the 30% floor to the cent, in Italian and in English', () => {
    const { env, addon } = setup();
    const sheet = roundingBudget(env, addon);
    expect(shown(sheet).status).toBe('1 avviso');
    const line = shown(sheet).rilievi[rilieviOf('COFINANCING')]!;
    expect(line).toBe(
      `${LINE('COFINANCING')} ⚠ Avviso: Il cofinanziamento (€ 12.000,00) è sotto il 30% del totale (€ 12.000,01, arrotondato al centesimo) per meno di un centesimo: arrotondamento.`,
    );
    expect(line).not.toMatch(/12000,009|12\.000,009/);

    env.locale = 'en';
    type(env, addon, sheet, LINE('B'), 0);
    expect(shown(sheet).rilievi[rilieviOf('COFINANCING')]).toBe(
      `${LINE('COFINANCING')} ⚠ Warning: Cofinancing (€ 12,000.00) is below 30% of the total (€ 12,000.01, rounded to the cent) by less than a cent: rounding.`,
    );
  });

  it('gets toasts in Italian only', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    env.toasts = [];
    addon.checkThisTab();
    addon.clearHighlights();
    env.lockHeldElsewhere = true;
    addon.checkThisTab();
    expect(env.toasts).toEqual(['Controllo completato: 1 errore', 'Evidenziazioni rimosse', 'Un altro controllo è in corso: riprovare tra poco.']);
    expect(sheet.getRange(STATUS).getValue()).toBe('');
  });
});
