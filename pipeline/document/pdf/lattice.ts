// Tables from ruling lines ("lattice", as Camelot and Tabula call it). The ruling lines that
// touch each other form one table; their distinct x and y positions are the grid. In each row
// band, a column edge with no line drawn across the band means the cell spans it (its text goes
// to the first of the spanned columns, the others stay empty, as a spanning HTML cell does).
// Each text run goes to the cell that holds its middle; a cell's lines are one cell.
import { clusterPositions, type Rulings, type Run, type Segment } from './geometry.js';
import { cellFit, joinLines, linesOf, type CellFit } from './text-lines.js';

/** Positions closer than this (points) are the same edge: producers draw borders per cell. */
const SNAP = 2;

export interface GridTable {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Column edges, left to right. */
  columns: number[];
  /** Each cell's text, and how it sits in its column (null: an empty cell). */
  rows: { top: number; bottom: number; cells: string[]; fit: (CellFit | null)[] }[];
  /**
   * The frame's vertical lines run past its first or last horizontal one: the table was cut
   * there by a page break, and its first or last row goes on across it.
   */
  openTop: boolean;
  openBottom: boolean;
  /** Runs placed in a cell / runs inside the table's frame (how sure the reading is). */
  accuracy: number;
  runs: Set<Run>;
}

