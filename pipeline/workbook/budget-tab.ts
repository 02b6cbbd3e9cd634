// One project's budget tab: the shared layout (layoutBudgetTab) rendered into an exceljs sheet.
// Declared figures are written exactly as the annex states them. Below the tables, apart from
// the cost lines, a block of checks (each a live formula from the rule catalogue), the checks
// of the "Rimodulato" column, the findings in words, and a colour legend (drawn by budget-draw.ts); the status line on
// top is a formula over the checks, so nothing on the tab can contradict another part of it.
// Every formula carries the engine's result as its cached value, so a program that does not
// recalculate still shows the right numbers and verdicts.
import { readAmount } from '../../shared/amounts.js';
import { a1, layoutBudgetTab, type BudgetTabLayout } from '../../shared/budget-layout.js';
import { readBudget, type Grid } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import { validate } from '../../shared/engine.js';
import { POST_AWARD_RULES } from '../../shared/replan/post-award-rules.js';
import { RULES } from '../../shared/rules/index.js';
import { AmountString, BUDGET_CODES, lineOf, type Budget, type CellRef, type Finding, type LineCode } from '../../shared/model.js';
import { formatEuro, money } from '../../shared/money.js';
import type { PartnerLink } from '../../shared/partner-match.js';
import type { Profile } from '../../shared/profile.js';
import { visibleText } from '../../shared/text.js';
import type { ProjectRecord, ReplanRecord } from '../records.js';
import { checkLabel, checkSpecs, engineSides, formulaRefs, placeChecks, VERDICTS, type PlacedCheck } from './checks.js';
import { findingMessage, ruleName, type Lang } from './finding-text.js';
import { safeText } from './safe-text.js';

export type { Lang } from './finding-text.js';

type CellValue = string | number | null;

/** A cell the tab adds below the shared layout's tables. */
export interface ExtraCell extends CellRef {
  style: 'heading' | 'header' | 'label' | 'figure' | 'verdict' | 'text' | 'link' | 'legend-error' | 'legend-warning' | 'legend-ok';
  value: string | null;
  formula?: string;
}

export interface BudgetTab {
  layout: BudgetTabLayout;
  /** What each layout cell holds as a value (formula cells: null), as a reader of the file sees it. */
  grid: CellValue[][];
  /** The budget read back from that grid: the tab's own view of the project. */
  budget: Budget;
  links: PartnerLink[];
  /** The engine's findings on the tab, with positions in this tab's cells. */
  findings: Finding[];
  /**
   * The project's findings that are not about its budget (header, contents, partners): the
   * status line counts them too and the findings block lists them, so the tab and Progetti agree.
   */
  projectFindings: Finding[];
  /** What the status line counts on the tab as written (Progetti shows the same). */
  counts: Counts;
  /** The checks of the declared budget (and of the award), then those of the "Rimodulato" column. */
  checks: PlacedCheck[];
  replanChecks: PlacedCheck[];
  /** Cached result of every formula cell, keyed by A1 address. */
  results: Map<string, number | string>;
  /** Notes (annex detail the cells cannot show), keyed by A1 address. */
  sourceNotes: Map<string, string>;
  /** The same detail in words on the sheet, in the "Note" column, by row. */
  rowNotes: Map<number, string[]>;
  extra: ExtraCell[];
  statusFormula: string;
  rowCount: number;
  lang: Lang;
}

/** Column E, empty in the shared layout: the re-planned figures beside the declared ones. */
export const REPLAN_COL = 4;
export const REPLAN_HEADER = 'Rimodulato';
/** Column F: what the annex wrote where a cell cannot show it, and why a figure was re-planned. */
export const NOTE_COL = 5;
const COLS = 6;

export const TEXT = {
  it: {
    note: 'Note', checks: 'CONTROLLI SUL PIANO DEI CONTI', replanChecks: 'CONTROLLI SUL PIANO RIMODULATO (colonna Rimodulato)',
    check: 'Controllo', value: 'Valore', limit: 'Limite', verdict: 'Esito', findings: "RILIEVI SUL PROGETTO COME NELL'ALLEGATO",
    finding: 'Rilievo', severity: 'Gravità', cells: 'Dove', line: "riga dell'allegato", lines: "righe dell'allegato", none: 'Nessun rilievo', legend: 'Legenda dei colori',
    back: '↩ Progetti',
    legendError: 'Errore (NON OK)', legendWarning: 'Avviso', legendOk: 'Nessun rilievo (OK)',
    live: "I controlli si ricalcolano a ogni modifica; i rilievi qui sotto riguardano il progetto come l'allegato lo riporta.",
  },
  en: {
    note: 'Notes', checks: 'CHECKS OF THE BUDGET', replanChecks: 'CHECKS OF THE RE-PLANNED BUDGET (Rimodulato column)',
    check: 'Check', value: 'Value', limit: 'Limit', verdict: 'Result', findings: 'FINDINGS ON THE PROJECT AS IN THE ANNEX',
    finding: 'Finding', severity: 'Severity', cells: 'Where', line: 'annex line', lines: 'annex lines', none: 'No findings', legend: 'Colour legend',
    back: '↩ Projects',
    legendError: 'Error (NOT OK)', legendWarning: 'Warning', legendOk: 'No findings (OK)',
    live: 'The checks recalculate at every edit; the findings below are about the project as the annex states it.',
  },
} as const;

