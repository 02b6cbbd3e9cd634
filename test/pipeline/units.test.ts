// The small pieces on their own: contacts, page numbers, furniture, tables, CSV cells.
import { describe, expect, it } from 'vitest';
import { splitContact } from '../../pipeline/annex/contacts.js';
import { decodeAnnex } from '../../pipeline/annex/decode.js';
import { findFurniture } from '../../pipeline/annex/furniture.js';
import { findPagination } from '../../pipeline/annex/pages.js';
import { headingOf } from '../../pipeline/annex/sections.js';
import { scanTables } from '../../pipeline/annex/tables.js';
import { InputError } from '../../pipeline/errors.js';
import { neutralise, toCsv } from '../../pipeline/outputs/csv.js';
import { SEED_LINES } from './helpers.js';

describe('contacts', () => {
  it('splits name, phone and email written in one breath', () => {
    expect(splitContact('Annamaria Pecchini, 0376 283079, <a href="mailto:a.p@x.it">a.p@x.it</a>')).toEqual({
      name: 'Annamaria Pecchini', phone: '0376 283079', email: 'a.p@x.it',
    });
    expect(splitContact('Paola Merlini – Paolo Rossi tel. 0372 415633 paola.merlini@cosper.it')).toEqual({
      name: 'Paola Merlini – Paolo Rossi', phone: '0372 415633', email: 'paola.merlini@cosper.it',
    });
    expect(splitContact('*Facchinetti Sara* – [s.f@a.it](mailto:s.f@a.it)')).toEqual({ name: 'Facchinetti Sara', phone: '', email: 's.f@a.it' });
  });
});

describe('page numbers', () => {
  it('keeps the increasing run and knows a page only between consecutive numbers', () => {
    const p = findPagination(['a', '7', 'b', '2020', 'c', '8', 'd', '- 9 -', 'e', '12']);
    expect([...p.numberLines.values()]).toEqual([7, 8, 9, 12]);
    expect(p.pageOf(5)).toBe(8);
    expect(p.pageOf(9)).toBeNull();
    expect(p.boundsOf(9)).toEqual([10, 12]);
  });
});

describe('furniture', () => {
  it('takes repeated running headers, not a repeated prompt', () => {
    const f = findFurniture(SEED_LINES, new Set(findPagination(SEED_LINES).numberLines.keys()));
    expect(f.strings).toEqual(expect.arrayContaining(['conciliazione vita-lavoro', 'regione', 'lombardia']));
    expect(f.strings.some((s) => s.startsWith('indicare la tipologia'))).toBe(false);
  });
  it('takes a link back to the contents, however indented, and no other line with a bracket', () => {
    const lines = ['Testo', '[Torna a elenco](#)', '  <a href="#top">Torna su</a>  ', '\t[Indice](#indice)', '[Sito](https://x.it)', '<b>Titolo</b>', 'a [Torna](#)'];
    expect([...findFurniture(lines, new Set()).lines]).toEqual([2, 3, 4]);
  });
});

describe('tables', () => {
  it('reads tab rows, pipe rows and HTML rows with their lines', () => {
    const lines = ['a\tb', 'text', '| x | y \\| z |', '|---|---|', '| 1 | 2 |', '<table><tr><td>p</td>', '<td colspan="2">q</td></tr></table>'];
    const scan = scanTables(lines, () => false);
    expect(scan.rows.map((r) => [r.line, r.cells, r.table])).toEqual([
      [1, ['a', 'b'], 1],
      [3, ['x', 'y | z'], 2],
      [5, ['1', '2'], 2],
      [6, ['p', 'q', ''], 3],
    ]);
  });
});

describe('decoding', () => {
  it('refuses empty and binary input with an InputError', () => {
    expect(() => decodeAnnex(new Uint8Array(), 'f.md')).toThrow(InputError);
    expect(() => decodeAnnex(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]), 'f.md')).toThrow(/not a text file/);
  });
  it('reads UTF-16 with its byte-order mark', () => {
    const text = 'Sub-Allegato 2.1\r\nPunti 5';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    [...text].forEach((ch, i) => bytes.set([ch.charCodeAt(0), 0], 2 + i * 2));
    expect(decodeAnnex(bytes, 'f.md')).toMatchObject({ lines: ['Sub-Allegato 2.1', 'Punti 5'], encoding: 'utf-16le', lineEnding: 'crlf' });
  });
  it.each([
    ['a', ['a'], 'none'],
    ['a\n', ['a'], 'lf'],
    ['a\nb', ['a', 'b'], 'lf'],
    ['a\n\nb\n', ['a', '', 'b'], 'lf'],
    ['a\r\nb\r\n', ['a', 'b'], 'crlf'],
    ['a\rb', ['a', 'b'], 'cr'],
    ['a\r\nb\nc\rd', ['a', 'b', 'c', 'd'], 'mixed'],
  ])('splits %j into lines and names its line ending', (text, lines, lineEnding) => {
    expect(decodeAnnex(new TextEncoder().encode(text), 'f.md')).toMatchObject({ lines, lineEnding });
  });
});

describe('headings', () => {
  it.each([
    ['**Titolo**', 'Titolo'],
    ['***Attività***', 'Attività'],
    ['__Voce__:', 'Voce'],
    ['<b>Voce</b>', 'Voce'],
    ['<STRONG>Voce</STRONG>:', 'Voce'],
    ['  ## Titolo  ', 'Titolo'],
    ['Testo **bold**', null],
    ['- **voce**', null],
    ['x', null],
    ['', null],
    ['\u00a0**Titolo**', 'Titolo'],
    ['**Frase lunga.**', null],
    ['#Titolo', null],
    ['####### Sette', null],
  ])('%j is the heading %j', (raw, heading) => {
    expect(headingOf(raw)).toBe(heading);
  });
});

describe('CSV cells', () => {
  it('neutralises formula-like text but writes amounts as numbers', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('Comune')).toBe('Comune');
    const csv = toCsv(
      { file: 'x.csv', columns: [{ name: 'text', kind: 'text' }, { name: 'amount_eur', kind: 'amount' }], rows: [['-----', '-500.00'], ['+39 0376', null]] },
      'standard',
    );
    expect(csv).toBe("text,amount_eur\r\n'-----,-500.00\r\n'+39 0376,\r\n");
    const it = toCsv({ file: 'x.csv', columns: [{ name: 'a;b', kind: 'text' }, { name: 'amount_eur', kind: 'amount' }], rows: [['x;y', '1234.50']] }, 'it');
    expect(it).toBe('\ufeff"a;b";amount_eur\r\n"x;y";1234,50\r\n');
  });
});
