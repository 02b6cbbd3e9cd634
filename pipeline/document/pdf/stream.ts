// Tables without ruling lines ("stream", as Camelot and Tabula call it). A candidate block is a
// run of close lines where several have a gap far wider than a space; its columns are the
// "rivers" of the block: stretches of the x axis no word of any of its lines crosses, wide gaps
// in at least two lines. A line close under the previous one, with text only in columns that row
// uses, continues that row's cells (a wrapped cell).
import type { Run } from './geometry.js';
import type { GridTable } from './lattice.js';
import { cellFit, joinLines, wordsOf, type TextLine, type Word } from './text-lines.js';

/** A gap wider than this many text sizes may separate columns (a space is about a quarter). */
const WIDE_GAP = 0.7;
/** Fewest lines with text in two columns or more that make a table. */
const MIN_ROWS = 2;

const LIST_MARKER = /^([-–—•◦▪▫■□*✓✔➢►→]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])$/;

/**
 * Gaps between consecutive words wider than WIDE_GAP sizes: [from, to]. A line whose spaces are
 * all alike has none: it is justified text, however wide its spaces were stretched.
 */
function wideGaps(words: readonly Word[], size: number): [number, number][] {
  const spaces = words.slice(1).map((w, i) => w.x - words[i]!.right);
  if (spaces.length >= 2 && Math.max(...spaces) - Math.min(...spaces) <= 0.15 * size) return [];
  const out: [number, number][] = [];
  // The indent after a list bullet or an item's letter or number is no column gap.
  const marker = words.length > 1 && opensWithMarker(words);
  for (let i = marker ? 2 : 1; i < words.length; i++) {
    if (words[i]!.x - words[i - 1]!.right > WIDE_GAP * size) out.push([words[i - 1]!.right, words[i]!.x]);
  }
  return out;
}

/** How many lines have a word between two boundaries (-Infinity / Infinity at the ends). */
function linesBetween(words: readonly Word[][], from: number, to: number): number {
  return words.filter((ws) => ws.some((w) => (w.x + w.right) / 2 > from && (w.x + w.right) / 2 < to)).length;
}

/**
 * Column boundaries of a block: the middles of the stretches no word crosses, that are a wide gap
 * in every line that has words on both sides. In a block of three rows or more, a column only
 * one line writes in (a word sticking out between two rivers) is no column: the narrower of its
 * two rivers goes.
 */
function boundariesOf(words: readonly Word[][], gaps: readonly [number, number][][]): number[] {
  const all = words.flat().sort((a, b) => a.x - b.x);
  const rivers: [number, number][] = [];
  let reach = all[0]?.right ?? 0;
  for (const w of all) {
    if (w.x > reach) rivers.push([reach, w.x]);
    reach = Math.max(reach, w.right);
  }
  // A river inside a run (words placed by sharing out its width) is no gutter.
  const runs = [...new Set(words.flat().map((w) => w.run))];
  // Every line with words on both sides of it has a wide gap there (two lines at least, or one
  // when no other line reaches across: a lone row with its wrapped cells).
  const straddling = (from: number, to: number) => words.filter((ws) => ws.some((w) => w.right <= from + 0.5) && ws.some((w) => w.x >= to - 0.5));
  const wideIn = (from: number, to: number) => gaps.filter((line) => line.some(([a, b]) => a <= from + 0.5 && b >= to - 0.5)).length;
  const kept = rivers.filter(([from, to]) => {
    const wide = wideIn(from, to);
    return wide >= Math.min(2, straddling(from, to).length) && wide >= 1 && wide === straddling(from, to).length
      && !runs.some((r) => r.x < (from + to) / 2 && r.right > (from + to) / 2);
  });
  // With three rows or more, a column one line alone writes in is a word sticking out.
  const rows = gaps.filter((g) => g.length > 0).length;
  for (; rows >= 3; ) {
    const edges = [-Infinity, ...kept.map(([a, b]) => (a + b) / 2), Infinity];
    const thin = edges.slice(1).findIndex((to, i) => linesBetween(words, edges[i]!, to) < 2);
    if (thin < 0 || kept.length === 0) break;
    const [left, right] = [kept[thin - 1], kept[thin]];
    const width = (r: [number, number] | undefined) => (r ? r[1] - r[0] : Infinity);
    kept.splice(width(left) <= width(right) ? thin - 1 : thin, 1);
  }
  return kept.map(([from, to]) => (from + to) / 2);
}