const SEVERITY_WORD: Record<Lang, Record<Finding['severity'], string>> = {
  it: { error: 'errore', warning: 'avviso', info: 'nota' },
  en: { error: 'error', warning: 'warning', info: 'note' },
};

/** The rules the engine runs on a budget (the tab's own findings); a project's others are about the rest of the annex. */
const BUDGET_RULES = new Set<string>([...RULES, ...POST_AWARD_RULES].map((r) => r.id));

const isAmount = (v: string | null): v is string => v !== null && AmountString.safeParse(v).success;
const isPlaceholder = (v: string | null) => v !== null && !isAmount(v) && readAmount(v).kind === 'placeholder';

export interface TabPlace {
  /** The summary sheet a tab links back to, and the row (1-based) of its project there. */
  projectsSheet: string;
  projectsRow: number;
}

/** Lay the project out, read the tab back, and run the engine on it: everything except the drawing. */
export function planBudgetTab(project: ProjectRecord, profile: Profile, lang: Lang = 'it', place?: TabPlace): BudgetTab {
  const src = project.budget;
  const layout = layoutBudgetTab({
    profile,
    title: `${project.id} – ${project.header.title}`,
    assigned: project.header.assigned,
    budget: src,
  });
  const headerRow = (layout.lineCells.A?.row ?? 6) - 1;
  // The shared layout puts its checks beside the cost lines; this tab gives them a block of their own.
  layout.cells = layout.cells.filter((c) => !c.kind.startsWith('check-') && !(c.row === headerRow && c.col > NOTE_COL - 1));
  layout.checks = [];
  layout.colCount = COLS;

  const sourceNotes = new Map<string, string>();
  const rowNotes = new Map<number, string[]>();
  const noteOnRow = (row: number, text: string) => rowNotes.set(row, [...(rowNotes.get(row) ?? []), text]);
  keepPlaceholdersAsNotes(layout, noteOnRow);
  noteAnnexDetail(src, layout, sourceNotes, noteOnRow);
  addReplanColumn(layout, project.replan, sourceNotes, noteOnRow);

  const grid: CellValue[][] = Array.from({ length: layout.rowCount }, () => Array<CellValue>(COLS).fill(null));
  for (const c of layout.cells) {
    if (c.formula !== undefined) continue;
    grid[c.row]![c.col] = c.kind === 'amount' && isAmount(c.value) ? Number(c.value) : safeText(c.value);
  }
  grid[headerRow]![NOTE_COL] = TEXT[lang].note;
  for (const [row, texts] of rowNotes) grid[row]![NOTE_COL] = safeText(texts.join('\n'));
  const budget = readBudget(grid as Grid, { maxAmount: profile.maxPlausibleAmount });
  const { links, findings } = checkBudget(budget, profile, { partners: project.partners });

  const results = new Map<string, number | string>();
  const extra: ExtraCell[] = [];
  const last = Math.max(...layout.cells.map((c) => c.row));
  let row = last + 2;

  // Checks of the declared budget, and of the declared budget at the award.
  const refs = formulaRefs(layout, profile);
  const checks = placeChecks(checkSpecs(refs), refs, row + 2, lang);
  row = addCheckBlock(extra, results, checks, row, TEXT[lang].checks, lang, profile, budget, findings);

  // Checks of the "Rimodulato" column, against the engine's verdict on that budget.
  let replanChecks: PlacedCheck[] = [];
  const replanned = replannedBudget(grid, layout, profile);
  if (replanned) {
    const column = (code: LineCode) => (grid[layout.lineCells[code]?.row ?? -1]?.[REPLAN_COL] != null ? { row: layout.lineCells[code]!.row, col: REPLAN_COL } : null);
    const rRefs = formulaRefs(layout, profile, column);
    replanChecks = placeChecks(checkSpecs(rRefs), rRefs, row + 3, lang);
    // Only the rules a check row shows judge the proposal (no partner matching: its cofinancers are the declared ones).
    const rFindings = validate({ budget: replanned, profile }, RULES.filter((r) => r.formula));
    row = addCheckBlock(extra, results, replanChecks, row + 1, TEXT[lang].replanChecks, lang, profile, replanned, rFindings);
  }

  const projectFindings = project.findings.filter((f) => !BUDGET_RULES.has(f.rule));
  row = addFindingsBlock(extra, [...findings, ...projectFindings], row + 1, lang);
  row = addLegend(extra, row + 1, lang);

  const statusFormula = statusFormulaOf(checks, [...findings, ...projectFindings], lang);
  const counts = tabCounts(checks, [...findings, ...projectFindings]);
  results.set(a1(layout.statusCell), statusText(counts, lang));
  if (place) {
    const target = `#'${place.projectsSheet.replace(/'/g, "''")}'!A${place.projectsRow}`;
    extra.push({ row: 0, col: NOTE_COL, style: 'link', value: null, formula: `HYPERLINK("${target.replace(/"/g, '""')}","${TEXT[lang].back}")` });
    results.set(a1({ row: 0, col: NOTE_COL }), TEXT[lang].back);
  }
  return {
    layout, grid, budget, links, findings, projectFindings, counts, checks, replanChecks, results, sourceNotes, rowNotes, extra, statusFormula, rowCount: row, lang,
  };
}

