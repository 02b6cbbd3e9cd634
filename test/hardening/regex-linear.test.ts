// Issue 11, point 2: every regular expression the reader runs on annex text is linear. Each one
// is fed its pathological string (generated here, 100 KB or more) through the function that uses
// it, and must finish well within a bound no noise can reach: the patterns these replaced took
// from 3 s to minutes on the same strings (cubic on a line of 8,000 spaces).
import { describe, expect, it } from 'vitest';
import { splitContact } from '../../pipeline/annex/contacts.js';
import { readDocument } from '../../pipeline/annex/document.js';
import { headerFieldOf } from '../../pipeline/annex/header.js';
import { pageNumberCandidate } from '../../pipeline/annex/pages.js';
import { headingOf, readSections } from '../../pipeline/annex/sections.js';
import { scanTables } from '../../pipeline/annex/tables.js';
import { printable, InputError } from '../../pipeline/errors.js';
import { sheetName } from '../../pipeline/workbook/index.js';
import { readAmount } from '../../shared/amounts.js';
import { nameForms } from '../../shared/partner-match.js';
import { visibleText } from '../../shared/text.js';
import {
  domainAttack, emailAttack, headerAttacks, headingAttack, pageLineAttack, pipeSeparatorAttack, spacesLine,
  tagAttacks, trailingRunAttacks,
} from './attacks.js';

const SIZE = 100_000;
const BOUND_MS = 1000;

function timed(what: () => unknown): number {
  const start = performance.now();
  what();
  return performance.now() - start;
}

function linear(name: string, what: () => unknown) {
  it(`${name}: ${SIZE / 1000} KB in under ${BOUND_MS} ms`, () => {
    const ms = timed(what);
    console.log(`[regex] ${name}: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(BOUND_MS);
  });
}

describe('pathological strings', () => {
  // pipeline/annex/pages.ts: runs of spaces around digits (was cubic: 8,000 characters, 67 s).
  linear('page-number line', () => pageNumberCandidate(pageLineAttack(SIZE / 2)));
  linear('page-number line of spaces', () => pageNumberCandidate(spacesLine(SIZE)));

  // pipeline/annex/tables.ts: the pipe separator on every line; the HTML row and cell patterns.
  linear('pipe separator', () => scanTables([pipeSeparatorAttack(SIZE / 2)], () => false));
  linear('pipe separator on a line of spaces', () => scanTables([spacesLine(SIZE)], () => false));
  linear('HTML rows that never close', () => scanTables(['<table>', '<tr'.repeat(SIZE / 3), '</table>'], () => false));
  linear('HTML cells that never close', () => scanTables(['<table><tr>', `>${'<td/'.repeat(SIZE / 4)}`, '</table>'], () => false));
  linear('HTML cell with a long run of spaces', () => scanTables(['<table><tr><td>', `x${'\t'.repeat(SIZE)}\u0001\n`, '</td></tr></table>'], () => false));

  // pipeline/annex/contacts.ts: the e-mail pattern and the cleaners of the name (e-mail was 22 s).
  linear('e-mail in a referent', () => splitContact(emailAttack(SIZE)));
  linear('referent cleaners', () => trailingRunAttacks(SIZE).map((s) => splitContact(s)));

  // pipeline/annex/sections.ts: "#", spaces, then a U+2028 that "." cannot cross (was 9.7 s).
  linear('heading with U+2028', () => headingOf(headingAttack(SIZE)));
  linear('section text with trailing tabs', () => {
    const doc = readDocument(new TextEncoder().encode(`# Titolo\na\t${'\t'.repeat(SIZE)}\u0001\t\n`), 'x.md');
    return readSections(doc, 1, 2, new Set());
  });

  // pipeline/annex/header.ts: each field pattern on lines of blanks and line separators.
  linear('header fields', () => headerAttacks(SIZE).map((s) => [headerFieldOf(s, 1, true), headerFieldOf(s, 1, false)]));

  // shared/text.ts, visibleText: tags, links and markdown links that never close (was 11 s).
  linear('tags in visibleText', () => tagAttacks(SIZE).map((s) => visibleText(s)));

  // shared/amounts.ts (trailing punctuation of a note), shared/partner-match.ts (web domains),
  // pipeline/workbook/index.ts (quotes around a sheet name), pipeline/errors.ts (one-line messages).
  linear('amount notes', () => trailingRunAttacks(SIZE).map((s) => readAmount(`€ 5,00 (finanziamento) di cui: € 2,00 ${s} € 1,00 (cof)`)));
  linear('domains in partner names', () => nameForms(domainAttack(SIZE)));
  linear('sheet names', () => sheetName(`x${"'".repeat(SIZE)}\u0001'`, new Set()));
  linear('one-line messages', () => [new InputError('f', null, { en: `${'\t'.repeat(SIZE)}\u0001\n`, it: `${'\t'.repeat(SIZE)}\u0001\n` }).oneLine('it'), printable(`${'\t'.repeat(SIZE)}\u0001\n`)]);
});

