// Page furniture: the running headers and footers a PDF repeats on every page ("Regione
// Lombardia", "ATS Val Padana"...), which a converter leaves among the text, sometimes in the
// middle of a table or a sentence. It is found from the document itself: short plain lines that
// recur many times and turn up together (or beside a page number), never from a list of names.

import { hasText } from '../../shared/text.js';
import { headerFieldOf } from './header.js';

export interface Furniture {
  lines: Set<number>; // 1-based
  strings: string[];
}

const MAX_LENGTH = 60;
const MIN_REPEATS = 3;
const WINDOW = 6; // non-blank lines either side that count as "together"

function key(text: string): string {
  // Runs of spaces to one: a lone plain space is left where it is rather than replaced by itself.
  return text.trim().replace(/\s{2,}|[^\S ]/g, ' ').toLowerCase();
}

/** A navigation link back to the table of contents: "[Torna a elenco](#)". */
function isNavigationLink(text: string): boolean {
  // Asked of every line: one that opens with neither bracket is none, without a regex.
  const first = text.trimStart().charCodeAt(0);
  if (first !== 0x5b && first !== 0x3c) return false;
  return /^\s*\[[^\]]{1,60}\]\(#[^)]*\)\s*$/.test(text) || /^\s*<a\s+href="#[^"]*"[^>]*>[^<]{1,60}<\/a>\s*$/i.test(text);
}

function plainCandidate(raw: string): boolean {
  // Length first: most lines are long prose, told apart without a search through them.
  const t = raw.trim();
  if (t === '' || t.length > MAX_LENGTH) return false;
  if (raw.includes('\t') || raw.includes('|')) return false; // table rows
  if (/^(#|[-*+•]\s|\d+[.)]\s|<|>|!\[)/.test(t)) return false; // headings, lists, markup
  return /\p{L}/u.test(t);
}

/**
 * Data is never furniture, however often it repeats: four projects may well be awarded the
 * same "Assegnato € 34.800,00" or scored the same "Punti 59".
 */
function isData(t: string): boolean {
  return /€|\d[.,]\d/.test(t) || headerFieldOf(t, 1, false) !== null;
}

/**
 * Each line's key when it may be furniture, null when it may not. The header-field test costs
 * most and only matters for a key that recurs: a line whose key turns up fewer than MIN_REPEATS
 * times among the plain candidates keeps it untested (it cannot be furniture either way), and
 * the same text is tested once (a running header is the same line on every page).
 */
function candidateKeys(lines: readonly string[]): (string | null)[] {
  const keys = lines.map((raw) => (plainCandidate(raw) ? key(raw) : null));
  const count = new Map<string, number>();
  for (const k of keys) if (k !== null) count.set(k, (count.get(k) ?? 0) + 1);
  const data = new Map<string, boolean>();
  keys.forEach((k, i) => {
    if (k === null || count.get(k)! < MIN_REPEATS) return;
    const t = lines[i]!.trim();
    let isD = data.get(t);
    if (isD === undefined) data.set(t, (isD = isData(t)));
    if (isD) keys[i] = null;
  });
  return keys;
}

export function findFurniture(lines: readonly string[], pageNumberLines: ReadonlySet<number>): Furniture {
  const byKey = new Map<string, number[]>();
  // Each line is tested once: its key when it may be furniture, for the two passes below.
  const keys = candidateKeys(lines);
  keys.forEach((k, i) => {
    if (k === null) return;
    const at = byKey.get(k);
    if (at) at.push(i);
    else byKey.set(k, [i]);
  });
  const repeated = new Map([...byKey].filter(([, at]) => at.length >= MIN_REPEATS));

  // Index of each line among non-blank lines, so that blank padding does not stretch windows.
  const nonBlank: number[] = [];
  const ordinal = lines.map((raw, i) => {
    const o = nonBlank.length;
    if (hasText(raw)) nonBlank.push(i);
    return o;
  });
  const repeatedAt = new Map<number, string>();
  for (const [k, at] of repeated) for (const i of at) repeatedAt.set(i, k);

  // Whether a line of key k has, among the non-blank lines around it, another recurring line or a
  // page number.
  const together = (i: number, k: string) => {
    const o = ordinal[i]!;
    const last = Math.min(nonBlank.length - 1, o + WINDOW);
    for (let n = Math.max(0, o - WINDOW); n <= last; n++) {
      const j = nonBlank[n]!;
      if (j === i) continue;
      const other = repeatedAt.get(j);
      if ((other !== undefined && other !== k) || pageNumberLines.has(j + 1)) return true;
    }
    return false;
  };

  const strings: string[] = [];
  for (const [k, at] of repeated) {
    let near = 0;
    for (const i of at) if (together(i, k)) near++;
    // Running headers recur with each other; a lone recurring line can still be one when it
    // reads as a label rather than a sentence or a lead-in to a list.
    const label = !/[.:;,]$/.test(k) && k.length <= 40 && at.length >= 4;
    if (near * 2 >= at.length || label) strings.push(k);
  }
  const furnitureKeys = new Set(strings);
  const out = new Set<number>();
  lines.forEach((raw, i) => {
    const k = keys[i];
    if ((k != null && furnitureKeys.has(k)) || isNavigationLink(raw)) out.add(i + 1);
  });
  return { lines: out, strings };
}