/** A placeholder ("-----", "€ .....", "non richiesto") is no amount: the cell stays empty and the note column says what the annex wrote. */
function keepPlaceholdersAsNotes(layout: BudgetTabLayout, noteOnRow: (row: number, text: string) => void): void {
  const cofinHeaders: Record<number, string> = { 1: 'monetario', 2: 'valorizzazione economica' };
  for (const c of layout.cells) {
    if (c.kind !== 'amount' || !isPlaceholder(c.value)) continue;
    const inCofinTable = layout.cofinRows !== null && c.row >= layout.cofinRows.first && c.row <= layout.cofinTotalRow;
    const where = inCofinTable ? ` (${cofinHeaders[c.col] ?? ''})` : '';
    noteOnRow(c.row, `Nell'allegato${where}: «${visibleText(c.value!)}»`);
    c.value = null;
  }
}

/**
 * What the annex said that the tab's cells cannot: the merged row ("A. ... di cui per
 * coordinamento ... € 1.500,00 € .....") states both figures in one cell, and a split line
 * ("€ 10.000 (finanziamento) € 2.000 (cof)") is written as its total.
 */
function noteAnnexDetail(src: Budget, layout: BudgetTabLayout, notes: Map<string, string>, noteOnRow: (row: number, text: string) => void): void {
  const cellAt = (ref: CellRef) => layout.cells.find((c) => c.row === ref.row && c.col === ref.col && c.kind === 'amount');
  const a = lineOf(src, 'A');
  const coord = lineOf(src, 'A_coord');
  if (a && coord && coord.amount === null && sameCell(a.cell, coord.cell) && layout.lineCells.A_coord) {
    const cell = cellAt(layout.lineCells.A_coord);
    if (cell) cell.value = null;
    const text = `Nell'allegato, nella stessa cella della voce A: «${visibleText(coord.raw)}»`;
    notes.set(a1(layout.lineCells.A_coord), text);
    noteOnRow(layout.lineCells.A_coord.row, text);
  }
  for (const line of src.lines) {
    const ref = layout.lineCells[line.code];
    if (!ref || line.amount === null) continue;
    if (line.funded !== null || line.cofinanced !== null || line.details.length > 0) {
      const text = `Nell'allegato: «${visibleText(line.raw)}»`;
      notes.set(a1(ref), text);
      noteOnRow(ref.row, text);
    }
  }
}

const STRATEGY_IT = { proportional: 'riduzione proporzionale', 'keep-vouchers': 'mantieni i voucher', 'keep-coordination': 'mantieni il coordinamento' } as const;

/**
 * The proposal beside the declared column: a header "Rimodulato" (which the budget reader does
 * not take for an amount header) and, on each budget row, the proposed amount, its reason in
 * the note column. Literal values: the declared column stays the one the reader uses.
 */
