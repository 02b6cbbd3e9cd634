// Page numbers: a line that holds only a number ("39", "- 39 -", "Pag. 39", "39 di 120").
// Narrative can hold such a line too, so only the longest strictly increasing run of them
// counts as pagination. In PDFs converted to text the number is the page's footer: it ends
// its page, so a line's page is known exactly only between two consecutive numbers.
import { firstAtOrAfter } from './bisect.js';
import { textEnd, textStart } from './spaces.js';

// Matched against the trimmed line, and only a short one: no two runs of spaces can trade
// characters, so the match is linear (the untrimmed pattern was cubic on a line of spaces).
const PAGE_LINE = /^(?:[-–—]\s*)?(?:pag(?:ina|e)?\.?\s*)?(\d{1,4})(?:\s*(?:di|of|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;
const PAGE_LINE_MAX = 40;

export interface Pagination {
  /** Line number (1-based) -> page number printed on it. */
  numberLines: Map<number, number>;
  /** The page a line is on, when the numbers around it leave no doubt. */
  pageOf(line: number): number | null;
  /** The pages a line may be on: [lowest, highest], either end null when unbounded. */
  boundsOf(line: number): [number | null, number | null];
  /**
   * The annex's own numbering, where it differs from pageOf: a PDF's pages are exact, but a table
   * of contents refers to the numbers printed on them.
   */
  printed?: Pick<Pagination, 'pageOf' | 'boundsOf'>;
}

/**
 * Whether a page line may open with the code: a digit, a dash before the number, or the "p" of
 * "Pag." (the pattern ignores case, and only "P" folds to "p").
 */
function opensPageLine(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x70 || c === 0x50;
}

export function pageNumberCandidate(text: string): number | null {
  // Asked of every line, and most are long prose or blank: told apart by where their text
  // starts and ends, before any trimmed copy or regex.
  const from = textStart(text);
  if (from < 0 || !opensPageLine(text.charCodeAt(from))) return null;
  const to = textEnd(text);
  if (to - from + 1 > PAGE_LINE_MAX) return null;
  const m = PAGE_LINE.exec(text.slice(from, to + 1));
  return m ? Number(m[1]) : null;
}

/** Longest strictly increasing subsequence, O(n log n); returns the chosen indexes. */
export function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < values[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.push(i);
  return out.reverse();
}

export function findPagination(lines: readonly string[]): Pagination {
  const candidates: { line: number; page: number }[] = [];
  lines.forEach((text, i) => {
    const p = pageNumberCandidate(text);
    if (p !== null) candidates.push({ line: i + 1, page: p });
  });
  const chosen = longestIncreasing(candidates.map((c) => c.page)).map((i) => candidates[i]!);
  // A lone number is as likely content as a page: pagination needs at least two.
  const numbers = chosen.length >= 2 ? chosen : [];
  const numberLines = new Map(numbers.map((c) => [c.line, c.page]));
  // The numbers are in line order: bisect for the first at or after the line.
  const around = (line: number) => {
    const lo = firstAtOrAfter(numbers, line);
    return { before: numbers[lo - 1] ?? null, after: numbers[lo] ?? null };
  };
  return {
    numberLines,
    pageOf(line) {
      const { before, after } = around(line);
      if (!after) return null;
      if (after.line === line) return after.page;
      if (before && after.page === before.page + 1) return after.page;
      return null;
    },
    boundsOf(line) {
      const { before, after } = around(line);
      return [before ? before.page + 1 : null, after ? after.page : null];
    },
  };
}
