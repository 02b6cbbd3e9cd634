// datapackage.json (issue 16): the descriptor validates against the published Data Package v2
// profile (a copy in test/fixtures/frictionless, checked with Ajv), describes every CSV file as
// written, and every row of every CSV conforms to its Table Schema (types, primary and unique
// keys, foreign keys) for the seed, in both CSV dialects.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPackage, DATAPACKAGE_FILE, LINES_PATTERN } from '../../pipeline/outputs/datapackage.js';
import { buildTables } from '../../pipeline/outputs/rows.js';
import { run } from '../../pipeline/run.js';
import { ROOT, SEED, scratch } from '../pipeline/helpers.js';
import { castCell, checkKeys, readResource, type PackageDescriptor, type Table } from './table-schema.js';

const PROFILE = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/frictionless/datapackage-2.0.json'), 'utf8')) as object;

// The profile uses keywords of its own (propertyOrder, context) and formats Ajv does not ship
// (textarea); the descriptor has no value of a checked format, so formats are not validated.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validateProfile = ajv.compile(PROFILE);

const DIALECTS = ['standard', 'it'] as const;
const dirs = new Map<string, string>();
let base: string;

beforeAll(async () => {
  base = scratch('datapackage');
  for (const dialect of DIALECTS) {
    const out = join(base, dialect);
    // The workbook and the report are not what is tested here.
    await run({ inputs: [SEED], out, dialect, writers: [] });
    dirs.set(dialect, out);
  }
}, 120_000);

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

const descriptorOf = (dialect: string) => JSON.parse(readFileSync(join(dirs.get(dialect)!, DATAPACKAGE_FILE), 'utf8')) as PackageDescriptor & Record<string, unknown>;

describe.each(DIALECTS)('datapackage.json, %s dialect', (dialect) => {
  it('validates against the published Data Package v2 profile', () => {
    const ok = validateProfile(descriptorOf(dialect));
    expect(validateProfile.errors ?? [], JSON.stringify(validateProfile.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
  });

  it('describes every CSV file of the output, and nothing else', () => {
    const d = descriptorOf(dialect);
    const files = readFileSync(join(dirs.get(dialect)!, '.conciliazione-output.json'), 'utf8');
    const csvs = (JSON.parse(files) as { files: string[] }).files.filter((f) => f.endsWith('.csv')).sort();
    expect(d.resources.map((r) => r.path).sort()).toEqual(csvs);
    expect(csvs).toHaveLength(9);
  });

  it('types project_id as a string, amounts as decimals in the dialect, keys between the tables', () => {
    const d = descriptorOf(dialect);
    for (const r of d.resources) {
      const id = r.schema.fields.find((f) => f.name === 'project_id');
      expect(id?.type, r.name).toBe('string');
      expect(r.dialect?.delimiter).toBe(dialect === 'it' ? ';' : ',');
      for (const f of r.schema.fields.filter((x) => x.name.endsWith('_eur'))) {
        expect(f.type, `${r.name}.${f.name}`).toBe('number');
        expect(f.decimalChar, `${r.name}.${f.name}`).toBe(dialect === 'it' ? ',' : undefined);
      }
    }
    const schema = (name: string) => d.resources.find((r) => r.name === name)!.schema;
    expect(schema('projects').primaryKey).toEqual(['annex_file', 'project_id']);
    expect(schema('partners').primaryKey).toEqual(['annex_file', 'project_id', 'seq']);
    expect(schema('budget_lines').primaryKey).toEqual(['annex_file', 'project_id', 'code']);
    expect(schema('cofinancing').foreignKeys).toContainEqual({
      fields: ['annex_file', 'project_id', 'partner_seq'],
      reference: { resource: 'partners', fields: ['annex_file', 'project_id', 'seq'] },
    });
    for (const name of ['partners', 'interventions', 'budget_lines', 'cofinancing', 'findings', 'replan', 'extra_tables']) {
      expect(schema(name).foreignKeys, name).toContainEqual({ fields: ['annex_file', 'project_id'], reference: { resource: 'projects', fields: ['annex_file', 'project_id'] } });
    }
  });

  it('every row of every CSV conforms to its schema: types, primary, unique and foreign keys', () => {
    const d = descriptorOf(dialect);
    const problems: string[] = [];
    const tables = new Map<string, Table>();
    for (const r of d.resources) tables.set(r.name, readResource(dirs.get(dialect)!, r, problems));
    const keys = checkKeys(tables, problems);
    expect(problems.slice(0, 20)).toEqual([]);
    // The seed's rows were all read, and its references all checked.
    expect(tables.get('projects')!.rows).toHaveLength(7);
    expect(tables.get('partners')!.rows.length).toBeGreaterThan(50);
    expect(keys.foreignKeysChecked).toBeGreaterThan(300);
    // No key is partly empty in the seed: a validator stricter than SQL (frictionless-py checks
    // every key that is not wholly empty) finds nothing either.
    expect(keys.partialForeignKeys).toBe(0);
  });

  it('writes amounts with two decimals in the dialect, and the Italian files with a BOM', () => {
    const d = descriptorOf(dialect);
    const problems: string[] = [];
    for (const r of d.resources) {
      const table = readResource(dirs.get(dialect)!, r, problems);
      r.schema.fields.forEach((f, i) => {
        if (!f.name.endsWith('_eur')) return;
        for (const row of table.raw) if (row[i] !== '') expect(row[i], `${r.name}.${f.name}`).toMatch(dialect === 'it' ? /^-?\d+,\d{2}$/ : /^-?\d+\.\d{2}$/);
      });
      const bytes = readFileSync(join(dirs.get(dialect)!, r.path));
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), r.path).toBe(dialect === 'it');
    }
    expect(problems).toEqual([]);
  });
});

