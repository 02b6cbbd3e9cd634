// The analyst's sheets: one row per project, partner, cofinancer and finding, with Italian
// (or English) headers, euro and percent formats, a frozen header row and filters. Made to be
// read on paper too: the key columns first (the print area stops after them), a totals row on
// Progetti, each project linked to its budget tab, a title, the page number and the colour
// legend on every printed page, headers that wrap between words.
import type { Row, Workbook, Worksheet } from 'exceljs';
import { readAmount } from '../../shared/amounts.js';
import { lineOf, type Finding, type LineCode, type Position } from '../../shared/model.js';
import { money, Money } from '../../shared/money.js';
import { pageOfLine } from '../outputs/rows.js';
import type { AnnexJson, AnnexRecord, ProjectRecord } from '../records.js';
import { statusText, type Counts } from './budget-tab.js';
import { findingWords, ruleName, type Lang } from './finding-text.js';
import { safeText } from './safe-text.js';
import { BORDER, EURO_FORMAT, FILL, fitRowHeights, FONT, PERCENT_FORMAT, printRange, SCORE_FORMAT, TOP, WRAP } from './styles.js';

type Kind = 'text' | 'euro' | 'percent' | 'int' | 'score' | 'long' | 'outcome' | 'link';

export interface Column {
  it: string;
  en: string;
  width: number;
  kind: Kind;
}

/** A formula the workbook writes itself (a link, a total), with its result for programs that do not recalculate. */
export interface FormulaValue {
  formula: string;
  result: string | number;
}
export type Value = string | number | null | FormulaValue;

const isFormula = (v: Value): v is FormulaValue => typeof v === 'object' && v !== null;

const SEVERITY: Record<Lang, Record<Finding['severity'], string>> = {
  it: { error: 'errore', warning: 'avviso', info: 'informazione' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};
const MATCH: Record<Lang, Record<string, string>> = {
  it: { exact: 'esatta', strong: 'forte', weak: 'debole', none: 'nessuna' },
  en: { exact: 'exact', strong: 'strong', weak: 'weak', none: 'none' },
};

export const SHEET_NAMES: Record<Lang, { projects: string; partners: string; cofinancing: string; findings: string }> = {
  it: { projects: 'Progetti', partners: 'Partner', cofinancing: 'Cofinanziamento', findings: 'Rilievi' },
  en: { projects: 'Projects', partners: 'Partners', cofinancing: 'Cofinancing', findings: 'Findings' },
};

/** Titles on the printed pages. */
const PRINT_TITLES: Record<Lang, Record<SummarySheet, string>> = {
  it: { projects: 'Progetti: esito dei controlli', partners: 'Partner delle alleanze', cofinancing: 'Enti cofinanziatori', findings: 'Rilievi sui progetti' },
  en: { projects: 'Projects: outcome of the checks', partners: 'Partners of the alliances', cofinancing: 'Cofinancing entities', findings: 'Findings on the projects' },
};
const LEGEND: Record<Lang, string> = {
  it: 'Colori: rosso = errore, giallo = avviso, verde = nessun rilievo',
  en: 'Colours: red = error, yellow = warning, green = no findings',
};
const PAGE: Record<Lang, string> = { it: 'Pagina &P di &N', en: 'Page &P of &N' };

/** The first row of data (1-based): the header is row 1. */
export const FIRST_DATA_ROW = 2;

/** What the printed pages of a summary sheet say of the run: the annex file, or how many. */
export function printSource(files: readonly string[], lang: Lang): string {
  if (files.length === 1) return files[0]!;
  return lang === 'it' ? `${files.length} allegati` : `${files.length} annex files`;
}

/** A text for a page header or footer: "&" starts a code there, so it is doubled. */
const headerSafe = (text: string) => text.replace(/&/g, '&&').slice(0, 120);

/** A header wide enough that no word of it is cut (bold capitals are wider than a column's "0"). */
export function widthFor(c: Column, lang: Lang): number {
  const longest = Math.max(...c[lang].split(/\s+/).map((w) => w.length));
  return Math.max(c.width, Math.ceil(longest * 1.2) + 2);
}

/** The sheet with its header row (bold, filled, bordered, wrapped) frozen above the rows. */
export function startTable(wb: Workbook, name: string, columns: readonly Column[], lang: Lang): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c[lang], width: widthFor(c, lang) }));
  const header = ws.getRow(1);
  header.font = FONT.bold;
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = FILL.header;
    cell.border = BORDER;
  });
  return ws;
}

