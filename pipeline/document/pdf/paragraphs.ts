// Lines of a paragraph that the PDF's producer wrapped are one line of the document, as in the
// text conversions. A line wrapped only when it was full: the next line's first word would not
// have fitted at its end.
import { median } from './geometry.js';
import type { PageLayout } from './page-layout.js';
import type { TextLine } from './text-lines.js';

/** The right edge of full lines: the common right end of the pages' widest lines. */
export function textRightEdge(pages: readonly PageLayout[]): number {
  const widest = pages.flatMap((p) => {
    const rights = p.blocks.flatMap((b) => (b.kind === 'line' ? [b.line.right] : []));
    return rights.length > 0 ? [Math.max(...rights)] : [];
  });
  return median(widest);
}

/** The first word's width of a line (a run's width shared by its characters when a run holds more). */
function firstWordWidth(line: TextLine): number {
  const run = line.runs[0]!;
  const word = /^\S+/.exec(run.text.trimStart())?.[0] ?? run.text;
  return ((run.right - run.x) * word.length) / Math.max(1, run.text.trim().length);
}

/**
 * Where `line` would end with plain spaces between its runs: justified text stretches the spaces
 * of a line ended by a forced break as much as those of a wrapped one.
 */
function naturalRight(line: TextLine): number {
  let right = line.x;
  line.runs.forEach((run, i) => {
    const gap = i === 0 ? 0 : run.x - line.runs[i - 1]!.right;
    right += Math.min(Math.max(gap, 0), 0.35 * run.size) + (run.right - run.x);
  });
  return right;
}

/**
 * Does `next` continue the paragraph of `line`? Only when `line` is full: the first word of
 * `next` would not have fitted at its end, spaces unstretched (so the producer wrapped), `next`
 * sits right under it in the same type size, and does not open a list item (a typed or a drawn
 * bullet).
 */
export function continues(line: TextLine, next: TextLine, rightEdge: number): boolean {
  const pitch = next.y - line.y;
  if (pitch <= 0 || pitch > 1.6 * line.size || Math.abs(next.size - line.size) > 0.5) return false;
  if (next.x < line.x - 2 * line.size || next.bullet) return false;
  if (/^\s*([-–•◦▪*]|\d{1,2}[.)]|[a-z][.)])(\s|$)/.test(next.runs[0]!.text)) return false;
  return naturalRight(line) + 0.35 * line.size + firstWordWidth(next) > rightEdge;
}