function addReplanColumn(layout: BudgetTabLayout, replan: ReplanRecord | undefined, notes: Map<string, string>, noteOnRow: (row: number, text: string) => void): void {
  if (!replan || replan.status !== 'needed') return;
  const amountRef = layout.lineCells.A;
  if (!amountRef) return;
  const header = { row: amountRef.row - 1, col: REPLAN_COL };
  layout.cells.push({ ...header, kind: 'header', value: REPLAN_HEADER });
  const euro = (v: string | null) => (v === null ? '—' : formatEuro(money(v)));
  if (!replan.ok) {
    notes.set(a1(header), `Nessuna rimodulazione possibile sul contributo assegnato (${euro(replan.awarded)}):\n${replan.reasons.map((r) => r.it).join('\n')}`);
    return;
  }
  const strategy = replan.strategy ? STRATEGY_IT[replan.strategy] : '';
  notes.set(
    a1(header),
    `Proposta di rimodulazione sul contributo assegnato di ${euro(replan.awarded)} (richiesti ${euro(replan.requested)}), strategia: ${strategy}. ` +
      `Nuovo totale ${euro(replan.newTotal)}; cofinanziamento invariato ${euro(replan.cofinancing)}; ` +
      `coordinamento entro ${euro(replan.coordinationCeiling)}.` +
      (replan.notes.length ? `\n${replan.notes.map((n) => n.it).join('\n')}` : ''),
  );
  for (const l of replan.lines) {
    const ref = layout.lineCells[l.code];
    if (!ref || l.proposed === null) continue;
    const cell = { row: ref.row, col: REPLAN_COL };
    layout.cells.push({ ...cell, kind: 'amount', value: l.proposed, numberFormat: 'euro' });
    if (l.delta !== null && money(l.delta).isZero()) continue;
    noteOnRow(ref.row, `Rimodulato: ${l.reason.it}`);
  }
}

/**
 * The budget the "Rimodulato" column states, read as the tab is read: its figures in the amount
 * column (no shares, no award: it is the budget at the award). Null without a proposal.
 */
export function replannedBudget(grid: CellValue[][], layout: BudgetTabLayout, profile: Profile): Budget | null {
  if (!BUDGET_CODES.some((code) => typeof grid[layout.lineCells[code]?.row ?? -1]?.[REPLAN_COL] === 'number')) return null;
  const copy = grid.map((r) => [...r]);
  copy[layout.assignedCell.row]![layout.assignedCell.col] = null;
  for (const code of BUDGET_CODES) {
    const ref = layout.lineCells[code];
    if (!ref) continue;
    const r = copy[ref.row]!;
    [r[1], r[2], r[3]] = [r[REPLAN_COL] ?? null, null, null];
  }
  return readBudget(copy as Grid, { maxAmount: profile.maxPlausibleAmount });
}

/** "$D$30": a reference that stays on its cell wherever a conditional format applies it. */
export function absolute(cell: CellRef): string {
  const rel = a1(cell);
  const row = String(cell.row + 1);
  return `$${rel.slice(0, rel.length - row.length)}$${row}`;
}

function sameCell(x: CellRef, y: CellRef): boolean {
  return x.row === y.row && x.col === y.col;
}

/** Heading, column headers and one row per check; each formula's cached result from the engine. Returns the row after. */
function addCheckBlock(
  extra: ExtraCell[], results: Map<string, number | string>, checks: readonly PlacedCheck[], row: number, heading: string,
  lang: Lang, profile: Profile, budget: Budget, findings: readonly Finding[],
): number {
  const t = TEXT[lang];
  extra.push({ row, col: 0, style: 'heading', value: heading });
  [t.check, t.value, t.limit, t.verdict].forEach((h, col) => extra.push({ row: row + 1, col, style: 'header', value: h }));
  const v = VERDICTS[lang];
  for (const c of checks) {
    extra.push({ ...c.valueCell, col: 0, style: 'label', value: checkLabel(c, profile, lang) });
    extra.push({ ...c.valueCell, style: 'figure', value: null, formula: c.valueFormula });
    extra.push({ ...c.limitCell, style: 'figure', value: null, formula: c.limitFormula });
    extra.push({ ...c.verdictCell, style: 'verdict', value: null, formula: c.verdictFormula });
    const sides = engineSides(c.ruleId, budget, profile);
    results.set(a1(c.valueCell), sides.value);
    results.set(a1(c.limitCell), sides.limit);
    const worst = worstOf(findings.filter((f) => f.rule === c.ruleId));
    results.set(a1(c.verdictCell), worst === 'error' ? v.ko : worst === 'warning' ? v.warn : v.ok);
  }
  return row + 2 + checks.length + 1;
}

function worstOf(findings: readonly Finding[]): Finding['severity'] | null {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return findings.length > 0 ? 'info' : null;
}

