// The only module that touches SpreadsheetApp, HtmlService, LockService and Session. Every
// call here is a round trip to Google's servers, so each function says what it costs.
import { a1, type BudgetTabLayout } from '../shared/budget-layout.js';
import type { CellValue } from '../shared/amounts.js';
import type { CellRef } from '../shared/model.js';
import { columnWrites, HIGHLIGHT, isOurRuleFormula, ruleFormula, SEVERITIES, type Column, type Segment } from './findings-column.js';
import type { Strings } from './i18n.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** The user's locale, or '' where it cannot be read. Session needs no authorisation. */
export function userLocale(): string {
  try {
    return Session.getActiveUserLocale() || '';
  } catch {
    return '';
  }
}

/**
 * Every value of a tab from A1 to its last row and column with data. 1 call: getSheetValues
 * with -1 for "as far as there is data" (an empty tab gives no rows).
 */
export function readValues(sheet: Sheet): CellValue[][] {
  try {
    return sheet.getSheetValues(1, 1, -1, -1) as CellValue[][];
  } catch {
    return [];
  }
}

/** Write the column's segments: 2 calls each (getRange, setValues); usually one segment. */
export function writeColumn(sheet: Sheet, col: number, segments: readonly Segment[]): void {
  for (const s of segments) {
    sheet.getRange(s.row + 1, col + 1, s.values.length, 1).setValues(s.values.map((v) => [v]));
  }
}

/** Blank our column's text (a cell someone else wrote there stays). */
export function clearColumn(sheet: Sheet, column: Column): void {
  const writes = columnWrites(column.current, []);
  if (writes) writeColumn(sheet, column.col, writes);
}

/** Make room for a new column at `col` (0-based): 1 call, 2 when columns must be added. */
export function ensureColumn(sheet: Sheet, col: number): void {
  const max = sheet.getMaxColumns();
  if (col >= max) sheet.insertColumnsAfter(max, col + 1 - max);
}

function isOurRule(rule: Rule): boolean {
  const condition = rule.getBooleanCondition();
  return condition !== null && isOurRuleFormula(String(condition.getCriteriaValues()[0] ?? ''));
}

function letters(col: number): string {
  return a1({ row: 0, col }).replace(/\d+$/, '');
}

/**
 * Our three highlight rules (one per severity, errors first), over every column left of ours,
 * in front of the user's rules, which are passed back as they were. Run when the column is
 * created or on a check from the menu, never on an ordinary edit. 3 calls and the builders.
 */
export function installRules(sheet: Sheet, col: number): void {
  const userRules = sheet.getConditionalFormatRules().filter((r) => !isOurRule(r));
  const range = sheet.getRange(`A:${letters(col - 1)}`);
  const ours = SEVERITIES.map((s) =>
    SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(ruleFormula(s, col)).setBackground(HIGHLIGHT[s]).setRanges([range]).build(),
  );
  sheet.setConditionalFormatRules([...ours, ...userRules]);
}

/** Remove our rules, if the tab has any: 1 call, 2 when there were some. */
export function removeRules(sheet: Sheet): boolean {
  const rules = sheet.getConditionalFormatRules();
  const userRules = rules.filter((r) => !isOurRule(r));
  if (userRules.length === rules.length) return false;
  sheet.setConditionalFormatRules(userRules);
  return true;
}

/** The document lock, or null outside a document (never in Sheets). 1 call. */
export function documentLock(): GoogleAppsScript.Lock.Lock | null {
  return LockService.getDocumentLock();
}

// Edits that could not wait for the lock: their tab ids, in the document's cache, so the
// check holding the lock checks them again before it lets go.
const PENDING = 'conciliazione:pending';

function documentCache(): GoogleAppsScript.Cache.Cache | null {
  try {
    return CacheService.getDocumentCache();
  } catch {
    return null;
  }
}

export function addPending(sheet: Sheet): void {
  const cache = documentCache();
  if (!cache) return;
  cache.putAll({ [`${PENDING}:${sheet.getSheetId()}`]: '1', [PENDING]: '1' }, 600);
}

/** The tabs whose edits are pending, taken off the list; null when there are none (2 calls). */
export function takePending(): Sheet[] | null {
  const cache = documentCache();
  if (!cache || cache.get(PENDING) === null) return null;
  cache.remove(PENDING);
  const sheets = activeSpreadsheet().getSheets();
  const keys = sheets.map((s) => `${PENDING}:${s.getSheetId()}`);
  const found = cache.getAll(keys);
  const hit = keys.filter((k) => found[k] !== undefined);
  if (hit.length > 0) cache.removeAll(hit);
  return sheets.filter((_s, i) => found[keys[i]!] !== undefined);
}

/**
 * An installable change trigger calling `handler`, so that row and column insertions and
 * deletions are checked too (onEdit does not fire for them). Only possible once the user has
 * authorised the add-on (a menu command); false when it already existed or cannot be made.
 */
