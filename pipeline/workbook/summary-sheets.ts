// The analyst's sheets: one row per project, partner, cofinancer and finding, with Italian
// (or English) headers, euro and percent formats, a frozen header row and filters.
import type { Row, Workbook, Worksheet } from 'exceljs';
import { lineOf, type Finding, type LineCode, type Position } from '../../shared/model.js';
import { money, type Money } from '../../shared/money.js';
import { renderFinding } from '../../shared/findings/render.js';
import type { AnnexJson, AnnexRecord, ProjectRecord } from '../records.js';
import type { Lang } from './budget-tab.js';
import { safeText } from './safe-text.js';
import { BORDER, EURO_FORMAT, FILL, fitRowHeights, FONT, PERCENT_FORMAT, SCORE_FORMAT, WRAP } from './styles.js';

type Kind = 'text' | 'euro' | 'percent' | 'int' | 'score' | 'long';

export interface Column {
  it: string;
  en: string;
  width: number;
  kind: Kind;
}

export type Value = string | number | null;

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

/** The sheet with its header row (bold, filled, bordered, wrapped) frozen above the rows. */
export function startTable(wb: Workbook, name: string, columns: readonly Column[], lang: Lang): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c[lang], width: c.width }));
  const header = ws.getRow(1);
  header.font = FONT.bold;
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = FILL.header;
    cell.border = BORDER;
  });
  return ws;
}

/** One row of values at `rowNo` (default: after the last), each cell formatted by its column's kind. */
export function addTableRow(ws: Worksheet, columns: readonly Column[], values: readonly Value[], rowNo?: number): Row {
  const cells = values.map((v) => (typeof v === 'string' ? safeText(v) : v));
  let row: Row;
  if (rowNo === undefined) row = ws.addRow(cells);
  else {
    row = ws.getRow(rowNo);
    row.values = cells;
  }
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c.kind === 'euro') cell.numFmt = EURO_FORMAT;
    else if (c.kind === 'percent') cell.numFmt = PERCENT_FORMAT;
    else if (c.kind === 'score') cell.numFmt = SCORE_FORMAT;
    else if (c.kind === 'long') cell.alignment = WRAP;
    else cell.alignment = { vertical: 'top' };
  });
  return row;
}

/** Filters on the header and the print layout (every row fitted to its wrapped text first). */
export function endTable(ws: Worksheet, columns: readonly Column[], fit = true): void {
  if (fit) fitRowHeights(ws);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
}

function table(wb: Workbook, name: string, columns: readonly Column[], rows: readonly Value[][], lang: Lang): Worksheet {
  const ws = startTable(wb, name, columns, lang);
  for (const values of rows) addTableRow(ws, columns, values);
  endTable(ws, columns);
  return ws;
}

