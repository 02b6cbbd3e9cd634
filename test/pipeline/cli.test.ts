// The built command line as users run it: exit codes, one-line errors, output files, dialects.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, lineContaining, readCsv, scratch, SEED, SEED_TEXT, writeVariant } from './helpers.js';

const OUTPUTS = [
  'projects.csv', 'partners.csv', 'interventions.csv', 'budget_lines.csv', 'cofinancing.csv', 'findings.csv',
  'sections.csv', 'annex.json',
];

function expectOneLineError(r: { status: number | null; stderr: string; stdout: string }, pattern: RegExp) {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^conciliazione: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

describe('the conciliazione command', () => {
  let dir: string;
  beforeAll(() => {
    buildCli();
    dir = scratch('cli');
  });

  it('prints its usage with --help', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const option of ['--out', '--profile', '--lang', '--csv-dialect', '--strict']) expect(r.stdout).toContain(option);
  });

  it('runs on the seed folder and writes every output', () => {
    const out = join(dir, 'seed-out');
    const r = cli(['seeds/', '--out', out, '--lang', 'en']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // no progress bar off a terminal
    for (const f of OUTPUTS) expect(existsSync(join(out, f)), f).toBe(true);
    const projects = readCsv(out, 'projects.csv');
    expect(projects).toHaveLength(7);
    expect(projects[0]!.annex_file).toBe('seeds/sub-allegato-2-ats-val-padana-2020.md');
    const findings = readCsv(out, 'findings.csv');
    expect(findings.find((f) => f.rule === 'cofinancing-min')!.message).toMatch(/less than a cent/);
  });

  it('writes the Italian dialect: BOM, semicolons, decimal comma', () => {
    const out = join(dir, 'it-out');
    const r = cli([SEED, '-o', out, '--csv-dialect', 'it', '--lang', 'it']);
    expect(r.status, r.stderr).toBe(0);
    const raw = readFileSync(join(out, 'budget_lines.csv'), 'utf8');
    expect(raw.startsWith('\ufeff')).toBe(true);
    const rows = readCsv(out, 'budget_lines.csv', ';');
    expect(rows.find((x) => x.project_id === '2.5' && x.code === 'A')!.amount_eur).toBe('14142,85');
    const findings = readCsv(out, 'findings.csv', ';');
    expect(findings.find((f) => f.rule === 'cofinancing-min')!.message).toMatch(/arrotondamento/);
  });

  it('neutralises text cells a spreadsheet would run as formulas, not amounts', () => {
    const lines = SEED_TEXT.split('\n');
    const at = lineContaining(SEED_TEXT, 'LUBIAM\t');
    lines[at - 1] = lines[at - 1]!.replace('LUBIAM', '=HYPERLINK("http://x")');
    const file = writeVariant(dir, 'formula.md', lines.join('\n'));
    const out = join(dir, 'formula-out');
    expect(cli([file, '-o', out]).status).toBe(0);
    const rows = readCsv(out, 'cofinancing.csv');
    expect(rows.some((x) => x.entity === `'=HYPERLINK("http://x")`)).toBe(true);
    const budget = readCsv(out, 'budget_lines.csv');
    expect(budget.filter((x) => x.raw!.startsWith('-')).length).toBe(0);
  });

  it('exits 1 under --strict when an error finding exists, 0 without', () => {
    const broken = SEED_TEXT.replace('€ 31.500,00', '€ 12,3,4');
    const file = writeVariant(dir, 'broken.md', broken);
    expect(cli([file, '-o', join(dir, 'b1'), '--strict']).status).toBe(1);
    expect(cli([file, '-o', join(dir, 'b2')]).status).toBe(0);
    expect(cli([SEED, '-o', join(dir, 'b3'), '--strict']).status).toBe(0);
  });

  it('refuses an empty file with one line and exit 2', () => {
    const file = writeVariant(dir, 'empty.md', '');
    expectOneLineError(cli(['--lang', 'en', file, '-o', join(dir, 'e')]), /empty\.md: the file is empty/);
  });

  it('refuses a binary file with one line and exit 2', () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const file = writeVariant(dir, 'image.md', bytes);
    expectOneLineError(cli(['--lang', 'en', file, '-o', join(dir, 'bin')]), /image\.md:\d+: this is not a text file/);
  });

  it('refuses a text without projects, naming the file and line', () => {
    const file = writeVariant(dir, 'notes.md', '\n# Appunti\n\nNessun progetto qui.\n');
    expectOneLineError(cli(['--lang', 'en', file, '-o', join(dir, 'n')]), /notes\.md:2: no project found/);
  });

  it('refuses a missing file, a bad option and a bad profile', () => {
    expectOneLineError(cli(['--lang', 'en', 'nowhere.md', '-o', join(dir, 'm')]), /nowhere\.md: no such file/);
    expectOneLineError(cli([SEED, '--lang', 'fr']), /fr/);
    const bad = writeVariant(dir, 'profile.json', '{ "id": "x", ');
    expectOneLineError(cli(['--lang', 'en', SEED, '-o', join(dir, 'p'), '--profile', bad]), /profile\.json: the profile is not valid JSON/);
    const wrong = writeVariant(dir, 'wrong-profile.json', JSON.stringify({ id: 'x' }));
    expectOneLineError(cli(['--lang', 'en', SEED, '-o', join(dir, 'p'), '--profile', wrong]), /wrong-profile\.json: invalid profile/);
  });

  it('uses a valid profile from the command line', () => {
    const profile = writeVariant(dir, 'tight.json', JSON.stringify({
      id: 'tight', name: 'Tight', cofinancingMinPct: '50', coordinationMaxPct: '15', contributionMax: '30000.00',
      roundingTolerance: '0.01', partnerMatchStrong: 0.8, partnerMatchWeak: 0.5,
    }));
    const out = join(dir, 'tight-out');
    expect(cli([SEED, '-o', out, '--profile', profile]).status).toBe(0);
    const findings = readCsv(out, 'findings.csv');
    expect(findings.filter((f) => f.rule === 'contribution-max').length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(out, 'annex.json'), 'utf8')).profile).toBe('tight');
  });

  it('leaves the previous outputs in place when a run fails', () => {
    const out = join(dir, 'keep');
    expect(cli([SEED, '-o', out]).status).toBe(0);
    const before = readFileSync(join(out, 'projects.csv'), 'utf8');
    const empty = writeVariant(dir, 'also-empty.md', '');
    expect(cli([SEED, empty, '-o', out]).status).toBe(2);
    expect(readFileSync(join(out, 'projects.csv'), 'utf8')).toBe(before);
  });

  it('combines several files, with the source file on every row', () => {
    const folder = join(dir, 'many');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'a.md'), SEED_TEXT);
    writeFileSync(join(folder, 'b.txt'), SEED_TEXT.replace(/\n/g, '\r\n'));
    writeFileSync(join(folder, 'ignored.csv'), 'x'); // not an annex format: left alone
    const out = join(dir, 'many-out');
    const r = cli([folder, '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    const projects = readCsv(out, 'projects.csv');
    expect(projects).toHaveLength(14);
    expect(new Set(projects.map((p) => p.annex_file!.replace(/.*\//, '')))).toEqual(new Set(['a.md', 'b.txt']));
  });
});
