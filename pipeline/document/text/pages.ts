// Pages of a text conversion of a PDF. pdftotext ends each page with a form feed, so a line's
// page is exact; the page's printed number and its running header or footer are told by where
// they stand on the page, as in a PDF: a lone number that opens or closes a page's text, and
// the same text (digits aside) at the same place from the top or the bottom on many pages.
import { headerFieldOf, headerLabelOnly } from '../../annex/header.js';
import { pageNumberCandidate, longestIncreasing } from '../../annex/pages.js';
import type { LaidLine } from '../model.js';
import { isAmountCell } from './stream.js';

export interface PagedLines {
  /** Line texts without their form feeds (trailing spaces trimmed). */
  texts: string[];
  /** 1-based page of each line, or null when the text has no form feeds. */
  pages: (number | null)[];
  /** Number of pages (null without form feeds). */
  count: number | null;
}

/**
 * Split at form feeds. A form feed at the start of a line opens that line's page; one inside or
 * at the end of a line opens the page of the next. The blank tail after the last page's text
 * (pdftotext's final form feed) is not a page of its own.
 */
export function pagesOf(lines: readonly string[]): PagedLines {
  const texts: string[] = [];
  const pages: (number | null)[] = [];
  const paged = lines.some((l) => l.includes('\f'));
  let page = 1;
  for (const raw of lines) {
    let text = raw;
    let lead = 0;
    while (text.startsWith('\f')) {
      lead++;
      text = text.slice(1);
    }
    page += lead;
    const later = (text.match(/\f/g) ?? []).length;
    texts.push(bullets(text.replace(/\f/g, ' ').trimEnd()));
    pages.push(paged ? page : null);
    page += later;
  }
  if (!paged) return { texts, pages, count: null };
  let lastText = texts.length - 1;
  while (lastText >= 0 && texts[lastText] === '') lastText--;
  if (lastText < 0) return { texts, pages, count: 1 };
  const lastPage = pages[lastText]!;
  for (let i = lastText + 1; i < pages.length; i++) pages[i] = lastPage;
  return { texts, pages, count: lastPage };
}

/**
 * A list bullet drawn with a symbol font comes out as a private-use character (U+F0B7 and the
 * like), with the item's text a few spaces after it: it is written "•" and set close to the text.
 */
function bullets(text: string): string {
  return text.replace(/^(\s*)(?:[\uf000-\uf0ff]|[•▪◦●○■□➢➤►✓✔-])\s{2,}(?=\S)/, (_m, lead: string) => `${lead}• `);
}

function projectHeader(text: string): boolean {
  return headerFieldOf(text, 0, false) !== null || headerLabelOnly(text) !== null;
}

function keyOf(text: string): string {
  return text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** How many lines from the top and from the bottom of a page a running header or footer may stand. */
const EDGE = 3;

/**
 * Roles of the lines of a paged text (0-based index -> role): the running text repeated at one
 * place on at least 3 pages and 40% of them, and each page's printed number (a lone number that
 * opens or closes its text, in increasing order through the document).
 */
export function pageRoles(paged: PagedLines, exclude: (i: number) => boolean = () => false): Map<number, NonNullable<LaidLine['role']>> {
  const roles = new Map<number, NonNullable<LaidLine['role']>>();
  if (paged.count === null) return roles;
  const byPage = new Map<number, number[]>();
  paged.texts.forEach((t, i) => {
    if (t.trim() === '') return;
    const p = paged.pages[i]!;
    const list = byPage.get(p);
    if (list) list.push(i);
    else byPage.set(p, [i]);
  });
  const seen = new Map<string, { pages: Set<number>; lines: number[] }>();
  for (const [p, lines] of byPage) {
    const edge = new Set([...lines.slice(0, EDGE), ...lines.slice(-EDGE)]);
    for (const i of edge) {
      const text = paged.texts[i]!;
      // A project's own header ("Progetto n. 4") or a header table's label ("Titolo del
      // progetto") where every project opens its page alike is no running text.
      // Nor is an amount (digits fold alike: a table's last amount ends many pages).
      if (text.length > 120 || pageNumberCandidate(text) !== null || exclude(i) || projectHeader(text) || isAmountCell(text)) continue;
      const top = lines.indexOf(i);
      const bottom = lines.length - 1 - top;
      for (const at of [`t${top}`, `b${bottom}`]) {
        if ((at[0] === 't' ? top : bottom) >= EDGE) continue;
        const key = `${at}:${keyOf(text)}`;
        const entry = seen.get(key) ?? { pages: new Set<number>(), lines: [] };
        entry.pages.add(p);
        entry.lines.push(i);
        seen.set(key, entry);
      }
    }
  }
  const needed = Math.max(3, Math.ceil(paged.count * 0.4));
  for (const { pages, lines } of seen.values()) {
    if (pages.size >= needed) for (const i of lines) roles.set(i, { kind: 'furniture' });
  }
  const candidates: { line: number; printed: number }[] = [];
  for (const lines of byPage.values()) {
    const content = lines.filter((i) => !roles.has(i));
    const edges = [...new Set([content[0], content[content.length - 1]])];
    for (const i of edges) {
      if (i === undefined) continue;
      const printed = pageNumberCandidate(paged.texts[i]!);
      if (printed !== null) candidates.push({ line: i, printed });
    }
  }
  candidates.sort((a, b) => a.line - b.line);
  const chosen = longestIncreasing(candidates.map((c) => c.printed)).map((x) => candidates[x]!);
  if (chosen.length >= 2 || (chosen.length === 1 && paged.count === 1)) {
    for (const c of chosen) roles.set(c.line, { kind: 'page-number', printed: c.printed });
  }
  return roles;
}
