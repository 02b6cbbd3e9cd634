// Entry points. Apps Script calls these by name: scripts/build-addon.mjs re-declares each
// export as a top-level function of the bundle.
import { readAmount } from '../shared/amounts.js';
import { a1, layoutBudgetTab, type BudgetTabLayout } from '../shared/budget-layout.js';
import { readPartnerList } from '../shared/budget-reader.js';
import type { CellRef, Severity } from '../shared/model.js';
import { formatEuro, money, toPlain } from '../shared/money.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';
import { proposeReplan } from '../shared/replan/index.js';
import { columnWrites, findColumn, newColumnAt } from './findings-column.js';
import { langOf, REPLAN_TAB_SUFFIX, strings, type Lang } from './i18n.js';
import * as io from './sheet-io.js';
import { budgetOf, judge, viewOf } from './verdict.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

// How long an edit waits for a check already running: well under the 30 s a simple trigger
// may run, far over the time one check takes.
const LOCK_WAIT_MS = 20_000;
/** The installable change trigger's handler (row and column insertions and deletions). */
const CHANGE_HANDLER = 'onSheetChange';
const TEMPLATE_ROWS = 5;
const PARTNER_ROWS = 8;

function lang(): Lang {
  return langOf(io.userLocale());
}

/** Builds the menu only: in AuthMode.NONE nothing that needs authorisation may run here. */
export function onOpen(_e?: unknown): void {
  io.buildMenu(strings(lang()));
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}

/**
 * Check a tab and show the result in its Rilievi column. On an edit (force false) that costs
 * one read, and one write only when the column's text changes; the highlight rules are
 * installed when the column is created, or again on a check from the menu (force true).
 * A tab without a budget's shape is never written to, except to take away what we wrote there
 * when it was a budget. Returns the status line, or null when the tab is no budget.
 */
function checkSheet(sheet: Sheet, l: Lang, force: boolean): string | null {
  const view = viewOf(io.readValues(sheet));
  const verdict = judge(view.grid, l, view.column?.col);
  if (!verdict) {
    if (view.column) io.clearColumn(sheet, view.column);
    io.removeRules(sheet);
    return null;
  }
  let column = view.column;
  const fresh = column === null;
  if (!column) {
    column = { col: newColumnAt(view.grid), current: [] };
    io.ensureColumn(sheet, column.col);
  }
  const writes = columnWrites(column.current, verdict.column);
  if (writes) io.writeColumn(sheet, column.col, writes);
  if (fresh || force) io.installRules(sheet, column.col);
  return verdict.status;
}

/**
 * Run fn holding the document lock. An edit that cannot get it within LOCK_WAIT_MS is not lost:
 * `busy` records it, and a run that had to wait for the lock, or held it that long, checks the
 * recorded tabs again before letting go (a quick run that did not wait cannot have made anyone
 * give up, so the usual edit pays nothing for this).
 */
function withLock<T>(fn: () => T, l: Lang, busy?: () => void): T | undefined {
  const lock = io.documentLock();
  if (!lock) return fn();
  let waited = false;
  if (!lock.tryLock(0)) {
    waited = true;
    if (!lock.tryLock(LOCK_WAIT_MS)) {
      busy?.();
      return undefined;
    }
  }
  const held = Date.now();
  try {
    const out = fn();
    if (waited || Date.now() - held >= LOCK_WAIT_MS / 2) checkPending(l);
    return out;
  } finally {
    lock.releaseLock();
  }
}

function checkPending(l: Lang): void {
  for (const sheet of io.takePending() ?? []) checkSheet(sheet, l, false);
}

export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  // A paste of many cells carries no e.value; only the range matters here.
  if (!e || !e.range) return;
  const sheet = e.range.getSheet();
  const l = lang();
  withLock(() => checkSheet(sheet, l, false), l, () => io.addPending(sheet));
}

const STRUCTURAL = new Set(['INSERT_ROW', 'REMOVE_ROW', 'INSERT_COLUMN', 'REMOVE_COLUMN', 'INSERT_GRID', 'OTHER']);

/**
 * The installable change trigger: rows or columns inserted or deleted (no onEdit fires for
 * those). The event names no range; the change happened on the tab the user is on.
 */
export function onSheetChange(e?: { changeType?: string; source?: GoogleAppsScript.Spreadsheet.Spreadsheet }): void {
  if (!e || !STRUCTURAL.has(String(e.changeType))) return;
  const sheet = (e.source ?? io.activeSpreadsheet()).getActiveSheet();
  const l = lang();
  withLock(() => checkSheet(sheet, l, false), l, () => io.addPending(sheet));
}

/** Menu commands run authorised: the moment to install the change trigger, once. */
function authorised(l: Lang): void {
  if (io.ensureChangeTrigger(CHANGE_HANDLER)) io.toast(strings(l).triggerOn);
}

export function checkThisTab(): void {
  const l = lang();
  const t = strings(l);
  authorised(l);
  const status = withLock(() => checkSheet(io.activeSpreadsheet().getActiveSheet(), l, true), l);
  io.toast(status === undefined ? t.busy : status === null ? t.notBudgetTab : `${t.checked}: ${status}`);
}

export function checkAllTabs(): void {
  const l = lang();
  const t = strings(l);
  authorised(l);
  const done = withLock(() => {
    io.activeSpreadsheet().getSheets().forEach((s) => checkSheet(s, l, true));
    checkPending(l);
    return true;
  }, l);
  if (done === undefined) return io.toast(t.busy);
  showFindings();
}

/** The template's status cell shows the status part of our column's top cell. */
function statusFormula(layout: BudgetTabLayout): { cell: CellRef; formula: string }[] {
  const top = a1({ row: 0, col: layout.colCount + 1 });
  return [{ cell: layout.statusCell, formula: `IFERROR(REGEXEXTRACT(${top},"· (.*)"),"")` }];
}

