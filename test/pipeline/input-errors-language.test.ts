// A mistake the user can act on is said in the language of the run: the same one line
// ("conciliazione: file:line: message", exit 2), Italian by default and with --lang it, English
// with --lang en.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../pipeline/errors.js';
import { foreignWords } from '../fixtures/language-words.js';
import { buildCli, cli, scratch, SEED } from './helpers.js';

let dir: string;
const cases: [string, (d: string) => string[]][] = [
  ['a missing file', (d) => [join(d, 'missing.md')]],
  ['an empty file', (d) => [join(d, 'empty.md')]],
  ['a text with no project', (d) => [join(d, 'hello.md')]],
  ['an Excel workbook', (d) => [join(d, 'book.md')]],
  ['an empty --out', () => ['--out', '', SEED]],
  ['an unknown --formats', () => ['--formats', 'pdf', SEED]],
  ['a bad --max-input-mb', () => ['--max-input-mb', 'many', SEED]],
];

beforeAll(() => {
  buildCli();
  dir = scratch('input-errors');
  writeFileSync(join(dir, 'empty.md'), '');
  writeFileSync(join(dir, 'hello.md'), 'Buongiorno,\nquesto non è un allegato.\n');
  writeFileSync(join(dir, 'book.md'), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64), Buffer.from('xl/workbook.xml')]));
}, 120_000);

describe('one-line errors in the language of --lang', () => {
  it.each(cases)('%s', (_, args) => {
    const said = (lang: 'it' | 'en' | null) => {
      const r = cli([...(lang ? ['--lang', lang] : []), ...args(dir)], dir);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^conciliazione: [^\n]+\n$/);
      return r.stderr.replace(/^conciliazione: [^:]*(?::\d+)?: /, '');
    };
    const [it_, en, plain] = [said('it'), said('en'), said(null)];
    expect(foreignWords(it_, 'it'), it_).toEqual([]);
    expect(foreignWords(en, 'en'), en).toEqual([]);
    expect(it_).not.toBe(en);
    // Italian by default, as every output of the run.
    expect(plain).toBe(it_);
  });
});

describe('InputError', () => {
  it('keeps both texts, English as its message, and prints the one asked for on one line', () => {
    const e = new InputError('a.md', 3, { en: 'the file is empty', it: 'il file è vuoto' });
    expect(e.message).toBe('the file is empty');
    expect(e.oneLine('it')).toBe('a.md:3: il file è vuoto');
    expect(e.oneLine('en')).toBe('a.md:3: the file is empty');
    expect(new InputError('b', null, { en: 'two\nlines', it: 'due\nrighe' }).oneLine('it')).toBe('b: due righe');
  });
});