/** A finding's row: its severity cell coloured for errors and warnings. */
export function colourSeverity(row: Row, lang: Lang): void {
  const sev = row.getCell(4).value;
  if (sev === SEVERITY[lang].error) row.getCell(4).fill = FILL.error;
  else if (sev === SEVERITY[lang].warning) row.getCell(4).fill = FILL.warning;
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

export function lineList(at: readonly Position[], rowLines: readonly number[]): string {
  const lines = at.map((p) => ('line' in p ? p.line : rowLines[p.row])).filter((l): l is number => l !== undefined);
  return [...new Set(lines)].sort((x, y) => x - y).join(', ');
}

export const SUMMARY_SHEETS = ['projects', 'partners', 'cofinancing', 'findings'] as const;
export type SummarySheet = (typeof SUMMARY_SHEETS)[number];

export const SUMMARY_COLUMNS: Record<SummarySheet, readonly Column[]> = {
  projects: [
    col('File allegato', 'Annex file', 24), col('Progetto', 'Project', 9), col('Titolo', 'Title', 48, 'long'),
    col('Ente capofila', 'Lead entity', 36, 'long'), col('Punti', 'Score', 8, 'int'), col('Assegnato', 'Assigned', 15, 'euro'),
    col('Costo totale', 'Total cost', 15, 'euro'), col('Contributo richiesto', 'Contribution requested', 15, 'euro'),
    col('Cofinanziamento', 'Cofinancing', 15, 'euro'), col('% cofinanziamento', '% cofinancing', 12, 'percent'),
    col('Coordinamento', 'Coordination', 15, 'euro'), col('% coordinamento', '% coordination', 12, 'percent'),
    col('Errori', 'Errors', 8, 'int'), col('Avvisi', 'Warnings', 8, 'int'), col('Scheda budget', 'Budget tab', 14),
    col('Riga', 'Line', 7, 'int'),
  ],
  partners: [
    col('File allegato', 'Annex file', 24), col('Progetto', 'Project', 9), col('N.', 'No.', 5, 'int'),
    col('Ente', 'Entity', 44, 'long'), col('Tipologia', 'Type', 22, 'long'), col('Ruolo', 'Role', 18, 'long'),
    col('Referente', 'Referent', 28, 'long'), col('Email', 'Email', 28), col('Telefono', 'Phone', 16), col('Riga', 'Line', 7, 'int'),
  ],
  cofinancing: [
    col('File allegato', 'Annex file', 24), col('Progetto', 'Project', 9), col('Ente', 'Entity', 44, 'long'),
    col('Monetario', 'Monetary', 15, 'euro'), col('Valorizzazione economica', 'In kind', 15, 'euro'),
    col('Partner corrispondente', 'Matched partner', 40, 'long'), col('Corrispondenza', 'Match', 14),
    col('Somiglianza', 'Similarity', 11, 'score'), col('Riga', 'Line', 7, 'int'),
  ],
  findings: [
    col('File allegato', 'Annex file', 24), col('Progetto', 'Project', 9), col('Regola', 'Rule', 26),
    col('Gravità', 'Severity', 11), col('Messaggio', 'Message', 70, 'long'), col('Atteso', 'Expected', 16),
    col('Rilevato', 'Actual', 16), col('Righe', 'Lines', 12),
  ],
};

/** One annex's rows of the four summary sheets, in order. */
export function summaryRows(a: AnnexRecord, lang: Lang, budgetSheets: Map<ProjectRecord, string>): Record<SummarySheet, Value[][]> {
  const projects = a.projects.map((p) => {
    const total = stated(p, 'TOTAL');
    return [
      p.annexFile, p.id, p.header.title, p.header.leadEntity, p.header.score,
      p.header.assigned === null ? null : Number(p.header.assigned),
      amount(p, 'TOTAL'), amount(p, 'CONTRIBUTION'), amount(p, 'COFINANCING'), ratio(stated(p, 'COFINANCING'), total),
      amount(p, 'A_coord'), ratio(stated(p, 'A_coord'), total),
      p.findings.filter((f) => f.severity === 'error').length, p.findings.filter((f) => f.severity === 'warning').length,
      // The budget tab's name as text: exceljs writes in-document links with both an external
      // target and a "#"-prefixed location, which not every program accepts.
      budgetSheets.get(p) ?? null, p.header.line,
    ];
  });
  const partners = a.projects.flatMap((p) => p.partners.map((x) => [p.annexFile, p.id, x.seq, x.name, x.type, x.role, x.referent, x.email, x.phone, x.line]));
  const cofinancing = a.projects.flatMap((p) =>
    p.budget.cofinancers.map((c, i) => {
      const link = p.cofinancerLinks[i];
      const partner = link && link.partnerSeq !== null ? `${link.partnerSeq}. ${link.partnerName ?? ''}` : null;
      return [
        p.annexFile, p.id, c.entity,
        // A placeholder ("-----", "non richiesto") is shown as the annex wrote it.
        c.monetary === null ? c.rawMonetary : Number(c.monetary),
        c.inKind === null ? c.rawInKind : Number(c.inKind),
        partner, link ? MATCH[lang][link.match] ?? link.match : null, link ? link.score : null,
        p.budgetRowLines[c.entityCell.row] ?? null,
      ];
    }),
  );
  const findings: Value[][] = [];
  for (const f of a.findings) findings.push(findingRow(a.annexFile, null, f, [], lang));
  for (const p of a.projects) for (const f of p.findings) findings.push(findingRow(a.annexFile, p.id, f, p.budgetRowLines, lang));
  return { projects, partners, cofinancing, findings };
}

export function addSummarySheets(wb: Workbook, annex: AnnexJson, lang: Lang, budgetSheets: Map<ProjectRecord, string>): void {
  const rows = annex.annexes.map((a) => summaryRows(a, lang, budgetSheets));
  for (const sheet of SUMMARY_SHEETS) {
    const ws = table(wb, SHEET_NAMES[lang][sheet], SUMMARY_COLUMNS[sheet], rows.flatMap((r) => r[sheet]), lang);
    if (sheet === 'findings') {
      ws.eachRow((row, n) => {
        if (n > 1) colourSeverity(row, lang);
      });
    }
  }
}

function findingRow(file: string, project: string | null, f: Finding, rowLines: readonly number[], lang: Lang): Value[] {
  const shown = renderFinding(f, lang);
  return [file, project, f.rule, SEVERITY[lang][f.severity], shown.message, shown.expected, shown.actual, lineList(f.at, rowLines)];
}