const OUTCOME_FILL = (text: string) => (/^\d+ (errore|errori|error|errors)\b/.test(text) ? FILL.error : /(avvis|warning)/.test(text) ? FILL.warning : FILL.ok);

/** One row of values at `rowNo` (default: after the last), each cell formatted by its column's kind. */
export function addTableRow(ws: Worksheet, columns: readonly Column[], values: readonly Value[], rowNo?: number): Row {
  const cells = values.map((v) => (typeof v === 'string' ? safeText(v) : isFormula(v) ? { formula: v.formula, result: v.result } : v));
  let row: Row;
  if (rowNo === undefined) row = ws.addRow(cells);
  else {
    row = ws.getRow(rowNo);
    row.values = cells;
  }
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    // Top-aligned throughout: a wrapped title and the amounts beside it start on the same line.
    if (c.kind === 'euro') cell.numFmt = EURO_FORMAT;
    else if (c.kind === 'percent') cell.numFmt = PERCENT_FORMAT;
    else if (c.kind === 'score') cell.numFmt = SCORE_FORMAT;
    cell.alignment = c.kind === 'long' || c.kind === 'outcome' ? WRAP : TOP;
    if (c.kind === 'outcome' && typeof cell.value === 'string') cell.fill = OUTCOME_FILL(cell.value);
    if (c.kind === 'link') cell.font = { color: { argb: 'FF0563C1' }, underline: true };
  });
  return row;
}

/** Filters on the header and the print layout (every row fitted to its wrapped text first). */
export function endTable(ws: Worksheet, sheet: SummarySheet, lang: Lang, source: string, lastRow: number, fit = true): void {
  const columns = SUMMARY_COLUMNS[sheet];
  if (fit) fitRowHeights(ws);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.pageSetup = {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    printArea: printAreaOf(sheet, lastRow),
  };
  const legend = sheet === 'projects' || sheet === 'findings' ? `&L${LEGEND[lang]}` : '';
  ws.headerFooter = {
    oddHeader: `&L&B${headerSafe(PRINT_TITLES[lang][sheet])}&R${headerSafe(source)}`,
    oddFooter: `${legend}&R${PAGE[lang]}`,
  };
}

/** The key columns of a summary sheet down to its last row: what a printed page shows. */
export function printAreaOf(sheet: SummarySheet, lastRow: number): string {
  return printRange(columnLetter(PRINTED_COLUMNS[sheet]), lastRow);
}

/** A findings row's severity cell coloured for errors and warnings. */
export function colourSeverity(row: Row, lang: Lang): void {
  const cell = row.getCell(FINDING_SEVERITY_COL);
  if (cell.value === SEVERITY[lang].error) cell.fill = FILL.error;
  else if (cell.value === SEVERITY[lang].warning) cell.fill = FILL.warning;
}

const col = (it: string, en: string, width: number, kind: Kind = 'text'): Column => ({ it, en, width, kind });

/** A stated amount as the number the file holds (no arithmetic), or an empty cell. */
function amount(p: ProjectRecord, code: LineCode): number | null {
  const a = lineOf(p.budget, code)?.amount ?? null;
  return a === null ? null : Number(a);
}

function stated(p: ProjectRecord, code: LineCode): Money | null {
  const a = lineOf(p.budget, code)?.amount ?? null;
  return a === null ? null : money(a);
}

/** part / whole as a fraction for a percent cell, exact to 1/10000 of a percent. */
function ratio(part: Money | null, whole: Money | null): number | null {
  if (part === null || whole === null || whole.isZero()) return null;
  return Number(part.dividedBy(whole).toDecimalPlaces(6).toString());
}