export function ensureChangeTrigger(handler: string): boolean {
  try {
    const ss = activeSpreadsheet();
    const mine = ScriptApp.getUserTriggers(ss).some((t) => t.getHandlerFunction() === handler);
    if (mine) return false;
    ScriptApp.newTrigger(handler).forSpreadsheet(ss).onChange().create();
    return true;
  } catch {
    return false;
  }
}

export function buildMenu(t: Strings): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t.menuCheckTab, 'checkThisTab')
    .addItem(t.menuCheckAll, 'checkAllTabs')
    .addSeparator()
    .addItem(t.menuNewTab, 'newBudgetTab')
    .addItem(t.menuReplan, 'replanTab')
    .addSeparator()
    .addItem(t.menuShowFindings, 'showFindings')
    .addItem(t.menuClear, 'clearHighlights')
    .addToUi();
}

export function showSidebar(title: string): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The tab the user is on, and its name. 2 calls: getActiveSheet, getName. */
export function activeTab(): { sheet: Sheet; name: string } {
  const sheet = activeSpreadsheet().getActiveSheet();
  return { sheet, name: sheet.getName() };
}

/**
 * Ask the user for a line of text. null when the dialog is cancelled or closed.
 * Calls: getUi, Ui.prompt, PromptResponse.getSelectedButton, and getResponseText after OK.
 */
export function prompt(title: string, message: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const response = ui.prompt(title, message, ui.ButtonSet.OK_CANCEL);
  if (response.getSelectedButton() !== ui.Button.OK) return null;
  return response.getResponseText();
}

/** A modal message with an OK button. 2 calls: getUi, Ui.alert. */
export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

export function toast(message: string): void {
  activeSpreadsheet().toast(message);
}

/** Select a cell (0-based) of a named tab; false when the tab or cell no longer exists. */
export function selectCell(sheetName: string, row: number, col: number): boolean {
  const sheet = activeSpreadsheet().getSheetByName(sheetName);
  if (!sheet || row >= sheet.getMaxRows() || col >= sheet.getMaxColumns()) return false;
  sheet.activate();
  sheet.setActiveRange(sheet.getRange(row + 1, col + 1));
  return true;
}

function uniqueName(base: string): string {
  const names = new Set(activeSpreadsheet().getSheets().map((s) => s.getName()));
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** A string Sheets will store as this very text, never as a formula, number or date. */
function asText(value: string): string {
  return value === '' ? '' : `'${value}`;
}

const FORMATS = { euro: '"€" #,##0.00', percent: '0.00%' } as const;
const BOLD_KINDS = new Set(['status', 'title', 'heading', 'header', 'total']);

/** A cell of a grid about to be written: the layout's cells all lie inside it, or it is a bug. */
function setCell(grid: (string | number)[][], at: CellRef, value: string | number): void {
  const row = grid[at.row];
  if (row === undefined) throw new Error(`cell ${a1(at)} is outside the tab's ${grid.length} rows`);
  row[at.col] = value;
}

/**
 * Draw the shared budget-tab layout on a new tab: values and formulas in one write. Every text
 * is written with Sheets' text prefix (an apostrophe, not part of the value), so a name or a
 * raw amount the user typed ("=HYPERLINK(…)", "2020", "1/2") stays the text it was. `formulas`
 * adds formulas of the add-on's own (the status cell), by position.
 */
export function insertTemplate(layout: BudgetTabLayout, baseName: string, formulas: { cell: CellRef; formula: string }[] = []): Sheet {
  const sheet = activeSpreadsheet().insertSheet(uniqueName(baseName));
  const grid: (string | number)[][] = Array.from({ length: layout.rowCount }, () => Array<string | number>(layout.colCount).fill(''));
  const formats: Record<string, string[]> = {};
  const bold: string[] = [];
  for (const c of layout.cells) {
    if (c.formula) setCell(grid, c, `=${c.formula}`);
    // A literal amount is a canonical decimal string; Sheets stores numbers, so it is written as one.
    else if (c.value !== null) setCell(grid, c, c.kind === 'amount' && /^-?\d+\.\d{2}$/.test(c.value) ? Number(c.value) : asText(c.value));
    if (c.numberFormat) (formats[FORMATS[c.numberFormat]] ??= []).push(a1(c));
    if (BOLD_KINDS.has(c.kind) && c.value !== null) bold.push(a1(c));
  }
  for (const f of formulas) setCell(grid, f.cell, `=${f.formula}`);
  sheet.getRange(1, 1, layout.rowCount, layout.colCount).setValues(grid);
  for (const [format, cells] of Object.entries(formats)) sheet.getRangeList(cells).setNumberFormat(format);
  if (bold.length > 0) sheet.getRangeList(bold).setFontWeight('bold');
  sheet.activate();
  return sheet;
}
