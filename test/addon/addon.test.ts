// The built add-on, run as Apps Script would run it, against the in-memory spreadsheet.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { layoutBudgetTab, layoutValues, STATUS_LABEL } from '../../shared/budget-layout.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { a1Of, FakeRuleBuilder, type Env, type FakeSheet } from './fake-spreadsheet.js';
import { CODE, DIST, ensureBuilt, ROOT, setup, type Addon } from './harness.js';
import { at, COLOURS, everything, fillClean, LINE, newTab, ourRules, RILIEVI_COL, sheetCalls, shown, STATUS, TEMPLATE, type } from './journey.js';

beforeAll(() => ensureBuilt());

// Calls per onEdit on a budget tab: Range.getSheet and Sheet.getSheetValues to read; when the
// Rilievi column's text changes, Sheet.getRange and Range.setValues to write it. Whatever the rows.
const READS_PER_EDIT = 2;
const MAX_SHEET_CALLS_PER_EDIT = 4;
const LOCK_CALLS = 3; // LockService.getDocumentLock, Lock.tryLock, Lock.releaseLock

const layout = TEMPLATE;
const cofinRow = (i: number) => layout.cofinRows!.first + i; // 0-based

function fillTemplate(env: Env, addon: Addon): FakeSheet {
  const sheet = newTab(env, addon);
  fillClean(env, addon, sheet);
  return sheet;
}

describe('the built bundle', () => {
  it('is one script under 150 KB with the entry points as top-level functions', () => {
    const code = readFileSync(CODE, 'utf8');
    expect(statSync(CODE).size).toBeLessThanOrEqual(150 * 1024);
    for (const fn of ['onOpen', 'onInstall', 'onEdit', 'onSheetChange', 'checkThisTab', 'checkAllTabs', 'newBudgetTab', 'showFindings', 'clearHighlights', 'getFindings', 'selectCell']) {
      expect(code).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
    }
    expect(code).not.toMatch(/UrlFetchApp|\brequire\(/);
  });

  it('ships a V8 manifest with least-privilege scopes and the sidebar page', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    // The current spreadsheet only, the menu and sidebar, and the change trigger (point 7).
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
    ]);
    expect(manifest.urlFetchWhitelist).toBeUndefined();
    expect(readFileSync(join(DIST, 'sidebar.html'), 'utf8')).toBe(readFileSync(join(ROOT, 'addon', 'sidebar.html'), 'utf8'));
  });

  it('runs in a context without Node globals', () => {
    const { context } = setup();
    expect(vmGlobal(context, 'typeof require')).toBe('undefined');
    expect(vmGlobal(context, 'typeof process')).toBe('undefined');
    expect(vmGlobal(context, 'typeof module')).toBe('undefined');
    expect(vmGlobal(context, 'typeof onEdit')).toBe('function');
  });
});

function vmGlobal(context: vm.Context, expr: string): unknown {
  return vm.runInContext(expr, context);
}

describe('menu', () => {
  it('is built in AuthMode.NONE, in Italian, naming functions that exist', () => {
    const { env, addon, context } = setup();
    env.authMode = 'NONE';
    addon.onOpen({ authMode: 'NONE' });
    expect(env.menus).toHaveLength(1);
    const items = env.menus[0]!.items.filter((i) => i !== 'separator') as { caption: string; fn: string }[];
    expect(items.map((i) => i.caption)).toEqual([
      'Controlla questo foglio', 'Controlla tutti i fogli di budget', 'Nuovo foglio di budget dal modello',
      'Rimodula sul contributo assegnato', 'Mostra i rilievi',
      'Rimuovi le evidenziazioni',
    ]);
    for (const i of items) expect(vmGlobal(context, `typeof ${i.fn}`)).toBe('function');
    expect(env.calls.every((c) => /^(SpreadsheetApp\.getUi|Ui\.|Menu\.|Session\.)/.test(c))).toBe(true);
  });

  it('is English for a non-Italian locale, and onInstall builds it too', () => {
    const { env, addon } = setup();
    env.authMode = 'NONE';
    env.locale = 'en_GB';
    addon.onInstall({ authMode: 'NONE' });
    const first = env.menus[0]!.items[0] as { caption: string };
    expect(first.caption).toBe('Check this tab');
  });
});

