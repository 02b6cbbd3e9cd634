// One project's budget tab: the shared layout (layoutBudgetTab) rendered into an exceljs sheet.
// Declared figures are written exactly as the annex states them; the check rows beside them
// are live formulas from the rule catalogue, with cached results taken from the engine so a
// program that does not recalculate still shows the right numbers and verdicts.
import type { Worksheet } from 'exceljs';
import { a1, layoutBudgetTab, VERDICT_KO, VERDICT_OK, type BudgetTabLayout } from '../../shared/budget-layout.js';
import { readBudget, type Grid } from '../../shared/budget-reader.js';
import { checkBudget } from '../../shared/check-budget.js';
import { countBySeverity } from '../../shared/engine.js';
import { AmountString, lineOf, type Budget, type CellRef, type Finding } from '../../shared/model.js';
import { formatEuro, money } from '../../shared/money.js';
import type { PartnerLink } from '../../shared/partner-match.js';
import type { Profile } from '../../shared/profile.js';
import { visibleText } from '../../shared/text.js';
import type { ProjectRecord, ReplanRecord } from '../records.js';
import { engineMeasure } from './measures.js';
import { safeText } from './safe-text.js';
import { BORDER, EURO_EXACT_FORMAT, EURO_FORMAT, FILL, fitRowHeights, FONT, RIGHT, WRAP, WRAP_CENTER } from './styles.js';

export type Lang = 'it' | 'en';

type CellValue = string | number | null;

export interface BudgetTab {
  layout: BudgetTabLayout;
  /** What each layout cell holds as a value (formula cells: null), as a reader of the file sees it. */
  grid: CellValue[][];
  /** The budget read back from that grid: the tab's own view of the project. */
  budget: Budget;
  links: PartnerLink[];
  /** The engine's findings on the tab, with positions in this tab's cells. */
  findings: Finding[];
  /** Cached result of every formula cell, keyed by A1 address. */
  results: Map<string, number | string>;
  /** Notes (annex detail the cells cannot show), keyed by A1 address. */
  sourceNotes: Map<string, string>;
}

const isAmount = (v: string | null): v is string => v !== null && AmountString.safeParse(v).success;

/** Lay the project out, read the tab back, and run the engine on it: everything except the drawing. */
export function planBudgetTab(project: ProjectRecord, profile: Profile): BudgetTab {
  const src = project.budget;
  const layout = layoutBudgetTab({
    profile,
    title: `${project.id} – ${project.header.title}`,
    assigned: project.header.assigned,
    budget: src,
  });
  const sourceNotes = new Map<string, string>();
  const cellAt = (ref: CellRef) => layout.cells.find((c) => c.row === ref.row && c.col === ref.col && c.kind === 'amount');

  // The annex's merged row ("A. ... di cui per coordinamento ...  € 1.500,00 € .....") states
  // both figures in one cell; the tab has a cell for each, so the coordination cell must not
  // repeat the whole text (it would read back as an unreadable amount).
  const a = lineOf(src, 'A');
  const coord = lineOf(src, 'A_coord');
  if (a && coord && coord.amount === null && sameCell(a.cell, coord.cell) && layout.lineCells.A_coord) {
    const cell = cellAt(layout.lineCells.A_coord);
    if (cell) cell.value = null;
    sourceNotes.set(a1(layout.lineCells.A_coord), `Nell'allegato, nella stessa cella della voce A: «${visibleText(coord.raw)}»`);
  }
  for (const line of src.lines) {
    const ref = layout.lineCells[line.code];
    if (!ref || line.amount === null) continue;
    if (line.funded !== null || line.cofinanced !== null || line.details.length > 0) {
      sourceNotes.set(a1(ref), `Nell'allegato: «${visibleText(line.raw)}»`);
    }
  }

  addReplanColumn(layout, project.replan, sourceNotes);

  const grid: CellValue[][] = Array.from({ length: layout.rowCount }, () => Array<CellValue>(layout.colCount).fill(null));
  for (const c of layout.cells) {
    if (c.formula !== undefined) continue;
    grid[c.row]![c.col] = c.kind === 'amount' && isAmount(c.value) ? Number(c.value) : safeText(c.value);
  }
  const budget = readBudget(grid as Grid, { maxAmount: profile.maxPlausibleAmount });
  const { links, findings } = checkBudget(budget, profile, { partners: project.partners });

  const results = new Map<string, number | string>();
  for (const check of layout.checks) {
    if (check.valueCell) {
      const m = engineMeasure(check.ruleId, budget, profile);
      // Number(decimal string) only to store the engine's exact figure in the file's format.
      if (m) results.set(a1(check.valueCell), Number(m.toDecimalPlaces(6).toString()));
    }
    const broken = findings.some((f) => f.rule === check.ruleId && f.severity === 'error');
    results.set(a1(check.verdictCell), broken ? VERDICT_KO : VERDICT_OK);
  }
  return { layout, grid, budget, links, findings, results, sourceNotes };
}

