// Page furniture: the running headers and footers a PDF repeats on every page ("Regione
// Lombardia", "ATS Val Padana"...), which a converter leaves among the text, sometimes in the
// middle of a table or a sentence. It is found from the document itself: short plain lines that
// recur many times and turn up together (or beside a page number), never from a list of names.

import { headerFieldOf } from './header.js';
import { isSpaceCode, textEnd, textStart } from './spaces.js';

export interface Furniture {
  lines: Set<number>; // 1-based
  strings: string[];
}

const MAX_LENGTH = 60;
const MIN_REPEATS = 3;
const WINDOW = 6; // non-blank lines either side that count as "together"

/** A line that may be furniture: its index, its text trimmed, its key, and its place among the non-blank lines. */
interface Candidate {
  index: number;
  text: string;
  key: string;
  ordinal: number;
}

/** What one pass over the lines finds: the plain candidates and the navigation links, in line order. */
interface LineScan {
  candidates: Candidate[];
  navigation: number[]; // line indexes
  /** Index of each non-blank line, in order: blank padding does not stretch windows. */
  nonBlank: number[];
}

/** A trimmed line's key: lower case, runs of spaces as one. */
function key(t: string): string {
  // Runs of spaces to one: most short lines have none, and are left without a regex pass.
  return (hasSpaceRun(t) ? t.replace(/\s{2,}|[^\S ]/g, ' ') : t).toLowerCase();
}

/** Whether a space other than a lone plain one is in the text (what key() replaces). */
function hasSpaceRun(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isSpaceCode(c) && (c !== 0x20 || isSpaceCode(t.charCodeAt(i + 1)))) return true;
  }
  return false;
}

/** A navigation link back to the table of contents: "[Torna a elenco](#)"; `from` is where its text starts. */
function isNavigationLink(text: string, from: number): boolean {
  // Asked of every line: one that opens with neither bracket is none, without a regex.
  const first = text.charCodeAt(from);
  if (first !== 0x5b && first !== 0x3c) return false;
  return /^\s*\[[^\]]{1,60}\]\(#[^)]*\)\s*$/.test(text) || /^\s*<a\s+href="#[^"]*"[^>]*>[^<]{1,60}<\/a>\s*$/i.test(text);
}

const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Whether the trimmed text from..to (inclusive) opens a heading, a list item or markup: "#",
 * "- ", "* ", "+ ", "• ", "1. ", "1) ", "<", ">", "![".
 */
function opensMarkup(raw: string, from: number, to: number): boolean {
  const c = raw.charCodeAt(from);
  if (c === 0x23 || c === 0x3c || c === 0x3e) return true;
  // A space after the mark, within the text (a trailing space is not in it).
  if (c === 0x2d || c === 0x2a || c === 0x2b || c === 0x2022) return from + 1 <= to && isSpaceCode(raw.charCodeAt(from + 1));
  if (c === 0x21) return raw.charCodeAt(from + 1) === 0x5b;
  if (!isDigitCode(c)) return false;
  let i = from + 1;
  while (i <= to && isDigitCode(raw.charCodeAt(i))) i++;
  const after = raw.charCodeAt(i);
  return i + 1 <= to && (after === 0x2e || after === 0x29) && isSpaceCode(raw.charCodeAt(i + 1));
}

// Made once here, not in the function that asks it of every candidate line.
const LETTER = /\p{L}/u;

/** Whether the text from..to (inclusive) has a letter: an ASCII one is found without the regex. */
function hasLetter(raw: string, from: number, to: number): boolean {
  let ascii = true;
  for (let i = from; i <= to; i++) {
    const c = raw.charCodeAt(i);
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) return true;
    if (c >= 0x80) ascii = false;
  }
  return !ascii && LETTER.test(raw.slice(from, to + 1));
}

