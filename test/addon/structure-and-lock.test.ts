// Issue 12, point 7: rows inserted or deleted are picked up (an installable change trigger,
// installed once the add-on is authorised, since onEdit does not fire for them), and an edit
// that arrives while another check holds the lock is not lost. Journeys on the BUILT add-on.
import { beforeAll, describe, expect, it } from 'vitest';
import { a1Of } from './fake-spreadsheet.js';
import { ensureBuilt, setup } from './harness.js';
import { COLOURS, cofinRow, fillClean, LINE, newTab, RILIEVI_COL, sheetCalls, shown, TEMPLATE, type } from './journey.js';

beforeAll(() => ensureBuilt());

describe('the change trigger', () => {
  it('is installed by the first menu command, once, and never from a simple trigger', () => {
    const { env, addon } = setup();
    const sheet = env.spreadsheet.getSheets()[0]!;
    env.authMode = 'LIMITED';
    type(env, addon, sheet, 'A1', 'appunti');
    expect(env.calls.some((c) => c.startsWith('ScriptApp'))).toBe(false);
    expect(env.triggers).toEqual([]);

    env.authMode = 'FULL';
    addon.newBudgetTab();
    expect(env.triggers).toEqual([{ handler: 'onSheetChange', event: 'ON_CHANGE' }]);
    expect(env.toasts).toContain('Controllo automatico attivo anche quando si inseriscono o eliminano righe.');
    env.toasts = [];
    addon.checkThisTab();
    addon.checkAllTabs();
    expect(env.triggers).toHaveLength(1);
    expect(env.toasts.some((t) => t.startsWith('Controllo automatico'))).toBe(false);
  });

  it('checks the tab when the lead deletes a cofinancer\'s row', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet); // 10.000 + 5.000 of cofinancing: exactly 30%
    expect(shown(sheet).status).toBe('Nessun rilievo');
    sheet.deleteRow(cofinRow(1) + 1); // the 5.000 row goes: no onEdit
    expect(shown(sheet).status).toBe('Nessun rilievo'); // not checked yet

    env.reset();
    addon.onSheetChange(env.changeEvent('REMOVE_ROW'));
    const now = shown(sheet);
    expect(now.status).toBe('1 errore');
    expect(now.coloured[LINE('COFINANCING')]).toBe(COLOURS.error);
    expect(sheetCalls(env)).toEqual([
      'Spreadsheet.getActiveSheet', 'Sheet.getSheetValues', 'Sheet.getRange', 'Range.setValues',
    ]);
  });

  it('rewrites the addresses when rows are inserted above the budget', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    const row = TEMPLATE.lineCells.A_coord!.row;
    sheet.insertRowsBefore(4, 2);
    addon.onSheetChange(env.changeEvent('INSERT_ROW'));
    expect(sheet.getRange(a1Of(row + 2, RILIEVI_COL)).getValue()).toMatch(new RegExp(`^B${row + 3} ✖ Errore: Il coordinamento`));
    expect(shown(sheet).coloured[a1Of(row + 2, 1)]).toBe(COLOURS.error);
  });

  it('ignores edits and formatting (onEdit handles edits)', () => {
    const { env, addon } = setup();
    newTab(env, addon);
    for (const changeType of ['EDIT', 'FORMAT']) {
      env.reset();
      addon.onSheetChange(env.changeEvent(changeType));
      expect(env.calls).toEqual([]);
    }
  });
});

describe('an edit while another check holds the lock', () => {
  it('is checked as soon as the lock is free', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    env.lockBusyAttempts = 1; // another check is running: the first try fails, the wait succeeds
    type(env, addon, sheet, LINE('A_coord'), 9000);
    expect(shown(sheet).status).toBe('1 errore');
    expect(env.calls.filter((c) => c === 'Lock.tryLock')).toHaveLength(2);
  });

  it('that cannot wait long enough is recorded, and checked by the next check that had to wait', () => {
    const { env, addon } = setup();
    const first = newTab(env, addon);
    fillClean(env, addon, first);
    const second = newTab(env, addon);
    fillClean(env, addon, second);

    // A long check holds the lock past the wait: the edit on the first tab gives up.
    env.lockBusyAttempts = 2;
    type(env, addon, first, LINE('A_coord'), 9000);
    expect(shown(first).status).toBe('Nessun rilievo');
    expect([...env.cache.keys()].length).toBeGreaterThan(0);

    // Another lead's edit on the second tab waits for the same long check, then runs: it
    // checks its own tab, and the first tab's recorded edit.
    env.lockBusyAttempts = 1;
    type(env, addon, second, LINE('C'), 10000);
    expect(shown(first).status).toBe('1 errore');
    expect(shown(first).coloured[LINE('A_coord')]).toBe(COLOURS.error);
    expect(shown(second).status).toBe('Nessun rilievo');
    expect([...env.cache.keys()]).toEqual([]);
  });

  it('costs nothing more when nobody waits: no cache is read', () => {
    const { env, addon } = setup();
    const sheet = newTab(env, addon);
    fillClean(env, addon, sheet);
    type(env, addon, sheet, LINE('A_coord'), 9000);
    expect(env.calls.some((c) => c.startsWith('Cache'))).toBe(false);
    expect(env.calls.filter((c) => /^(LockService|Lock)\./.test(c))).toEqual(['LockService.getDocumentLock', 'Lock.tryLock', 'Lock.releaseLock']);
  });
});