/** The gaps of a line that is spread to both margins by justification, not set in columns. */
function isJustifiedText(lines: readonly TextLine[], words: readonly Word[][], gaps: readonly [number, number][][]): boolean {
  const wide = lines.filter((_, i) => gaps[i]!.length > 0);
  if (wide.length === 0) return false;
  const left = Math.min(...wide.map((l) => l.x));
  const right = Math.max(...wide.map((l) => l.right));
  const spanning = wide.every((l) => Math.abs(l.x - left) <= 2 && Math.abs(l.right - right) <= 2);
  // Justification stretches every space of the line alike: no plain space is left, or all gaps are even.
  const stretched = lines.every((l, i) => {
    const ws = words[i]!;
    if (gaps[i]!.length === 0) return true;
    const spaces = ws.slice(1).map((w, k) => w.x - ws[k]!.right);
    return Math.max(...spaces) - Math.min(...spaces) <= 1.5 || spaces.every((s) => s > WIDE_GAP * l.size);
  });
  return spanning && stretched;
}

function toGrid(lines: readonly TextLine[], boundaries: readonly number[]): GridTable {
  // A run is one show-text operation of the producer: it never spans two cells.
  const columnOf = (w: Run) => {
    const mid = (w.x + w.right) / 2;
    let c = 0;
    while (c < boundaries.length && mid > boundaries[c]!) c++;
    return c;
  };
  // The closest two lines are a cell's own lines (or, with no wrapped cell, two rows). Cells
  // with padding put more space between rows: then the space tells a wrapped cell; without
  // padding only a line that fills fewer columns than the row above does.
  const pitches = lines.slice(1).map((l, i) => l.y - lines[i]!.y);
  const leading = pitches.length > 0 ? Math.min(...pitches) : 0;
  const padded = pitches.some((p) => p > leading * 1.2);
  const reach = columnReach(lines, boundaries.length + 1, columnOf);
  const rows: { top: number; bottom: number; cells: Run[][][]; used: Set<number> }[] = [];
  lines.forEach((line, i) => {
    const byColumn = new Map<number, Run[]>();
    for (const run of line.runs) byColumn.set(columnOf(run), [...(byColumn.get(columnOf(run)) ?? []), run]);
    const used = new Set(byColumn.keys());
    const prev = rows[rows.length - 1];
    const tight = i > 0 && line.y - lines[i - 1]!.y <= leading * 1.1;
    const subset = prev !== undefined && [...used].every((c) => prev.used.has(c));
    const wrapped = prev !== undefined && [...byColumn].every(([c, runs]) => overflowed(prev.cells[c]!.at(-1), runs, reach[c]!));
    const close = prev !== undefined && tight && subset && wrapped && !opensWithMarker(wordsOf(line.runs)) && (padded || used.size < prev.used.size);
    const row = close ? prev : { top: line.top, bottom: line.bottom, cells: [...boundaries, 0].map(() => [] as Run[][]), used };
    for (const [c, runs] of byColumn) row.cells[c]!.push(runs);
    row.bottom = line.bottom;
    if (!close) rows.push(row);
  });
  const left = Math.min(...lines.map((l) => l.x));
  const right = Math.max(...lines.map((l) => l.right));
  return {
    top: lines[0]!.top,
    bottom: lines[lines.length - 1]!.bottom,
    left,
    right,
    columns: [left, ...boundaries, right],
    rows: rows.map((r) => ({
      top: r.top,
      bottom: r.bottom,
      cells: r.cells.map((lineRuns) => joinLines(lineRuns)),
      fit: r.cells.map((lineRuns, c) => cellFit(lineRuns, reach[c]!)),
    })),
    openTop: false,
    openBottom: false,
    accuracy: 1,
    runs: new Set(lines.flatMap((l) => l.runs)),
  };
}

/** How far right any text of each column reaches: a cell's text wraps at that edge or beyond. */
function columnReach(lines: readonly TextLine[], columns: number, columnOf: (r: Run) => number): number[] {
  const reach = new Array<number>(columns).fill(-Infinity);
  for (const run of lines.flatMap((l) => l.runs)) reach[columnOf(run)] = Math.max(reach[columnOf(run)]!, run.right);
  return reach;
}

/**
 * A cell's line is carried on the next line only when the next line's first word would not have
 * fitted after it: a short label with a line under it that leaves the amount empty is two rows.
 */
function overflowed(above: readonly Run[] | undefined, below: readonly Run[], reach: number): boolean {
  const [was, next] = [cellFit([above ?? []], reach), cellFit([below], reach)];
  return was !== null && (next === null || was.room < next.lead);
}

/** The first word of the line's first run is a list marker (a bullet, an item's letter or number). */
function opensWithMarker(words: readonly Word[]): boolean {
  const first = words[0];
  return first !== undefined && LIST_MARKER.test(first.run.text.slice(0, 8).trim().split(/\s/)[0] ?? '');
}

