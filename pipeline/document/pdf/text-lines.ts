// Runs -> lines of text. Producers place text by the word (Chromium), by the line (LibreOffice)
// or by the glyph; a line is the runs that share a baseline, and the space between two runs is
// read from the gap between them, not from the space characters a producer may or may not emit.
import type { Run } from './geometry.js';

export interface TextLine {
  runs: Run[]; // left to right
  x: number;
  right: number;
  y: number; // baseline
  top: number;
  bottom: number;
  size: number;
  /** A bullet is drawn just left of the line: it opens a list item. */
  bullet?: boolean;
}

/** Runs on one baseline (within a third of the text size) form a line. */
export function linesOf(runs: readonly Run[]): TextLine[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: TextLine[] = [];
  let current: Run[] = [];
  const close = () => {
    if (current.length === 0) return;
    current.sort((a, b) => a.x - b.x);
    lines.push({
      runs: current,
      x: current[0]!.x,
      right: Math.max(...current.map((r) => r.right)),
      y: current[0]!.y,
      top: Math.min(...current.map((r) => r.top)),
      bottom: Math.max(...current.map((r) => r.bottom)),
      size: Math.max(...current.map((r) => r.size)),
    });
    current = [];
  };
  for (const run of sorted) {
    const first = current[0];
    if (first && Math.abs(run.y - first.y) > Math.min(run.size, first.size) / 3) close();
    current.push(run);
  }
  close();
  return lines;
}

export interface Word {
  x: number;
  right: number;
  run: Run;
}

/** Word boxes of runs: a run holding several words is shared out by characters. */
export function wordsOf(runs: readonly Run[]): Word[] {
  const out: Word[] = [];
  for (const run of runs) {
    const perChar = (run.right - run.x) / Math.max(1, run.text.length);
    for (const m of run.text.matchAll(/\S+/g)) {
      out.push({ x: run.x + m.index * perChar, right: run.x + (m.index + m[0].length) * perChar, run });
    }
  }
  return out;
}

/**
 * How a cell's text sits in its column: the room left after its last line, and the room its
 * first word would need on the line before (with a space, and a text size to spare since word
 * widths are estimated). A cell is empty when it has no lines. A page break that cuts a row
 * leaves the row's last line full: the next line's first word did not fit on it.
 */
export interface CellFit {
  room: number;
  lead: number;
}

export function cellFit(lines: readonly (readonly Run[])[], reach: number): CellFit | null {
  const first = lines.find((l) => l.length > 0);
  const last = [...lines].reverse().find((l) => l.length > 0);
  if (!first || !last) return null;
  const word = wordsOf([...first].sort((a, b) => a.x - b.x))[0]!;
  const size = Math.max(...first.map((r) => r.size));
  return { room: reach - Math.max(...last.map((r) => r.right)), lead: word.right - word.x + 1.25 * size };
}

/** A gap wider than this share of the text size is a space between words. */
const WORD_GAP = 0.12;

/**
 * The text of runs left to right, with spaces where the gaps are, and italic stretches marked
 * <i>…</i> as the text conversions mark them: the readers strip tags, but a partner's role is
 * told by its italics.
 */
export function joinRuns(runs: readonly Run[]): string {
  return joinLines([runs]);
}

/** The text of several lines (a paragraph, a cell): a line break is a space. */
export function joinLines(lines: readonly (readonly Run[])[]): string {
  // Words with the space before each, then stretches of one style.
  const words: { text: string; italic: boolean }[] = [];
  let prev: Run | null = null;
  const runs = lines.flatMap((line) => line.map((run, i) => ({ run, opens: i === 0 })));
  for (const { run, opens } of runs) {
    const text = run.text.replace(/\s+/g, ' ');
    const gap = prev ? run.x - prev.right : 0;
    const spaced = prev !== null && (opens || gap > WORD_GAP * Math.min(run.size, prev.size) || text.startsWith(' ') || /\s$/.test(prev.text));
    words.push({ text: (spaced ? ' ' : '') + text.trim(), italic: run.italic });
    prev = run;
  }
  let out = '';
  for (let i = 0; i < words.length; ) {
    let j = i;
    let stretch = '';
    while (j < words.length && words[j]!.italic === words[i]!.italic) stretch += words[j++]!.text;
    const lead = /^\s*/.exec(stretch)![0];
    const body = stretch.trim();
    out += body === '' ? lead : words[i]!.italic ? `${lead}<i>${body}</i>` : `${lead}${body}`;
    i = j;
  }
  return out.replace(/\s+/g, ' ').trim();
}
