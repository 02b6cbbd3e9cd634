// Tables without ruling lines ("stream", as Camelot and Tabula call it): a run of lines whose
// text falls into columns separated by gaps wider than any space between words. The columns are
// the stretches of the x axis covered by the block's text, between gaps that run through every
// line of the block. A line close under the previous one, with text only in columns that row
// uses, continues that row's cells (a wrapped cell).
import { median, type Run } from './geometry.js';
import type { GridTable } from './lattice.js';
import { joinLines, type TextLine } from './text-lines.js';

/** A gap wider than this many text sizes separates columns (justified text stays well below it). */
const COLUMN_GAP = 1.6;
/** Fewest rows with two or more columns that make a table. */
const MIN_ROWS = 2;

/** A line's runs cut where a gap is wider than the column gap. */
function chunksOf(line: TextLine): Run[][] {
  const chunks: Run[][] = [[]];
  let prev: Run | null = null;
  for (const run of line.runs) {
    if (prev && run.x - prev.right > COLUMN_GAP * line.size) chunks.push([]);
    chunks[chunks.length - 1]!.push(run);
    prev = run;
  }
  return chunks;
}

/** Column stretches of a block: the union of its chunks' x extents. */
function columnsOf(lines: readonly Run[][][]): [number, number][] {
  const spans = lines.flat().map((c) => [c[0]!.x, Math.max(...c.map((r) => r.right))] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function toGrid(lines: TextLine[], chunks: Run[][][]): GridTable {
  const columns = columnsOf(chunks);
  const columnOf = (chunk: Run[]) => columns.findIndex(([from, to]) => chunk[0]!.x >= from - 1 && chunk[0]!.x <= to);
  const size = median(lines.map((l) => l.size));
  // Cells with padding put more space between rows than between a cell's own lines: then the
  // space alone tells a wrapped cell; without padding only a line that fills fewer columns does.
  const padded = median(lines.slice(1).map((l, i) => l.y - lines[i]!.y)) > 1.35 * size;
  const rows: { top: number; bottom: number; cells: Run[][]; used: Set<number> }[] = [];
  lines.forEach((line, i) => {
    const used = new Set(chunks[i]!.map(columnOf));
    const prev = rows[rows.length - 1];
    const tight = i > 0 && line.y - lines[i - 1]!.y <= 1.3 * size;
    const subset = prev !== undefined && [...used].every((c) => prev.used.has(c));
    const close = prev !== undefined && tight && subset && (padded || used.size < prev.used.size);
    const row = close ? prev : { top: line.top, bottom: line.bottom, cells: columns.map(() => [] as Run[]), used };
    for (const chunk of chunks[i]!) row.cells[columnOf(chunk)]!.push(...chunk);
    row.bottom = line.bottom;
    if (!close) rows.push(row);
  });
  const runs = new Set(chunks.flat(2));
  return {
    top: lines[0]!.top,
    bottom: lines[lines.length - 1]!.bottom,
    left: columns[0]![0],
    right: columns[columns.length - 1]![1],
    columns: [...columns.map((c) => c[0]), columns[columns.length - 1]![1]],
    rows: rows.map((r) => ({ top: r.top, bottom: r.bottom, cells: r.cells.map((c) => joinCell(c)) })),
    openTop: false,
    openBottom: false,
    accuracy: 1,
    runs,
  };
}

/** A cell's runs, line by line. */
function joinCell(runs: Run[]): string {
  const byLine = new Map<number, Run[]>();
  for (const r of runs) byLine.set(Math.round(r.y), [...(byLine.get(Math.round(r.y)) ?? []), r]);
  return joinLines([...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([, rs]) => rs.sort((a, b) => a.x - b.x)));
}

/** The gaps between a line's chunks. */
function gapsOf(chunks: readonly Run[][]): number[] {
  return chunks.slice(1).map((c, i) => c[0]!.x - Math.max(...chunks[i]!.map((r) => r.right)));
}

/** Does the line keep a plain space between two words (inside a run, or a narrow gap between runs)? */
function hasPlainSpace(line: TextLine): boolean {
  return line.runs.some((r, i) => /\S\s+\S/.test(r.text) || (i > 0 && r.x - line.runs[i - 1]!.right > 0.12 * r.size && r.x - line.runs[i - 1]!.right <= COLUMN_GAP * r.size));
}

/**
 * A justified paragraph whose lines end in forced breaks stretches them to both margins, so a
 * line "Progetto        Borgo        Virgilio" has wide gaps yet is no table. Its wide lines
 * all run from the same left to the same right edge, and either spread their gaps evenly or
 * have no plain space left at all (every space was stretched), where a table's cells keep theirs.
 */
function isJustifiedText(lines: readonly TextLine[], chunks: readonly Run[][][]): boolean {
  const wide = lines.map((l, i) => ({ l, c: chunks[i]! })).filter((x) => x.c.length >= 2);
  const left = Math.min(...wide.map((x) => x.l.x));
  const right = Math.max(...wide.map((x) => x.l.right));
  const spanning = wide.every((x) => Math.abs(x.l.x - left) <= 2 && Math.abs(x.l.right - right) <= 2);
  const evenly = wide.some((x) => {
    const gaps = gapsOf(x.c);
    return gaps.length >= 2 && Math.max(...gaps) - Math.min(...gaps) <= 1;
  });
  const stretched = wide.every((x) => !hasPlainSpace(x.l));
  return spanning && (evenly || stretched);
}

/**
 * Blocks of consecutive lines where at least MIN_ROWS lines have two or more columns; a
 * single-column line between such lines (a wrapped cell) stays in the block when it is close.
 */
export function streamTables(lines: readonly TextLine[]): { table: GridTable; lines: TextLine[] }[] {
  const chunks = lines.map(chunksOf);
  const out: { table: GridTable; lines: TextLine[] }[] = [];
  let i = 0;
  while (i < lines.length) {
    if (chunks[i]!.length < 2) {
      i++;
      continue;
    }
    let j = i + 1;
    let last = i;
    while (j < lines.length && lines[j]!.y - lines[j - 1]!.y <= 2.2 * lines[j]!.size) {
      if (chunks[j]!.length >= 2) last = j;
      else if (j - last > 3) break;
      j++;
    }
    const block = lines.slice(i, last + 1);
    const multi = chunks.slice(i, last + 1).filter((c) => c.length >= 2).length;
    if (multi >= MIN_ROWS && !isJustifiedText(block, chunks.slice(i, last + 1))) out.push({ table: toGrid(block, chunks.slice(i, last + 1)), lines: block });
    i = last + 1;
  }
  return out;
}
