// One annex file as the later stages see it: its lines, which of them are page furniture or
// page numbers (left out of every record), its table rows and the page of each line. It is
// built either from a text file (tables and pages found by scanning the text) or from the
// document model a PDF or Word front end laid out (pipeline/document/model.ts), where tables,
// pages and furniture are already known.
import type { LaidDocument, SourceFormat } from '../document/model.js';
import { firstAtOrAfter } from './bisect.js';
import { decodeAnnex, type DecodedText } from './decode.js';
import { findFurniture } from './furniture.js';
import { findPagination, type Pagination } from './pages.js';
import { scanTables, type TableRow, type TableScan } from './tables.js';

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
  decoded: Omit<DecodedText, 'lines'>;
  text(line: number): string;
  kind(line: number): LineKind;
  isContent(line: number): boolean;
}

export function readDocument(bytes: Uint8Array, file: string): AnnexDocument {
  const decoded = decodeAnnex(bytes, file);
  return documentOf(decoded, file);
}

function accessors(lines: readonly string[], kinds: readonly LineKind[]) {
  return {
    text: (n: number) => lines[n - 1] ?? '',
    kind: (n: number) => kinds[n - 1] ?? 'blank',
    isContent: (n: number) => kinds[n - 1] === 'content',
  };
}

export function documentOf(decoded: DecodedText, file: string): AnnexDocument {
  const { lines } = decoded;
  const pagination = findPagination(lines);
  const furniture = findFurniture(lines, new Set(pagination.numberLines.keys()));
  const kinds: LineKind[] = lines.map((text, i) => {
    const n = i + 1;
    if (pagination.numberLines.has(n)) return 'page';
    if (furniture.lines.has(n)) return 'furniture';
    if (!/\S/.test(text)) return 'blank';
    return 'content';
  });
  const tables = scanTables(lines, (n) => kinds[n - 1] === 'page' || kinds[n - 1] === 'furniture');
  const { lines: _omit, ...rest } = decoded;
  void _omit;
  return {
    file, format: 'text', lines, kinds, pagination, pageStarts: [], furnitureStrings: furniture.strings, tables, decoded: rest,
    ...accessors(lines, kinds),
  };
}

/**
 * Pages of a laid-out document: every line's page is known, and records carry it. The printed
 * numbers (the page-number lines the front end found) say how the annex numbers its own pages,
 * which is what a table of contents refers to: the offset most of them agree on maps a page to
 * its print.
 */
function laidPagination(laid: LaidDocument): { pagination: Pagination; pageStarts: { line: number; page: number }[] } {
  const pageStarts: { line: number; page: number }[] = [];
  const numberLines = new Map<number, number>();
  const offsets = new Map<number, number>();
  laid.lines.forEach((l, i) => {
    if (l.page !== null && pageStarts[pageStarts.length - 1]?.page !== l.page) pageStarts.push({ line: i + 1, page: l.page });
    if (l.role?.kind === 'page-number' && l.page !== null) {
      numberLines.set(i + 1, l.role.printed);
      const d = l.role.printed - l.page;
      offsets.set(d, (offsets.get(d) ?? 0) + 1);
    }
  });
  const best = [...offsets].sort((a, b) => b[1] - a[1])[0];
  const offset = best && best[1] * 2 > numberLines.size ? best[0] : 0;
  const physical = (line: number): number | null => {
    const i = firstAtOrAfter(pageStarts, line + 1) - 1;
    return pageStarts[i]?.page ?? null;
  };
  const printed = (line: number) => {
    const p = physical(line);
    return p === null ? null : p + offset;
  };
  return {
    pageStarts,
    pagination: {
      numberLines,
      pageOf: physical,
      boundsOf: (line) => [physical(line), physical(line)],
      printedPageOf: printed,
    },
  };
}

/** The reader's view of a document a PDF or Word front end laid out. */
export function documentOfLaid(laid: LaidDocument, file: string): AnnexDocument {
  const lines = laid.lines.map((l) => l.text);
  const kinds: LineKind[] = laid.lines.map((l) => {
    if (l.role?.kind === 'page-number') return 'page';
    if (l.role?.kind === 'furniture') return 'furniture';
    return /\S/.test(l.text) ? 'content' : 'blank';
  });
  const rows: TableRow[] = [];
  laid.lines.forEach((l, i) => {
    if (l.cells && kinds[i] === 'content') rows.push({ line: i + 1, cells: l.cells, table: l.table ?? 0, lines: [i + 1] });
  });
  const rowAt = new Map<number, TableRow>(rows.map((r) => [r.line, r]));
  const furnitureStrings = [...new Set(laid.lines.filter((l) => l.role?.kind === 'furniture').map((l) => l.text.trim()))];
  const { pagination, pageStarts } = laidPagination(laid);
  return {
    file, format: laid.format, lines, kinds, pagination, pageStarts, furnitureStrings,
    tables: { rows, markup: new Set(), rowAt },
    decoded: { encoding: 'utf-8', bom: false, lineEnding: 'none' },
    ...accessors(lines, kinds),
  };
}
