// A planned budget tab (budget-tab.ts) drawn into an exceljs sheet: the shared layout's cells,
// the note column, the blocks below the tables, the colours that follow the live verdicts, the
// notes on the cells findings point at, and the print setup.
import type { Worksheet } from 'exceljs';
import { a1, type BudgetTabLayout, type LayoutCell } from '../../shared/budget-layout.js';
import type { CellRef, Finding } from '../../shared/model.js';
import { absolute, NOTE_COL, REPLAN_COL, TEXT, type BudgetTab, type ExtraCell } from './budget-tab.js';
import { VERDICTS } from './checks.js';
import { findingMessage, type Lang } from './finding-text.js';
import { safeText } from './safe-text.js';
import { BORDER, EURO_FORMAT, FILL, fitRowHeights, FONT, printRange, RIGHT, WRAP, WRAP_CENTER } from './styles.js';

const WIDTHS = [62, 20, 20, 20, 18, 48];

/** Draw a planned tab into an empty worksheet. */
export function drawBudgetTab(ws: Worksheet, tab: BudgetTab, lang: Lang = tab.lang): void {
  const { layout, results } = tab;
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  for (const c of layout.cells) drawLayoutCell(ws, c, tab);
  const header = ws.getCell(a1({ row: (layout.lineCells.A?.row ?? 6) - 1, col: NOTE_COL }));
  header.value = TEXT[lang].note;
  styleHeader(header);
  const cofinHeader = layout.cofinRows ? layout.cofinRows.first - 1 : layout.cofinTotalRow - 1;
  const cofinNote = ws.getCell(a1({ row: cofinHeader, col: NOTE_COL }));
  cofinNote.value = TEXT[lang].note;
  styleHeader(cofinNote);
  for (const [row, texts] of tab.rowNotes) {
    const cell = ws.getCell(a1({ row, col: NOTE_COL }));
    cell.value = tab.grid[row]![NOTE_COL] ?? null;
    cell.alignment = WRAP;
    cell.border = BORDER;
    void texts;
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
  for (const x of tab.extra) drawExtraCell(ws, x, results);

  const status = ws.getCell(a1(layout.statusCell));
  status.value = { formula: tab.statusFormula, result: results.get(a1(layout.statusCell)) ?? '' };
  status.font = FONT.bold;
  // On paper the checks start a page of their own, under the budget they judge.
  const checksHeading = tab.extra.find((x) => x.style === 'heading');
  if (checksHeading) ws.getRow(checksHeading.row).addPageBreak();
  colourByVerdicts(ws, tab, lang);
  markFindings(ws, tab, lang);
  fitRowHeights(ws);

  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 0, showGridLines: false }];
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printArea: printRange('F', tab.rowCount),
  };
  ws.headerFooter = { oddHeader: `&L&B${headerText(layout, tab)}`, oddFooter: `&L&A&R${lang === 'it' ? 'Pagina &P di &N' : 'Page &P of &N'}` };
}

/** The tab's title for the printed page header ("&" doubled: it starts a code there). */
function headerText(layout: BudgetTabLayout, tab: BudgetTab): string {
  const title = layout.cells.find((c) => c.kind === 'title')?.value ?? '';
  void tab;
  return title.replace(/&/g, '&&').slice(0, 200);
}

function styleHeader(cell: ReturnType<Worksheet['getCell']>): void {
  cell.font = FONT.bold;
  cell.fill = FILL.header;
  cell.border = BORDER;
  cell.alignment = WRAP_CENTER;
}

function drawLayoutCell(ws: Worksheet, c: LayoutCell, tab: BudgetTab): void {
  const cell = ws.getCell(c.row + 1, c.col + 1);
  cell.value = tab.grid[c.row]![c.col] ?? null;
  if (c.numberFormat === 'euro') cell.numFmt = EURO_FORMAT;
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
      styleHeader(cell);
      break;
    case 'label':
    case 'entity':
      cell.alignment = WRAP;
      cell.border = BORDER;
      break;
    case 'total':
      cell.font = FONT.bold;
      cell.fill = FILL.total;
      cell.alignment = WRAP;
      cell.border = BORDER;
      break;
    case 'amount':
      cell.alignment = RIGHT;
      cell.border = BORDER;
      break;
    default:
      break;
  }
}

