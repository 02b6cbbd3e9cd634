// One annex file as the later stages see it: its lines, which of them are page furniture or
// page numbers (left out of every record), and its table rows.
import { decodeAnnex, type DecodedText } from './decode.js';
import { findFurniture } from './furniture.js';
import { findPagination, type Pagination } from './pages.js';
import { scanTables, type TableScan } from './tables.js';

export type LineKind = 'blank' | 'furniture' | 'page' | 'content';

export interface AnnexDocument {
  file: string;
  lines: readonly string[]; // index = line - 1
  kinds: readonly LineKind[];
  pagination: Pagination;
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
    file,
    lines,
    kinds,
    pagination,
    furnitureStrings: furniture.strings,
    tables,
    decoded: rest,
    text: (n) => lines[n - 1] ?? '',
    kind: (n) => kinds[n - 1] ?? 'blank',
    isContent: (n) => kinds[n - 1] === 'content',
  };
}