describe('the descriptor', () => {
  it('is the same bytes on a second run', async () => {
    const again = join(base, 'again');
    await run({ inputs: [SEED], out: again, writers: [] });
    expect(readFileSync(join(again, DATAPACKAGE_FILE))).toEqual(readFileSync(join(dirs.get('standard')!, DATAPACKAGE_FILE)));
  });

  it('keeps "2.10" a string, and reads line lists by their pattern', () => {
    const field = { name: 'project_id', type: 'string' };
    expect(castCell(field, '2.10', [''])).toEqual({ value: '2.10' });
    const lines = { name: 'lines', type: 'string', constraints: { pattern: LINES_PATTERN } };
    expect(castCell(lines, '657 662 410', [''])).toEqual({ value: '657 662 410' });
    expect(castCell(lines, '657,662', [''])).toHaveProperty('problem');
  });

  it('finds a wrong decimal point, a repeated key and a reference to nothing (the check is not vacuous)', () => {
    const bad = join(base, 'bad');
    cpSync(dirs.get('it')!, bad, { recursive: true });
    const edit = (file: string, change: (text: string) => string) => writeFileSync(join(bad, file), change(readFileSync(join(bad, file), 'utf8')));
    edit('budget_lines.csv', (t) => t.replace(';13378,00;', ';13378.00;'));
    edit('partners.csv', (t) => t + t.trimEnd().split('\r\n').at(-1) + '\r\n');
    edit('cofinancing.csv', (t) => t.replace(';5208,00;1;strong;', ';5208,00;99;strong;'));
    const d = descriptorOf('it');
    const problems: string[] = [];
    const tables = new Map<string, Table>();
    for (const r of d.resources) tables.set(r.name, readResource(bad, r, problems));
    checkKeys(tables, problems);
    expect(problems).toEqual([
      expect.stringMatching(/^budget_lines\.csv: row 2: amount_eur: "13378\.00" uses "\."/),
      expect.stringMatching(/^partners: row \d+: primary key .* repeated$/),
      expect.stringMatching(/^cofinancing: row 2: .*,99\] not found in partners/),
    ]);
  });

  it('refuses a key that names a column the table lacks', () => {
    const tables = buildTables({ generator: 'conciliazione', profile: 'x', annexes: [] }, 'it');
    const broken = tables.map((t) => (t.file === 'partners.csv' ? { ...t, columns: t.columns.filter((c) => c.name !== 'seq') } : t));
    expect(() => dataPackage(broken, 'standard')).toThrow(/partners\.csv has no column "seq"/);
  });
});
