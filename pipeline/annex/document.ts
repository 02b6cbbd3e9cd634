// One annex file as the later stages see it: its lines, which of them are page furniture or
// page numbers (left out of every record), its table rows and the page of each line. It is
// built either from a text file (tables and pages found by scanning the text) or from the
// document model a PDF or Word front end laid out (pipeline/document/model.ts), where tables,
// pages and furniture are already known.
import type { LaidDocument, SourceFormat, TableReport } from '../document/model.js';
import { firstAtOrAfter } from './bisect.js';
import { decodeAnnex, type DecodedText } from './decode.js';
import { findFurniture } from './furniture.js';
import { findPagination, type Pagination } from './pages.js';
import { foldVisible, visibleText } from '../../shared/text.js';
import { textStart } from './spaces.js';
import { scanTables, tableRow, type TableRow, type TableScan } from './tables.js';

export type LineKind = 'blank' | 'furniture' | 'page' | 'content';

export interface AnnexDocument {
  file: string;
  format: SourceFormat;
  lines: readonly string[]; // index = line - 1
  kinds: readonly LineKind[];
  pagination: Pagination;
  /** First line of each page, when the source has pages (PDF, paginated Word file). */
  pageStarts: { line: number; page: number }[];
  furnitureStrings: string[];
  tables: TableScan;
  /** How each table of a PDF or Word file was found, and how sure the reader is. */
  tableReports: TableReport[];
  /** Pages of a PDF with no text at all (scanned), and how many pages it has. */
  textless?: { pages: number[]; of: number };
  decoded: Omit<DecodedText, 'lines'>;
  text(line: number): string;
  /**
   * The line's visible text (visibleText of text(line)), cleaned the first time a stage asks
   * and kept by line number for every stage after: no stage cleans a line again, and no line is
   * looked up by its content.
   */
  visible(line: number): string;
  /** The line's folded form (foldText of text(line)), kept as its visible text is. */
  folded(line: number): string;
  kind(line: number): LineKind;
  isContent(line: number): boolean;
}

export function readDocument(bytes: Uint8Array, file: string): AnnexDocument {
  const decoded = decodeAnnex(bytes, file);
  return documentOf(decoded, file);
}

function accessors(lines: readonly string[], kinds: readonly LineKind[]) {
  const visibles: (string | undefined)[] = new Array(lines.length);
  const foldeds: (string | undefined)[] = new Array(lines.length);
  const inside = (n: number) => n >= 1 && n <= lines.length;
  const visible = (n: number) => visibles[n - 1] ?? (inside(n) ? (visibles[n - 1] = visibleText(lines[n - 1]!)) : '');
  return {
    text: (n: number) => lines[n - 1] ?? '',
    visible,
    folded: (n: number) => foldeds[n - 1] ?? (inside(n) ? (foldeds[n - 1] = foldVisible(visible(n))) : ''),
    kind: (n: number) => kinds[n - 1] ?? 'blank',
    isContent: (n: number) => kinds[n - 1] === 'content',
  };
}

export function documentOf(decoded: DecodedText, file: string): AnnexDocument {
  const { lines } = decoded;
  const pagination = findPagination(lines);
  const furniture = findFurniture(lines, new Set(pagination.numberLines.keys()));
  // Each line blank or content by its text, then the few furniture and page-number lines set over
  // them, rather than two set lookups for every line (a page number's kind goes last: it wins).
  const kinds: LineKind[] = lines.map((text) => (textStart(text) < 0 ? 'blank' : 'content'));
  for (const n of furniture.lines) kinds[n - 1] = 'furniture';
  for (const n of pagination.numberLines.keys()) kinds[n - 1] = 'page';
  const tables = scanTables(lines, (n) => kinds[n - 1] === 'page' || kinds[n - 1] === 'furniture');
  const { lines: _omit, ...rest } = decoded;
  void _omit;
  return {
    file, format: 'text', lines, kinds, pagination, pageStarts: [], furnitureStrings: furniture.strings, tables, tableReports: [], decoded: rest,
    ...accessors(lines, kinds),
  };
}

/**
 * Pages of a laid-out document: every line's page is known, and records carry it. The numbers
 * printed on the pages (the page-number lines the front end found) are the annex's own
 * numbering, which a table of contents refers to: a page without one lies between the numbers
 * printed before and after it (a rendering may split or join the annex's pages, so nothing
 * closer can be said).
 */
