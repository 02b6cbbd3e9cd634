// Issue 11, point 5: values that cannot be right do not pass. Before: a negative budget line
// that still added up got no finding, and "9" x 400 as an amount went into annex.json and the
// CSV files as a 400-digit figure and into annex.xlsx as Infinity.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnexJson } from '../../pipeline/records.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { buildCli, lineContaining, readCsv } from '../pipeline/helpers.js';
import { hugeAmount, negativeCofinancing, negativeCostLine } from './attacks.js';
import { ROOT } from './mutate.js';

const BIN = join(ROOT, 'pipeline/bin/conciliazione.mjs');
const NINES = '9'.repeat(400);
let dir: string;

function run(name: string, text: string, extra: string[] = []): { out: string; status: number | null; stderr: string } {
  const file = join(dir, `${name}.md`);
  writeFileSync(file, text);
  const out = join(dir, `out-${name}`);
  const r = spawnSync(process.execPath, [BIN, '--quiet', '--out', out, ...extra, file], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { out, status: r.status, stderr: r.stderr };
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'conciliazione-values-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('negative amounts', () => {
  it('a negative cost line that still adds up is an error finding on its line', () => {
    const text = negativeCostLine();
    const { out, status } = run('negative-line', text, ['--strict']);
    expect(status).toBe(1); // --strict: an error finding exists
    const findings = readCsv(out, 'findings.csv').filter((f) => f.rule === 'amount-negative');
    expect(findings).toEqual([
      expect.objectContaining({ project_id: '2.1', severity: 'error', line: String(lineContaining(text, '€ -5.000,00')) }),
    ]);
    expect(findings[0]!.message).toMatch(/negativo/);
    // The sums still hold: only the new rule speaks.
    expect(readCsv(out, 'findings.csv').some((f) => f.project_id === '2.1' && f.rule === 'lines-sum')).toBe(false);
  }, 60_000);

  it('a negative cofinancing row that still adds up is an error finding, in English too', () => {
    const text = negativeCofinancing();
    const { out } = run('negative-cofin', text, ['--lang', 'en']);
    const findings = readCsv(out, 'findings.csv').filter((f) => f.rule === 'amount-negative');
    expect(findings).toEqual([expect.objectContaining({ project_id: '2.1', severity: 'error', line: String(lineContaining(text, 'LUBIAM\t-1.000,00')) })]);
    expect(findings[0]!.message).toMatch(/monetary cofinancing of "LUBIAM" is negative/);
    expect(readCsv(out, 'findings.csv').some((f) => f.project_id === '2.1' && f.rule === 'cofinancing-table-sum')).toBe(false);
  }, 60_000);
});

describe('an amount beyond any plausible grant', () => {
  it('"9" x 400 is amount-unreadable in JSON and CSV, and never a number in the workbook', async () => {
    const { out, status } = run('huge', hugeAmount());
    expect(status).toBe(0);
    // annex.json: line D unreadable, no amount; the finding quotes the annex.
    const json = JSON.parse(readFileSync(join(out, 'annex.json'), 'utf8')) as AnnexJson;
    const d = json.annexes[0]!.projects[0]!.budget.lines.find((l) => l.code === 'D')!;
    expect(d).toMatchObject({ status: 'unreadable', amount: null });
    expect(json.annexes[0]!.projects[0]!.findings.some((f) => f.rule === 'amount-unreadable' && f.actual?.kind === 'text' && f.actual.value.includes(NINES))).toBe(true);
    // No amount column of any CSV holds the figure (its text stays where text is: raw, messages).
    for (const name of readdirSync(out).filter((n) => n.endsWith('.csv'))) {
      for (const row of readCsv(out, name)) {
        for (const [column, value] of Object.entries(row)) {
          if (/amount|_eur$|monetary|in_kind|total|contribution|cofinancing/.test(column) && !/raw|text|message|actual|expected/.test(column)) {
            expect(value, `${name} ${column}`).not.toContain(NINES);
          }
        }
      }
    }
    expect(readCsv(out, 'findings.csv').some((f) => f.project_id === '2.1' && f.rule === 'amount-unreadable')).toBe(true);
    // annex.xlsx: no cell holds a number beyond the readable ceiling, and no part says Infinity.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'annex.xlsx'));
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'number') expect(Math.abs(cell.value), `${ws.name}!${cell.address}`).toBeLessThan(1e13);
        }),
      ),
    );
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'annex.xlsx')));
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
      expect(await zip.files[name]!.async('string'), name).not.toMatch(/Infinity|NaN/);
    }
  }, 60_000);

  it('the limit is the profile\'s maxPlausibleAmount', () => {
    const profile = join(dir, 'small.json');
    writeFileSync(profile, JSON.stringify({ ...DEFAULT_PROFILE, maxPlausibleAmount: '35000.00' }));
    const { out, status, stderr } = run('small-limit', negativeCostLine().replace('€ -5.000,00', '€ 0,00').replace('€ 36.500,00', '€ 31.500,00'), ['--profile', profile]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = readCsv(out, 'budget_lines.csv').filter((l) => l.project_id === '2.1');
    // Line D (40.000) and the totals are over 35.000: unreadable; line C (31.500) is read.
    expect(lines.find((l) => l.code === 'C')).toMatchObject({ amount_eur: '31500.00' });
    expect(lines.find((l) => l.code === 'D')).toMatchObject({ amount_eur: '', status: 'unreadable' });
    const problems = readCsv(out, 'findings.csv').filter((f) => f.project_id === '2.1' && f.rule === 'amount-unreadable');
    // The reason is said in the run's language (Italian by default): "oltre ogni contributo plausibile".
    expect(problems.some((f) => /plausibile/.test(f.message ?? ''))).toBe(true);
  }, 60_000);
});
