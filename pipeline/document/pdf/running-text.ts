// Running headers and footers, and page numbers, told by where they stand: the same text (digits
// aside) at the same height on many pages is furniture; a lone number that opens or closes a
// page's text is the page's printed number. Nothing here knows what an agency writes there.
import { headerFieldOf } from '../../annex/header.js';
import { pageNumberCandidate } from '../../annex/pages.js';
import type { LaidLine } from '../model.js';
import type { PageLayout } from './page-layout.js';
import { joinRuns, type TextLine } from './text-lines.js';

/** Same place: within this many points vertically. */
const SAME_HEIGHT = 3;

export function keyOf(text: string): string {
  return text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The roles of the lines that are not content. */
export function runningRoles(pages: readonly PageLayout[]): Map<TextLine, NonNullable<LaidLine['role']>> {
  const roles = new Map<TextLine, NonNullable<LaidLine['role']>>();
  // Furniture: a key seen at one height on at least 3 pages and 40% of them.
  const seen = new Map<string, { pages: Set<number>; lines: TextLine[] }>();
  for (const p of pages) {
    for (const b of p.blocks) {
      if (b.kind !== 'line') continue;
      const text = joinRuns(b.line.runs);
      // A project's own header ("Progetto n. 4" where every project opens its page alike) is
      // no running header, whatever its place.
      if (text.length > 120 || pageNumberCandidate(text) !== null || headerFieldOf(text, 0, false) !== null) continue;
      const key = `${keyOf(text)}@${Math.round(b.line.y / SAME_HEIGHT)}`;
      const entry = seen.get(key) ?? { pages: new Set(), lines: [] };
      entry.pages.add(p.page);
      entry.lines.push(b.line);
      seen.set(key, entry);
    }
  }
  const needed = Math.max(3, Math.ceil(pages.length * 0.4));
  for (const { pages: on, lines } of seen.values()) {
    if (on.size >= needed) for (const l of lines) roles.set(l, { kind: 'furniture' });
  }
  // Page numbers: the first or last line of a page's content that is only a number.
  for (const p of pages) {
    const lines = p.blocks.flatMap((b) => (b.kind === 'line' && !roles.has(b.line) ? [b.line] : []));
    const content = p.blocks.filter((b) => b.kind === 'table' || !roles.has(b.line));
    for (const edge of [content[0], content[content.length - 1]]) {
      if (!edge || edge.kind !== 'line' || !lines.includes(edge.line)) continue;
      const printed = pageNumberCandidate(joinRuns(edge.line.runs));
      if (printed !== null) roles.set(edge.line, { kind: 'page-number', printed });
    }
  }
  return roles;
}

/**
 * Short lines whose text recurs on many pages wherever it stands (at least 5 pages and a tenth
 * of them): running text a converter left inside the flow. Not enough to call them furniture
 * (a heading every project repeats looks the same), but enough to say that a table they
 * interrupt goes on after them.
 */
export function recurringText(pages: readonly PageLayout[]): Set<string> {
  const seen = new Map<string, Set<number>>();
  for (const p of pages) {
    for (const b of p.blocks) {
      if (b.kind !== 'line') continue;
      const text = joinRuns(b.line.runs);
      if (text.length > 60) continue;
      const key = keyOf(text);
      seen.set(key, (seen.get(key) ?? new Set()).add(p.page));
    }
  }
  const needed = Math.max(5, Math.ceil(pages.length / 10));
  return new Set([...seen].filter(([, on]) => on.size >= needed).map(([key]) => key));
}
