// One page's content -> its blocks in reading order: tables (found from ruling lines, else from
// alignment) and the lines of text around them. Lines are kept as the page shows them here;
// paragraphs are joined once the whole document's margins are known (read-pdf.ts).
import type { PageContent, Run } from './geometry.js';
import { latticeTables, type GridTable } from './lattice.js';
import { streamTables } from './stream.js';
import { linesOf, type TextLine } from './text-lines.js';

export type Block =
  | { kind: 'line'; line: TextLine; top: number; bottom: number }
  | { kind: 'table'; table: GridTable; method: 'lattice'; top: number; bottom: number }
  | { kind: 'table'; table: GridTable; method: 'stream'; lines: TextLine[]; top: number; bottom: number };

export interface PageLayout {
  page: number;
  height: number;
  blocks: Block[];
}

export function layoutPage(content: PageContent): PageLayout {
  const lattice = latticeTables(content.rulings, content.runs);
  const inLattice = new Set<Run>(lattice.flatMap((t) => [...t.runs]));
  const freeLines = linesOf(content.runs.filter((r) => !inLattice.has(r)));
  for (const line of freeLines) {
    line.bullet = content.marks.some((m) => m.right <= line.x + 1 && m.right >= line.x - 3 * line.size && (m.top + m.bottom) / 2 >= line.top && (m.top + m.bottom) / 2 <= line.bottom);
  }
  const stream = streamTables(freeLines);
  const inStream = new Set<TextLine>(stream.flatMap((t) => t.lines));
  const blocks: Block[] = [
    ...lattice.map((table) => ({ kind: 'table' as const, table, method: 'lattice' as const, top: table.top, bottom: table.bottom })),
    ...stream.map(({ table, lines }) => ({ kind: 'table' as const, table, method: 'stream' as const, lines, top: table.top, bottom: table.bottom })),
    ...freeLines.filter((l) => !inStream.has(l)).map((line) => ({ kind: 'line' as const, line, top: line.top, bottom: line.bottom })),
  ];
  blocks.sort((a, b) => a.top - b.top);
  return { page: content.page, height: content.height, blocks };
}
