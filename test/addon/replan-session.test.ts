// A lead's session with the re-planning command, run on the BUILT add-on against the in-memory
// spreadsheet: a budget tab cut by the award, the command, the new tab, a hand edit, the check.
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutBudgetTab } from '../../shared/budget-layout.js';
import { readBudget } from '../../shared/budget-reader.js';
import { lineOf, type LineCode } from '../../shared/model.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { proposeReplan } from '../../shared/replan/index.js';
import { a1Of, type Env, type FakeSheet } from './fake-spreadsheet.js';
import { ensureBuilt, isSheetCall, setup, type Addon } from './harness.js';
import { COLOURS, RILIEVI_COL } from './journey.js';

beforeAll(() => ensureBuilt());

const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, title: 'Progetto (titolo)', templateRows: 5 });
const at = (cell: { row: number; col: number }) => a1Of(cell.row, cell.col);
const LINE = (code: LineCode) => at(layout.lineCells[code]!);
const SHARE = (code: LineCode, col: 2 | 3) => a1Of(layout.lineCells[code]!.row, col);
const cofinRow = (i: number) => layout.cofinRows!.first + i;
const STATUS = at(layout.statusCell);
const ASSIGNED = at(layout.assignedCell);
const SOURCE = 'Piano dei conti';
const REPLANNED = 'Piano dei conti – rimodulato';

function type(env: Env, addon: Addon, sheet: FakeSheet, a1: string, value: string | number): void {
  sheet.getRange(a1).setValue(value);
  env.reset();
  addon.onEdit(env.editEvent(sheet, a1, value));
}

/** Project 2.5 of the seed annex, typed into a template tab: amounts, funding shares, cofinancers. */
function fill25(env: Env, addon: Addon, assigned: number | null): FakeSheet {
  addon.newBudgetTab();
  const sheet = env.spreadsheet.getSheetByName(SOURCE)!;
  const cells: [string, number | string][] = [
    [LINE('A'), 14142.85], [SHARE('A', 2), 5000], [SHARE('A', 3), 9142.85],
    [LINE('A_coord'), 8550], [SHARE('A_coord', 2), 5000], [SHARE('A_coord', 3), 3550],
    [LINE('C'), 42000], [SHARE('C', 2), 34000], [SHARE('C', 3), 8000],
    [LINE('E'), 1000],
    [a1Of(cofinRow(0), 0), 'Comune di Cremona'], [a1Of(cofinRow(0), 1), 4000], [a1Of(cofinRow(0), 2), 4571.43],
    [a1Of(cofinRow(1), 0), 'Azienda sociale del Cremonese'], [a1Of(cofinRow(1), 1), 4000], [a1Of(cofinRow(1), 2), 4571.42],
  ];
  if (assigned !== null) cells.unshift([ASSIGNED, assigned]);
  for (const [cell, v] of cells) type(env, addon, sheet, cell, v);
  return sheet;
}

function snapshot(sheet: FakeSheet) {
  const range = sheet.getDataRange();
  return { values: range.getValues(), formulas: range.getFormulas(), notes: range.getNotes(), rules: sheet.getConditionalFormatRules().length };
}

/** What the core proposes for the figures the source tab holds (read back as the add-on reads them). */
function expectedProposal(sheet: FakeSheet, awarded: string) {
  const r = proposeReplan(readBudget(sheet.getDataRange().getValues()), DEFAULT_PROFILE, awarded);
  if (!r.ok || !r.needed) throw new Error(`expected a proposal: ${JSON.stringify(r)}`);
  return r;
}

