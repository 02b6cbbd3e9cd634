// --formats: a run writes only the outputs asked for; the others are never built (nor their
// packages loaded), and an unknown name is refused before anything is read.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST } from '../../pipeline/out-folder.js';
import { buildCli, cli, scratch, SEED } from './helpers.js';

const CSV = ['budget_lines.csv', 'cofinancing.csv', 'extra_tables.csv', 'findings.csv', 'interventions.csv', 'partners.csv', 'projects.csv', 'replan.csv', 'sections.csv'];
let dir: string;

beforeAll(() => {
  buildCli();
  dir = scratch('formats');
});

const files = (out: string) => readdirSync(out).filter((n) => n !== MANIFEST).sort();

describe('--formats', () => {
  it('csv: the CSV files and the data package that describes them, nothing else', () => {
    const out = join(dir, 'csv');
    const r = cli(['-q', '--formats', 'csv', '--out', out, SEED]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(files(out)).toEqual([...CSV, 'datapackage.json'].sort());
  });

  it('json,xlsx: annex.json and the workbook', () => {
    const out = join(dir, 'json-xlsx');
    const r = cli(['-q', '-f', 'xlsx, JSON', '--out', out, SEED]);
    expect(r.status).toBe(0);
    expect(files(out)).toEqual(['annex.json', 'annex.xlsx']);
  });

  it('--no-report takes the report out of the default formats', () => {
    const out = join(dir, 'no-report');
    expect(cli(['-q', '--no-report', '--out', out, SEED]).status).toBe(0);
    expect(files(out)).toEqual([...CSV, 'annex.json', 'annex.xlsx', 'datapackage.json'].sort());
  });

  it('refuses an unknown or empty list with one line and exit 2, before reading', () => {
    const out = join(dir, 'bad');
    for (const list of ['csv,pdf', ',']) {
      const r = cli(['--formats', list, '--out', out, SEED]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--formats/);
    }
    expect(() => readdirSync(out)).toThrow();
  });
});
