// The only module that touches SpreadsheetApp, HtmlService, LockService and Session. Every
// call here is a round trip to Google's servers, so each function says what it costs.
import { a1, type BudgetTabLayout } from '../shared/budget-layout.js';
import type { CellRef, Severity } from '../shared/model.js';
import { HIGHLIGHT, isOurRuleFormula, marksBySeverity, ruleFormula, stripNotes } from './highlights.js';
import type { Strings } from './i18n.js';
import { isOurStatus, statusCellOf, type CellMark } from './verdict.js';
import { readBudget } from '../shared/budget-reader.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type Value = string | number | boolean | Date;

export interface TabRead {
  sheet: Sheet;
  /** The data range: always anchored at A1, so grid indices are sheet positions. */
  range: Range;
  values: Value[][];
}

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

/** 2 calls: getDataRange, getValues. */
export function readTab(sheet: Sheet): TabRead {
  const range = sheet.getDataRange();
  return { sheet, range, values: range.getValues() };
}

/** 1 call. */
export function readNotes(tab: TabRead): string[][] {
  return tab.range.getNotes();
}

/** The document lock, or null outside a document (never in Sheets). 1 call. */
export function documentLock(): GoogleAppsScript.Lock.Lock | null {
  return LockService.getDocumentLock();
}

function isOurRule(rule: Rule): boolean {
  const condition = rule.getBooleanCondition();
  return condition !== null && isOurRuleFormula(String(condition.getCriteriaValues()[0] ?? ''));
}

/**
 * Show a verdict: one rule per severity in front of the user's rules, notes over the data
 * range, the status line. Calls: getRangeList + getRanges (when a cell is to be marked or
 * the status written), getConditionalFormatRules, setConditionalFormatRules, setNotes (when
 * notes changed), setValue (when the status changed). Never more than 6, whatever the rows.
 */
export function writeVerdict(
  tab: TabRead,
  marks: readonly CellMark[],
  notes: string[][] | null,
  status: { cell: CellRef; text: string } | null,
): void {
  const a1s = [...(status ? [a1(status.cell)] : []), ...marks.map((m) => a1(m))];
  const ranges = a1s.length > 0 ? tab.sheet.getRangeList(a1s).getRanges() : [];
  const statusRange = status ? ranges.shift()! : null;
  const rangeOf = new Map(marks.map((m, i) => [m, ranges[i]!]));

  const userRules = tab.sheet.getConditionalFormatRules().filter((r) => !isOurRule(r));
  const groups = marksBySeverity(marks);
  const ours = (['error', 'warning', 'info'] as Severity[])
    .filter((s) => groups[s])
    .map((s) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(ruleFormula(s))
        .setBackground(HIGHLIGHT[s])
        .setRanges(groups[s]!.map((m) => rangeOf.get(m)!))
        .build(),
    );
  tab.sheet.setConditionalFormatRules([...ours, ...userRules]);
  if (notes) tab.range.setNotes(notes);
  if (statusRange && status) statusRange.setValue(status.text);
}

/** Remove everything the add-on added to a tab; the user's rules, notes and values stay. */
export function clearTab(sheet: Sheet): void {
  const tab = readTab(sheet);
  const rules = sheet.getConditionalFormatRules();
  const userRules = rules.filter((r) => !isOurRule(r));
  if (userRules.length !== rules.length) sheet.setConditionalFormatRules(userRules);
  const notes = stripNotes(readNotes(tab));
  if (notes) tab.range.setNotes(notes);
  const budget = readBudget(tab.values);
  if (budget.span) {
    const cell = statusCellOf(tab.values, budget);
    if (isOurStatus(tab.values[cell.row]?.[cell.col] ?? '') && (tab.values[cell.row]?.[cell.col] ?? '') !== '') {
      sheet.getRange(cell.row + 1, cell.col + 1).setValue('');
    }
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

const FORMATS = { euro: '"€" #,##0.00', percent: '0.00%' } as const;
const BOLD_KINDS = new Set(['status', 'title', 'heading', 'header', 'total']);

/** Draw the shared budget-tab layout on a new tab: values and formulas in one write. */
export function insertTemplate(layout: BudgetTabLayout, baseName: string): Sheet {
  const sheet = activeSpreadsheet().insertSheet(uniqueName(baseName));
  const grid: (string | number)[][] = Array.from({ length: layout.rowCount }, () => Array<string | number>(layout.colCount).fill(''));
  const formats: Record<string, string[]> = {};
  const bold: string[] = [];
  for (const c of layout.cells) {
    if (c.formula) grid[c.row]![c.col] = `=${c.formula}`;
    // A literal amount is a canonical decimal string; Sheets stores numbers, so it is written as one.
    else if (c.value !== null) grid[c.row]![c.col] = c.kind === 'amount' && /^-?\d+\.\d{2}$/.test(c.value) ? Number(c.value) : c.value;
    if (c.numberFormat) (formats[FORMATS[c.numberFormat]] ??= []).push(a1(c));
    if (BOLD_KINDS.has(c.kind) && c.value !== null) bold.push(a1(c));
  }
  sheet.getRange(1, 1, layout.rowCount, layout.colCount).setValues(grid);
  for (const [format, cells] of Object.entries(formats)) sheet.getRangeList(cells).setNumberFormat(format);
  if (bold.length > 0) sheet.getRangeList(bold).setFontWeight('bold');
  sheet.activate();
  return sheet;
}