/** A short plain line of text: the trimmed text is from..to (inclusive). */
function plainCandidate(raw: string, from: number, to: number): boolean {
  // Length first: most lines are long prose, told apart without a search through them.
  if (to - from + 1 > MAX_LENGTH) return false;
  if (raw.includes('\t') || raw.includes('|')) return false; // table rows
  if (opensMarkup(raw, from, to)) return false; // headings, lists, markup
  return hasLetter(raw, from, to);
}

/** One pass over the lines: each is measured once, for every test below. */
function scanLines(lines: readonly string[]): LineScan {
  const candidates: Candidate[] = [];
  const navigation: number[] = [];
  const nonBlank: number[] = [];
  // Running headers are the same text page after page: each text is keyed once.
  const keys = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const from = textStart(raw);
    if (from < 0) continue;
    const ordinal = nonBlank.length;
    nonBlank.push(i);
    if (isNavigationLink(raw, from)) navigation.push(i);
    const to = textEnd(raw);
    if (!plainCandidate(raw, from, to)) continue;
    const text = raw.slice(from, to + 1);
    let k = keys.get(text);
    if (k === undefined) keys.set(text, (k = key(text)));
    candidates.push({ index: i, text, key: k, ordinal });
  }
  return { candidates, navigation, nonBlank };
}

/**
 * Data is never furniture, however often it repeats: four projects may well be awarded the
 * same "Assegnato € 34.800,00" or scored the same "Punti 59".
 */
function isData(t: string): boolean {
  return /€|\d[.,]\d/.test(t) || headerFieldOf(t, 1, false) !== null;
}

/**
 * The candidates of each key that recurs at least MIN_REPEATS times, data left out. The
 * header-field test costs most and only matters for a key that recurs: a rarer key is left
 * untested (it cannot be furniture either way), and the same text is tested once (a running
 * header is the same line on every page).
 */
function repeatedKeys(candidates: readonly Candidate[]): Map<string, Candidate[]> {
  const count = new Map<string, number>();
  for (const c of candidates) count.set(c.key, (count.get(c.key) ?? 0) + 1);
  const data = new Map<string, boolean>();
  const byKey = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (count.get(c.key)! < MIN_REPEATS) continue;
    let isD = data.get(c.text);
    if (isD === undefined) data.set(c.text, (isD = isData(c.text)));
    if (isD) continue;
    const at = byKey.get(c.key);
    if (at) at.push(c);
    else byKey.set(c.key, [c]);
  }
  // Data left out, a key may recur too seldom after all.
  for (const [k, at] of byKey) if (at.length < MIN_REPEATS) byKey.delete(k);
  return byKey;
}

export function findFurniture(lines: readonly string[], pageNumberLines: ReadonlySet<number>): Furniture {
  const { candidates, navigation, nonBlank } = scanLines(lines);
  const repeated = repeatedKeys(candidates);
  const repeatedAt = new Map<number, string>();
  for (const [k, at] of repeated) for (const c of at) repeatedAt.set(c.index, k);

  // Whether a line of key k has, among the non-blank lines around it, another recurring line or a
  // page number.
  const together = ({ index: i, ordinal: o }: Candidate, k: string) => {
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
    for (const c of at) if (together(c, k)) near++;
    // Running headers recur with each other; a lone recurring line can still be one when it
    // reads as a label rather than a sentence or a lead-in to a list.
    const label = !/[.:;,]$/.test(k) && k.length <= 40 && at.length >= 4;
    if (near * 2 >= at.length || label) strings.push(k);
  }
  return { lines: furnitureLines(repeated, strings, navigation), strings };
}

/** Line numbers of the furniture keys' lines (data left out) and of the navigation links, in line order. */
function furnitureLines(repeated: ReadonlyMap<string, Candidate[]>, strings: readonly string[], navigation: readonly number[]): Set<number> {
  const at = [...navigation];
  for (const k of strings) for (const c of repeated.get(k)!) at.push(c.index);
  at.sort((a, b) => a - b);
  const out = new Set<number>();
  for (const i of at) out.add(i + 1);
  return out;
}
