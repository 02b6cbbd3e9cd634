// annex.xlsx written as the annexes are read, in memory that does not grow with their number,
// and part for part the same bytes as writeWorkbook (exceljs' in-memory workbook) writes.
//
// exceljs' own streaming writer was the first choice and does not fit: it drops the
// workbook's calcPr (fullCalcOnLoad, on which the self-checking tabs rely), stamps its zip
// entries with the current time (the file differs run to run), writes sheets in its own form
// (no byte-for-byte comparison with the workbook as it was), and its zip (archiver) takes one
// entry at a time, so the summary sheets, which come first and fill up until the last annex,
// would hold every later sheet in memory. It does keep formulas, styles, notes and conditional
// formats.
//
// So this writer uses exceljs' own parts (each sheet built as an in-memory worksheet, turned
// into XML by the same xforms as writeWorkbook) and writes them one at a time into a zip of
// its own (zip.ts: native deflate, fixed dates). What ties sheets together is the workbook's
// shared strings and cell styles, numbered in order of first use across the sheets, summary
// sheets first; but the summary sheets are complete only after the last annex. So:
// - a budget tab, once drawn, is turned into XML at once with provisional numbers for its
//   strings and styles, and set aside on disk (beside the workbook, in the staging folder);
//   its notes and relationships, which hold no such number, go into the zip directly;
// - each summary sheet's rows are set aside on disk as each annex comes (v8-serialised values);
// - at the end the summary sheets are written (ROWS_PER_CHUNK rows at a time), numbering their
//   strings and styles first, as writeWorkbook does; then the provisional numbers are replayed
//   in the order they were first used, which gives each the number writeWorkbook would have
//   given it, and every budget tab is read back, renumbered and zipped.
// What stays in memory is the workbook's table of distinct strings and of styles, a few numbers
// per sheet, and one sheet (or a few rows) at a time.
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type ExcelJS from 'exceljs';
// exceljs' own modules, by path (CommonJS, bundled into the CLI's workbook chunk).
import Worksheet from 'exceljs/lib/doc/worksheet.js';
import DefinedNames from 'exceljs/lib/doc/defined-names.js';
import XmlStream from 'exceljs/lib/utils/xml-stream.js';
import WorksheetXform from 'exceljs/lib/xlsx/xform/sheet/worksheet-xform.js';
import RowXform from 'exceljs/lib/xlsx/xform/sheet/row-xform.js';
import StylesXform from './dxf-once.js';
import SharedStringsXform from 'exceljs/lib/xlsx/xform/strings/shared-strings-xform.js';
import CommentsXform from 'exceljs/lib/xlsx/xform/comment/comments-xform.js';
import VmlNotesXform from 'exceljs/lib/xlsx/xform/comment/vml-notes-xform.js';
import RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform.js';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform.js';
import ContentTypesXform from 'exceljs/lib/xlsx/xform/core/content-types-xform.js';
import AppXform from 'exceljs/lib/xlsx/xform/core/app-xform.js';
import CoreXform from 'exceljs/lib/xlsx/xform/core/core-xform.js';
import RelType from 'exceljs/lib/xlsx/rel-type.js';
import theme1Xml from 'exceljs/lib/xlsx/xml/theme1.js';
import type { Profile } from '../../shared/profile.js';
import type { AnnexRecord } from '../records.js';
import { drawBudgetTab } from './budget-draw.js';
import type { Lang } from './budget-tab.js';
import { addCutRow, cutSheetCells, planAnnexTabs, RESERVED_SHEET_NAMES, type Cut } from './index.js';
import { MAX_CELL_CHARS, safeText } from './safe-text.js';
import { FIXED_DATE, fitRowHeights } from './styles.js';
import {
  addTableRow, colourSeverity, endTable, FIRST_DATA_ROW, printSource, ProjectTotals, SHEET_NAMES, startTable, styleTotalsRow,
  SUMMARY_COLUMNS, SUMMARY_SHEETS, summaryRows, widthFor, type SummarySheet, type Value,
} from './summary-sheets.js';
import { ZipWriter } from './zip.js';
import { namedApplication } from './app-xml.js';


/* eslint-disable @typescript-eslint/no-explicit-any -- exceljs' internal parts carry no types */
type Any = any;

