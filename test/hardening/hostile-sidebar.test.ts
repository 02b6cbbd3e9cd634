// Hostile strings typed into a budget tab's cofinancing table reach the findings sidebar as
// text: the built add-on (node:vm over the in-memory spreadsheet) judges the tab, the sidebar
// page in headless Chromium asks it for the findings through google.script.run, and nothing
// the user typed becomes markup, runs, opens a dialog, or is rewritten in the sheet.
// Skipped only outside CI when Debian's chromium is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, PAGE_URL, present, requireChromiumInCi, serveSidebar } from '../addon/chromium.js';
import { layoutBudgetTab } from '../../shared/budget-layout.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { a1Of, type Env, type FakeSheet } from '../addon/fake-spreadsheet.js';
import { ensureBuilt, setup, type Addon } from '../addon/harness.js';


/**
 * Each hostile string, and the text typed into its monetary-amount cell. The amount reader
 * quotes an unreadable cell's raw text in its finding, so that is where the string reaches the
 * sidebar verbatim. A lone "-" reads as a placeholder and the <img> tag as an empty cell (markup
 * is stripped before reading), so those two carry a word that keeps the cell unreadable.
 */
const HOSTILE: { text: string; cell: string }[] = [
  '=',
  '+',
  '-',
  '@',
  '=HYPERLINK("http://x","y")',
  "=cmd|' /C calc'!A0",
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '</div><b>bold</b>',
  'N'.repeat(5000),
  '\u202Eabc',
  '👩‍👩‍👧',
].map((text) => ({ text, cell: text === '-' || text.startsWith('<img') ? `${text} nessuno importo` : text }));

const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, title: 'Progetto (titolo)', templateRows: 5 });
const LINE = (code: keyof typeof layout.lineCells) => a1Of(layout.lineCells[code]!.row, layout.lineCells[code]!.col);
const FIRST_COFIN = layout.cofinRows!.first; // 0-based
const TEMPLATE_COFIN_ROWS = layout.cofinRows!.last - layout.cofinRows!.first + 1;
const STATUS = a1Of(layout.statusCell.row, layout.statusCell.col);

/** What a user does: type into a cell, then Sheets fires onEdit. */
function type(env: Env, addon: Addon, sheet: FakeSheet, a1: string, value: string | number): void {
  sheet.getRange(a1).setValue(value);
  addon.onEdit(env.editEvent(sheet, a1, value));
}

/**
 * Text the user enters as text (a leading apostrophe in Sheets): stored as a value, never as a
 * formula, whatever it starts with. The fake's setValue would turn "=..." into a formula.
 */
function typeText(sheet: FakeSheet, row: number, col: number, text: string): void {
  const cell = sheet._cell(row, col, true);
  cell.formula = '';
  cell.value = text;
}

function grid(sheet: FakeSheet): { values: unknown[][]; formulas: string[][] } {
  const range = sheet.getDataRange();
  return { values: range.getValues(), formulas: range.getFormulas() };
}

/** The column the add-on owns on a budget tab (Rilievi), found by its header cell. */
function addonColumn(g: { values: unknown[][] }): number {
  for (const row of g.values) {
    const col = row.findIndex((v) => typeof v === 'string' && /^(Rilievi|Findings) · /.test(v));
    if (col >= 0) return col;
  }
  return -1;
}

/** The same grid with the add-on's own column (its status and explanations) and computed values blanked out. */
function withoutStatus(g: { values: unknown[][]; formulas: string[][] }, ours: number): { values: unknown[][]; formulas: string[][] } {
  const width = Math.max(ours + 1, ...g.values.map((r) => r.length));
  const pad = <T>(r: T[], as: T) => [...r, ...Array<T>(width - r.length).fill(as)];
  const blank = <T>(rows: T[][], as: T, empty: T) => rows.map((r) => pad(r, empty).map((v, c) => (c === ours ? as : v)));
  // A formula's value is computed, not typed: the formula itself is compared.
  const values = blank(g.values, '(add-on)' as unknown, '' as unknown).map((r, i) => r.map((v, c) => (g.formulas[i]?.[c] ? '(formula)' : v)));
  return { values, formulas: blank(g.formulas, '', '') };
}

interface Finding { rule: string; severity: string; message: string; cell: string; row: number; col: number }
interface Data { tabs: { sheet: string; status: string; findings: Finding[] }[] }

requireChromiumInCi();