/** Column E of a budget tab, empty in the shared layout: the re-planned figures beside the declared ones. */
export const REPLAN_COL = 4;
export const REPLAN_HEADER = 'Rimodulato';

const STRATEGY_IT = { proportional: 'riduzione proporzionale', 'keep-vouchers': 'mantieni i voucher', 'keep-coordination': 'mantieni il coordinamento' } as const;

/**
 * The proposal beside the declared column: a header "Rimodulato" (which the budget reader does
 * not take for an amount header) and, on each budget row, the proposed amount with its reason
 * as a note. Literal values: the declared column stays the one the checks and the reader use.
 */
function addReplanColumn(layout: BudgetTabLayout, replan: ReplanRecord | undefined, notes: Map<string, string>): void {
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
    notes.set(a1(cell), l.reason.it);
  }
}

function sameCell(x: CellRef, y: CellRef): boolean {
  return x.row === y.row && x.col === y.col;
}

export function statusText(findings: readonly Finding[], lang: Lang): string {
  const n = countBySeverity(findings);
  const parts: string[] = [];
  const it = lang === 'it';
  if (n.error) parts.push(it ? `${n.error} ${n.error === 1 ? 'errore' : 'errori'}` : `${n.error} error${n.error === 1 ? '' : 's'}`);
  if (n.warning) parts.push(it ? `${n.warning} ${n.warning === 1 ? 'avviso' : 'avvisi'}` : `${n.warning} warning${n.warning === 1 ? '' : 's'}`);
  if (n.info) parts.push(it ? `${n.info} ${n.info === 1 ? 'nota' : 'note'}` : `${n.info} note${n.info === 1 ? '' : 's'}`);
  if (parts.length === 0) return it ? 'Nessun rilievo' : 'No findings';
  return parts.join(', ');
}

const WIDTHS = [62, 20, 20, 20, 18, 40, 18, 10];

