// annex.xlsx: summary sheets for analysts, then one self-checking budget tab per project.
import { rename, rm, writeFile } from 'node:fs/promises';
import { unzipSync, zipSync } from 'fflate';
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import './dxf-once.js';
import type { Profile } from '../../shared/profile.js';
import type { AnnexJson, AnnexRecord, ProjectRecord } from '../records.js';
import { drawBudgetTab } from './budget-draw.js';
import { planBudgetTab, type BudgetTab, type Lang } from './budget-tab.js';
import { CUT_MARKER, fitCell, MAX_CELL_CHARS } from './safe-text.js';
import { addSummarySheets, addTableRow, colourSeverity, cutFindingRow, FIRST_DATA_ROW, printAreaOf, SHEET_NAMES, SUMMARY_COLUMNS } from './summary-sheets.js';
import { FIXED_DATE } from './styles.js';
import { namedApplication } from './app-xml.js';
import { localNumber } from './finding-text.js';

export interface WorkbookOptions {
  lang?: Lang;
  profile: Profile;
}

export interface PlannedTab {
  project: ProjectRecord;
  sheetName: string;
  tab: BudgetTab;
}

const MAX_SHEET_NAME = 31;

/** A legal, unique sheet name (Excel: at most 31 characters, none of []:*?/\, case-insensitive). */
export function sheetName(wanted: string, used: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|(?<!')'+$/g, '').trim() || 'Foglio';
  let name = clean.slice(0, MAX_SHEET_NAME);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = clean.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** Every budget tab the workbook will hold, with its sheet name, in order. */
export function planBudgetTabs(annex: AnnexJson, profile: Profile, used = new Set<string>(), lang: Lang = 'it'): PlannedTab[] {
  const several = annex.annexes.length > 1;
  let before = 0;
  return annex.annexes.flatMap((a) => {
    const tabs = planAnnexTabs(a, profile, used, several, lang, before);
    before += a.projects.length;
    return tabs;
  });
}

/**
 * One annex's budget tabs; `several`: the workbook holds more than one annex file;
 * `projectsBefore`: the projects listed before this annex's in the projects sheet (each tab
 * links back to its project's row there).
 */
export function planAnnexTabs(a: AnnexRecord, profile: Profile, used: Set<string>, several: boolean, lang: Lang = 'it', projectsBefore = 0): PlannedTab[] {
  // With several annex files, project numbers repeat: a short file prefix tells them apart.
  const prefix = several ? `${basename(a.annexFile, extname(a.annexFile)).slice(0, 14)} ` : '';
  return a.projects.map((project, i) => ({
    project,
    sheetName: sheetName(`${prefix}Budget ${project.id}`, used),
    tab: planBudgetTab(project, profile, lang, { projectsSheet: SHEET_NAMES[lang].projects, projectsRow: FIRST_DATA_ROW + projectsBefore + i }),
  }));
}

/** Sheet names the summary sheets take, in either language: no budget tab may take them. */
export const RESERVED_SHEET_NAMES: readonly string[] = ['progetti', 'partner', 'cofinanziamento', 'rilievi', 'projects', 'partners', 'cofinancing', 'findings'];

export async function writeWorkbook(annex: AnnexJson, filePath: string, opts: WorkbookOptions): Promise<void> {
  const lang = opts.lang ?? 'it';
  // Loaded here, not at start: only a run that writes the workbook pays for exceljs.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  // Fixed metadata: rerunning on the same annex gives the same workbook content.
  wb.creator = 'conciliazione';
  wb.lastModifiedBy = 'conciliazione';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  // Programs that honour it recompute every check on opening instead of trusting cached results.
  wb.calcProperties.fullCalcOnLoad = true;

  const reserved = new Set(RESERVED_SHEET_NAMES);
  const tabs = planBudgetTabs(annex, opts.profile, reserved, lang);
  addSummarySheets(wb, annex, lang, new Map(tabs.map((t) => [t.project, { sheet: t.sheetName, counts: t.tab.counts }])));
  for (const t of tabs) drawBudgetTab(wb.addWorksheet(t.sheetName), t.tab, lang);
  reportCuts(wb, cutLongCells(wb), lang, annex.annexes.length === 1 ? annex.annexes[0]!.annexFile : null);

  // Written beside the target and renamed: a failed run never leaves half a workbook.
  const tmp = `${filePath}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, namedApplicationZip(new Uint8Array(await wb.xlsx.writeBuffer())));
    await rename(tmp, filePath);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The package with docProps/app.xml naming its maker (see namedApplication), zipped with fixed dates. */
function namedApplicationZip(xlsx: Uint8Array): Uint8Array {
  const parts = unzipSync(xlsx);
  const app = parts['docProps/app.xml'];
  if (app) parts['docProps/app.xml'] = new TextEncoder().encode(namedApplication(new TextDecoder().decode(app)));
  return zipSync(parts, { mtime: FIXED_DATE });
}

export interface Cut {
  sheet: string;
  address: string;
  length: number;
  note: boolean;
}

/**
 * Every text longer than a cell can hold (a cell's value or its note) is cut at the limit with
 * CUT_MARKER: Excel refuses such a file, or "repairs" it by dropping the cell.
 */
function cutLongCells(wb: ExcelJS.Workbook): Cut[] {
  const cuts: Cut[] = [];
  wb.eachSheet((ws) => void cuts.push(...cutSheetCells(ws)));
  return cuts;
}

/** cutLongCells on one sheet. */
export function cutSheetCells(ws: ExcelJS.Worksheet): Cut[] {
  const cuts: Cut[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (typeof cell.value === 'string' && cell.value.length > MAX_CELL_CHARS) {
        cuts.push({ sheet: ws.name, address: cell.address, length: cell.value.length, note: false });
        cell.value = fitCell(cell.value);
      }
      if (typeof cell.note === 'string' && cell.note.length > MAX_CELL_CHARS) {
        cuts.push({ sheet: ws.name, address: cell.address, length: cell.note.length, note: true });
        cell.note = fitCell(cell.note);
      }
    });
  });
  return cuts;
}

/** One finding per cut, at the end of the findings sheet (its own cells are short). */
function reportCuts(wb: ExcelJS.Workbook, cuts: readonly Cut[], lang: Lang, file: string | null): void {
  const ws = wb.getWorksheet(SHEET_NAMES[lang].findings);
  if (!ws) return;
  for (const c of cuts) addCutRow(ws, c, lang, file);
  ws.pageSetup.printArea = printAreaOf('findings', ws.rowCount);
}

/** The finding on one cut cell, as a row of the findings sheet (at `rowNo`, default after the last). */
export function addCutRow(ws: ExcelJS.Worksheet, c: Cut, lang: Lang, file: string | null, rowNo?: number): void {
  const limit = lang === 'it' ? '32.767' : '32,767';
  const where = `${c.sheet}!${c.address}`;
  const message = lang === 'it'
    ? `${c.note ? 'La nota della cella' : 'La cella'} ${where} ha ${c.length} caratteri, oltre il limite di Excel (${limit}): tagliata al limite, con "${CUT_MARKER.trim()}" in fondo; annex.json e i file CSV riportano il testo intero.`
    : `${c.note ? 'The note of cell' : 'Cell'} ${where} holds ${c.length} characters, over Excel's limit (${limit}): cut at the limit, ending in "${CUT_MARKER.trim()}"; annex.json and the CSV files keep the whole text.`;
  const length = localNumber(String(c.length), lang);
  const row = addTableRow(ws, SUMMARY_COLUMNS.findings, cutFindingRow(file, message, limit, length, lang), rowNo);
  colourSeverity(row, lang);
}

export type { BudgetTab } from './budget-tab.js';
