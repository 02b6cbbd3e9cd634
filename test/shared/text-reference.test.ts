// visibleText and foldVisible take shortcuts for speed (shared/text.ts). Each must give what the
// plain chain of regex replaces gives, written out here as it stood before the shortcuts: on every
// line and table cell of every fixture and the seed (text, PDF and Word), and on random strings
// made of the characters the shortcuts turn on (marks, every kind of space, accents, quotes).
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '../../pipeline/document/read-source.js';
import { foldVisible, visibleText } from '../../shared/text.js';
import { referenceFold, referenceVisible } from './reference-text.js';

const ROOT = join(import.meta.dirname, '../..');
const DIRS = ['seeds', ...readdirSync(join(ROOT, 'test/fixtures'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `test/fixtures/${d.name}`)];

/** Every line and table cell of every input the fixtures hold that reads as a document. */
async function fixtureStrings(): Promise<string[]> {
  const strings = new Set<string>();
  for (const dir of DIRS) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(md|txt|html|pdf|docx)$/.test(entry.name)) continue;
      const doc = await readSource(readFileSync(join(entry.parentPath, entry.name)), entry.name).catch(() => null);
      if (!doc) continue;
      for (const line of doc.lines) strings.add(line);
      for (const row of doc.tables.rows) for (const cell of row.cells) strings.add(cell);
    }
  }
  return [...strings];
}

// The characters the shortcuts decide on, with plain letters and accents around them.
const CHARS = [
  'a', 'B', 'z', '0', '9', '.', ',', '%', '€', "'", '’', '‘', '`', '´', '-', '–', '(', ')', ':', '/',
  '*', '_', '<', '>', '&', '[', ']', '#', '|', 'é', 'À', 'ç', 'ñ', '\u0301', 'ǐ', 'Ω', 'ß', 'İ', '🎉',
  ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2003', '\u2007', '\u200a', '\u200b',
  '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
];
const PIECES = ['<b>', '</b>', '<a href="x">', '</a>', '<br/>', '&amp;', '&nbsp;', '**', '***', '__', '](mailto:x@y.it)'];
const hostile = fc.array(fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom(...PIECES)), { maxLength: 40 }).map((parts) => parts.join(''));

describe('text shortcuts against the plain replaces', () => {
  let strings: string[] = [];
  beforeAll(async () => {
    strings = await fixtureStrings();
  }, 120_000);

  it('read many fixture strings', () => {
    expect(strings.length).toBeGreaterThan(10_000);
  });

  it('visibleText gives the plain replaces on every fixture line and cell', () => {
    const differing = strings.filter((s) => visibleText(s) !== referenceVisible(s));
    expect(differing).toEqual([]);
  });

  it('foldVisible gives the plain fold on every fixture line and cell', () => {
    const differing = strings.map(visibleText).filter((v) => foldVisible(v) !== referenceFold(v));
    expect(differing).toEqual([]);
  });

  it('both agree on random strings of marks, spaces and accents', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(visibleText(s)).toBe(referenceVisible(s));
        expect(foldVisible(s)).toBe(referenceFold(s));
      }),
      { numRuns: 20_000 },
    );
  });
});