function laidPagination(laid: LaidDocument): { pagination: Pagination; pageStarts: { line: number; page: number }[] } {
  const pageStarts: { line: number; page: number }[] = [];
  const numberLines = new Map<number, number>();
  const numbered: { page: number; printed: number }[] = [];
  laid.lines.forEach((l, i) => {
    if (l.page !== null && pageStarts[pageStarts.length - 1]?.page !== l.page) pageStarts.push({ line: i + 1, page: l.page });
    if (l.role?.kind === 'page-number' && l.page !== null) {
      numberLines.set(i + 1, l.role.printed);
      if (numbered[numbered.length - 1]?.page !== l.page) numbered.push({ page: l.page, printed: l.role.printed });
    }
  });
  const physical = (line: number): number | null => pageStarts[firstAtOrAfter(pageStarts, line + 1) - 1]?.page ?? null;
  const printedBounds = (line: number): [number | null, number | null] => {
    const page = physical(line);
    if (page === null) return [null, null];
    const i = firstAtOrAfter(numbered.map((n) => ({ line: n.page })), page);
    const at = numbered[i];
    if (at && at.page === page) return [at.printed, at.printed];
    return [numbered[i - 1]?.printed ?? null, at?.printed ?? null];
  };
  return {
    pageStarts,
    pagination: {
      numberLines,
      pageOf: physical,
      boundsOf: (line) => [physical(line), physical(line)],
      printed: {
        pageOf: (line) => {
          const [low, high] = printedBounds(line);
          return low !== null && low === high ? low : null;
        },
        boundsOf: printedBounds,
      },
    },
  };
}

/**
 * Of the lines the text heuristics take for furniture, those among the first or last three with
 * text on their page, and those in a run of such lines reaching one (a block of furniture a
 * converter left a few lines from the break). Repeated list items in mid-page stay content.
 */
function furnitureNearPageBreaks(laid: LaidDocument, candidates: ReadonlySet<number>, reach = 3): Set<number> {
  const byPage = new Map<number | null, number[]>();
  laid.lines.forEach((l, i) => {
    if (l.text.trim() !== '') byPage.set(l.page, [...(byPage.get(l.page) ?? []), i + 1]);
  });
  const accepted = new Set<number>();
  for (const lines of byPage.values()) {
    const isCandidate = (n: number) => candidates.has(n) && !laid.lines[n - 1]!.cells;
    for (const n of [...lines.slice(0, reach), ...lines.slice(-reach)]) if (isCandidate(n)) accepted.add(n);
    // Spread along runs of candidates (text lines in order on the page).
    for (const order of [lines, [...lines].reverse()]) {
      let inRun = false;
      for (const n of order) {
        if (accepted.has(n)) inRun = true;
        else if (inRun && isCandidate(n)) accepted.add(n);
        else inRun = false;
      }
    }
  }
  return accepted;
}

/**
 * The reader's view of a document a front end laid out; `decoded` says how a text input was
 * decoded (a PDF or Word file has no encoding of its own to report).
 */
export function documentOfLaid(laid: LaidDocument, file: string, decoded: Omit<DecodedText, 'lines'> = { encoding: 'utf-8', bom: false, lineEnding: 'none' }): AnnexDocument {
  const lines = laid.lines.map((l) => l.text);
  const { pagination, pageStarts } = laidPagination(laid);
  // Pages that are only explicit breaks (a Word file's) may hold many printed pages: their
  // printed numbers are read as in a text (a number ends its page), and furniture may stand
  // anywhere on them.
  const paged = (laid.paging ?? (laid.format === 'pdf' ? 'rendered' : 'breaks')) === 'rendered';
  if (!paged) pagination.printed = findPagination(lines);
  // Furniture the front end could not place (text repeated near page breaks, not at one spot)
  // is found as in a text file, among the lines that open or close a page.
  const candidates = findFurniture(lines, new Set(pagination.numberLines.keys())).lines;
  const byText = paged ? furnitureNearPageBreaks(laid, candidates) : new Set([...candidates].filter((n) => !laid.lines[n - 1]!.cells));
  const kinds: LineKind[] = laid.lines.map((l, i) => {
    if (l.role?.kind === 'page-number') return 'page';
    if (l.role?.kind === 'furniture' || byText.has(i + 1)) return 'furniture';
    return textStart(l.text) < 0 ? 'blank' : 'content';
  });
  const rows: TableRow[] = [];
  laid.lines.forEach((l, i) => {
    if (l.cells && kinds[i] === 'content') rows.push(tableRow(i + 1, l.cells, l.table ?? 0, [i + 1]));
  });
  const rowAt = new Map<number, TableRow>(rows.map((r) => [r.line, r]));
  const furnitureStrings = [...new Set(laid.lines.filter((_, i) => kinds[i] === 'furniture').map((l) => l.text.trim()))];
  return {
    file, format: laid.format, lines, kinds, pagination, pageStarts, furnitureStrings,
    tables: { rows, markup: new Set(), rowAt },
    tableReports: laid.tables,
    ...(laid.textless ? { textless: { pages: laid.textless, of: laid.pages ?? laid.textless.length } } : {}),
    decoded,
    ...accessors(lines, kinds),
  };
}