/**
 * The parts of exceljs this writer uses, and no more: its worksheet model and the xforms that
 * turn models into XML. exceljs' entry point would also load its zip, CSV and stream readers
 * and writers (some 200 ms at start, most of what writing the workbook cost the seed).
 */
interface Internals {
  Worksheet: Any;
  DefinedNames: Any;
  XmlStream: Any;
  WorksheetXform: Any;
  RowXform: Any;
  StylesXform: Any;
  SharedStringsXform: Any;
  CommentsXform: Any;
  VmlNotesXform: Any;
  RelationshipsXform: Any;
  WorkbookXform: Any;
  ContentTypesXform: Any;
  AppXform: Any;
  CoreXform: Any;
  RelType: Any;
  theme1Xml: string;
}

function internals(): Internals {
  return {
    Worksheet, DefinedNames, XmlStream, WorksheetXform, RowXform, StylesXform, SharedStringsXform, CommentsXform,
    VmlNotesXform, RelationshipsXform, WorkbookXform, ContentTypesXform, AppXform, CoreXform, RelType, theme1Xml,
  };
}

/**
 * Enough of exceljs' Workbook for worksheets to be made in it, one at a time (addWorksheet as
 * Workbook.addWorksheet makes them, for one sheet), and removed.
 */
class Book {
  readonly _worksheets: Any[] = [];
  readonly definedNames: Any;
  constructor(private readonly x: Internals) {
    this.definedNames = new x.DefinedNames();
  }
  addWorksheet(name: string, options?: object): ExcelJS.Worksheet {
    const ws = new this.x.Worksheet({ ...options, id: 1, name, orderNo: 1, workbook: this });
    this._worksheets[1] = ws;
    return ws as ExcelJS.Worksheet;
  }
  removeWorksheetEx(ws: Any): void {
    delete this._worksheets[ws.id];
  }
}