/** Collinear pieces (one per cell, as most producers draw them) become one segment. */
function mergeSegments(segments: readonly Segment[]): Segment[] {
  const byLine = new Map<number, Segment[]>();
  const lines = clusterPositions(segments.map((s) => s.at), SNAP);
  const lineOf = (at: number) => lines.reduce((best, l) => (Math.abs(l - at) < Math.abs(best - at) ? l : best), lines[0]!);
  for (const s of segments) {
    const at = lineOf(s.at);
    byLine.set(at, [...(byLine.get(at) ?? []), s]);
  }
  const out: Segment[] = [];
  for (const [at, group] of byLine) {
    group.sort((a, b) => a.from - b.from);
    let cur: Segment | null = null;
    for (const s of group) {
      if (cur && s.from <= cur.to + SNAP) cur.to = Math.max(cur.to, s.to);
      else {
        if (cur) out.push(cur);
        cur = { at, from: s.from, to: s.to };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

function crosses(h: Segment, v: Segment): boolean {
  return v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP;
}

/** Groups of ruling lines that touch one another: each group is one table's frame. */
function frames(rulings: Rulings): { horizontal: Segment[]; vertical: Segment[] }[] {
  const horizontal = mergeSegments(rulings.horizontal);
  const vertical = mergeSegments(rulings.vertical);
  const parent = [...horizontal, ...vertical].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  horizontal.forEach((h, i) => {
    vertical.forEach((v, j) => {
      if (crosses(h, v)) parent[find(i)] = find(horizontal.length + j);
    });
  });
  const groups = new Map<number, { horizontal: Segment[]; vertical: Segment[] }>();
  const group = (i: number) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, { horizontal: [], vertical: [] });
    return groups.get(root)!;
  };
  horizontal.forEach((h, i) => group(i).horizontal.push(h));
  vertical.forEach((v, j) => group(horizontal.length + j).vertical.push(v));
  return [...groups.values()];
}

function indexIn(edges: readonly number[], value: number): number {
  for (let i = 0; i + 1 < edges.length; i++) if (value >= edges[i]! && value < edges[i + 1]!) return i;
  return -1;
}

/**
 * Two tables drawn one right under the other touch and form one frame; they are told apart by
 * their column edges: where the edges drawn across one band are neither a subset nor a superset
 * of those across the next (a spanning cell only drops edges), a new table starts.
 */
function splitStacked(frame: { horizontal: Segment[]; vertical: Segment[] }): { horizontal: Segment[]; vertical: Segment[] }[] {
  const edges = clusterPositions(frame.horizontal.map((h) => h.at), SNAP);
  if (edges.length < 3) return [frame];
  const xsOf = (band: number) => {
    const mid = (edges[band]! + edges[band + 1]!) / 2;
    return clusterPositions(frame.vertical.filter((v) => v.from - SNAP <= mid && v.to + SNAP >= mid).map((v) => v.at), SNAP);
  };
  const within = (a: number[], b: number[]) => a.every((x) => b.some((y) => Math.abs(x - y) <= SNAP));
  const cuts: number[] = [];
  let prev = xsOf(0);
  for (let band = 1; band + 1 < edges.length; band++) {
    const xs = xsOf(band);
    if (xs.length >= 2 && prev.length >= 2 && !within(xs, prev) && !within(prev, xs)) cuts.push(edges[band]!);
    if (xs.length >= 2) prev = xs;
  }
  if (cuts.length === 0) return [frame];
  const bounds = [-Infinity, ...cuts, Infinity];
  return bounds.slice(1).map((to, i) => {
    const from = bounds[i]!;
    return {
      horizontal: frame.horizontal.filter((h) => h.at >= from - SNAP && h.at <= to + SNAP),
      vertical: frame.vertical
        .filter((v) => v.to > from + SNAP && v.from < to - SNAP)
        .map((v) => ({ at: v.at, from: Math.max(v.from, from), to: Math.min(v.to, to) })),
    };
  });
}

function gridOf(frame: { horizontal: Segment[]; vertical: Segment[] }, runs: readonly Run[]): GridTable | null {
  const columns = clusterPositions(frame.vertical.map((v) => v.at), SNAP);
  const edges = clusterPositions(frame.horizontal.map((h) => h.at), SNAP);
  if (columns.length < 2 || edges.length < 1) return null;
  const highest = Math.min(...frame.vertical.map((v) => v.from));
  const lowest = Math.max(...frame.vertical.map((v) => v.to));
  const openTop = highest < edges[0]! - 2 * SNAP;
  const openBottom = lowest > edges[edges.length - 1]! + 2 * SNAP;
  if (openTop) edges.unshift(highest);
  if (openBottom) edges.push(lowest);
  if (edges.length < 2) return null;
  const [left, right, top, bottom] = [columns[0]!, columns[columns.length - 1]!, edges[0]!, edges[edges.length - 1]!];
  // In each band, the column edges actually drawn across it.
  const drawn = (band: number) => {
    const mid = (edges[band]! + edges[band + 1]!) / 2;
    return columns.map((x, c) => c === 0 || c === columns.length - 1 || frame.vertical.some((v) => Math.abs(v.at - x) <= SNAP && v.from - SNAP <= mid && v.to + SNAP >= mid));
  };
  const open = edges.slice(1).map((_, band) => drawn(band));
  const cellRuns: Run[][][] = edges.slice(1).map(() => columns.slice(1).map(() => []));
  const placed = new Set<Run>();
  let inside = 0;
  for (const run of runs) {
    const cx = (run.x + run.right) / 2;
    const cy = (run.top + run.bottom) / 2;
    if (cx < left || cx > right || cy < top || cy > bottom) continue;
    inside++;
    const band = indexIn(edges, cy);
    if (band < 0 || indexIn(columns, cx) < 0) continue;
    const rules = columns.filter((x, c) => open[band]![c] && c > 0 && c < columns.length - 1);
    for (const piece of splitAtRules(run, rules)) {
      let owner = Math.max(0, indexIn(columns, (piece.x + piece.right) / 2));
      while (owner > 0 && !open[band]![owner]) owner--;
      cellRuns[band]![owner]!.push(piece);
    }
    placed.add(run);
  }
  const reach = textReach(cellRuns, columns, open);
  const rows = cellRuns
    .map((cells, band) => {
      const lines = cells.map((cell) => linesOf(cell).map((l) => l.runs));
      return {
        top: edges[band]!,
        bottom: edges[band + 1]!,
        cells: lines.map((cell) => joinLines(cell)),
        fit: lines.map((cell, c) => cellFit(cell, reach(band, c))),
      };
    })
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length === 0) return null;
  return { top, bottom, left, right, columns, rows, openTop, openBottom, accuracy: inside === 0 ? 1 : placed.size / inside, runs: placed };
}

/**
 * A run drawn across a cell's rule holds the text of two cells: a producer (or a rewriter such as
 * Ghostscript) may put two cells' text in one show operation, the gap between them as a kerning
 * offset. It is cut at the space nearest each rule it crosses (positions estimated by sharing the
 * run's width out by characters; a rule with no space within two text sizes leaves it whole).
 */
function splitAtRules(run: Run, rules: readonly number[]): Run[] {
  const rule = rules.find((x) => x > run.x + 1 && x < run.right - 1);
  if (rule === undefined) return [run];
  const perChar = (run.right - run.x) / Math.max(1, run.text.length);
  let cut = -1;
  for (let i = run.text.indexOf(' '); i >= 0; i = run.text.indexOf(' ', i + 1)) {
    if (cut < 0 || Math.abs(run.x + i * perChar - rule) < Math.abs(run.x + cut * perChar - rule)) cut = i;
  }
  if (cut < 0 || Math.abs(run.x + cut * perChar - rule) > 2 * run.size) return [run];
  const before = { ...run, text: run.text.slice(0, cut).trimEnd(), right: Math.min(rule - 0.5, run.x + cut * perChar) };
  const after = { ...run, text: run.text.slice(cut + 1).trimStart(), x: Math.max(rule + 0.5, run.x + (cut + 1) * perChar) };
  return [before, ...splitAtRules(after, rules)].filter((r) => r.text !== '');
}

/**
 * How far right a cell's text may reach: the next column edge drawn across its band, less the
 * padding the producer leaves (seen on the left of the cells).
 */
function textReach(cellRuns: readonly Run[][][], columns: readonly number[], open: readonly boolean[][]): (band: number, column: number) => number {
  const insets = cellRuns.flatMap((cells) => cells.flatMap((cell, c) => (cell.length > 0 ? [Math.min(...cell.map((r) => r.x)) - columns[c]!] : [])));
  const padding = Math.max(0, Math.min(...insets, 6));
  return (band, column) => {
    let edge = column + 1;
    while (edge < columns.length - 1 && !open[band]![edge]) edge++;
    return columns[edge]! - padding;
  };
}

/** The tables a page's ruling lines frame, top to bottom. */
export function latticeTables(rulings: Rulings, runs: readonly Run[]): GridTable[] {
  return frames(rulings)
    .flatMap(splitStacked)
    .filter((f) => f.horizontal.length + f.vertical.length >= 3 && f.vertical.length >= 2)
    .map((f) => gridOf(f, runs))
    .filter((t): t is GridTable => t !== null)
    .sort((a, b) => a.top - b.top);
}
