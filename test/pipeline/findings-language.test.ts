// Italian output is Italian throughout, English output English: every finding of the seed, of
// the seed broken in the ways the rules catch, of the other agencies' annexes and of a file in
// Windows-1252, run with --lang it and --lang en, has no word of the other language in its
// message, expected or actual (the annex's own words are quoted, and left out of the check).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnexJson } from '../../pipeline/records.js';
import { run } from '../../pipeline/run.js';
import { Finding } from '../../shared/model.js';
import { Money } from '../../shared/money.js';
import { foreignWords } from '../fixtures/language-words.js';
import { BROKEN_VARIANTS, editBudget } from '../workbook/fixtures.js';
import { readCsv, ROOT, scratch, SEED, SEED_TEXT } from './helpers.js';

const AGENCIES = ['ats-bergamo-2022', 'ats-brescia-2023', 'ats-insubria-2021', 'ats-montagna-2022'].map((n) =>
  join(ROOT, 'test/fixtures/agencies', `${n}.md`),
);

// The annex's own words, quoted in messages and figures, keep the annex's form.
const QUOTED = /"[^"]*"|«[^»]*»/g;

let dir: string;
const rows: Record<'it' | 'en', Record<string, string>[]> = { it: [], en: [] };
let findings: Finding[] = [];

/** Windows-1252 bytes of a text (its accented letters are all in Latin-1). */
const latin1 = (text: string) => Buffer.from(text.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1');

beforeAll(async () => {
  dir = scratch('findings-language');
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  const files = [SEED, ...AGENCIES];
  BROKEN_VARIANTS.forEach((v, i) => {
    const path = join(inputs, `broken-${i + 1}.md`);
    writeFileSync(path, v.text());
    files.push(path);
  });
  // A negative line, a cofinancer who is no partner, an amount the reader cannot place.
  const odd = editBudget('2.1', [['B. Costo di acquisto, noleggio, leasing di beni o software\t€ 0,00', 'B. Costo di acquisto, noleggio, leasing di beni o software\t€ -100,00'], ['COPIAINCOLLA', 'Pasticceria Bonetti'], ['RELEVI\t4.567,50 €', 'RELEVI\t4.567,50 € circa']]);
  writeFileSync(join(inputs, 'odd.md'), odd);
  writeFileSync(join(inputs, 'latin1.md'), latin1(SEED_TEXT));
  files.push(join(inputs, 'odd.md'), join(inputs, 'latin1.md'));
  for (const lang of ['it', 'en'] as const) {
    const out = join(dir, `out-${lang}`);
    await run({ inputs: files, out, lang, formats: ['csv', 'json'] });
    rows[lang] = readCsv(out, 'findings.csv');
    const json = JSON.parse(readFileSync(join(out, 'annex.json'), 'utf8')) as AnnexJson;
    findings = json.annexes.flatMap((a) => [...a.findings, ...a.projects.flatMap((p) => p.findings)]);
  }
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findings in the language of the run', () => {
  it('covers many rules, the same findings in both languages', () => {
    expect(rows.it.length).toBe(rows.en.length);
    const rules = new Set(rows.it.map((r) => r.rule));
    expect(rules.size).toBeGreaterThanOrEqual(15);
    expect([...rules]).toEqual(expect.arrayContaining([
      'lines-sum', 'cofinancing-min', 'coordination-max', 'contribution-max', 'cofinancing-table-sum', 'budget-incomplete',
      'amount-unreadable', 'amount-negative', 'cofinancer-is-partner', 'header-field-missing', 'encoding-guessed',
      'shares-sum', 'ranking-mismatch', 'coordination-max-after-award', 'funding-split', 'line-split-sum',
    ]));
  });

  it.each(['it', 'en'] as const)('has no word of the other language in any message, expected or actual (%s)', (lang) => {
    const leaks = rows[lang].flatMap((r) =>
      (['message', 'expected', 'actual'] as const).flatMap((col) => {
        const words = foreignWords(r[col] ?? '', lang);
        return words.length === 0 ? [] : [`${r.rule} ${col}: ${words.join(', ')} in ${r[col]}`];
      }),
    );
    expect(leaks).toEqual([]);
  });

  it('writes amounts the way each language does, never the machine form', () => {
    const amounts = (lang: 'it' | 'en') => rows[lang].flatMap((r) => [r.expected, r.actual, r.message].join(' ').replace(QUOTED, ' ').match(/€ -?\d[\d.,]*\d/g) ?? []);
    expect(amounts('it').length).toBeGreaterThan(20);
    for (const a of amounts('it')) expect(a).toMatch(/^€ -?\d{1,3}(\.\d{3})*,\d{2,4}$/);
    for (const a of amounts('en')) expect(a).toMatch(/^€ -?\d{1,3}(,\d{3})*\.\d{2,4}$/);
    const plain = /(^|[^\d.,])\d+\.\d{2}(?![\d.,])/;
    expect(rows.it.filter((r) => plain.test(`${r.expected} ${r.actual}`)).map((r) => `${r.expected} ${r.actual}`)).toEqual([]);
  });

  it('is the seed phone finding in the right words (the issue\'s example)', () => {
    const phone = (lang: 'it' | 'en') => rows[lang].filter((r) => r.rule === 'header-field-missing' && /telefono|phone/.test(r.expected ?? ''));
    expect(phone('it').length).toBeGreaterThan(0);
    expect(phone('it').every((r) => r.expected === 'telefono del referente')).toBe(true);
    expect(phone('en').every((r) => r.expected === "referent's phone")).toBe(true);
  });

  it('every finding of every rule, in annex.json, is one of the catalogue, and its actual figure breaks its expected one', () => {
    expect(findings.length).toBe(rows.it.length);
    const compared = new Set<string>();
    for (const f of findings) {
      expect(Finding.safeParse(f).success, f.rule).toBe(true);
      if (f.expected?.kind !== 'amount' || f.actual?.kind !== 'amount') continue;
      compared.add(f.rule);
      const [want, got] = [new Money(f.expected.value), new Money(f.actual.value)];
      const holds = f.expected.op === '=' ? got.equals(want) : f.expected.op === '<=' ? got.lte(want) : got.gte(want);
      expect(holds, `${f.rule}: ${f.message.en}`).toBe(false);
    }
    // The pipeline's own amount rules too, not only the budget rules.
    expect([...compared]).toEqual(expect.arrayContaining(['shares-sum', 'lines-sum', 'funding-split', 'line-split-sum', 'coordination-max-after-award']));
  });
});