/** No run of the line crosses a column edge. */
function fits(line: TextLine, boundaries: readonly number[]): boolean {
  return !line.runs.some((r) => boundaries.some((b) => r.x < b && r.right > b));
}

/**
 * The same lines set in another table's columns (a table that goes on after a page break or a
 * running header, whose own rows were too few to show every column), or null when a word
 * crosses one of those columns' edges.
 */
export function regrid(lines: readonly TextLine[], columns: readonly number[]): GridTable | null {
  const boundaries = columns.slice(1, -1);
  if (!lines.every((l) => fits(l, boundaries))) return null;
  return toGrid(lines, boundaries);
}

/**
 * The cells of a lone line set in the given columns (a table's header left at the foot of the
 * previous page), or null when a run crosses a column edge or fewer than `least` columns are used.
 */
export function cellsInColumns(line: TextLine, columns: readonly number[], least = 2): string[] | null {
  const boundaries = columns.slice(1, -1);
  if (!fits(line, boundaries)) return null;
  const cells: Run[][] = columns.slice(1).map(() => []);
  for (const r of line.runs) cells[boundaries.filter((b) => b < (r.x + r.right) / 2).length]!.push(r);
  const text = cells.map((c) => joinLines([c]));
  return text.filter((t) => t !== '').length >= least ? text : null;
}

/**
 * Blocks of close lines where at least MIN_ROWS lines have a wide gap; up to three lines without
 * one (wrapped cells) may stand between them.
 */
export function streamTables(lines: readonly TextLine[]): { table: GridTable; lines: TextLine[] }[] {
  const words = lines.map((l) => wordsOf(l.runs));
  const gaps = lines.map((l, i) => wideGaps(words[i]!, l.size));
  const out: { table: GridTable; lines: TextLine[] }[] = [];
  let i = 0;
  while (i < lines.length) {
    if (gaps[i]!.length === 0) {
      i++;
      continue;
    }
    const last = lastLineOfBlock(lines, gaps, i);
    const core = lines.slice(i, last + 1);
    const blockWords = words.slice(i, last + 1);
    const blockGaps = gaps.slice(i, last + 1);
    const boundaries = boundariesOf(blockWords, blockGaps);
    const spread = blockWords.filter((ws) => new Set(ws.map((w) => boundaries.filter((b) => b < w.x).length)).size >= 2).length;
    if (boundaries.length === 0 || spread < MIN_ROWS || isJustifiedText(core, blockWords, blockGaps)) {
      i++;
      continue;
    }
    const end = lastRowOf(lines, i, last, boundaries);
    const block = lines.slice(i, end + 1);
    out.push({ table: toGrid(block, boundaries), lines: block });
    i = end + 1;
  }
  return out;
}

/**
 * The block's last row may be followed by its wrapped cells (lines as close as a cell's own
 * lines) and by rows whose other cells are empty (set where the rows' first cells are, one row
 * pitch apart); both keep to the columns.
 */
function lastRowOf(lines: readonly TextLine[], first: number, last: number, boundaries: readonly number[]): number {
  const core = lines.slice(first, last + 1);
  const pitches = core.slice(1).map((l, k) => l.y - core[k]!.y);
  const cellPitch = Math.min(...pitches, 1.3 * core[0]!.size);
  const rowPitch = Math.max(...pitches);
  const left = Math.min(...core.map((l) => l.x));
  let end = last;
  for (; end + 1 < lines.length; end++) {
    const [above, next] = [lines[end]!, lines[end + 1]!];
    const pitch = next.y - above.y;
    const emptyRow = pitch <= rowPitch * 1.05 && Math.abs(next.x - left) <= 1.5 && next.size === core[0]!.size;
    if (!fits(next, boundaries) || !(pitch <= cellPitch * 1.1 || emptyRow)) break;
  }
  return end;
}

/**
 * The last line of the block that opens at `first`: close lines of one type size (a small-print
 * table right above ends it), up to three lines without a wide gap between those with one.
 */
function lastLineOfBlock(lines: readonly TextLine[], gaps: readonly [number, number][][], first: number): number {
  const sameSize = (j: number) => Math.max(lines[j]!.size, lines[first]!.size) <= 1.25 * Math.min(lines[j]!.size, lines[first]!.size);
  let last = first;
  let left = lines[first]!.x;
  for (let j = first + 1; j < lines.length && lines[j]!.y - lines[j - 1]!.y <= 2.2 * lines[j]!.size && sameSize(j); j++) {
    if (gaps[j]!.length > 0) {
      last = j;
      left = Math.min(left, lines[j]!.x);
    } else if (j - last > 3 || lines[j]!.x < left - 2) {
      // A line that starts left of every row is outside the table (a heading between two).
      break;
    }
  }
  return last;
}