/** Draw a planned tab into an empty worksheet. */
export function drawBudgetTab(ws: Worksheet, tab: BudgetTab, lang: Lang): void {
  const { layout, results } = tab;
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  for (const c of layout.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    const address = a1(c);
    if (c.formula !== undefined) {
      const result = results.get(address);
      cell.value = result === undefined ? { formula: c.formula } : { formula: c.formula, result };
    } else {
      cell.value = tab.grid[c.row]![c.col] ?? null;
    }
    if (c.numberFormat === 'euro') cell.numFmt = c.kind === 'check-value' ? EURO_EXACT_FORMAT : EURO_FORMAT;
    switch (c.kind) {
      case 'status':
        cell.font = FONT.bold;
        break;
      case 'title':
        cell.font = FONT.title;
        cell.alignment = { vertical: 'top' };
        break;
      case 'heading':
        cell.font = FONT.heading;
        break;
      case 'header':
        cell.font = FONT.bold;
        cell.fill = FILL.header;
        cell.border = BORDER;
        cell.alignment = WRAP_CENTER;
        break;
      case 'label':
      case 'entity':
        cell.alignment = WRAP;
        cell.border = BORDER;
        break;
      case 'check-label':
        // Indented: the check list starts right after the re-planned column's figures.
        cell.alignment = { ...WRAP, indent: 1 };
        cell.border = BORDER;
        break;
      case 'total':
        cell.font = FONT.bold;
        cell.fill = FILL.total;
        cell.alignment = WRAP;
        cell.border = BORDER;
        break;
      case 'amount':
      case 'check-value':
        cell.alignment = RIGHT;
        cell.border = BORDER;
        break;
      case 'check-verdict':
        cell.alignment = { horizontal: 'center', vertical: 'top' };
        cell.font = FONT.bold;
        cell.border = BORDER;
        break;
      default:
        break;
    }
  }
  // The declared figures of a total row are bold, as in the annex.
  for (const code of ['TOTAL', 'CONTRIBUTION', 'COFINANCING', 'COFIN_MONETARY_TOTAL', 'COFIN_IN_KIND_TOTAL'] as const) {
    const ref = layout.lineCells[code];
    if (!ref) continue;
    const cell = ws.getCell(ref.row + 1, ref.col + 1);
    cell.font = FONT.bold;
    cell.fill = FILL.total;
  }
  if (layout.cofinRows) {
    for (let r = layout.cofinRows.first; r <= layout.cofinRows.last; r++) ws.getCell(r + 1, 1).alignment = WRAP;
  }

  // Verdicts colour themselves, so an edit that breaks a rule turns its row red in any program.
  if (layout.checks.length > 0) {
    const first = a1(layout.checks[0]!.verdictCell);
    const last = a1(layout.checks[layout.checks.length - 1]!.verdictCell);
    ws.addConditionalFormatting({
      ref: `${first}:${last}`,
      rules: [
        { type: 'cellIs', operator: 'equal', formulae: [`"${VERDICT_KO}"`], priority: 1, style: { fill: FILL.error, font: FONT.error } },
        { type: 'cellIs', operator: 'equal', formulae: [`"${VERDICT_OK}"`], priority: 2, style: { fill: FILL.ok, font: FONT.ok } },
      ],
    });
  }

  markFindings(ws, tab, lang);
  fitRowHeights(ws);

  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 0, showGridLines: false }];
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    printArea: `A1:${a1({ row: layout.rowCount - 1, col: layout.colCount - 1 })}`,
  };
  ws.headerFooter = { oddFooter: '&L&A&R&P / &N' };
}

function markFindings(ws: Worksheet, tab: BudgetTab, lang: Lang): void {
  const notes = new Map<string, string[]>();
  const worst = new Map<string, Finding['severity']>();
  const loose: string[] = [];
  for (const f of tab.findings) {
    const cells = f.at.filter((p): p is CellRef => 'row' in p);
    if (cells.length === 0) loose.push(f.message[lang]);
    for (const p of cells) {
      const key = a1(p);
      notes.set(key, [...(notes.get(key) ?? []), f.message[lang]]);
      if (worst.get(key) !== 'error') worst.set(key, f.severity);
    }
  }
  for (const [key, text] of tab.sourceNotes) notes.set(key, [...(notes.get(key) ?? []), text]);

  for (const [key, texts] of notes) {
    const cell = ws.getCell(key);
    // Messages quote annex text; a note is plain text in every program, never evaluated.
    cell.note = texts.join('\n\n');
    const sev = worst.get(key);
    if (sev === 'error') cell.fill = FILL.error;
    else if (sev === 'warning') cell.fill = FILL.warning;
  }

  const status = ws.getCell(a1(tab.layout.statusCell));
  status.value = statusText(tab.findings, lang);
  const n = countBySeverity(tab.findings);
  status.fill = n.error ? FILL.error : n.warning ? FILL.warning : FILL.ok;
  status.font = n.error ? FONT.error : n.warning ? FONT.warning : FONT.ok;
  if (loose.length > 0) status.note = loose.join('\n\n');
}
