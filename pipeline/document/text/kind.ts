// What kind of text a converter wrote, told from the text: HTML, markdown full of backslash
// escapes, text whose tables are tab/pipe/HTML rows, text laid out in character columns, or
// text with one table cell per line.
import { chunksOf } from './stream.js';

export type TextKind = 'html' | 'escaped-markdown' | 'markup' | 'layout' | 'cells';

/** How many matches of a global pattern, stopping at `enough`. */
function count(lines: readonly string[], re: RegExp, enough: number): number {
  let n = 0;
  for (const line of lines) {
    re.lastIndex = 0;
    while (re.exec(line)) {
      if (++n >= enough) return n;
      if (!re.global) break;
    }
  }
  return n;
}

const HTML_DOCUMENT = /<!doctype\s+html|<html[\s>]|<body[\s>]/i;
const BLOCK_TAG = /<(?:p|h[1-6]|div|table|section|article)[\s>]/gi;
const ESCAPE = /\\[\\`*_{}[\]()#+\-.!]/g;
const PIPE_ROW = /^\s*\|.*\|\s*$/;

/** Lines that are table rows in the shapes the markup scan reads. */
function markupRows(lines: readonly string[], enough: number): number {
  let n = 0;
  for (const line of lines) {
    if ((line.includes('\t') && line.split('\t').filter((c) => c.trim() !== '').length >= 2) || PIPE_ROW.test(line) || /<t[dh][\s>]/i.test(line)) {
      if (++n >= enough) return n;
    }
  }
  return n;
}

/** Consecutive lines with two or more chunks starting at the same places: columns of a layout. */
function alignedPairs(lines: readonly string[], enough: number): number {
  let n = 0;
  let prev: ReturnType<typeof chunksOf> | null = null;
  for (const line of lines) {
    const text = line.replace(/\f/g, '');
    // Only lines with a run of two spaces between words can have columns.
    const chunks = /\S {2,}\S/.test(text) ? chunksOf(text) : [];
    if (prev && chunks.length >= 2 && chunks.length === prev.length && chunks.every((c, i) => Math.abs(c.start - prev![i]!.start) <= 2)) {
      if (++n >= enough) return n;
    }
    prev = chunks.length >= 2 ? chunks : null;
  }
  return n;
}

export function classifyText(lines: readonly string[]): TextKind {
  const head = lines.slice(0, 50).join('\n').slice(0, 8192);
  if (HTML_DOCUMENT.test(head) || count(lines, BLOCK_TAG, 3) >= 3) return 'html';
  if (count(lines, ESCAPE, 20) >= 20) return 'escaped-markdown';
  if (markupRows(lines, 3) >= 3) return 'markup';
  if (alignedPairs(lines, 2) >= 2) return 'layout';
  return 'cells';
}