function linesOf(at: readonly Position[], rowLines: readonly number[]): number[] {
  const lines = at.map((p) => ('line' in p ? p.line : rowLines[p.row])).filter((l): l is number => l !== undefined);
  return [...new Set(lines)].sort((x, y) => x - y);
}

export const SUMMARY_SHEETS = ['projects', 'partners', 'cofinancing', 'findings'] as const;
export type SummarySheet = (typeof SUMMARY_SHEETS)[number];

export const SUMMARY_COLUMNS: Record<SummarySheet, readonly Column[]> = {
  projects: [
    col('Progetto', 'Project', 9), col('Titolo', 'Title', 30, 'long'), col('Ente capofila', 'Lead entity', 24, 'long'),
    col('Punti', 'Score', 7, 'int'), col('Assegnato', 'Assigned', 14, 'euro'), col('Costo totale', 'Total cost', 14, 'euro'),
    col('Contributo richiesto', 'Contribution requested', 14, 'euro'), col('Cofinanziamento', 'Cofinancing', 14, 'euro'),
    col('% cofinanziamento', '% cofinancing', 11, 'percent'), col('% coordinamento', '% coordination', 11, 'percent'),
    col('Esito', 'Outcome', 13, 'outcome'), col('Scheda budget', 'Budget tab', 11, 'link'),
    col('Coordinamento', 'Coordination', 14, 'euro'), col('Errori', 'Errors', 7, 'int'), col('Avvisi', 'Warnings', 9, 'int'),
    col('Pagina', 'Page', 7, 'int'), col('Riga', 'Line', 7, 'int'), col('File allegato', 'Annex file', 30),
  ],
  partners: [
    col('Progetto', 'Project', 9), col('N.', 'No.', 5, 'int'), col('Ente', 'Entity', 40, 'long'), col('Tipologia', 'Type', 22, 'long'),
    col('Ruolo', 'Role', 16, 'long'), col('Referente', 'Referent', 24, 'long'), col('Email', 'Email', 36), col('Telefono', 'Phone', 14),
    col('Pagina', 'Page', 7, 'int'), col('Riga', 'Line', 7, 'int'), col('File allegato', 'Annex file', 30),
  ],
  cofinancing: [
    col('Progetto', 'Project', 9), col('Ente', 'Entity', 40, 'long'), col('Monetario', 'Monetary', 14, 'euro'),
    col('Valorizzazione economica', 'In kind', 15, 'euro'), col("Nota dall'allegato", 'Note from the annex', 22, 'long'),
    col('Partner corrispondente', 'Matched partner', 36, 'long'), col('Corrispondenza', 'Match', 16),
    col('Somiglianza', 'Similarity', 12, 'score'), col('Pagina', 'Page', 7, 'int'), col('Riga', 'Line', 7, 'int'),
    col('File allegato', 'Annex file', 30),
  ],
  findings: [
    col('Progetto', 'Project', 9), col('Gravità', 'Severity', 12), col('Controllo', 'Check', 26, 'long'),
    col('Messaggio', 'Message', 64, 'long'), col('Atteso', 'Expected', 16, 'long'), col('Rilevato', 'Actual', 16, 'long'),
    col('Pagine', 'Pages', 8, 'long'), col('Righe', 'Lines', 11, 'long'), col('Regola', 'Rule', 24), col('File allegato', 'Annex file', 30),
  ],
};

/** The columns a printed page holds: the key ones (the rest are for filtering on screen). */
const PRINTED_COLUMNS: Record<SummarySheet, number> = { projects: 12, partners: 10, cofinancing: 10, findings: 8 };
/** Column (1-based) of a finding's severity, coloured. */
const FINDING_SEVERITY_COL = 2;

