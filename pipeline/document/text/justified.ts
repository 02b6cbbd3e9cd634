// A justified line whose words stand far apart ("REFERENTE   DI   PROGETTO:   Eugenia   Grossi,
// ...") is, to pdftotext without -layout, a row of columns: it writes each word as a block of its
// own, the first few together, the rest one per block with a blank line after each, and a box
// set beside the line (a project's score and grant) may come between them. The words are put
// back on the line of the first, in the order pdftotext gives them, where they open a header
// field the readers know; the lines they stood on are left blank, so line numbers stay.
import { fieldOfLabel } from '../../annex/header.js';

const WORD = /^\S+$/;

export interface JustifiedInput {
  texts: string[];
  /** Lines that are not text of the page (page numbers, furniture). */
  skip: ReadonlySet<number>;
  /** Page of each line (null without form feeds: the whole text is one page). */
  pages: readonly (number | null)[];
}

/** Rejoins the words of broken justified header lines in `texts` (changed in place). */
export function rejoinJustified({ texts, skip, pages }: JustifiedInput): void {
  for (let i = 0; i + 2 < texts.length; i++) {
    const words = wordsFrom(texts, skip, pages, i);
    if (!words) continue;
    texts[i] = words.map((w) => texts[w]!.trim()).join(' ');
    for (const w of words.slice(1)) texts[w] = '';
    i = words[words.length - 1]!;
  }
}

const word = (texts: readonly string[], i: number) => i < texts.length && WORD.test(texts[i]!.trim());
const blank = (texts: readonly string[], i: number) => i >= texts.length || texts[i]!.trim() === '';

/**
 * The lines holding the words of a broken line that starts at `i`: three or more one-word lines
 * together that name a header field ("REFERENTE", "DI", "PROGETTO:"), then the one-word blocks
 * after them on the page; past one block of other text only where one-word blocks then run to
 * the end of the page (the words pdftotext gave after the box beside the line).
 */
function wordsFrom(texts: readonly string[], skip: ReadonlySet<number>, pages: readonly (number | null)[], i: number): number[] | null {
  if (!word(texts, i) || (i > 0 && word(texts, i - 1) && !skip.has(i - 1))) return null;
  const lines: number[] = [];
  let j = i;
  while (word(texts, j) && !skip.has(j)) lines.push(j++);
  if (lines.length < 3) return null;
  const label = lines.map((l) => texts[l]!.trim());
  const colon = label.findIndex((w) => w.endsWith(':'));
  if (colon < 0 || fieldOfLabel(label.slice(0, colon + 1).join(' ').replace(/:$/, '')) === null) return null;
  const page = pages[i] ?? null;
  const samePage = (k: number) => k < texts.length && (pages[k] ?? null) === page;
  // The paragraph's next lines, set left under the words, come in the same block; the line's
  // last words, further right, come after them: they go before those lines.
  const below: number[] = [];
  while (samePage(j) && !blank(texts, j) && !skip.has(j)) below.push(j++);
  for (let k = j; samePage(k); ) {
    if (skip.has(k) || blank(texts, k)) {
      k++;
      continue;
    }
    const lone = word(texts, k) && blank(texts, k - 1) && (blank(texts, k + 1) || skip.has(k + 1) || !samePage(k + 1));
    if (lone) {
      lines.push(k++);
      continue;
    }
    // Another block: the words may go on after it only once (the scan ends here either way),
    // and only to the page's end.
    let end = k;
    while (samePage(end) && !blank(texts, end)) end++;
    lines.push(...wordsToPageEnd(texts, skip, samePage, end));
    break;
  }
  return [...lines, ...below];
}

/** One-word blocks from `from` to the end of the page, or none if any other text comes. */
function wordsToPageEnd(texts: readonly string[], skip: ReadonlySet<number>, samePage: (k: number) => boolean, from: number): number[] {
  const out: number[] = [];
  for (let k = from; samePage(k); k++) {
    if (skip.has(k) || blank(texts, k)) continue;
    if (!word(texts, k) || !blank(texts, k - 1)) return [];
    out.push(k);
  }
  return out;
}