function drawExtraCell(ws: Worksheet, x: ExtraCell, results: Map<string, number | string>): void {
  const cell = ws.getCell(x.row + 1, x.col + 1);
  const address = a1(x);
  cell.value = x.formula === undefined ? safeText(x.value) : { formula: x.formula, result: results.get(address) ?? '' };
  switch (x.style) {
    case 'heading':
      cell.font = FONT.heading;
      cell.alignment = { vertical: 'middle' };
      break;
    case 'header':
      styleHeader(cell);
      break;
    case 'label':
    case 'text':
      cell.alignment = WRAP;
      cell.border = BORDER;
      break;
    case 'figure':
      cell.numFmt = EURO_FORMAT;
      cell.alignment = RIGHT;
      cell.border = BORDER;
      break;
    case 'verdict':
      cell.alignment = { horizontal: 'center', vertical: 'top' };
      cell.font = FONT.bold;
      cell.border = BORDER;
      break;
    case 'link':
      cell.font = { color: { argb: 'FF0563C1' }, underline: true };
      break;
    case 'legend-error':
    case 'legend-warning':
    case 'legend-ok': {
      const kind = x.style.slice('legend-'.length) as 'error' | 'warning' | 'ok';
      cell.fill = FILL[kind];
      cell.font = FONT[kind];
      cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
      cell.border = BORDER;
      break;
    }
    default:
      break;
  }
}

/**
 * Colours that follow the live verdicts: each verdict cell, the figure each check judges, and
 * the status line. An edit that breaks a rule turns them red (or yellow) in any program.
 */
function colourByVerdicts(ws: Worksheet, tab: BudgetTab, lang: Lang): void {
  const v = VERDICTS[lang];
  const all = [...tab.checks, ...tab.replanChecks];
  const verdictRule = (word: string, priority: number, kind: 'error' | 'warning' | 'ok') =>
    ({ type: 'cellIs' as const, operator: 'equal' as const, formulae: [`"${word}"`], priority, style: { fill: FILL[kind], font: FONT[kind] } });
  for (const block of [tab.checks, tab.replanChecks]) {
    if (block.length === 0) continue;
    ws.addConditionalFormatting({
      ref: `${a1(block[0]!.verdictCell)}:${a1(block[block.length - 1]!.verdictCell)}`,
      rules: [verdictRule(v.ko, 1, 'error'), verdictRule(v.warn, 2, 'warning'), verdictRule(v.ok, 3, 'ok')],
    });
  }
  // A figure judged by several checks: red when any says NON OK, else yellow on a warning.
  const byCell = new Map<string, string[]>();
  for (const c of all) {
    if (!c.line) continue;
    const ref = c.line && (tab.replanChecks.includes(c) ? { row: tab.layout.lineCells[c.line]?.row ?? -1, col: REPLAN_COL } : tab.layout.lineCells[c.line]);
    if (!ref || ref.row < 0) continue;
    byCell.set(a1(ref), [...(byCell.get(a1(ref)) ?? []), absolute(c.verdictCell)]);
  }
  for (const [cell, verdicts] of byCell) {
    const any = (word: string) => (verdicts.length === 1 ? `${verdicts[0]}="${word}"` : `OR(${verdicts.map((r) => `${r}="${word}"`).join(',')})`);
    ws.addConditionalFormatting({
      ref: cell,
      rules: [
        { type: 'expression', formulae: [any(v.ko)], priority: 1, style: { fill: FILL.error } },
        { type: 'expression', formulae: [any(v.warn)], priority: 2, style: { fill: FILL.warning } },
      ],
    });
  }
  const status = a1(tab.layout.statusCell);
  // The stems of the status words ("errore", "errori"; "avviso", "avvisi").
  const stem = { it: { error: 'error', warning: 'avvis' }, en: { error: 'error', warning: 'warning' } }[lang];
  ws.addConditionalFormatting({
    ref: status,
    rules: [
      { type: 'expression', formulae: [`ISNUMBER(SEARCH("${stem.error}",${status}))`], priority: 1, style: { fill: FILL.error, font: FONT.error } },
      { type: 'expression', formulae: [`ISNUMBER(SEARCH("${stem.warning}",${status}))`], priority: 2, style: { fill: FILL.warning, font: FONT.warning } },
      { type: 'expression', formulae: ['TRUE'], priority: 3, style: { fill: FILL.ok, font: FONT.ok } },
    ],
  });
}

/**
 * Notes on the cells the findings point at (on screen; the findings block says the same on
 * paper), and a fixed colour on those no check row re-colours as it recalculates.
 */
function markFindings(ws: Worksheet, tab: BudgetTab, lang: Lang): void {
  const checked = new Set(tab.checks.map((c) => c.ruleId));
  const notes = new Map<string, string[]>();
  const worst = new Map<string, Finding['severity']>();
  for (const f of tab.findings) {
    for (const p of f.at.filter((q): q is CellRef => 'row' in q)) {
      const key = a1(p);
      notes.set(key, [...(notes.get(key) ?? []), findingMessage(f, lang)]);
      if (checked.has(f.rule)) continue;
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
}
