// Word (.docx) front end: the body of word/document.xml -> the document model (one line per
// paragraph, one line per table row with its cells, every line on its page).
//
// Why the XML and not mammoth: mammoth's HTML drops page breaks (so lines would have no page)
// and flattens what the readers need of tables (where gridSpan and vMerge put a cell). The XML
// is read with saxes, a streaming parser, in one pass; only document.xml, styles.xml (italic
// and bold given by character styles) and numbering.xml (list markers) are inflated. Headers
// and footers (word/header*.xml, footer*.xml) are page furniture and are not read at all;
// footnotes, comments and deleted text are not the body either.
//
// Text as the page shows it: a manual line break (w:br) starts a new line, as on the page (the
// annex's "Sub-Allegato 2.1 / Punti 59 / Assegnato ..." is one paragraph with line breaks); in a
// table cell it is a space, a cell being one cell. A list item starts with its marker.
//
// Pages: page 1 at the start, a new page after a page break (w:br w:type="page"), before a
// paragraph with pageBreakBefore (direct or from its style), and at a section break when the
// section that follows starts on a new page (a section's w:type says how it starts). Word's own
// layout hints (w:lastRenderedPageBreak) count only in a document with none of those. The last
// line of a page that holds only a number is the page's printed number.
import { InputError } from '../../errors.js';
import type { LaidDocument, LaidLine, TableReport } from '../model.js';
import { CheckBoxField, symbolText } from './form-marks.js';
import { NO_NUMBERING, readNumbering, type Numbering } from './numbering.js';
import { isOn, NO_STYLES, readStyles, type Styles } from './styles.js';
import { parseWordXml, type WordElement, type WordHandlers } from './xml.js';
import { damaged, xmlText, zipEntries } from './zip.js';

const DOCUMENT = 'word/document.xml';
const STYLES = 'word/styles.xml';
const NUMBERING = 'word/numbering.xml';

/** Content that is not the document's text as it stands: deleted or moved-away text, field codes, content-control properties. */
const SKIP = new Set(['del', 'moveFrom', 'delText', 'instrText', 'delInstrText', 'sdtPr', 'sdtEndPr', 'fldData']);

/** Columns a cell or row may claim (Word's grid has at most 63): a gridSpan of a billion is not a reason to build a billion cells. */
const MAX_SPAN = 64;

interface Piece {
  text: string;
  italic: boolean;
  bold: boolean;
}
/** A break inside a paragraph: a line break (w:br), a page break, or Word's rendered page break. */
type Mark = 'line' | 'page' | 'rendered';
type Item = Piece | { mark: Mark };

interface Paragraph {
  items: Item[];
  style: string | null;
  pageBreakBefore: boolean | null;
  /** The list it is an item of (w:numPr), when it says so itself. */
  numId: string | null;
  ilvl: number | null;
  /** Index in `sections` of the section this paragraph ends, if it ends one. */
  section: number | null;
  /** Formatting of the open run. */
  run: { style: string | null; italic: boolean | null; bold: boolean | null } | null;
  /** Paragraphs of text boxes anchored in this one. */
  textbox: string[];
}

interface Cell {
  paragraphs: string[];
  span: number;
  continued: boolean;
}

interface Row {
  cells: string[];
  before: number;
  after: number;
  hasText: boolean;
  cell: Cell | null;
  breakBefore: Set<'page' | 'rendered'>;
  breakAfter: Set<'page' | 'rendered'>;
}

type BreakKind = 'page' | 'rendered' | 'before' | 'section';
interface Break {
  /** Index of the first line of the new page. */
  at: number;
  kind: BreakKind;
  section?: number;
}

const isPiece = (item: Item): item is Piece => 'text' in item;
const hasVisible = (text: string) => /\S/.test(text);

/**
 * Pieces -> text with <b>/<i> around bold and italic stretches, adjacent pieces of the same
 * formatting merged; spaces between two stretches take the formatting before them, so that
 * "<i>a b</i>" is not "<i>a</i> <i>b</i>". Text that is only spaces is never wrapped.
 */