describe.skipIf(!present)('hostile cofinancer rows in the findings sidebar', () => {
  let browser: Browser;
  let page: Page;
  let env: Env;
  let addon: Addon;
  let sheet: FakeSheet;
  let typed: { values: unknown[][]; formulas: string[][] };
  const served: Data[] = [];
  const selected: unknown[][] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const amountCells = HOSTILE.map((_, i) => a1Of(FIRST_COFIN + i, 1));

  beforeAll(async () => {
    ensureBuilt();
    ({ env, addon } = setup());
    addon.newBudgetTab();
    sheet = env.spreadsheet.getSheetByName('Piano dei conti')!;
    // A clean budget first: 50.000 total, 15.000 cofinancing (the 30% minimum), all in kind.
    const amounts: [string, number][] = [
      [LINE('A'), 20000], [LINE('A_coord'), 3000], [LINE('B'), 0], [LINE('C'), 10000], [LINE('D'), 15000], [LINE('E'), 5000],
    ];
    for (const [cell, v] of amounts) type(env, addon, sheet, cell, v);

    // One cofinancer row per hostile string: rows inserted inside the table, as a user would.
    sheet.insertRowsAfter(FIRST_COFIN + 1, HOSTILE.length - TEMPLATE_COFIN_ROWS);
    HOSTILE.forEach((h, i) => {
      typeText(sheet, FIRST_COFIN + i, 0, h.text); // ENTE
      typeText(sheet, FIRST_COFIN + i, 1, h.cell); // COFINANZIAMENTO MONETARIO: unreadable
      sheet.getRange(FIRST_COFIN + i + 1, 3).setValue(1250); // VALORIZZAZIONE ECONOMICA: 12 × 1.250 = 15.000
    });
    typed = grid(sheet);

    // The paste fires onEdit (no e.value); then the user checks the tab and opens the sidebar.
    const last = FIRST_COFIN + HOSTILE.length - 1;
    addon.onEdit(env.editEvent(sheet, `${a1Of(FIRST_COFIN, 0)}:${a1Of(last, 2)}`));
    addon.checkThisTab();
    addon.showFindings();

    browser = await launchChromium();
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await serveSidebar(page);
    // google.script.run reaches the add-on itself: its results cross as JSON, as Apps Script's do.
    await page.exposeFunction('__getFindings', () => {
      const data = JSON.parse(JSON.stringify(addon.getFindings())) as Data;
      served.push(data);
      return data;
    });
    await page.exposeFunction('__selectCell', (...args: unknown[]) => {
      selected.push(args);
      return addon.selectCell(...args) as boolean;
    });
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, (...a: unknown[]) => Promise<unknown>> & { google?: unknown };
      type Handler = (v: unknown) => void;
      const runner = (success?: Handler, failure?: Handler): Record<string, unknown> => ({
        withSuccessHandler: (f: Handler) => runner(f, failure),
        withFailureHandler: (f: Handler) => runner(success, f),
        getFindings: () => void w.__getFindings!().then(success, failure),
        selectCell: (...args: unknown[]) => void w.__selectCell!(...args).then(success, failure),
      });
      w.google = { script: { get run() { return runner(); } } };
    });
    await page.goto(PAGE_URL);
    await page.waitForSelector('button.finding');
    for (const button of await page.locator('button.finding').all()) await button.click();
    await page.waitForTimeout(200); // time for an onerror handler or a stray request, if any
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('gets one unreadable-amount finding per hostile string, quoting it, from the add-on', () => {
    expect(served).toHaveLength(1);
    const tab = served[0]!.tabs.find((t) => t.sheet === 'Piano dei conti')!;
    const unreadable = tab.findings.filter((f) => f.rule === 'amount-unreadable');
    expect(unreadable.map((f) => f.cell)).toEqual(amountCells);
    HOSTILE.forEach((h, i) => expect(unreadable[i]!.message, h.text.slice(0, 40)).toContain(`"${h.cell}"`));
    expect(sheet.getRange(STATUS).getValue()).toBe(tab.status);
  });

  it('shows every finding exactly as the add-on wrote it, hostile strings included', async () => {
    const findings = served[0]!.tabs.flatMap((t) => t.findings);
    const shown = await page.locator('button.finding').evaluateAll((buttons) =>
      buttons.map((b) => ({ cell: b.querySelector('.cell')!.textContent, message: b.querySelector('.message')!.textContent })),
    );
    expect(shown).toEqual(findings.map((f) => ({ cell: f.cell, message: f.message })));
    const text = (await page.locator('#root').textContent()) ?? '';
    for (const h of HOSTILE) expect(text.includes(h.text), h.text.slice(0, 40)).toBe(true);
    expect(await page.locator('h2').allTextContents()).toEqual(['Piano dei conti']);
  });

  it('creates no element from the data', async () => {
    const tags = await page.evaluate(() => {
      const root = document.getElementById('root')!;
      return {
        img: document.querySelectorAll('img').length,
        script: document.querySelectorAll('script').length,
        b: document.querySelectorAll('b').length,
        inRoot: [...new Set(Array.from(root.querySelectorAll('*'), (e) => e.tagName))].sort(),
        // The text holders: a text node each, never an element.
        nested: root.querySelectorAll('h2 *, h3 *, p *, span *').length,
        iframes: window.frames.length,
      };
    });
    expect(tags).toEqual({
      img: 0, script: 1, b: 0, inRoot: ['BUTTON', 'H2', 'H3', 'LI', 'P', 'SECTION', 'SPAN', 'UL'], nested: 0, iframes: 0,
    });
  });

  it('runs nothing from the data: no dialog, no console error, no request but the page', () => {
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([PAGE_URL]);
  });

  it('selects the cell of a clicked finding, with the arguments the page was given', () => {
    const findings = served[0]!.tabs.flatMap((t) => t.findings);
    expect(selected).toEqual(findings.map((f) => ['Piano dei conti', f.row, f.col]));
    const last = findings[findings.length - 1]!;
    expect(sheet.activeRange).toEqual({ row: last.row, col: last.col });
  });

  it('leaves every value the user typed as it was: only the Rilievi column is the add-on\'s', () => {
    const after = grid(sheet);
    const ours = addonColumn(after);
    expect(ours).toBeGreaterThan(0);
    expect(withoutStatus(after, ours)).toEqual(withoutStatus(typed, ours));
    HOSTILE.forEach((h, i) => {
      expect(sheet.getRange(FIRST_COFIN + i + 1, 1).getValue()).toBe(h.text);
      expect(sheet.getRange(amountCells[i]!).getValue()).toBe(h.cell);
      expect(sheet.getRange(amountCells[i]!).getFormula()).toBe('');
      // The Rilievi line on the cell's row quotes the string too, beside nothing the user wrote.
      expect(String(sheet.getRange(FIRST_COFIN + i + 1, ours + 1).getValue())).toContain(`"${h.cell}"`);
      expect(sheet.getRange(amountCells[i]!).getNote()).toBe('');
    });
  });
});