/** Records appended to a file, each a 4-byte length and its bytes; read back in order. */
class Spill {
  private readonly fd: number;
  private position = 0;
  count = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  append(data: Uint8Array): { at: number; length: number } {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(data.length, 0);
    const at = this.position;
    for (const buf of [head, data]) {
      let done = 0;
      while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done, this.position + done);
      this.position += buf.length;
    }
    this.count++;
    return { at: at + 4, length: data.length };
  }

  read(at: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, at + done);
      if (n === 0) throw new Error(`workbook: ${basename(this.path)} ends early`);
      done += n;
    }
    return buf;
  }

  *records(): Generator<Buffer> {
    let at = 0;
    const head = Buffer.alloc(4);
    while (at < this.position) {
      readSync(this.fd, head, 0, 4, at);
      const length = head.readUInt32LE(0);
      yield this.read(at + 4, length);
      at += 4 + length;
    }
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

/** Shared strings numbered provisionally, in order of first use; every use counted. */
class ProvisionalStrings {
  readonly values: unknown[] = [];
  private readonly index = new Map<string, number>();
  uses = 0;

  add(value: unknown): number {
    this.uses++;
    const key = typeof value === 'string' ? `s${value}` : `r${JSON.stringify(value)}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(key, i);
    }
    return i;
  }
}

/** What the workbook's own parts need of a sheet: its number, name and print ranges. */
interface SheetStub {
  id: number;
  name: string;
  state: string;
  pageSetup: { printArea?: string; printTitlesRow?: string; printTitlesColumn?: string };
}

function stubOf(model: Any): SheetStub {
  const { printArea, printTitlesRow, printTitlesColumn } = model.pageSetup ?? {};
  return { id: model.id, name: model.name, state: model.state, pageSetup: { printArea, printTitlesRow, printTitlesColumn } };
}


export interface WorkbookStreamOptions {
  lang: Lang;
  profile: Profile;
  /** More than one annex file goes into the workbook (budget tab names then carry a file prefix). */
  several: boolean;
}

// Rows of a summary sheet rendered at a time. exceljs makes some objects per cell (its value,
// style, address), and a chunk's are all alive until it is rendered: the fewer, the fewer are
// still alive, and promoted, when the young generation is collected (1,000 seeds, the workbook
// alone: 157 MB at 200 rows, 145 MB at 25).
const ROWS_PER_CHUNK = 25;

export class WorkbookStream {
  private readonly used = new Set(RESERVED_SHEET_NAMES);
  // Of each budget tab, kept until the end (a few hundred bytes): its name and print range, where
  // its XML was set aside, and whether it has notes. Its number is SUMMARY_SHEETS.length + 1 + index.
  private readonly tabNames: string[] = [];
  private readonly tabPrint: SheetStub['pageSetup'][] = [];
  private readonly tabAt: number[] = [];
  private readonly tabLength: number[] = [];
  private readonly tabsWithNotes: number[] = [];
  /** Cells cut at the limit in the budget tabs, and (as they are written) in the summary sheets. */
  private readonly cuts: Cut[] = [];
  private readonly summaryCuts: Cut[] = [];
  private readonly strings = new ProvisionalStrings();
  private readonly newStyles: [unknown, unknown][] = [];
  private readonly styles: Any;
  private readonly provisional: Any;
  private readonly scratch: Book;
  private readonly worksheetXform: Any;
  private readonly tabSpill: Spill;
  private readonly rowSpills: Record<SummarySheet, Spill>;
  private readonly rowCounts: Record<SummarySheet, number> = { projects: 0, partners: 0, cofinancing: 0, findings: 0 };
  private readonly zip: ZipWriter;
  private readonly tmp: string;
  private readonly parts: string;
  private annexFile: string | null = null;
  /** Every annex file's name, for the printed pages' header (a few bytes each). */
  private readonly annexFiles: string[] = [];
  private nextId = SUMMARY_SHEETS.length + 1;

  private constructor(private readonly x: Internals, private readonly filePath: string, private readonly opts: WorkbookStreamOptions) {
    this.tmp = `${filePath}.${process.pid}.tmp`;
    this.parts = `${filePath}.${process.pid}.parts`;
    mkdirSync(this.parts, { recursive: true });
    this.zip = new ZipWriter(this.tmp);
    this.tabSpill = new Spill(join(this.parts, 'budget-tabs'));
    this.rowSpills = Object.fromEntries(SUMMARY_SHEETS.map((s) => [s, new Spill(join(this.parts, s))])) as Record<SummarySheet, Spill>;
    this.scratch = new Book(x);
    this.worksheetXform = new x.WorksheetXform();
    // Budget tabs take provisional style numbers; each new one is recorded with what made it.
    this.provisional = rememberStyles(new x.StylesXform(true));
    const addStyleModel = this.provisional.addStyleModel.bind(this.provisional);
    this.provisional.addStyleModel = (model: unknown, cellType: unknown) => {
      const before = this.provisional.model.styles.length;
      const id = addStyleModel(model, cellType);
      if (this.provisional.model.styles.length > before) this.newStyles.push([model, cellType]);
      return id;
    };
    this.styles = rememberStyles(new x.StylesXform(true));
  }

  static async open(filePath: string, opts: WorkbookStreamOptions): Promise<WorkbookStream> {
    return new WorkbookStream(internals(), filePath, opts);
  }

  /** One annex: its budget tabs drawn and set aside, its summary rows set aside. */
  add(annex: AnnexRecord): void {
    const { lang, profile, several } = this.opts;
    this.annexFile ??= annex.annexFile;
    this.annexFiles.push(annex.annexFile);
    const tabs = planAnnexTabs(annex, profile, this.used, several, lang, this.rowCounts.projects);
    const rows = summaryRows(annex, lang, new Map(tabs.map((t) => [t.project, { sheet: t.sheetName, counts: t.tab.counts }])));
    for (const sheet of SUMMARY_SHEETS) {
      if (rows[sheet].length === 0) continue;
      this.rowSpills[sheet].append(serialize(rows[sheet]));
      this.rowCounts[sheet] += rows[sheet].length;
    }
    for (const t of tabs) {
      const ws = this.scratch.addWorksheet(t.sheetName);
      drawBudgetTab(ws, t.tab, lang);
      this.cuts.push(...cutSheetCells(ws));
      const model = ws.model as Any;
      (ws as Any).destroy();
      const id = this.nextId++;
      model.id = id;
      const stub = stubOf(model);
      if (stub.state !== 'visible') throw new Error(`workbook: budget tab ${stub.name} is ${stub.state}`);
      const options = {
        sharedStrings: this.strings,
        styles: this.provisional,
        date1904: false,
        drawingsCount: 0,
        media: [],
        drawings: [],
        commentRefs: [] as unknown[],
      };
      this.worksheetXform.prepare(model, options);
      if (options.commentRefs.length > 0) this.tabsWithNotes.push(id);
      this.writeSheetExtras(model);
      const xml = this.toXml((s) => this.worksheetXform.render(s, model));
      const { at, length } = this.tabSpill.append(Buffer.from(xml, 'utf8'));
      this.tabNames.push(stub.name);
      this.tabPrint.push(stub.pageSetup.printTitlesRow || stub.pageSetup.printTitlesColumn ? stub.pageSetup : { printArea: stub.pageSetup.printArea });
      this.tabAt.push(at);
      this.tabLength.push(length);
    }
  }

  private toXml(render: (stream: Any) => void): string {
    const stream = new this.x.XmlStream();
    render(stream);
    return stream.xml as string;
  }

  /** A sheet's relationships, notes and their drawing: no shared string or style in them. */
  private writeSheetExtras(model: Any): void {
    if (model.rels && model.rels.length) {
      const rels = new this.x.RelationshipsXform();
      this.zip.add(`xl/worksheets/_rels/sheet${model.id}.xml.rels`, this.toXml((s) => rels.render(s, model.rels)));
    }
    if (model.comments.length > 0) {
      const comments = new this.x.CommentsXform();
      const vml = new this.x.VmlNotesXform();
      this.zip.add(`xl/comments${model.id}.xml`, this.toXml((s) => comments.render(s, model)));
      this.zip.add(`xl/drawings/vmlDrawing${model.id}.vml`, this.toXml((s) => vml.render(s, model)));
    }
  }

  /** The summary sheets, the budget tabs renumbered, the workbook's own parts; then the file is renamed into place. */
  async finish(): Promise<void> {
    const sharedStrings = new this.x.SharedStringsXform();
    const options = {
      sharedStrings,
      styles: this.styles,
      date1904: false,
      drawingsCount: 0,
      media: [],
      drawings: [],
      commentRefs: [] as { commentName: string; vmlDrawing: string }[],
    };
    const summaryStubs = SUMMARY_SHEETS.map((sheet, i) => this.writeSummarySheet(sheet, i + 1, options));
    if (options.commentRefs.length > 0 || this.styles.model.dxfs.length > 0) throw new Error('workbook: a summary sheet took a note or a conditional format');

    // Provisional numbers, replayed in order of first use after the summary sheets' own.
    const styleOf = [0, ...this.newStyles.map(([model, cellType]) => this.styles.addStyleModel(model, cellType))];
    const dxfOf = this.provisional.model.dxfs.map((style: unknown) => this.styles.addDxfStyle(style));
    const stringOf = this.strings.values.map((v) => sharedStrings.add(v));
    sharedStrings.model.count += this.strings.uses - this.strings.values.length;

    const first = SUMMARY_SHEETS.length + 1;
    this.tabAt.forEach((at, i) => {
      const xml = this.tabSpill.read(at, this.tabLength[i]!).toString('utf8');
      this.zip.add(`xl/worksheets/sheet${first + i}.xml`, renumber(xml, styleOf, stringOf, dxfOf));
    });
    const tabStubs = this.tabNames.map((name, i): SheetStub => ({ id: first + i, name, state: 'visible', pageSetup: this.tabPrint[i]! }));

    this.writeWorkbookParts([...summaryStubs, ...tabStubs], sharedStrings);
    this.zip.close();
    this.closeSpills();
    const { rename } = await import('node:fs/promises');
    await rename(this.tmp, this.filePath);
  }

  /**
   * The workbook's own parts, as exceljs' XLSX.write makes them (lib/xlsx/xlsx.js: prepareModel,
   * addContentTypes, addOfficeRels, addWorkbookRels, addSharedStrings, addThemes, addStyles,
   * addApp, addCore, addWorkbook) from the model of a Workbook set up as writeWorkbook sets it,
   * holding the outlines of its sheets.
   */
  private writeWorkbookParts(worksheets: SheetStub[], sharedStrings: Any): void {
    const { x } = this;
    const model: Any = {
      creator: 'conciliazione', lastModifiedBy: 'conciliazione', lastPrinted: undefined, created: FIXED_DATE, modified: FIXED_DATE,
      properties: {}, worksheets, sheets: worksheets, definedNames: new x.DefinedNames().model, views: [], company: '', manager: '',
      title: '', subject: '', keywords: '', category: '', description: '', language: undefined, revision: undefined,
      contentStatus: undefined, themes: undefined, media: [], calcProperties: { fullCalcOnLoad: true },
      useSharedStrings: true, useStyles: true, sharedStrings, styles: this.styles, drawings: [], tables: [],
      commentRefs: this.tabsWithNotes.map((id) => ({ commentName: `comments${id}`, vmlDrawing: `vmlDrawing${id}` })),
    };
    new x.WorkbookXform().prepare(model);
    const rels = (list: object[]) => new x.RelationshipsXform().toXml(list) as string;
    // The parts that list every sheet are zipped as they are rendered, not made whole first.
    this.addRendered('[Content_Types].xml', (stream) => new x.ContentTypesXform().render(stream, model));
    this.zip.add('_rels/.rels', rels([
      { Id: 'rId1', Type: x.RelType.OfficeDocument, Target: 'xl/workbook.xml' },
      { Id: 'rId2', Type: x.RelType.CoreProperties, Target: 'docProps/core.xml' },
      { Id: 'rId3', Type: x.RelType.ExtenderProperties, Target: 'docProps/app.xml' },
    ]));
    let count = 1;
    const bookRels: object[] = [
      { Id: `rId${count++}`, Type: x.RelType.Styles, Target: 'styles.xml' },
      { Id: `rId${count++}`, Type: x.RelType.Theme, Target: 'theme/theme1.xml' },
    ];
    if (sharedStrings.count) bookRels.push({ Id: `rId${count++}`, Type: x.RelType.SharedStrings, Target: 'sharedStrings.xml' });
    for (const ws of worksheets as (SheetStub & { rId?: string })[]) {
      ws.rId = `rId${count++}`;
      bookRels.push({ Id: ws.rId, Type: x.RelType.Worksheet, Target: `worksheets/sheet${ws.id}.xml` });
    }
    this.addRendered('xl/_rels/workbook.xml.rels', (stream) => new x.RelationshipsXform().render(stream, bookRels));
    if (sharedStrings.count) this.addRendered('xl/sharedStrings.xml', (stream) => sharedStrings.render(stream, sharedStrings.model));
    this.zip.add('xl/theme/theme1.xml', x.theme1Xml);
    if (this.styles.xml) this.zip.add('xl/styles.xml', this.styles.xml);
    this.zip.add('docProps/app.xml', namedApplication(new x.AppXform().toXml(model)));
    this.zip.add('docProps/core.xml', new x.CoreXform().toXml(model));
    this.addRendered('xl/workbook.xml', (stream) => new x.WorkbookXform().render(stream, model));
  }

  /** A part rendered by exceljs into the zip a piece at a time (see pieceStream). */
  private addRendered(name: string, render: (stream: Any) => void): void {
    const entry = this.zip.open(name);
    const stream = pieceStream(this.x, (text) => entry.write(text));
    render(stream);
    entry.write(stream.xml as string);
    entry.close();
  }

  /**
   * One summary sheet: its header and layout rendered as writeWorkbook renders the whole sheet,
   * its rows read back and rendered a chunk at a time into the gap left for them.
   */
  private writeSummarySheet(sheet: SummarySheet, id: number, options: Any): SheetStub {
    const { lang } = this.opts;
    const columns = SUMMARY_COLUMNS[sheet];
    const name = SHEET_NAMES[lang][sheet];
    const ws = startTable(new Book(this.x) as unknown as ExcelJS.Workbook, name, columns, lang);
    // The findings sheet ends with a row per cut cell, those of the summary sheets first: its
    // own are counted before it is written, since its size comes first. Progetti ends with its totals.
    const cutRows = sheet === 'findings' ? this.summaryCuts.length + this.countLongCells(sheet) + this.cuts.length : 0;
    const totalsRow = sheet === 'projects' ? 1 : 0;
    const last = 1 + this.rowCounts[sheet] + cutRows + totalsRow;
    endTable(ws, sheet, lang, printSource(this.annexFiles, lang), last);
    const model = ws.model as Any;
    model.id = id;
    // Every row has a cell in every column (the header's, and each row's formats).
    model.dimensions = `A1:${columnLetter(columns.length)}${last}`;
    this.worksheetXform.prepare(model, options);
    const xml = this.toXml((s) => this.worksheetXform.render(s, model));
    const gap = xml.indexOf('</sheetData>');
    if (gap < 0 || xml.indexOf('</sheetData>', gap + 1) >= 0) throw new Error(`workbook: no single place for the rows of ${name}`);
    const entry = this.zip.open(`xl/worksheets/sheet${id}.xml`);
    entry.write(xml.slice(0, gap));

    const rowXform = new this.x.RowXform();
    let rowNo = FIRST_DATA_ROW;
    let chunk: Value[][] = [];
    const totals = new ProjectTotals();
    // One scratch sheet for every chunk, its rows let go once rendered: a fresh sheet would hold
    // its first row at its place far down (exceljs keeps rows by number), in a sparse array that
    // every pass over the rows walks whole, a cost that grows with the rows before the chunk.
    const scratch = new Book(this.x).addWorksheet(name);
    columns.forEach((c, i) => (scratch.getColumn(i + 1).width = widthFor(c, lang)));
    const flush = (extra: (ws: ExcelJS.Worksheet) => void = () => undefined) => {
      const first = rowNo;
      for (const values of chunk) addTableRow(scratch, columns, values, rowNo++);
      fitRowHeights(scratch);
      if (sheet === 'findings') scratch.eachRow((row, n) => n >= first && colourSeverity(row, lang));
      this.summaryCuts.push(...cutSheetCells(scratch));
      extra(scratch);
      chunk = [];
      entry.write(this.renderRows(scratch, rowXform, options));
      letRowsGo(scratch, first, rowNo);
    };
    for (const record of this.rowSpills[sheet].records()) {
      for (const values of deserialize(record) as Value[][]) {
        chunk.push(values);
        if (sheet === 'projects') totals.add(values);
        if (chunk.length >= ROWS_PER_CHUNK) flush();
      }
    }
    if (sheet === 'projects') {
      const lastProject = FIRST_DATA_ROW + this.rowCounts.projects - 1;
      flush((scratch) => styleTotalsRow(addTableRow(scratch, columns, totals.row(lang, lastProject), rowNo++)));
      if (rowNo - 1 !== last) throw new Error(`workbook: ${name} ends at row ${rowNo - 1}, not ${last}`);
    }
    // The findings sheet ends with one finding per cut cell, the summary sheets' first.
    if (sheet === 'findings' && (chunk.length > 0 || cutRows > 0)) {
      const file = this.opts.several ? null : this.annexFile;
      flush((scratch) => {
        for (const c of [...this.summaryCuts, ...this.cuts]) addCutRow(scratch, c, lang, file, rowNo++);
      });
      if (rowNo - 1 !== last) throw new Error(`workbook: ${name} ends at row ${rowNo - 1}, not ${last}`);
    } else if (chunk.length > 0 && sheet !== 'projects') flush();
    entry.write(xml.slice(gap));
    entry.close();
    return stubOf(model);
  }

  /** The texts of a sheet's spilled rows that will be cut (cutSheetCells' test, on the values given to exceljs). */
  private countLongCells(sheet: SummarySheet): number {
    let n = 0;
    for (const record of this.rowSpills[sheet].records()) {
      for (const values of deserialize(record) as Value[][]) {
        for (const v of values) if (typeof v === 'string' && (safeText(v)?.length ?? 0) > MAX_CELL_CHARS) n++;
      }
    }
    return n;
  }

  private renderRows(scratch: ExcelJS.Worksheet, rowXform: Any, options: Any): string {
    const rows = (scratch as Any).model.rows as Any[];
    for (const row of rows) rowXform.prepare(row, options);
    const stream = new this.x.XmlStream();
    for (const row of rows) rowXform.render(stream, row);
    return stream.xml as string;
  }

  private closeSpills(): void {
    this.tabSpill.close();
    for (const s of Object.values(this.rowSpills)) s.close();
    rmSync(this.parts, { recursive: true, force: true });
  }

  /** Leaves nothing behind (the staging folder is removed anyway). */
  abort(): void {
    this.zip.abort();
    this.closeSpills();
    rmSync(this.tmp, { force: true });
  }
}

/**
 * StylesXform.addStyleModel renders a cell's style to XML to find its number, for every cell
 * (each has its own style object, which its WeakMap keeps). The same style content with the
 * same cell type always gets the same number and adds nothing the second time, so a number
 * found is remembered by content; a style object it already knows goes to it as before.
 */
function rememberStyles(styles: Any): Any {
  const addStyleModel = styles.addStyleModel.bind(styles);
  const known = new Map<string, number>();
  styles.addStyleModel = (model: Any, cellType: unknown) => {
    if (!model || styles.weakMap.has(model)) return addStyleModel(model, cellType);
    const key = `${String(cellType)}|${JSON.stringify(model)}`;
    const id = known.get(key);
    if (id !== undefined && styles.model.fonts.length > 0) {
      styles.weakMap.set(model, id);
      return id;
    }
    const added = addStyleModel(model, cellType);
    known.set(key, added);
    return added;
  };
  return styles;
}

/**
 * exceljs' XmlStream handing its text on as it grows, a few thousand pieces at a time: its `xml`
 * is then what was not handed on yet. Never while a rollback is pending (one may take pieces back).
 */
function pieceStream(x: Internals, write: (text: string) => void): Any {
  const stream = new x.XmlStream();
  const openNode = stream.openNode.bind(stream);
  let handedOn = 0;
  stream.openNode = (name: string, attributes?: object) => {
    if (stream._rollbacks.length === 0 && stream._xml.length >= PIECES_PER_WRITE) {
      handedOn += stream._xml.length;
      write((stream._xml as string[]).join(''));
      stream._xml = [];
    }
    openNode(name, attributes);
  };
  // What XmlStream tells of its length counts every piece, those handed on too.
  Object.defineProperty(stream, 'cursor', { get: () => handedOn + (stream._xml as string[]).length });
  return stream;
}

const PIECES_PER_WRITE = 4096;

/** Rows `from` to `to` (not included) of a scratch sheet, dropped once rendered. */
function letRowsGo(ws: ExcelJS.Worksheet, from: number, to: number): void {
  // exceljs' own passes over the rows skip an empty place (`row && ...`).
  const rows = (ws as Any)._rows as unknown[];
  for (let r = from; r < to; r++) rows[r - 1] = undefined;
}

function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * A budget tab's XML with its provisional numbers replaced: the style of each cell, row and
 * column, the shared string of each string cell, the format of each conditional rule. The XML
 * is exceljs' own: attributes in a fixed order, text escaped, so a tag is never inside a text.
 */
function renumber(xml: string, styleOf: readonly number[], stringOf: readonly unknown[], dxfOf: readonly number[]): string {
  const style = (s: string) => {
    const v = styleOf[Number(s)];
    if (v === undefined) throw new Error(`workbook: no style ${s}`);
    return v;
  };
  return xml
    .replace(/<c r="([A-Z]+[0-9]+)"(?: s="([0-9]+)")?( t="s"><v>([0-9]+)<\/v>)?/g, (_m, r: string, s?: string, t?: string, v?: string) => {
      let out = `<c r="${r}"`;
      if (s !== undefined) out += ` s="${style(s)}"`;
      if (t !== undefined) {
        const real = stringOf[Number(v)];
        if (real === undefined) throw new Error(`workbook: no string ${v}`);
        out += ` t="s"><v>${String(real)}</v>`;
      }
      return out;
    })
    .replace(/(<row [^<>]*? s=")([0-9]+)(")/g, (_m, a: string, s: string, b: string) => `${a}${style(s)}${b}`)
    .replace(/(<col [^<>]*? style=")([0-9]+)(")/g, (_m, a: string, s: string, b: string) => `${a}${style(s)}${b}`)
    .replace(/(<cfRule [^<>]*? dxfId=")([0-9]+)(")/g, (_m, a: string, s: string, b: string) => {
      const v = dxfOf[Number(s)];
      if (v === undefined) throw new Error(`workbook: no format ${s}`);
      return `${a}${v}${b}`;
    });
}