describe('a budget tab from the template', () => {
  it('is drawn from the shared layout with labels, formulas and euro formats', () => {
    const { env, addon } = setup();
    addon.newBudgetTab();
    const sheet = env.spreadsheet.getSheetByName('Piano dei conti')!;
    expect(env.spreadsheet.active).toBe(sheet);
    expect(sheet.getRange('A1').getValue()).toBe(STATUS_LABEL);
    expect(sheet.getRange(LINE('TOTAL')).getFormula()).toMatch(/^=SUM\(/);
    expect(sheet.getRange(LINE('COFINANCING')).getFormula()).toMatch(/^=/);
    expect(sheet.getRange(LINE('A')).getNumberFormats()[0]![0]).toContain('€');
    const grid = layoutValues(layout);
    for (const c of layout.cells.filter((x) => x.value !== null && x.kind !== 'status')) {
      expect(sheet.getRange(at(c)).getValue()).toBe(grid[c.row]![c.col]);
    }
    // The status cell shows the status part of the Rilievi column's top cell.
    expect(sheet.getRange(STATUS).getFormula()).toBe(`=IFERROR(REGEXEXTRACT(${a1Of(0, RILIEVI_COL)},"· (.*)"),"")`);
  });

  it('filled by a lead shows no finding: a status line, nothing coloured, three rules of ours', () => {
    const { env, addon } = setup();
    const sheet = fillTemplate(env, addon);
    expect(shown(sheet)).toEqual({ status: 'Nessun rilievo', rilievi: { J1: 'Rilievi · Nessun rilievo' }, coloured: {} });
    expect(ourRules(sheet)).toHaveLength(3);
    expect(sheet.rules).toHaveLength(3);
    expect(sheet.getDataRange().getNotes().flat().every((n) => n === '')).toBe(true);
    expect(sheet.getRange(LINE('TOTAL')).getValue()).toBe(50000);
  });

  it('marks coordination above 15% on that cell and the total, then gives the user formatting back', () => {
    const { env, addon } = setup();
    const sheet = fillTemplate(env, addon);
    const coord = LINE('A_coord');
    const total = LINE('TOTAL');
    // The user's own formatting: a background, a note and a conditional rule of their own.
    sheet.getRange(coord).setBackground('#d9ead3');
    sheet.getRange(coord).setNote('verificare con il commercialista\n');
    sheet.rules = [...sheet.rules, new FakeRuleBuilder(env).whenFormulaSatisfied('=B7>100000').setBackground('#000000').setRanges([sheet.getRange('B7:B11')]).build()];
    const before = everything(sheet, RILIEVI_COL);

    type(env, addon, sheet, coord, 9000);
    expect(sheetCalls(env)).toEqual(['Range.getSheet', 'Sheet.getSheetValues', 'Sheet.getRange', 'Range.setValues']);
    const now = shown(sheet);
    expect(now.status).toBe('1 errore');
    expect(now.coloured).toEqual({ [coord]: COLOURS.error, [total]: COLOURS.error });
    expect(now.rilievi[a1Of(layout.lineCells.A_coord!.row, RILIEVI_COL)]).toBe(
      `${coord} ✖ Errore: Il coordinamento (€ 9.000,00) supera il 15% del costo totale: al massimo € 7.500,00.`,
    );
    expect(now.rilievi[a1Of(layout.lineCells.TOTAL!.row, RILIEVI_COL)]).toBe(`${total} ✖ (vedi ${coord})`);
    // The lead's note, background and rule: as they were, to the trailing newline.
    expect(sheet.getRange(coord).getNote()).toBe('verificare con il commercialista\n');
    expect(sheet.getRange(coord).getBackground()).toBe('#d9ead3');
    expect(sheet.rules.map((r) => r.formula).at(-1)).toBe('=B7>100000');

    type(env, addon, sheet, coord, 3000);
    expect(shown(sheet)).toEqual({ status: 'Nessun rilievo', rilievi: { J1: 'Rilievi · Nessun rilievo' }, coloured: {} });
    expect(sheet._effectiveBackground(coord)).toBe('#d9ead3');
    const after = everything(sheet, RILIEVI_COL);
    // Only the value typed and what follows from it (the formulas' results) changed: set it back.
    expect({ ...after, values: null }).toEqual({ ...before, values: null });
  });

  it('clears highlights on request, leaving values, user notes and user rules', () => {
    const { env, addon } = setup();
    const sheet = fillTemplate(env, addon);
    sheet.getRange(LINE('A_coord')).setNote('mia nota');
    type(env, addon, sheet, LINE('A_coord'), 9000);
    expect(ourRules(sheet)).toHaveLength(3);
    addon.clearHighlights();
    expect(sheet.rules).toHaveLength(0);
    expect(shown(sheet)).toEqual({ status: '', rilievi: {}, coloured: {} });
    expect(sheet.getRange(LINE('A_coord')).getNote()).toBe('mia nota');
    expect(sheet.getRange(LINE('A_coord')).getValue()).toBe(9000);
  });

  it('reads a cofinancer row inserted in the table', () => {
    const { env, addon } = setup();
    const sheet = fillTemplate(env, addon);
    sheet.insertRowAfter(cofinRow(1) + 1);
    const row = cofinRow(2);
    type(env, addon, sheet, a1Of(row, 0), 'Fondazione Nuova');
    type(env, addon, sheet, a1Of(row, 1), 2000);
    expect(shown(sheet).status).toBe('Nessun rilievo');
    // A text amount is read by the core but skipped by SUM: the table no longer adds up.
    type(env, addon, sheet, a1Of(row, 2), '€ 1.234,56');
    const found = addon.getFindings();
    const rules = found.tabs[0]!.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain('cofinancing-table-sum');
    type(env, addon, sheet, a1Of(row, 2), '-----');
    expect(shown(sheet).status).toBe('Nessun rilievo');
  });

  it('handles a paste of 20 cells (no e.value) with the same number of calls', () => {
    const { env, addon } = setup();
    const sheet = fillTemplate(env, addon);
    sheet.insertRowsAfter(cofinRow(2) + 1, 5);
    const top = cofinRow(0);
    const block = Array.from({ length: 10 }, (_, i) => [`Ente ${i + 1}`, 1000]);
    sheet.getRange(top + 1, 1, 10, 2).setValues(block);
    env.reset();
    const e = env.editEvent(sheet, `${a1Of(top, 0)}:${a1Of(top + 9, 1)}`);
    expect(e.value).toBeUndefined();
    addon.onEdit(e);
    expect(sheetCalls(env).length).toBeLessThanOrEqual(MAX_SHEET_CALLS_PER_EDIT);
    expect(shown(sheet).status).toBe('Nessun rilievo');
  });

  it('reads twice and writes nothing when an edit does not change the verdict', () => {
    const { env, addon } = setup();
    const sheet = fillTemplate(env, addon);
    type(env, addon, sheet, LINE('C'), 10500);
    type(env, addon, sheet, LINE('C'), 10000);
    type(env, addon, sheet, LINE('E'), 5000);
    expect(sheetCalls(env)).toEqual(['Range.getSheet', 'Sheet.getSheetValues']);
    expect(env.calls.length).toBe(READS_PER_EDIT + LOCK_CALLS + 1); // + Session.getActiveUserLocale
  });
});

describe('edits outside budget tabs', () => {
  it('cost the recognition and a look at the rules', () => {
    const { env, addon } = setup();
    const other = env.spreadsheet.getSheets()[0]!;
    other._fill([['Appunti', 'varie'], ['PIANO', 'DEI CONTI?']]);
    type(env, addon, other, 'B2', 'altro');
    expect(sheetCalls(env)).toEqual(['Range.getSheet', 'Sheet.getSheetValues', 'Sheet.getConditionalFormatRules']);
    expect(env.calls.some((c) => /\.set|Notes/.test(c))).toBe(false);
  });
});

describe('a tab laid out by hand', () => {
  it('is found by its labels wherever it starts, with blank rows, text amounts and placeholders', () => {
    const { env, addon } = setup();
    const sheet = env.spreadsheet.getSheets()[0]!;
    sheet._fill(
      [
        ['Budget rivisto dopo il taglio'],
        [],
        ['PIANO DEI CONTI DEL PROGETTO'],
        ['Voce di costo', 'Importo'],
        ['A. Costi di personale interno ed esterno', '€ 13.378,00'],
        ['di cui per coordinamento, monitoraggio, rendicontazione e valutazione del progetto (max 15% del costo totale di progetto)', '5208'],
        [],
        ['B. Costo di acquisto, noleggio, leasing di beni o software', '-----'],
        ['C. Costo di acquisto di servizi', '31500,00'],
        ['D. Costi relativi ad erogazione voucher/rimborsi', 40000],
        ['E. Spese generali di funzionamento e gestione', '€ 0,00'],
        ['TOTALE', '€ 84.878,00'],
        ['di cui CONTRIBUTO RICHIESTO', '€ 40.000'],
        ['di cui COFINANZIAMENTO (min 30%)', '€ 44.878'],
        [],
        ['ENTE', 'COFINANZIAMENTO MONETARIO', 'COFINANZIAMENTO VALORIZZAZIONE ECONOMICA'],
        ['Comune di Mantova', '0 €', '13.378,00 €'],
        ['LUBIAM', '31.500,00 €', '-----'],
        ['TOTALE', '31.500,00 €', '13.378,00 €'],
      ],
      3,
      2,
    );
    type(env, addon, sheet, 'D12', '31500,00');
    // The Rilievi column: one empty column right of everything on the tab (C..E), so G.
    expect(shown(sheet, 6, null).rilievi).toEqual({ G1: 'Rilievi · Nessun rilievo' });
    type(env, addon, sheet, 'D14', '€ 90.000,00');
    const now = shown(sheet, 6, null);
    expect(now.rilievi.G1).toMatch(/^Rilievi · \d+ error[ei]$/);
    expect(now.rilievi.G14).toMatch(/^D14 ✖ /);
    expect(now.coloured.D14).toBe(COLOURS.error);
    expect(sheet.getRange('D14').getNote()).toBe('');
  });

  it('keeps a large tab to the same calls: 1,000 cofinancer rows', () => {
    const { env, addon } = setup();
    const big = layoutBudgetTab({ profile: DEFAULT_PROFILE, templateRows: 1000, textAmounts: true });
    const sheet = env.spreadsheet.insertSheet('Grande');
    const grid = layoutValues(big).map((row) => row.map((v) => v as string | null));
    for (const c of big.cells) if (c.formula) grid[c.row]![c.col] = `=${c.formula}`;
    for (let i = 0; i < 1000; i++) {
      grid[big.cofinRows!.first + i]![0] = `Ente ${i + 1}`;
      grid[big.cofinRows!.first + i]![1] = String(i % 2 === 0 ? 20 : 10);
    }
    sheet._fill(grid.map((r) => r.map((v) => (v !== null && /^\d+$/.test(v) ? Number(v) : v))));
    const lines: [string, number][] = [['A', 20000], ['A_coord', 3000], ['B', 0], ['C', 10000], ['D', 15000], ['E', 5000]];
    for (const [code, v] of lines) sheet._fill([[v]], big.lineCells[code as 'A']!.row, 1);
    type(env, addon, sheet, at(big.lineCells.C!), 10000); // the first check creates the column
    expect(shown(sheet, big.colCount + 1, null).rilievi).toEqual({ J1: 'Rilievi · Nessun rilievo' });
    // Raise coordination: the verdict changes, the calls do not grow with the rows.
    type(env, addon, sheet, at(big.lineCells.A_coord!), 9000);
    expect(sheetCalls(env)).toHaveLength(MAX_SHEET_CALLS_PER_EDIT);
    type(env, addon, sheet, at(big.lineCells.A_coord!), 3000);
    expect(sheetCalls(env)).toHaveLength(MAX_SHEET_CALLS_PER_EDIT);
    type(env, addon, sheet, at(big.lineCells.C!), 9999);
    expect(sheetCalls(env)).toHaveLength(READS_PER_EDIT);
  });
});

describe('sidebar calls', () => {
  it('lists findings by tab and selects the clicked cell', () => {
    const { env, addon } = setup();
    const sheet = fillTemplate(env, addon);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    addon.showFindings();
    expect(env.sidebars[0]!.title).toBe('Rilievi del piano dei conti');
    const data = addon.getFindings();
    expect(data.tabs.map((t: { sheet: string }) => t.sheet)).toEqual(['Piano dei conti']);
    const f = data.tabs[0]!.findings[0]!;
    expect(f.rule).toBe('coordination-max');
    expect(f.cell).toBe(LINE('A_coord'));
    expect(addon.selectCell('Piano dei conti', f.row, f.col)).toBe(true);
    expect(sheet.activeRange).toEqual({ row: f.row, col: f.col });
    expect(addon.selectCell('Piano dei conti', -1, 'x')).toBe(false);
    expect(addon.selectCell('Nessuno', 0, 0)).toBe(false);
  });
});
