// Issue 12, point 6: the template has a partner list the lead fills ("PARTNER DELL'ALLEANZA",
// under the cofinancing table), and the add-on checks every cofinancer against it as the
// pipeline checks it against the annex's partner table (rule cofinancer-is-partner).
// Journeys on the BUILT add-on.
import { beforeAll, describe, expect, it } from 'vitest';
import { readBudget } from '../../shared/budget-reader.js';
import { PARTNER_HEADING } from '../../shared/budget-layout.js';
import { checkBudget } from '../../shared/check-budget.js';
import type { Partner } from '../../shared/model.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { a1Of } from './fake-spreadsheet.js';
import { ensureBuilt, setup } from './harness.js';
import { COLOURS, cofinRow, fillClean, newTab, partnerRow, RILIEVI_COL, shown, TEMPLATE, type } from './journey.js';

beforeAll(() => ensureBuilt());

const entity = (i: number) => a1Of(cofinRow(i), 0);
const partner = (i: number) => a1Of(partnerRow(i), 0);

describe('the partner list of a template tab', () => {
  it('is offered empty under the cofinancing table, and while empty warns of nothing', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    expect(sheet.getRange(a1Of(TEMPLATE.partnerRows!.heading, 0)).getValue()).toBe(PARTNER_HEADING);
    fillClean(env, addon, sheet);
    expect(shown(sheet).status).toBe('Nessun rilievo');
  });

  it('once filled, warns on a cofinancer that is not a partner, and stops when the lead adds it', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, partner(0), 'Comune di Mantova');
    type(env, addon, sheet, partner(1), 'Cooperativa Sociale Il Ponte');
    expect(shown(sheet).status).toBe('Nessun rilievo');

    // A third cofinancer who is not in the list.
    type(env, addon, sheet, entity(2), 'Fondazione Cariplo');
    type(env, addon, sheet, a1Of(cofinRow(2), 1), 0);
    const now = shown(sheet);
    expect(now.status).toBe('1 avviso');
    expect(now.coloured).toEqual({ [entity(2)]: COLOURS.warning });
    expect(now.rilievi[a1Of(cofinRow(2), RILIEVI_COL)]).toBe(
      `${entity(2)} ⚠ Avviso: Il cofinanziatore "Fondazione Cariplo" non corrisponde a nessun partner dell'alleanza.`,
    );

    type(env, addon, sheet, partner(5), 'Fondazione Cariplo'); // anywhere in the list, after blank rows
    expect(shown(sheet)).toEqual({ status: 'Nessun rilievo', rilievi: { J1: 'Rilievi · Nessun rilievo' }, coloured: {} });
  });

  it('gives the same warnings as the pipeline gives with the same partners', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    const names = ['Comune di Mantova', 'Coop. Sociale Il Ponte onlus', 'ASST Mantova'];
    names.forEach((n, i) => type(env, addon, sheet, partner(i), n));
    type(env, addon, sheet, entity(2), 'Comune Mantova');
    type(env, addon, sheet, entity(3), 'Parrocchia San Luca');

    const partners: Partner[] = names.map((name, i) => ({ seq: i + 1, name, type: '', role: '', referent: '', email: '', phone: '', line: 1 }));
    const values = sheet.getDataRange().getValues().map((row) => row.slice(0, RILIEVI_COL));
    const pipeline = checkBudget(readBudget(values), DEFAULT_PROFILE, { partners }).findings.filter((f) => f.rule === 'cofinancer-is-partner');
    const addonSays = addon.getFindings().tabs[0]!.findings.filter((f: { rule: string }) => f.rule === 'cofinancer-is-partner');
    expect(pipeline.length).toBeGreaterThan(0);
    expect(addonSays.map((f: { message: string; cell: string }) => [f.cell, f.message])).toEqual(
      pipeline.map((f) => [a1Of((f.at[0] as { row: number }).row, (f.at[0] as { col: number }).col), f.message.it]),
    );
  });
});

describe('a partner list on a tab laid out by hand', () => {
  it('is read under its heading, and its names are never taken for budget rows', () => {
    const { env, addon } = setup();
    const sheet = env.spreadsheet.getSheets()[0]!;
    sheet._fill([
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
      [],
      ['Partner'],
      ['Comune di Mantova'],
      ['Azienda Speciale'],
    ]);
    type(env, addon, sheet, 'B8', 50000);
    expect(shown(sheet, 3, null).rilievi).toEqual({ D1: 'Rilievi · Nessun rilievo' });
  });
});

describe('a re-planned tab', () => {
  it('carries the lead\'s partner list, and warns as the lead\'s tab does', () => {
    const { env, addon } = setup();
    const source = newTab(env, addon);
    const amounts: [string, number][] = [
      [a1Of(TEMPLATE.assignedCell.row, 1), 20038.4], [a1Of(TEMPLATE.lineCells.A!.row, 1), 14142.85],
      [a1Of(TEMPLATE.lineCells.A_coord!.row, 1), 5000], [a1Of(TEMPLATE.lineCells.C!.row, 1), 42000],
      [a1Of(TEMPLATE.lineCells.E!.row, 1), 1000], [a1Of(cofinRow(0), 1), 8571.43], [a1Of(cofinRow(1), 2), 8571.42],
    ];
    for (const [cell, v] of amounts) type(env, addon, source, cell, v);
    type(env, addon, source, entity(0), 'Comune di Cremona');
    type(env, addon, source, entity(1), 'Parrocchia San Luca');
    type(env, addon, source, partner(0), 'Comune di Cremona');
    type(env, addon, source, partner(1), 'Azienda sociale del Cremonese');
    expect(shown(source).rilievi[a1Of(cofinRow(1), RILIEVI_COL)]).toMatch(/^A\d+ ⚠ Avviso: Il cofinanziatore "Parrocchia San Luca"/);

    addon.replanTab();
    const tab = env.spreadsheet.active;
    expect(tab).not.toBe(source);
    // Its tables are as long as the proposal's: the list sits under its heading there.
    const heading = tab.getDataRange().getValues().findIndex((row) => row[0] === PARTNER_HEADING);
    expect(tab.getRange(heading + 2, 1, 2, 1).getValues()).toEqual([['Comune di Cremona'], ['Azienda sociale del Cremonese']]);
    expect(shown(tab).status).toBe('1 avviso');
    expect(shown(tab).coloured).toEqual({ [entity(1)]: COLOURS.warning });
  });
});