export function newBudgetTab(): void {
  const l = lang();
  const t = strings(l);
  authorised(l);
  const layout = layoutBudgetTab({
    profile: DEFAULT_PROFILE, title: t.templateTitle, templateRows: TEMPLATE_ROWS, partnerRows: PARTNER_ROWS, textAmounts: true,
  });
  const sheet = io.insertTemplate(layout, t.newTabName, statusFormula(layout));
  withLock(() => checkSheet(sheet, l, true), l);
}

/** An amount the user typed ("20.038,40", "€ 20038.40"): a plain decimal, or null. */
function typedAmount(text: string): string | null {
  const r = readAmount(text);
  return r.kind === 'amount' && !r.value.isNegative() ? toPlain(r.value) : null;
}

/**
 * Re-plan the active budget tab to the grant awarded: the proposal goes into a NEW budget tab
 * beside it (the lead's tab is only read), which onEdit then validates like any budget tab.
 * The awarded grant is the tab's "Contributo assegnato"; when the tab does not state it, ask.
 */
export function replanTab(): void {
  const l = lang();
  const t = strings(l);
  const { sheet, name } = io.activeTab();
  const view = viewOf(io.readValues(sheet));
  const budget = budgetOf(view.grid);
  if (!budget) return io.alert(t.replanTitle, t.notBudgetTab);
  authorised(l);

  let awarded = budget.assigned?.amount ?? null;
  if (awarded === null) {
    const answer = io.prompt(t.replanTitle, t.replanAsk);
    if (answer === null) return; // cancelled: nothing is created
    awarded = typedAmount(answer);
    if (awarded === null) return io.alert(t.replanTitle, `${t.replanBadAmount}: "${answer}"`);
  }

  const result = proposeReplan(budget, DEFAULT_PROFILE, awarded, { strategy: 'proportional' });
  if (!result.ok) return io.alert(t.replanImpossible, result.reasons.map((r) => r[l]).join('\n\n'));
  if (!result.needed) {
    const why = result.frame.status === 'not-needed' ? result.frame.reason[l] : '';
    return io.alert(t.replanNotNeeded, why);
  }
  // The partner list goes with the proposal, so the new tab warns as the lead's does.
  const partners = readPartnerList(view.grid);
  const layout = layoutBudgetTab({
    profile: DEFAULT_PROFILE,
    title: `${name}${REPLAN_TAB_SUFFIX} (${formatEuro(money(result.frame.awarded), { lang: l })})`,
    assigned: result.frame.awarded,
    budget: result.budget,
    partnerRows: Math.max(PARTNER_ROWS, partners.length),
    textAmounts: true,
  });
  const partnerRows = layout.partnerRows;
  partners.forEach((p, i) => {
    const cell = partnerRows && layout.cells.find((c) => c.row === partnerRows.first + i && c.col === 0);
    if (cell) cell.value = p.name;
  });
  const created = io.insertTemplate(layout, `${name}${REPLAN_TAB_SUFFIX}`, statusFormula(layout));
  withLock(() => checkSheet(created, l, true), l);
  io.toast(`${t.replanDone} "${created.getName()}"`);
}

export function showFindings(): void {
  io.showSidebar(strings(lang()).sidebarTitle);
}

/** Take away everything the add-on wrote: its column's text and its highlight rules. */
export function clearHighlights(): void {
  const l = lang();
  const t = strings(l);
  const done = withLock(() => {
    for (const sheet of io.activeSpreadsheet().getSheets()) {
      const column = findColumn(io.readValues(sheet));
      if (column) io.clearColumn(sheet, column);
      io.removeRules(sheet);
    }
    return true;
  }, l);
  io.toast(done ? t.cleared : t.busy);
}

export interface SidebarFinding {
  rule: string;
  severity: Severity;
  message: string;
  cell: string;
  row: number;
  col: number;
}

export interface SidebarData {
  lang: Lang;
  labels: { title: string; error: string; warning: string; info: string; none: string; noTabs: string };
  tabs: { sheet: string; status: string; findings: SidebarFinding[] }[];
}

/** Called by the sidebar: every budget tab's findings, in the user's language. */
export function getFindings(): SidebarData {
  const l = lang();
  const t = strings(l);
  const tabs: SidebarData['tabs'] = [];
  for (const sheet of io.activeSpreadsheet().getSheets()) {
    const verdict = judge(viewOf(io.readValues(sheet)).grid, l);
    if (!verdict) continue;
    const findings: SidebarFinding[] = [];
    verdict.findings.forEach((f, i) => {
      const at = f.at.find((p): p is { row: number; col: number } => 'row' in p) ?? { row: verdict.budget.span?.[0] ?? 0, col: 0 };
      findings.push({ rule: f.rule, severity: f.severity, message: verdict.messages[i]!, cell: a1(at), row: at.row, col: at.col });
    });
    tabs.push({ sheet: sheet.getName(), status: verdict.status, findings });
  }
  return {
    lang: l,
    labels: { title: t.sidebarTitle, error: t.error, warning: t.warning, info: t.info, none: t.noFindings, noTabs: t.noBudgetTabs },
    tabs,
  };
}

/** Called by the sidebar when a finding is clicked. Arguments come from the page: check them. */
export function selectCell(sheetName: unknown, row: unknown, col: unknown): boolean {
  if (typeof sheetName !== 'string' || !Number.isInteger(row) || !Number.isInteger(col)) return false;
  if ((row as number) < 0 || (col as number) < 0) return false;
  return io.selectCell(sheetName, row as number, col as number);
}