/** The link to a tab, as a formula: every program opens it (a hyperlink part is not read alike everywhere). */
function sheetLink(sheet: string, text: string): FormulaValue {
  const target = `#'${sheet.replace(/'/g, "''")}'!A1`;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${q(target)},${q(text)})`, result: text };
}

function findingCounts(findings: readonly Finding[]) {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}

/** A project's budget tab: its name, and what its status line counts. */
export interface TabRef {
  sheet: string;
  counts: Counts;
}

/** One annex's rows of the four summary sheets, in order. */
export function summaryRows(a: AnnexRecord, lang: Lang, budgetSheets: Map<ProjectRecord, TabRef>): Record<SummarySheet, Value[][]> {
  const page = (line: number | null | undefined) => (line ? pageOfLine(a, line) : null);
  const projects = a.projects.map((p): Value[] => {
    const total = stated(p, 'TOTAL');
    const tab = budgetSheets.get(p);
    // The outcome as the budget tab's status line states it, so the two never disagree.
    const n = tab?.counts ?? findingCounts(p.findings);
    return [
      p.id, p.header.title, p.header.leadEntity, p.header.score,
      p.header.assigned === null ? null : Number(p.header.assigned),
      amount(p, 'TOTAL'), amount(p, 'CONTRIBUTION'), amount(p, 'COFINANCING'), ratio(stated(p, 'COFINANCING'), total),
      ratio(stated(p, 'A_coord'), total), statusText(n, lang), tab ? sheetLink(tab.sheet, tab.sheet) : null,
      amount(p, 'A_coord'), n.error, n.warning, page(p.header.line), p.header.line, p.annexFile,
    ];
  });
  const partners = a.projects.flatMap((p) =>
    p.partners.map((x): Value[] => [p.id, x.seq, x.name, x.type, x.role, x.referent, x.email, x.phone, page(x.line), x.line, p.annexFile]),
  );
  const cofinancing = a.projects.flatMap((p) =>
    p.budget.cofinancers.map((c, i): Value[] => {
      const link = p.cofinancerLinks[i];
      const partner = link && link.partnerSeq !== null ? `${link.partnerSeq}. ${link.partnerName ?? ''}` : null;
      const line = p.budgetRowLines[c.entityCell.row] ?? null;
      return [
        p.id, c.entity,
        // A placeholder ("-----", "non richiesto") is no amount: the cell stays empty, the note says what the annex wrote.
        c.monetary === null ? keptText(c.rawMonetary) : Number(c.monetary),
        c.inKind === null ? keptText(c.rawInKind) : Number(c.inKind),
        placeholderNote(c.rawMonetary, c.rawInKind, lang),
        partner, link ? MATCH[lang][link.match] ?? link.match : null, link ? link.score : null,
        page(line), line, p.annexFile,
      ];
    }),
  );
  const findings: Value[][] = [];
  for (const f of a.findings) findings.push(findingRow(a, null, f, [], lang));
  for (const p of a.projects) for (const f of p.findings) findings.push(findingRow(a, p.id, f, p.budgetRowLines, lang));
  return { projects, partners, cofinancing, findings };
}

const isPlaceholder = (raw: string) => raw.trim() !== '' && readAmount(raw).kind === 'placeholder';

/** An amount cell's text when it is neither an amount nor a placeholder (unreadable: shown as written). */
function keptText(raw: string): string | null {
  return raw.trim() === '' || isPlaceholder(raw) ? null : raw;
}

function placeholderNote(monetary: string, inKind: string, lang: Lang): string | null {
  const parts: string[] = [];
  if (isPlaceholder(monetary)) parts.push(`${lang === 'it' ? 'monetario' : 'monetary'} «${monetary.trim()}»`);
  if (isPlaceholder(inKind)) parts.push(`${lang === 'it' ? 'valorizzazione' : 'in kind'} «${inKind.trim()}»`);
  return parts.length === 0 ? null : parts.join('; ');
}

/** Sums of the projects' amounts, for the totals row under them. */
export class ProjectTotals {
  count = 0;
  private readonly sums = new Map<number, Money>();
  add(values: readonly Value[]): void {
    this.count++;
    for (const c of TOTALLED) {
      const v = values[c];
      // String() of a number read from a two-decimal amount gives that decimal back exactly.
      if (typeof v === 'number') this.sums.set(c, (this.sums.get(c) ?? new Money(0)).plus(String(v)));
    }
  }

  /** The totals row, as formulas over the rows above (`lastRow`: the last project's row). */
  row(lang: Lang, lastRow: number): Value[] {
    const values: Value[] = Array<Value>(SUMMARY_COLUMNS.projects.length).fill(null);
    values[0] = lang === 'it' ? `Totale (${this.count} progetti)` : `Total (${this.count} projects)`;
    const total = (c: number) => this.sums.get(c) ?? new Money(0);
    for (const c of TOTALLED) {
      const letter = columnLetter(c + 1);
      const isCount = SUMMARY_COLUMNS.projects[c]!.kind === 'int';
      values[c] = { formula: `SUM(${letter}${FIRST_DATA_ROW}:${letter}${lastRow})`, result: Number(isCount ? total(c).toString() : total(c).toDecimalPlaces(2).toString()) };
    }
    const share = (part: number, shareCol: number) => {
      const t = total(5);
      const [p, w] = [`${columnLetter(part + 1)}${lastRow + 1}`, `F${lastRow + 1}`];
      values[shareCol] = { formula: `IF(${w}=0,"",${p}/${w})`, result: t.isZero() ? '' : Number(total(part).dividedBy(t).toDecimalPlaces(6).toString()) };
    };
    share(7, 8);
    share(12, 9);
    return values;
  }
}
/** Columns (0-based) of Progetti summed in its totals row: assigned, total, contribution, cofinancing, coordination, errors, warnings. */
const TOTALLED = [4, 5, 6, 7, 12, 13, 14];

/** The totals row drawn bold and filled, under the projects. */
export function styleTotalsRow(row: Row): void {
  row.font = FONT.bold;
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.fill = FILL.total;
    cell.border = BORDER;
  });
}

export function addSummarySheets(wb: Workbook, annex: AnnexJson, lang: Lang, budgetSheets: Map<ProjectRecord, TabRef>): void {
  const rows = annex.annexes.map((a) => summaryRows(a, lang, budgetSheets));
  const source = printSource(annex.annexes.map((a) => a.annexFile), lang);
  for (const sheet of SUMMARY_SHEETS) {
    const columns = SUMMARY_COLUMNS[sheet];
    const ws = startTable(wb, SHEET_NAMES[lang][sheet], columns, lang);
    const all = rows.flatMap((r) => r[sheet]);
    for (const values of all) addTableRow(ws, columns, values);
    if (sheet === 'projects') {
      const totals = new ProjectTotals();
      for (const values of all) totals.add(values);
      styleTotalsRow(addTableRow(ws, columns, totals.row(lang, FIRST_DATA_ROW + all.length - 1)));
    }
    if (sheet === 'findings') {
      ws.eachRow((row, n) => {
        if (n > 1) colourSeverity(row, lang);
      });
    }
    endTable(ws, sheet, lang, source, ws.rowCount);
  }
}

function findingRow(a: AnnexRecord, project: string | null, f: Finding, rowLines: readonly number[], lang: Lang): Value[] {
  const shown = findingWords(f, lang);
  const lines = linesOf(f.at, rowLines);
  const pages = [...new Set(lines.map((l) => pageOfLine(a, l)).filter((p): p is number => p !== null))];
  return [
    project, SEVERITY[lang][f.severity], ruleName(f.rule, lang), shown.message, shown.expected, shown.actual,
    pages.join(', ') || null, lines.join(', ') || null, f.rule, a.annexFile,
  ];
}

/** A finding's row for a cut cell (written by index.ts), in the findings sheet's columns. */
export function cutFindingRow(file: string | null, message: string, limit: string, length: string, lang: Lang): Value[] {
  return [null, SEVERITY[lang].warning, ruleName('cell-too-long', lang), message, limit, length, null, null, 'cell-too-long', file];
}

function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

