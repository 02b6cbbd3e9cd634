// Narrative sections: everything of a project that no structured reader took, grouped under
// the heading before it. This is what guarantees that no line of the annex is lost.
import { visibleText } from '../../shared/text.js';
import type { AnnexDocument } from './document.js';
import { textStart } from './spaces.js';
import type { TableRow } from './tables.js';

export interface SectionPart {
  heading: string;
  text: string;
  line: number;
  lines: number[];
}

const MAX_HEADING = 140;

/** A heading: markdown "#", or a short line that is bold from end to end. */
export function headingOf(raw: string): string | null {
  // Asked of every line of prose: a heading opens with "#", "*", "_" or "<", or it is none. Only
  // a line that may be one is trimmed (a copy of every line with a space at an end otherwise).
  const first = raw.charCodeAt(textStart(raw));
  if (first !== 0x23 && first !== 0x2a && first !== 0x5f && first !== 0x3c) return null;
  const t = raw.trim();
  // Each pattern opens with its own character: only the one the line opens with is tried.
  if (first === 0x23) {
    // dotAll: "." crosses a line separator (U+2028) too, so the match never backtracks into the spaces.
    const md = /^#{1,6}\s+(.*)$/s.exec(t);
    if (!md) return null;
    const text = visibleText(md[1]!);
    return text === '' ? null : text;
  }
  const bold = first === 0x3c ? /^<(b|strong)>(.+?)<\/\1>:?$/i.exec(t) : /^(\*\*\*?|__)(.+?)\1:?$/.exec(t);
  if (bold) {
    const text = visibleText(bold[2]!);
    if (text !== '' && text.length <= MAX_HEADING && !/[.;]$/.test(text)) return text;
  }
  return null;
}

// Each line is read here once, through the visible text the document keeps; the pieces cleaned
// here are made here (cells, a heading's text).
export function readSections(doc: AnnexDocument, from: number, to: number, claimed: ReadonlySet<number>): SectionPart[] {
  const sections: SectionPart[] = [];
  let current: SectionPart | null = null;
  // Whether the current section has a line of text yet: the first goes in without a "\n".
  let started = false;
  for (let n = from; n <= to; n++) {
    if (!doc.isContent(n) || claimed.has(n)) continue;
    const raw = doc.text(n);
    const heading = headingOf(raw);
    if (heading !== null) {
      current = { heading, text: '', line: n, lines: [n] };
      sections.push(current);
      started = false;
      continue;
    }
    if (!current) {
      current = { heading: '', text: '', line: n, lines: [] };
      sections.push(current);
      started = false;
    }
    current.lines.push(n);
    // The text grows line by line: no list of a section's lines is gathered to be joined, and
    // the engine keeps the pieces until the text is read as a whole (hundreds of KB an annex).
    const piece = raw.includes('\t') ? cellsText(raw, doc.tables.rowAt.get(n)) : doc.visible(n);
    current.text = started ? current.text + '\n' + piece : piece;
    started = true;
  }
  return sections;
}

/**
 * A line of tab-separated cells: each cell cleaned, the empty cells closing it dropped. A cleaned
 * cell has no tab, so these are all the tabs the joined line would end with: they are left out
 * before the join, and the joined line is not searched again for its tail.
 * A cell that is, character for character, the cell of the line's table row at the same place
 * is the row's cleaned text (the table scan cleaned it already): only the others are cleaned here.
 */
function cellsText(raw: string, row: TableRow | undefined): string {
  const cells: string[] = [];
  for (let from = 0, i = 0; ; i++) {
    const tab = raw.indexOf('\t', from);
    const end = tab < 0 ? raw.length : tab;
    cells.push(sameCell(row, i, raw, from, end) ? row!.visible[i]! : visibleText(raw.slice(from, end)));
    if (tab < 0) break;
    from = tab + 1;
  }
  let kept = cells.length;
  while (kept > 0 && cells[kept - 1] === '') kept--;
  cells.length = kept;
  return cells.join('\t');
}

/** Whether raw[from, end) is the row's cell i as it is, compared in place (no piece cut to compare). */
function sameCell(row: TableRow | undefined, i: number, raw: string, from: number, end: number): boolean {
  const cell = row?.cells[i];
  return cell !== undefined && cell.length === end - from && raw.startsWith(cell, from);
}
