// Entry points. Apps Script calls these by name: scripts/build-addon.mjs re-declares each
// export as a top-level function of the bundle.
import { readAmount } from '../shared/amounts.js';
import { a1, layoutBudgetTab } from '../shared/budget-layout.js';
import { readBudget } from '../shared/budget-reader.js';
import type { Severity } from '../shared/model.js';
import { formatEuro, money, toPlain } from '../shared/money.js';
import { DEFAULT_PROFILE } from '../shared/profile.js';
import { proposeReplan } from '../shared/replan/index.js';
import { mergeNotes } from './highlights.js';
import { langOf, REPLAN_TAB_SUFFIX, strings, type Lang } from './i18n.js';
import * as io from './sheet-io.js';
import { judge } from './verdict.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

// Long enough for a previous edit's check to finish, short next to the 30 s trigger limit.
const LOCK_MS = 5000;

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
 * Check a tab and show the result. With force false (onEdit), nothing is written when the
 * notes and the status already say what the check says: our notes and our rules are always
 * written together, so equal notes mean equal highlights.
 */
function checkSheet(sheet: Sheet, force: boolean): string | null {
  const tab = io.readTab(sheet);
  const verdict = judge(tab.values);
  if (!verdict) return null;
  const notes = mergeNotes(io.readNotes(tab), verdict.marks);
  const { row, col } = verdict.statusCell;
  const shown = tab.values[row]?.[col] ?? '';
  const status = force || shown !== verdict.status ? { cell: verdict.statusCell, text: verdict.status } : null;
  if (force || notes || status) io.writeVerdict(tab, verdict.marks, notes, status);
  return verdict.status;
}

function withLock<T>(fn: () => T): T | undefined {
  const lock = io.documentLock();
  if (lock && !lock.tryLock(LOCK_MS)) return undefined;
  try {
    return fn();
  } finally {
    lock?.releaseLock();
  }
}

export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  // A paste of many cells carries no e.value; only the range matters here.
  if (!e || !e.range) return;
  const sheet = e.range.getSheet();
  withLock(() => checkSheet(sheet, false));
}

export function checkThisTab(): void {
  const t = strings(lang());
  const status = withLock(() => checkSheet(io.activeSpreadsheet().getActiveSheet(), true));
  io.toast(status === undefined ? t.busy : status === null ? t.notBudgetTab : `${t.checked}: ${status}`);
}

export function checkAllTabs(): void {
  const t = strings(lang());
  const done = withLock(() => io.activeSpreadsheet().getSheets().map((s) => checkSheet(s, true)));
  if (done === undefined) return io.toast(t.busy);
  showFindings();
}

export function newBudgetTab(): void {
  const t = strings(lang());
  const layout = layoutBudgetTab({ profile: DEFAULT_PROFILE, title: t.templateTitle, templateRows: 5 });
  const sheet = io.insertTemplate(layout, t.newTabName);
  withLock(() => checkSheet(sheet, true));
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
  const tab = io.readTab(sheet);
  const budget = readBudget(tab.values);
  if (budget.span === null) return io.alert(t.replanTitle, t.notBudgetTab);

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
  const layout = layoutBudgetTab({
    profile: DEFAULT_PROFILE,
    title: `${name}${REPLAN_TAB_SUFFIX} (${formatEuro(money(result.frame.awarded), { lang: l })})`,
    assigned: result.frame.awarded,
    budget: result.budget,
  });
  const created = io.insertTemplate(layout, `${name}${REPLAN_TAB_SUFFIX}`);
  withLock(() => checkSheet(created, true));
  io.toast(`${t.replanDone} "${created.getName()}"`);
}

export function showFindings(): void {
  io.showSidebar(strings(lang()).sidebarTitle);
}

export function clearHighlights(): void {
  const t = strings(lang());
  const done = withLock(() => {
    io.activeSpreadsheet().getSheets().forEach((s) => io.clearTab(s));
    return true;
  });
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
    const verdict = judge(io.readTab(sheet).values);
    if (!verdict) continue;
    const findings: SidebarFinding[] = [];
    for (const f of verdict.findings) {
      const at = f.at.find((p): p is { row: number; col: number } => 'row' in p) ?? { row: verdict.budget.span![0], col: 0 };
      findings.push({ rule: f.rule, severity: f.severity, message: f.message[l], cell: a1(at), row: at.row, col: at.col });
    }
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