describe('the rewritten patterns still read what they read', () => {
  it('page numbers', () => {
    for (const [line, page] of [['39', 39], ['  - 39 -  ', 39], ['Pag. 3 di 9', 3], ['pagina 12/40', 12], ['— 7', 7], ['Pag.39', 39]] as const) {
      expect(pageNumberCandidate(line), line).toBe(page);
    }
    for (const line of ['', 'Punti 59', '39 persone', '12345', '- -']) expect(pageNumberCandidate(line), line).toBeNull();
  });

  it('pipe separators', () => {
    const scan = scanTables(['| a | b |', '| --- | :--: |', '| 1 | 2 |', '  |---|---|  '], () => false);
    expect(scan.rows.map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2']]);
    expect(scan.rows[0]!.lines).toEqual([1, 2]);
    expect(scan.rows[1]!.lines).toEqual([3, 4]);
  });

  it('HTML rows keep their lines, cells join their lines', () => {
    const scan = scanTables(['<table>', '<tr><td>a\n</td>', '<td>b', ' c</td></tr>', '<tr><td>d</td></tr>', '</table>'].join('\n').split('\n'), () => false);
    expect(scan.rows.map((r) => [r.line, r.cells])).toEqual([[2, ['a', 'b c']], [6, ['d']]]);
  });

  it('contacts', () => {
    expect(splitContact('Annamaria Pecchini, 0376 283079, a.pecchini@borgovirgilio.gov.it')).toEqual({
      name: 'Annamaria Pecchini', email: 'a.pecchini@borgovirgilio.gov.it', phone: '0376 283079',
    });
    expect(splitContact('Dott. MARCO ZANINI - tel. 0376.234201 - zanini@x.it ;')).toEqual({ name: 'Dott. MARCO ZANINI', email: 'zanini@x.it', phone: '0376.234201' });
  });

  it('headings and header fields', () => {
    expect(headingOf('## 1) IMPRESE PRIVATE')).toBe('1) IMPRESE PRIVATE');
    expect(headingOf('# a\u2028b')).toBe('a\u2028b');
    expect(headerFieldOf('Punti: 59', 1, false)?.value).toBe('59');
    expect(headerFieldOf('PUNTEGGIO 59/100', 1, false)?.value).toBe('59');
    expect(headerFieldOf('Progetto Borgo Virgilio', 1, true)).toMatchObject({ field: 'shortName', value: 'Borgo Virgilio' });
    expect(headerFieldOf('**PROGETTO: Eugenio 20-23**', 1, false)).toMatchObject({ field: 'title', value: 'Eugenio 20-23' });
  });

  it('visible text', () => {
    expect(visibleText('<a href="#"><u>Eugenio</u></a> e <b>altri</b>')).toBe('Eugenio e altri');
    expect(visibleText('[a.b@c.it](mailto:a.b@c.it) e [sito](http://x.it)')).toBe('a.b@c.it e sito');
    expect(visibleText('<abbr>x</abbr> <a>y')).toBe('x y');
  });

  it('partner names, notes and sheet names', () => {
    expect(nameForms('www.novellini.com S.p.A.')[0]!.tokens).toContain('novellini');
    const split = readAmount('€ 10,00 (finanziamento) di cui: € 4,00 affitto;; € 2,00 (cof)');
    expect(split).toMatchObject({ kind: 'split' });
    expect(split.kind === 'split' && split.details.map((d) => d.note)).toEqual(['affitto']);
    expect(sheetName("''Budget 2.1''", new Set())).toBe('Budget 2.1');
  });
});