describe('a lead re-plans a budget tab to the awarded grant', () => {
  it('gets a new tab with the proposal, the source untouched, validated live as she edits it', () => {
    const { env, addon } = setup();
    const source = fill25(env, addon, 20038.4);
    // As in the annex: 17.142,85 is half a cent short of 30% of 57.142,85 (a rounding warning),
    // and at the award of 20.038,40 the coordination of 8.550,00 exceeds 15% of the new total.
    expect(source.getRange(STATUS).getValue()).toBe('2 avvisi');
    const before = snapshot(source);
    const sheetsBefore = env.spreadsheet.getSheets().length;

    env.reset();
    addon.replanTab();
    const calls = [...env.calls];

    // A new tab, next to the others, active; nothing asked, nothing alerted.
    expect(env.spreadsheet.getSheets()).toHaveLength(sheetsBefore + 1);
    const tab = env.spreadsheet.getSheetByName(REPLANNED)!;
    expect(tab).toBeTruthy();
    expect(env.spreadsheet.active).toBe(tab);
    expect(env.prompts).toEqual([]);
    expect(env.alerts).toEqual([]);
    expect(env.toasts.at(-1)).toContain(REPLANNED);

    // The source tab: same values, formulas, notes and rules as the lead left them.
    expect(snapshot(source)).toEqual(before);

    // The proposal's figures, exactly: against the core and against the figures worked out for 2.5.
    const proposal = expectedProposal(source, '20038.40');
    const value = (code: LineCode) => tab.getRange(LINE(code)).getValue();
    for (const code of ['A', 'A_coord', 'C', 'E', 'TOTAL', 'CONTRIBUTION', 'COFINANCING'] as const) {
      expect(value(code)).toBe(Number(lineOf(proposal.budget, code)!.amount));
    }
    expect(value('A')).toBe(11647.65);
    expect(value('A_coord')).toBe(5577.18);
    expect(value('C')).toBe(25032.64);
    expect(value('E')).toBe(500.96);
    expect(value('TOTAL')).toBe(37181.25);
    expect(value('CONTRIBUTION')).toBe(20038.4);
    expect(value('COFINANCING')).toBe(17142.85);
    expect(tab.getRange(ASSIGNED).getValue()).toBe(20038.4);
    // Partners' commitments are copied, not changed.
    expect(tab.getRange(a1Of(cofinRow(0), 2)).getValue()).toBe(4571.43);
    expect(tab.getRange(a1Of(cofinRow(1), 2)).getValue()).toBe(4571.42);
    // Checked at once, and clean.
    expect(tab.getRange(STATUS).getValue()).toBe('Nessun rilievo');

    // The command's service calls: one read of the source, one write of the grid, no per-cell loop.
    const sheetCalls = calls.filter(isSheetCall);
    expect(sheetCalls.filter((c) => c === 'Sheet.getSheetValues').length).toBe(2); // source, then the new tab's check
    // The new tab drawn in one write, its Rilievi column in another.
    expect(sheetCalls.filter((c) => c === 'Range.setValues').length).toBe(2);
    expect(calls.filter((c) => /^Ui\./.test(c))).toEqual([]);
    // Reads, the new tab drawn in 5 batched calls, the check (as after an edit); only the unique-name
    // lookup grows with the number of tabs (one getName each: two tabs here).
    expect(sheetCalls.length).toBeLessThanOrEqual(30);
    expect(sheetCalls.filter((c) => c !== 'Sheet.getName').length).toBeLessThanOrEqual(26);

    // An edit that changes nothing: still clean.
    type(env, addon, tab, LINE('E'), 500.96);
    expect(tab.getRange(STATUS).getValue()).toBe('Nessun rilievo');

    // The lead moves money to coordination by hand: above 15% of the new total, flagged with a note.
    type(env, addon, tab, LINE('A_coord'), 6000);
    type(env, addon, tab, SHARE('A_coord', 2), 2450);
    expect(tab.getRange(STATUS).getValue()).toMatch(/errore/);
    const explained = String(tab.getRange(layout.lineCells.A_coord!.row + 1, RILIEVI_COL + 1).getValue());
    expect(explained).toMatch(new RegExp(`^${LINE('A_coord')} ✖ Errore: Il coordinamento`));
    expect(explained).toContain('15%');
    expect(tab._effectiveBackground(LINE('A_coord'))).toBe(COLOURS.error);
    expect(tab.getRange(LINE('A_coord')).getNote()).toBe('');

    // She fixes it: clean again, and her source tab still untouched.
    type(env, addon, tab, LINE('A_coord'), 5500);
    type(env, addon, tab, SHARE('A_coord', 2), 1950);
    expect(tab.getRange(STATUS).getValue()).toBe('Nessun rilievo');
    expect(tab.getRange(layout.lineCells.A_coord!.row + 1, RILIEVI_COL + 1).getValue()).toBe('');
    expect(tab._effectiveBackground(LINE('A_coord'))).toBe('#ffffff');
    expect(snapshot(source)).toEqual(before);
  });

  it('asks for the awarded grant when the tab does not state it', () => {
    const { env, addon } = setup();
    const source = fill25(env, addon, null);
    const before = snapshot(source);
    env.promptAnswers.push({ button: 'OK', text: '€ 20.038,40' });
    env.reset();
    addon.replanTab();
    expect(env.prompts).toHaveLength(1);
    expect(env.prompts[0]!.message).toMatch(/contributo assegnato/);
    expect(env.calls.filter((c) => /^(Ui|PromptResponse)\./.test(c))).toEqual(['Ui.prompt', 'PromptResponse.getSelectedButton', 'PromptResponse.getResponseText']);
    const tab = env.spreadsheet.getSheetByName(REPLANNED)!;
    expect(tab.getRange(ASSIGNED).getValue()).toBe(20038.4);
    expect(tab.getRange(LINE('TOTAL')).getValue()).toBe(37181.25);
    expect(tab.getRange(LINE('A_coord')).getValue()).toBe(5577.18);
    expect(tab.getRange(STATUS).getValue()).toBe('Nessun rilievo');
    expect(snapshot(source)).toEqual(before);

    // Run again: a second, uniquely named tab; the first proposal is not overwritten either.
    env.promptAnswers.push({ button: 'OK', text: '20038.40' });
    env.spreadsheet.setActiveSheet(source);
    addon.replanTab();
    expect(env.spreadsheet.getSheetByName(`${REPLANNED} 2`)).toBeTruthy();
    expect(tab.getRange(LINE('TOTAL')).getValue()).toBe(37181.25);
  });

  it('creates nothing when the prompt is cancelled or the answer is not an amount', () => {
    const { env, addon } = setup();
    fill25(env, addon, null);
    const count = env.spreadsheet.getSheets().length;
    env.promptAnswers.push({ button: 'CANCEL', text: '20038.40' });
    addon.replanTab();
    expect(env.spreadsheet.getSheets()).toHaveLength(count);
    expect(env.alerts).toEqual([]);
    env.promptAnswers.push({ button: 'CLOSE', text: '' });
    addon.replanTab();
    expect(env.spreadsheet.getSheets()).toHaveLength(count);
    env.promptAnswers.push({ button: 'OK', text: 'ventimila' });
    addon.replanTab();
    expect(env.spreadsheet.getSheets()).toHaveLength(count);
    expect(env.alerts.at(-1)!.message).toContain('ventimila');
  });

  it('explains in an alert, and creates nothing, when no re-planning meets the rules', () => {
    const { env, addon } = setup();
    // 1.000 awarded: coordination's own cofinanced share (3.550) is above 15% of the new total.
    fill25(env, addon, 1000);
    const count = env.spreadsheet.getSheets().length;
    addon.replanTab();
    expect(env.spreadsheet.getSheets()).toHaveLength(count);
    expect(env.alerts).toHaveLength(1);
    expect(env.alerts[0]!.title).toBe('Nessuna rimodulazione possibile');
    expect(env.alerts[0]!.message).toMatch(/coordinamento/);
  });

  it('says so when the award is not below the request', () => {
    const { env, addon } = setup();
    fill25(env, addon, 40000);
    const count = env.spreadsheet.getSheets().length;
    addon.replanTab();
    expect(env.spreadsheet.getSheets()).toHaveLength(count);
    expect(env.alerts[0]!.message).toMatch(/non serve rimodulare/);
  });

  it('is in the menu, in Italian and in English', () => {
    const { env, addon } = setup();
    env.authMode = 'NONE';
    addon.onOpen({ authMode: 'NONE' });
    env.locale = 'en_US';
    addon.onOpen({ authMode: 'NONE' });
    const items = env.menus.map((m) => m.items.find((i) => i !== 'separator' && i.fn === 'replanTab'));
    expect(items).toEqual([
      { caption: 'Rimodula sul contributo assegnato', fn: 'replanTab' },
      { caption: 'Re-plan to the awarded grant', fn: 'replanTab' },
    ]);
  });
});
