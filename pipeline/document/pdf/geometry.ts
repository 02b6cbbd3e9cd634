// What a PDF page is made of, once pdf.js has read it: runs of text placed on the page, and the
// ruling lines drawn on it. Coordinates are in points, top-down (y grows down the page), so
// that "before" on a page means "above".

/** A piece of text as the PDF places it: one word, a line, or a glyph, depending on the producer. */
export interface Run {
  text: string;
  x: number; // left
  right: number;
  /** Baseline. */
  y: number;
  top: number;
  bottom: number;
  size: number;
  italic: boolean;
  bold: boolean;
}

/** A horizontal (y fixed) or vertical (x fixed) ruling line, from `from` to `to` along it. */
export interface Segment {
  at: number;
  from: number;
  to: number;
}

export interface Rulings {
  horizontal: Segment[];
  vertical: Segment[];
}

/** A small filled shape: a list bullet drawn rather than typed. */
export interface Mark {
  x: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PageContent {
  page: number; // 1-based
  width: number;
  height: number;
  runs: Run[];
  rulings: Rulings;
  marks: Mark[];
}

/**
 * Groups sorted values whose neighbours are within `tolerance` and returns each group's mean:
 * the distinct positions of column edges or row edges drawn a fraction of a point apart.
 */
export function clusterPositions(values: readonly number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length > 0 && v - group[group.length - 1]! > tolerance) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length > 0) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

/** The median of the values (0 when there are none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