function render(pieces: readonly Piece[]): string {
  if (!pieces.some((p) => hasVisible(p.text))) return pieces.map((p) => p.text).join('');
  let out = '';
  let text = '';
  let italic = false;
  let bold = false;
  const flush = () => {
    if (text === '') return;
    let t = italic ? `<i>${text}</i>` : text;
    if (bold) t = `<b>${t}</b>`;
    out += t;
    text = '';
  };
  // Spaces before any visible text take the formatting of the first visible piece.
  const first = pieces.find((p) => hasVisible(p.text))!;
  let started = false;
  for (const p of pieces) {
    const spaces = !hasVisible(p.text);
    const pi: boolean = spaces ? (started ? italic : first.italic) : p.italic;
    const pb: boolean = spaces ? (started ? bold : first.bold) : p.bold;
    if (!started || pi !== italic || pb !== bold) {
      flush();
      italic = pi;
      bold = pb;
      started = true;
    }
    text += p.text;
  }
  flush();
  return out;
}

/** The printed number of a line that holds only a page number: "39", "- 39 -", "Pag. 39", "Pagina 39 di 120". */
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:pag(?:ina|e|\.)?\s*)?(\d{1,4})(?:\s*(?:di|of|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;

function printedNumber(text: string): number | null {
  const m = PAGE_NUMBER.exec(text.replace(/<[^>]{0,20}>/g, '').trim());
  return m ? Number(m[1]) : null;
}

class BodyReader implements WordHandlers {
  readonly lines: LaidLine[] = [];
  readonly breaks: Break[] = [];
  /** w:type of every section, in order (null: not said, which means nextPage). */
  readonly sections: (string | null)[] = [];
  private readonly paragraphs: Paragraph[] = [];
  private tableDepth = 0;
  private textboxDepth = 0;
  /** A legacy form's check box being read (w:ffData/w:checkBox). */
  private checkBox: CheckBoxField | null = null;
  private tableCount = 0;
  private tableId: number | null = null;
  private row: Row | null = null;
  private section: number | null = null;
  sawBody = false;

  constructor(
    private readonly styles: Styles,
    private readonly numbering: Numbering,
  ) {}

  open(el: WordElement, parents: readonly string[]): void {
    const parent = parents[parents.length - 1];
    const para = this.paragraphs[this.paragraphs.length - 1];
    switch (el.name) {
      case 'p':
        this.paragraphs.push({ items: [], style: null, pageBreakBefore: null, numId: null, ilvl: null, section: null, run: null, textbox: [] });
        return;
      case 'r':
        if (para) para.run = { style: null, italic: null, bold: null };
        return;
      case 'rStyle':
      case 'i':
      case 'b':
        if (para?.run && parent === 'rPr' && parents[parents.length - 2] === 'r') {
          if (el.name === 'rStyle') para.run.style = el.attr('val') ?? null;
          else if (el.name === 'i') para.run.italic = isOn(el.attr('val'));
          else para.run.bold = isOn(el.attr('val'));
        }
        return;
      case 'pStyle':
        if (para && parent === 'pPr') para.style = el.attr('val') ?? null;
        return;
      case 'pageBreakBefore':
        if (para && parent === 'pPr') para.pageBreakBefore = isOn(el.attr('val'));
        return;
      case 'numId':
      case 'ilvl':
        if (para && parent === 'numPr' && parents[parents.length - 2] === 'pPr') {
          if (el.name === 'numId') para.numId = el.attr('val') ?? null;
          else para.ilvl = Number.parseInt(el.attr('val') ?? '0', 10) || 0;
        }
        return;
      case 'sectPr':
        if (parent === 'pPr' || parent === 'body') {
          this.section = this.sections.push(null) - 1;
          if (parent === 'pPr' && para) para.section = this.section;
        }
        return;
      case 'type':
        if (parent === 'sectPr' && this.section !== null) this.sections[this.section] = el.attr('val') ?? null;
        return;
      case 'tab':
      case 'ptab':
      case 'cr':
        if (parent === 'r') this.addText(' ');
        return;
      case 'noBreakHyphen':
        if (parent === 'r') this.addText('-');
        return;
      case 'br':
        if (parent === 'r') this.addMark(el.attr('type') === 'page' ? 'page' : 'line');
        return;
      case 'lastRenderedPageBreak':
        if (parent === 'r') this.addMark('rendered');
        return;
      case 'sym':
        if (parent === 'r') this.addText(symbolText(el.attr('font'), el.attr('char')));
        return;
      case 'checkBox':
        if (parent === 'ffData') this.checkBox = new CheckBoxField();
        return;
      case 'default':
      case 'checked':
        if (parent === 'checkBox' && this.checkBox) {
          if (el.name === 'default') this.checkBox.setDefault(isOn(el.attr('val')));
          else this.checkBox.setChecked(isOn(el.attr('val')));
        }
        return;
      case 'txbxContent':
        this.textboxDepth++;
        return;
      case 'body':
        this.sawBody = true;
        return;
    }
    if (this.textboxDepth > 0) return; // a table in a text box is only its paragraphs
    switch (el.name) {
      case 'tbl':
        this.tableDepth++;
        return;
      case 'tr':
        if (this.tableDepth === 1) {
          this.row = { cells: [], before: 0, after: 0, hasText: false, cell: null, breakBefore: new Set(), breakAfter: new Set() };
        }
        return;
      case 'gridBefore':
      case 'gridAfter':
        if (this.tableDepth === 1 && this.row && parent === 'trPr') {
          const n = Math.max(0, Math.min(MAX_SPAN, Number.parseInt(el.attr('val') ?? '0', 10) || 0));
          if (el.name === 'gridBefore') this.row.before = n;
          else this.row.after = n;
        }
        return;
      case 'tc':
        if (this.tableDepth === 1 && this.row) this.row.cell = { paragraphs: [], span: 1, continued: false };
        return;
      case 'gridSpan':
      case 'vMerge':
      case 'hMerge': {
        const cell = this.row?.cell;
        if (this.tableDepth !== 1 || !cell || parent !== 'tcPr') return;
        const val = el.attr('val');
        if (el.name === 'gridSpan') cell.span = Math.max(1, Math.min(MAX_SPAN, Number.parseInt(val ?? '1', 10) || 1));
        else if (val === undefined || val === 'continue') cell.continued = true;
        return;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'p': {
        const para = this.paragraphs.pop();
        if (para) this.endParagraph(para);
        return;
      }
      case 'r': {
        const para = this.paragraphs[this.paragraphs.length - 1];
        if (para) para.run = null;
        return;
      }
      case 'sectPr':
        this.section = null;
        return;
      case 'txbxContent':
        this.textboxDepth--;
        return;
      case 'checkBox':
        if (this.checkBox) this.addText(this.checkBox.text);
        this.checkBox = null;
        return;
    }
    if (this.textboxDepth > 0) return;
    switch (name) {
      case 'tbl':
        this.tableDepth--;
        if (this.tableDepth === 0) this.tableId = null;
        return;
      case 'tc': {
        const row = this.row;
        if (this.tableDepth !== 1 || !row?.cell) return;
        const { cell } = row;
        row.cells.push(cell.continued ? '' : cell.paragraphs.join(' '));
        for (let k = 1; k < cell.span; k++) row.cells.push('');
        row.cell = null;
        return;
      }
      case 'tr':
        if (this.tableDepth === 1 && this.row) this.endRow(this.row);
        this.row = this.tableDepth === 1 ? null : this.row;
        return;
    }
  }

  text(text: string, open: readonly string[]): void {
    if (open[open.length - 1] !== 't' || open[open.length - 2] !== 'r') return;
    // A tab or a newline written as a character: a space, as w:tab is (a tab separates cells).
    this.addText(/[\t\n\r]/.test(text) ? text.replace(/[\t\n\r]/g, ' ') : text);
  }

  private addText(text: string): void {
    const para = this.paragraphs[this.paragraphs.length - 1];
    const run = para?.run;
    if (!run || text === '') return;
    const style = run.style === null ? null : this.styles.run(run.style);
    const italic = run.italic ?? style?.italic ?? false;
    const bold = run.bold ?? style?.bold ?? false;
    const last = para.items[para.items.length - 1];
    if (last && isPiece(last) && last.italic === italic && last.bold === bold) last.text += text;
    else para.items.push({ text, italic, bold });
  }

  private addMark(mark: Mark): void {
    this.paragraphs[this.paragraphs.length - 1]?.items.push({ mark });
  }

  private endParagraph(para: Paragraph): void {
    // A list item: its marker ("•", "1.", "a)") as the page shows it, before its text.
    const list = para.numId === null || para.ilvl === null ? this.styles.list(para.style) : null;
    const numId = para.numId ?? list?.numId ?? null;
    if (numId !== null && numId !== '0') {
      const marker = this.numbering.next(numId, para.ilvl ?? list?.ilvl ?? 0);
      const first = para.items.findIndex((item) => isPiece(item) && hasVisible(item.text));
      if (marker !== '' && first >= 0) para.items.splice(first, 0, { text: `${marker} `, italic: false, bold: false });
    }
    if (this.textboxDepth > 0) {
      // A text box's paragraph: its text follows the paragraph the box is anchored in.
      const text = render(para.items.filter(isPiece));
      const anchor = this.paragraphs[this.paragraphs.length - 1];
      const texts = [text, ...para.textbox].filter(hasVisible);
      if (anchor) anchor.textbox.push(...texts);
      else for (const t of texts) this.lines.push({ text: t, page: null });
      return;
    }
    if (this.tableDepth > 0) this.endCellParagraph(para);
    else this.endBodyParagraph(para);
  }

  /** A paragraph of a cell (or of a table nested in it): one more piece of the cell's text. */
  private endCellParagraph(para: Paragraph): void {
    const row = this.row;
    if (!row) return;
    const pieces: Piece[] = [];
    for (const item of para.items) {
      if (isPiece(item)) pieces.push(item);
      else if (item.mark !== 'line') {
        // A page break in a row: the row starts the page if nothing of it came before.
        const seen = row.hasText || pieces.some((p) => hasVisible(p.text));
        (seen ? row.breakAfter : row.breakBefore).add(item.mark);
      } else pieces.push({ text: ' ', italic: false, bold: false });
    }
    const text = render(pieces);
    const texts = [text, ...para.textbox].filter(hasVisible);
    if (texts.length === 0) return;
    row.hasText = true;
    row.cell?.paragraphs.push(...texts);
  }

  private endRow(row: Row): void {
    const cells = [...Array<string>(row.before).fill(''), ...row.cells, ...Array<string>(row.after).fill('')];
    if (cells.length === 0) return;
    this.tableId ??= ++this.tableCount;
    for (const mark of row.breakBefore) this.breaks.push({ at: this.lines.length, kind: mark });
    this.lines.push({ text: cells.join('\t'), page: null, cells, table: this.tableId });
    for (const mark of row.breakAfter) this.breaks.push({ at: this.lines.length, kind: mark });
  }

  /**
   * A paragraph of the body: one line, or one line per stretch between its line breaks (a
   * manual line break is a new line, as on the page; "Sub-Allegato 2.1 / Punti 59 / ..." are
   * lines of one paragraph). Page breaks inside it go between its lines; Word's rendered page
   * breaks do not cut it (where the layout happened to turn the page is not a line break): the
   * paragraph is on the page where it starts.
   */
  private endBodyParagraph(para: Paragraph): void {
    if (para.pageBreakBefore ?? this.styles.pageBreakBefore(para.style)) this.breaks.push({ at: this.lines.length, kind: 'before' });
    let renderedAfter = 0;
    let textSeen = false;
    const segments: { pieces: Piece[]; breaks: 'page'[] }[] = [{ pieces: [], breaks: [] }];
    for (const item of para.items) {
      const current = segments[segments.length - 1]!;
      if (isPiece(item)) {
        current.pieces.push(item);
        textSeen ||= hasVisible(item.text);
      } else if (item.mark === 'line') segments.push({ pieces: [], breaks: [] });
      else if (item.mark === 'rendered') {
        if (textSeen) renderedAfter++;
        else this.breaks.push({ at: this.lines.length, kind: 'rendered' });
      } else {
        // A page break ends the current line: what follows it is the next page's.
        current.breaks.push(item.mark);
        segments.push({ pieces: [], breaks: [] });
      }
    }
    const texts = segments.map((s) => render(s.pieces));
    const first = texts.findIndex((t) => t !== '');
    const last = texts.length - 1 - [...texts].reverse().findIndex((t) => t !== '');
    segments.forEach((s, k) => {
      const emit = first < 0 ? k === 0 : k >= first && k <= last;
      // An empty stretch next to a page break is not a line of its own.
      if (emit && (texts[k] !== '' || first < 0 || s.breaks.length === 0)) this.lines.push({ text: texts[k]!, page: null });
      for (const mark of s.breaks) this.breaks.push({ at: this.lines.length, kind: mark });
    });
    for (const t of para.textbox) this.lines.push({ text: t, page: null });
    for (let k = 0; k < renderedAfter; k++) this.breaks.push({ at: this.lines.length, kind: 'rendered' });
    if (para.section !== null) this.breaks.push({ at: this.lines.length, kind: 'section', section: para.section });
  }

  /** Pages, page numbers and table reports, once the whole body is read. */
  finish(): LaidDocument {
    const { lines } = this;
    // A section break starts a page unless the section after it says continuous (or next column).
    const startsPage = (b: Break) => {
      if (b.kind !== 'section') return true;
      const next = this.sections[b.section! + 1] ?? null;
      return next !== 'continuous' && next !== 'nextColumn';
    };
    const explicit = this.breaks.filter((b) => b.kind !== 'rendered' && startsPage(b));
    const candidates = explicit.length > 0 ? explicit : this.breaks.filter((b) => b.kind === 'rendered');
    const active: Break[] = [];
    for (const b of candidates) {
      const previous = active[active.length - 1]?.at ?? 0;
      // "Page break before" and Word's layout hints start a page only if the page has begun.
      if ((b.kind === 'before' || b.kind === 'rendered') && b.at <= previous) continue;
      active.push(b);
    }
    let page = 1;
    let next = 0;
    const pageEnds: number[] = [];
    for (let n = 0; n < lines.length; n++) {
      while (next < active.length && active[next]!.at <= n) {
        pageEnds.push(active[next]!.at);
        page++;
        next++;
      }
      lines[n]!.page = page;
    }
    for (; next < active.length; next++) {
      pageEnds.push(active[next]!.at);
      page++;
    }
    pageEnds.push(lines.length);

    // The printed page number: the page's last non-empty line, when it is a paragraph that holds only a number.
    let start = 0;
    for (const end of pageEnds) {
      for (let n = end - 1; n >= start; n--) {
        const line = lines[n]!;
        if (!hasVisible(line.text)) continue;
        const printed = line.cells ? null : printedNumber(line.text);
        if (printed !== null) line.role = { kind: 'page-number', printed };
        break;
      }
      start = Math.max(start, end);
    }

    const tables = new Map<number, TableReport>();
    lines.forEach((line, n) => {
      if (line.table === undefined) return;
      const p = line.page!;
      const t = tables.get(line.table);
      if (!t) {
        tables.set(line.table, { table: line.table, pages: [p, p], rows: 1, columns: line.cells?.length ?? 0, method: 'markup', accuracy: 1, line: n + 1 });
      } else {
        t.pages[1] = p;
        t.rows++;
        t.columns = Math.max(t.columns, line.cells?.length ?? 0);
      }
    });
    return { format: 'docx', pages: page, lines, tables: [...tables.values()] };
  }
}

export async function readDocx(bytes: Uint8Array, file: string): Promise<LaidDocument> {
  try {
    const parts = zipEntries(bytes, file, [DOCUMENT, STYLES, NUMBERING]);
    const document = parts.get(DOCUMENT);
    if (!document) throw damaged(file, `it has no ${DOCUMENT}, the document's body`);
    const stylesXml = parts.get(STYLES);
    const styles = stylesXml ? readStyles(xmlText(stylesXml), file) : NO_STYLES;
    const numberingXml = parts.get(NUMBERING);
    const numbering = numberingXml ? readNumbering(xmlText(numberingXml), file) : NO_NUMBERING;
    const reader = new BodyReader(styles, numbering);
    parseWordXml(xmlText(document), DOCUMENT, file, SKIP, reader);
    if (!reader.sawBody) throw damaged(file, `${DOCUMENT} has no w:body: it is not a WordprocessingML document`);
    return reader.finish();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw damaged(file, `reading it failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