/** The engine's findings on the tab, in words, one row each (notes do not print). */
function addFindingsBlock(extra: ExtraCell[], findings: readonly Finding[], row: number, lang: Lang): number {
  const t = TEXT[lang];
  extra.push({ row, col: 0, style: 'heading', value: t.findings });
  extra.push({ row: row + 1, col: 0, style: 'text', value: t.live });
  [t.finding, t.severity, t.cells, t.check].forEach((h, col) => extra.push({ row: row + 2, col, style: 'header', value: h }));
  let r = row + 3;
  if (findings.length === 0) extra.push({ row: r++, col: 0, style: 'text', value: t.none });
  for (const f of findings) {
    const cells = f.at.filter((p): p is CellRef => 'row' in p).map(a1);
    // A finding about the project elsewhere in the annex points at the annex's lines.
    const lines = f.at.flatMap((p) => ('line' in p ? [p.line] : []));
    if (cells.length === 0 && lines.length > 0) cells.push(`${lines.length === 1 ? t.line : t.lines} ${lines.join(', ')}`);
    extra.push({ row: r, col: 0, style: 'text', value: findingMessage(f, lang) });
    extra.push({ row: r, col: 1, style: `legend-${f.severity === 'info' ? 'ok' : f.severity}`, value: SEVERITY_WORD[lang][f.severity] });
    extra.push({ row: r, col: 2, style: 'text', value: cells.join(', ') || null });
    extra.push({ row: r, col: 3, style: 'text', value: ruleName(f.rule, lang) });
    r++;
  }
  return r + 1;
}

function addLegend(extra: ExtraCell[], row: number, lang: Lang): number {
  const t = TEXT[lang];
  extra.push({ row, col: 0, style: 'heading', value: t.legend });
  extra.push({ row, col: 1, style: 'legend-error', value: t.legendError });
  extra.push({ row, col: 2, style: 'legend-warning', value: t.legendWarning });
  extra.push({ row, col: 3, style: 'legend-ok', value: t.legendOk });
  return row + 1;
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

/**
 * What the status line counts: each check once, by its verdict, and every finding of a rule
 * no check row re-checks (a partner name, an unreadable cell), which no edit changes.
 */
export function tabCounts(checks: readonly PlacedCheck[], findings: readonly Finding[]): Counts {
  const checked = new Set(checks.map((c) => c.ruleId));
  const n: Counts = { error: 0, warning: 0, info: 0 };
  for (const c of checks) {
    const worst = worstOf(findings.filter((f) => f.rule === c.ruleId));
    if (worst === 'error' || worst === 'warning') n[worst]++;
  }
  for (const f of findings) if (!checked.has(f.rule)) n[f.severity]++;
  return n;
}

const WORDS: Record<Lang, { none: string; error: [string, string]; warning: [string, string]; info: [string, string] }> = {
  it: { none: 'Nessun rilievo', error: ['errore', 'errori'], warning: ['avviso', 'avvisi'], info: ['nota', 'note'] },
  en: { none: 'No findings', error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] },
};

export function statusText(n: Counts, lang: Lang): string {
  const w = WORDS[lang];
  const parts = (['error', 'warning', 'info'] as const).filter((k) => n[k] > 0).map((k) => `${n[k]} ${w[k][n[k] === 1 ? 0 : 1]}`);
  return parts.length === 0 ? w.none : parts.join(', ');
}

/** The status line as a formula: the checks' live verdicts counted, plus the findings no check re-checks. */
function statusFormulaOf(checks: readonly PlacedCheck[], findings: readonly Finding[], lang: Lang): string {
  const checked = new Set(checks.map((c) => c.ruleId));
  const fixed = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!checked.has(f.rule)) fixed[f.severity]++;
  const v = VERDICTS[lang];
  const range = checks.length > 0 ? `${a1(checks[0]!.verdictCell)}:${a1(checks[checks.length - 1]!.verdictCell)}` : null;
  const count = (word: string, plus: number) => (range ? (plus ? `(COUNTIF(${range},"${word}")+${plus})` : `COUNTIF(${range},"${word}")`) : String(plus));
  const n = { error: count(v.ko, fixed.error), warning: count(v.warn, fixed.warning), info: String(fixed.info) };
  const w = WORDS[lang];
  const part = (k: 'error' | 'warning' | 'info') => `IF(${n[k]}>0,", "&${n[k]}&IF(${n[k]}=1," ${w[k][0]}"," ${w[k][1]}"),"")`;
  return `IF(${n.error}+${n.warning}+${n.info}=0,"${w.none}",MID(${part('error')}&${part('warning')}&${part('info')},3,200))`;
}
